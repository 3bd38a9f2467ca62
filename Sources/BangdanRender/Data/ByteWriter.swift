import BangdanCore
import BangdanSchema

/// The bytes of one data file (JSON, CSV, XML), appended in place: no intermediate strings, no Foundation
/// encoders. Each escaping method gives exactly the bytes of its string-based counterpart (`JSONText.quote`,
/// `Feeds.xml`), so the published files stay byte for byte what they were.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Text as it is (markup, keys, numbers): the caller knows it needs no escaping.
    mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ other: [UInt8]) { bytes.append(contentsOf: other) }
    mutating func raw(_ other: ArraySlice<UInt8>) { bytes.append(contentsOf: other) }

    mutating func byte(_ byte: UInt8) { bytes.append(byte) }

    mutating func int(_ number: Int) { raw(String(number)) }

    /// `Paths.encode(SiteModel.requirementRoute(r))`, written part by part: `lists/<list>/<slug>/`, percent-encoded,
    /// so nothing in it needs escaping in JSON, XML or CSV.
    mutating func requirementRoute(_ q: Requirement) {
        raw("lists/")
        raw(Paths.encode(q.listID))
        byte(0x2F)
        raw(Paths.encode(q.slug))
        byte(0x2F)
    }

    // MARK: JSON (RFC 8259)

    /// A JSON string literal, escaped as `JSONText.quote` does: `"` and `\`, control characters (`\n`, `\r`,
    /// `\t` by name, the rest as `\u00xx`), and `<`, `>`, `&`, U+2028 and U+2029, so the text is also safe inside
    /// an HTML `<script>` and a JavaScript string.
    mutating func jsonString(_ text: String) { JSONText.appendQuoted(text, to: &bytes) }

    /// What `jsonString` writes between the quotes: a string written in parts (`list/slug`) is escaped part by
    /// part (`JSONText.appendEscaped`).
    mutating func jsonEscaped(_ text: String) { JSONText.appendEscaped(text, to: &bytes) }

    /// A declared field's value as open data JSON (`FieldValue.appendOpenJSON`).
    mutating func openJSON(_ value: some FieldValue) { value.appendOpenJSON(to: &bytes) }

    /// A bounty as open data JSON (`Amount.appendOpenBountyJSON`), or `null`.
    mutating func openBountyJSON(_ amount: Amount?) {
        if let amount { amount.appendOpenBountyJSON(to: &bytes) } else { raw("null") }
    }

    /// A declared field of `root` as open data JSON (`Field.appendOpenJSON`).
    mutating func openJSON<Root>(_ field: Field<Root>, of root: Root) { field.appendOpenJSON(root, to: &bytes) }

    /// A JSON string, or `null`.
    mutating func jsonOptional(_ text: String?) {
        if let text { jsonString(text) } else { raw("null") }
    }

    /// `"key":` for a key known to need no escaping.
    mutating func key(_ name: StaticString) {
        bytes.append(0x22)
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x3A)
    }

    /// `[item,item,…]`.
    mutating func jsonArray<T>(_ items: [T], _ each: (inout ByteWriter, T) -> Void) {
        bytes.append(0x5B)
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            each(&self, item)
        }
        bytes.append(0x5D)
    }

    /// `true` or `false`.
    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    // MARK: XML

    /// Text or an attribute value in XML: `& < > " '` as entities, everything else as it is.
    mutating func xml(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let escape: StaticString
                switch utf8[i] {
                case 0x26: escape = "&amp;"
                case 0x3C: escape = "&lt;"
                case 0x3E: escape = "&gt;"
                case 0x22: escape = "&quot;"
                case 0x27: escape = "&apos;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                escape.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
    }

    // MARK: CSV (RFC 4180)

    /// One CSV field: quoted when it holds a comma, quote, semicolon or line break (a quote doubled); a leading
    /// `= + - @` gets an apostrophe so a spreadsheet never runs content as a formula (a plain number excepted).
    mutating func csvField(_ text: String) {
        let start = bytes.count
        raw(text)
        csvQuote(from: start)
    }

    /// Quotes and disarms, as `csvField(_:)` does, the field written from `start` to the end: a field written in
    /// parts (a list joined with `;`, a name and its region). Most fields need neither, and stay as they are.
    mutating func csvQuote(from start: Int) {
        var formula = false
        if start < bytes.count {
            let first = bytes[start]
            if first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 {
                formula = Double(String(decoding: bytes[start...], as: UTF8.self)) == nil
            }
        }
        let quoted = bytes[start...].contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x3B || $0 == 0x0D || $0 == 0x0A }
        guard formula || quoted else { return }
        var field: [UInt8] = []
        field.reserveCapacity(bytes.count - start + 8)
        if quoted { field.append(0x22) }
        if formula { field.append(0x27) }
        for b in bytes[start...] {
            field.append(b)
            // Only a quoted field can hold a quote.
            if b == 0x22 { field.append(0x22) }
        }
        if quoted { field.append(0x22) }
        bytes.replaceSubrange(start..., with: field)
    }
}

