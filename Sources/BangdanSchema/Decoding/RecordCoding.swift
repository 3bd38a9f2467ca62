import BangdanCore

/// The names `RecordWriter.name` writes as a number: the keys of `Requirement.positions` (`RequirementCoding`).
enum RecordCoding {
    /// Every key the requirement declaration holds, at any depth: each is written as its place here plus one, a
    /// byte where its text would take several. Any other name is written as 0 and its text.
    static let names: [String] = {
        var names: [String] = []
        func walk(_ specs: [FieldSpec]) {
            for spec in specs {
                if !names.contains(spec.name) { names.append(spec.name) }
                walk(spec.kind)
            }
        }
        func walk(_ kind: FieldKind) {
            switch kind {
            case .record(let specs), .textOrRecord(_, let specs): walk(specs)
            case .list(let item, _), .oneOrMany(let item, _), .orWord(let item, _): walk(item)
            default: break
            }
        }
        walk(Schema.requirementSpecs)
        return names
    }()

    static let codes = NameTable(names.enumerated().map { ($0.element, $0.offset + 1) })
}

/// Bytes written as `RecordReader` reads them: unsigned numbers in LEB128, signed ones zigzagged, texts as their
/// UTF-8 length and bytes.
struct RecordWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A count or other number that is never negative.
    mutating func count(_ value: Int) { unsigned(UInt64(max(0, value))) }

    mutating func integer(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A key: its code in `RecordCoding.names`, or 0 and its text.
    mutating func name(_ name: String) {
        if let code = RecordCoding.codes[name] {
            count(code)
        } else {
            count(0)
            text(name)
        }
    }

    mutating func position(_ position: SourcePosition) {
        count(position.line)
        count(position.column)
    }

    mutating func day(_ day: Day) {
        count(day.year)
        count(day.month)
        count(day.day)
        byte(UInt8(day.precision.rawValue))
    }

    mutating func amount(_ amount: Amount) {
        func figure(_ kind: UInt8, _ wans: [Wan], _ currency: Currency) {
            byte(kind)
            for wan in wans { integer(wan.micro) }
            text(currency.rawValue)
        }
        switch amount {
        case .exact(let wan, let currency): figure(0, [wan], currency)
        case .range(let low, let high, let currency): figure(1, [low, high], currency)
        case .atLeast(let wan, let currency): figure(2, [wan], currency)
        case .upTo(let wan, let currency): figure(3, [wan], currency)
        case .negotiable: byte(4)
        case .noBounty: byte(5)
        }
    }
}

/// Reads what `RecordWriter` wrote; each read is nil past the end or for a value out of its range.
struct RecordReader {
    let bytes: [UInt8]
    var offset: Int
    /// Where reading stops (the end of an entry).
    let end: Int

    init(_ bytes: [UInt8], from offset: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = min(end ?? bytes.count, bytes.count)
    }

    var isAtEnd: Bool { offset == end }

    mutating func byte() -> UInt8? {
        guard offset < end else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func unsigned() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = byte() {
            guard shift < 64, shift < 63 || byte <= 1 else { return nil }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    /// A count, a line, a column: at most the bytes left times a few thousand, so a damaged cache cannot ask
    /// for a giant allocation.
    mutating func count() -> Int? {
        guard let value = unsigned(), value <= UInt64(Int32.max) else { return nil }
        return Int(value)
    }

    mutating func integer() -> Int64? {
        guard let value = unsigned() else { return nil }
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    mutating func text() -> String? {
        guard let length = count(), length <= end - offset else { return nil }
        defer { offset += length }
        let start = offset
        // Repaired rather than refused if not UTF-8: the cache is trusted no more than its hash keys are.
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + length)]), as: UTF8.self)
        }
    }

    mutating func name() -> String? {
        guard let code = count() else { return nil }
        guard code > 0 else { return text() }
        return code <= RecordCoding.names.count ? RecordCoding.names[code - 1] : nil
    }

    mutating func position() -> SourcePosition? {
        guard let line = count(), let column = count() else { return nil }
        return SourcePosition(line: line, column: column)
    }

    mutating func day() -> Day? {
        guard let year = count(), let month = count(), let day = count(), let raw = byte(),
            let precision = Day.Precision(rawValue: Int(raw))
        else { return nil }
        let read: Day? =
            switch precision {
            case .day: Day(year: year, month: month, day: day)
            case .month: day == 1 ? Day(year: year, month: month) : nil
            case .year: month == 1 && day == 1 ? Day(year: year, month: nil) : nil
            }
        return read
    }

    mutating func amount() -> Amount? {
        func figures(_ count: Int) -> ([Wan], Currency)? {
            var wans: [Wan] = []
            for _ in 0..<count {
                // A figure a file can give: none below zero or past the maximum (a damaged record's would be
                // written as text no reading makes, or stop the program where a negative one is).
                guard let micro = integer(), (0...Wan.maximum.micro).contains(micro) else { return nil }
                wans.append(Wan(micro: micro))
            }
            guard let code = text(), let currency = Currency(rawValue: code) else { return nil }
            return (wans, currency)
        }
        switch byte() {
        case 0: return figures(1).map { .exact($0.0[0], currency: $0.1) }
        case 1: return figures(2).map { .range($0.0[0], $0.0[1], currency: $0.1) }
        case 2: return figures(1).map { .atLeast($0.0[0], currency: $0.1) }
        case 3: return figures(1).map { .upTo($0.0[0], currency: $0.1) }
        case 4: return .negotiable
        case 5: return .noBounty
        default: return nil
        }
    }
}