/// Where the members of a JSON object go, in order: `member` names one, and `writer` gets its value. `JSONObject`
/// writes them as the object's bytes; `JSONPairs` keeps each as a (name, JSON text) pair, as tests read them.
protocol JSONMembers {
    /// A member whose name needs no escaping in JSON (the open data's own keys): written as it is.
    mutating func member(_ name: StaticString)
    /// A member whose name is escaped as any JSON string (a declared field's).
    mutating func member(named name: String)
    var writer: ByteWriter { get set }
}

extension JSONMembers {
    mutating func string(_ name: StaticString, _ text: String) {
        member(name)
        writer.jsonString(text)
    }

    mutating func optional(_ name: StaticString, _ text: String?) {
        member(name)
        writer.jsonOptional(text)
    }

    /// A value that is already JSON (a number, `null`).
    mutating func raw(_ name: StaticString, _ json: String) {
        member(name)
        writer.raw(json)
    }

    mutating func bool(_ name: StaticString, _ value: Bool) {
        member(name)
        writer.bool(value)
    }

    mutating func strings(_ name: StaticString, _ items: [String]) {
        member(name)
        writer.jsonArray(items) { $0.jsonString($1) }
    }

    mutating func open(_ name: StaticString, _ value: some FieldValue) {
        member(name)
        writer.openJSON(value)
    }

    /// A list of declared values: `[item,item,…]`, as `Array.appendOpenJSON` writes it, each item's writer called
    /// directly.
    mutating func open<Item: FieldValue>(_ name: StaticString, _ items: [Item]) {
        member(name)
        writer.jsonArray(items) { $0.openJSON($1) }
    }
}

/// A JSON object written after the bytes of a writer: `{"name":value,…}`.
struct JSONObject: JSONMembers {
    var writer: ByteWriter
    private var isEmpty = true

    /// Takes `w`'s bytes, to write the object after them; `end` gives them back. They move, never copied.
    init(after w: inout ByteWriter) {
        writer = w
        w = ByteWriter()
    }

    mutating func member(_ name: StaticString) {
        writer.byte(isEmpty ? 0x7B : 0x2C)
        isEmpty = false
        writer.key(name)
    }

    mutating func member(named name: String) {
        writer.byte(isEmpty ? 0x7B : 0x2C)
        isEmpty = false
        writer.jsonString(name)
        writer.byte(0x3A)
    }

    /// Closes the object; the writer's bytes end with it.
    mutating func end() -> ByteWriter {
        if isEmpty { writer.byte(0x7B) }
        writer.byte(0x7D)
        defer { writer = ByteWriter() }
        return writer
    }
}

/// Each member as a (name, JSON text) pair.
struct JSONPairs: JSONMembers {
    var writer = ByteWriter()
    private var names: [String] = []
    private var values: [String] = []

    mutating func member(_ name: StaticString) { member(named: name.description) }

    mutating func member(named name: String) {
        if !names.isEmpty { takeValue() }
        names.append(name)
    }

    private mutating func takeValue() {
        values.append(String(decoding: writer.bytes, as: UTF8.self))
        writer = ByteWriter()
    }

    var pairs: [(String, String)] {
        var all = self
        if all.names.count > all.values.count { all.takeValue() }
        return Array(zip(all.names, all.values))
    }
}

/// A CSV row written after the bytes of a writer: fields joined by commas (`next` begins each, and `writer` gets
/// its text, quoted and disarmed once it is complete: `ByteWriter.csvQuote`), a CRLF at the end.
struct CSVRow {
    var writer: ByteWriter
    /// Where the field being written starts.
    private var start: Int? = nil

    /// Takes `w`'s bytes, to write the row after them; `end` gives them back. They move, never copied.
    init(after w: inout ByteWriter) {
        writer = w
        w = ByteWriter()
    }

    mutating func next() {
        if let start {
            writer.csvQuote(from: start)
            writer.byte(0x2C)
        }
        start = writer.bytes.count
    }

    mutating func field(_ text: String) {
        next()
        writer.raw(text)
    }

    /// The items of a list, joined with `;`, as one field.
    mutating func field(joining items: [String]) {
        next()
        for position in items.indices {
            if position > 0 { writer.byte(0x3B) }
            writer.raw(items[position])
        }
    }

    /// Ends the last field and the row.
    mutating func end() -> ByteWriter {
        if let start { writer.csvQuote(from: start) }
        writer.raw("\r\n")
        defer { writer = ByteWriter() }
        return writer
    }
}
