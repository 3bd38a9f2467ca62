/// Reading a bounty as officers write it (SCHEMA.md §4 "Amounts"): version 1's `9600`, `0.5`, `9600万元`,
/// `8.7亿`, `面议` keep their meaning; version 2 adds `5000000元`, `1,000万元`, `1000 万元`, full-width digits,
/// ranges (`500-1000万元`, the unit on the last figure applying to both), minimums (`不低于1亿元`, `…以上`),
/// maximums (`最高6500万元`, `…以内`), `不设金额`, and 美元 / 欧元 / 港元 kept apart.
extension Amount {
    /// The amount `text` states; nil when it states none (`read` says why).
    public init?(text: String) {
        guard case .success(let amount) = Self.read(text) else { return nil }
        self = amount
    }

    /// The amount `text` states, or what is wrong with it — with the value to write where one can be read.
    public static func read(_ text: String) -> Result<Amount, AmountDefect> {
        // No written form is anywhere near this long; a pasted paragraph is not read character by character.
        guard text.utf8.count <= 200 else { return .failure(.unreadable) }
        if let amount = plainFigure(text) { return .success(amount) }
        let written = normalized(text)
        switch written {
        case "面议": return .success(.negotiable)
        case "不设金额", "不设揭榜金额": return .success(.noBounty)
        default: break
        }
        if let result = readFigures(written) { return result }
        // Not in any written form: a leading minus, Chinese numerals, or words around a figure.
        if written.hasPrefix("-"), case .success = read(String(written.dropFirst())) { return .failure(.notPositive) }
        let bare = withoutExtraWords(written)
        let arabic = withArabicNumerals(bare)
        if arabic != written {
            switch read(arabic) {
            case .success(let amount):
                return .failure(.didYouMean(amount, chineseNumerals: arabic != bare))
            case .failure(let defect) where defect != .unreadable:
                return .failure(defect)
            case .failure: break
            }
        }
        return .failure(.unreadable)
    }

    /// The written forms as one regular expression, for editors (`bangdan schema`): a close outline of `read`,
    /// which stays the judge (it also checks bounds, precision and separators).
    public static let writtenPattern: String = {
        let number = "[0-9０-９][0-9０-９,，]*([.．][0-9０-９]+)?"
        let unit = "(万|亿)?(元|美元|欧元|港元)?"
        let figure = number + "\\s*" + unit
        let before = "(不低于|不少于|至少|最低|≥|≧|>=|不超过|不高于|至多|最多|最高|≤|≦|<=)?"
        let between = "(——|[-~～〜至到–—−－])"
        return "^\\s*(面议|不设金额|不设揭榜金额|\(before)\\s*\(figure)(\\s*\(between)\\s*\(figure))?\\s*(以上|以内|以下)?)\\s*$"
    }()

    /// The forms nearly every bounty is written in, read over the bytes: `面议`, and ASCII digits with at most one
    /// fraction, then a unit or nothing (`9600`, `1600万元`, `8.7亿`, `5000000元`), when they state a valid amount.
    /// Nil for anything else (spaces, separators, bounds, a figure out of range…), which the general reading then
    /// takes from the start; where this gives an amount, that reading gives the same one.
    private static func plainFigure(_ text: String) -> Amount? {
        var text = text
        return text.withUTF8 { bytes -> Amount? in
            var i = 0
            while i < bytes.count, bytes[i] &- 0x30 < 10 { i += 1 }
            let wholeEnd = i
            // No figure: only the one word that is most of the rest.
            guard wholeEnd > 0 else { return bytes.elementsEqual("面议".utf8) ? .negotiable : nil }
            var fractionEnd = wholeEnd
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                while i < bytes.count, bytes[i] &- 0x30 < 10 { i += 1 }
                guard i > wholeEnd + 1 else { return nil }
                fractionEnd = i
            }
            let rest = UnsafeBufferPointer(rebasing: bytes[i...])
            var power = 4, currency = Currency.cny
            if !rest.isEmpty {
                guard let unit = units.first(where: { rest.elementsEqual($0.text.utf8) }) else { return nil }
                (power, currency) = (unit.power, unit.currency ?? .cny)
            }
            // As `Wan(decimal:shiftedBy:)`: the fraction's trailing zeros dropped, to the millionth of 万.
            var last = fractionEnd
            while last > wholeEnd + 1, bytes[last - 1] == UInt8(ascii: "0") { last -= 1 }
            let fraction = last > wholeEnd + 1 ? (wholeEnd + 1)..<last : wholeEnd..<wholeEnd
            let places = 6 + power - 4
            guard wholeEnd <= 12, fraction.count <= places else { return nil }
            // Each step at least multiplies by ten: once past the maximum (10^13), it stays past, and never
            // reaches Int64's limit.
            var micro: Int64 = 0
            func append(_ digit: UInt8) -> Bool {
                micro = micro * 10 + Int64(digit)
                return micro <= Wan.maximum.micro
            }
            for index in 0..<wholeEnd where !append(bytes[index] &- 0x30) { return nil }
            for index in fraction where !append(bytes[index] &- 0x30) { return nil }
            for _ in fraction.count..<places where !append(0) { return nil }
            let wan = Wan(micro: micro)
            // Zero, or a sum in 元 under one 万: the general reading says what is wrong.
            guard micro > 0, power != 0 || wan >= Wan(whole: 1) else { return nil }
            return .exact(wan, currency: currency)
        }
    }

    // MARK: The written forms

    /// Words before a figure that bound it: `不低于1亿元`, `最高6500万元`.
    private static let prefixes: [(String, Bound)] = [
        ("不低于", .atLeast), ("不少于", .atLeast), ("至少", .atLeast), ("最低", .atLeast), ("≥", .atLeast),
        (">=", .atLeast), ("不超过", .upTo), ("不高于", .upTo), ("至多", .upTo), ("最多", .upTo), ("最高", .upTo),
        ("≤", .upTo), ("<=", .upTo),
    ]
    /// Words after a figure that bound it: `500万元以上`, `500万元以内`.
    private static let suffixes: [(String, Bound)] = [("以上", .atLeast), ("以内", .upTo), ("以下", .upTo)]
    /// Between the two figures of a range; longest first.
    private static let separators = ["——", "-", "~", "至", "到", "–", "—", "−"]
    /// Units after a figure, longest first: the power of ten of one unit in its currency, and the currency if the
    /// unit names one (`万` and `亿` alone are 元, as in version 1).
    private static let units: [(text: String, power: Int, currency: Currency?)] = {
        var units: [(String, Int, Currency?)] = []
        for currency in Currency.allCases {
            units += [("万" + currency.unit, 4, currency), ("亿" + currency.unit, 8, currency)]
        }
        for currency in Currency.allCases { units.append((currency.unit, 0, currency)) }
        units += [("万", 4, nil), ("亿", 8, nil)]
        return units.sorted { $0.0.count > $1.0.count }
    }()

    private enum Bound { case atLeast, upTo }

    /// One figure as written: its digits (thousands separators kept) and its unit, if any.
    private struct Figure {
        var digits: Substring
        var power: Int?
        var currency: Currency?
    }

    /// Trimmed, full-width digits and punctuation made ASCII, and spaces dropped except between two digits
    /// (`1000 万元` is `1000万元`; `1 000` stays unreadable).
    static func normalized(_ text: String) -> String {
        var chars: [Character] = []
        for c in text.trimmingWhitespace {
            if let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1,
                (0xFF10...0xFF19).contains(scalar.value),
                let digit = Unicode.Scalar(scalar.value - 0xFF10 + 0x30)
            {
                chars.append(Character(digit))
                continue
            }
            switch c {
            case "，": chars.append(",")
            case "．": chars.append(".")
            case "－": chars.append("-")
            case "～", "〜": chars.append("~")
            case "≧": chars.append("≥")
            case "≦": chars.append("≤")
            default: chars.append(c)
            }
        }
        // One pass: a run of spaces is kept only between two digits. (Trimmed, so no run is at either end.)
        var out = ""
        var i = 0
        while i < chars.count {
            guard chars[i].isWhitespace else {
                out.append(chars[i])
                i += 1
                continue
            }
            var end = i
            while end < chars.count && chars[end].isWhitespace { end += 1 }
            if i > 0, end < chars.count, chars[i - 1].isASCIIDigit, chars[end].isASCIIDigit {
                out += String(chars[i..<end])
            }
            i = end
        }
        return out
    }

    /// Nil when `text` is not in the form [bound word] figure [unit] [separator figure [unit]] [bound word];
    /// otherwise the amount, or what is wrong with a text in that form.
    private static func readFigures(_ text: String) -> Result<Amount, AmountDefect>? {
        var rest = Substring(text)
        var bound: Bound?
        if let (word, b) = prefixes.first(where: { rest.hasPrefix($0.0) }) {
            rest = rest.dropFirst(word.count)
            bound = b
        }
        if bound == nil, let (word, b) = suffixes.first(where: { rest.hasSuffix($0.0) }) {
            rest = rest.dropLast(word.count)
            bound = b
        }
        guard let first = scanFigure(&rest) else { return nil }
        var second: Figure?
        if let separator = separators.first(where: { rest.hasPrefix($0) }) {
            rest = rest.dropFirst(separator.count)
            guard let figure = scanFigure(&rest) else { return nil }
            second = figure
        }
        guard rest.isEmpty else { return nil }
        guard let second else {
            return single(first, bound: bound)
        }
        // A range has no bound word, and its unit is on the last figure (or on both).
        guard bound == nil, second.power != nil || first.power == nil else { return nil }
        if let a = first.currency, let b = second.currency, a != b { return nil }
        return range(first, second)
    }

    private static func scanFigure(_ rest: inout Substring) -> Figure? {
        guard let firstDigit = rest.first, firstDigit.isASCIIDigit else { return nil }
        var end = rest.firstIndex { !($0.isASCIIDigit || $0 == ",") } ?? rest.endIndex
        if end < rest.endIndex, rest[end] == "." {
            let afterPoint = rest.index(after: end)
            let fractionEnd = rest[afterPoint...].firstIndex { !$0.isASCIIDigit } ?? rest.endIndex
            if fractionEnd > afterPoint { end = fractionEnd }
        }
        var figure = Figure(digits: rest[..<end])
        rest = rest[end...]
        if let unit = units.first(where: { rest.hasPrefix($0.text) }) {
            rest = rest.dropFirst(unit.text.count)
            figure.power = unit.power
            figure.currency = unit.currency
        }
        return figure
    }

    private static func single(_ figure: Figure, bound: Bound?) -> Result<Amount, AmountDefect> {
        let currency = figure.currency ?? .cny
        let wan: Wan
        switch value(figure) {
        case .success(let w): wan = w
        case .failure(.tooLarge) where figure.power == nil && figure.digits.allSatisfy(\.isASCIIDigit):
            // A bare number is 万 (version 1); one too large for 万 was most likely written in 元.
            let yuan = Figure(digits: figure.digits, power: 0, currency: currency)
            guard case .success(let w) = value(yuan), w >= Wan(whole: 1), w <= Wan.maximum else {
                return .failure(.tooLarge)
            }
            return .failure(.missingUnit(yuan: .exact(w, currency: currency), digits: String(figure.digits)))
        case .failure(let defect): return .failure(defect)
        }
        if figure.power == 0 && wan < Wan(whole: 1) {
            let asWan = Figure(digits: figure.digits, power: 4, currency: currency)
            let suggestion = try? value(asWan).get()
            return .failure(.yuanBelowOneWan(suggestion: suggestion.map { make($0, bound, currency) }))
        }
        return .success(make(wan, bound, currency))
    }

    private static func make(_ wan: Wan, _ bound: Bound?, _ currency: Currency) -> Amount {
        switch bound {
        case nil: .exact(wan, currency: currency)
        case .atLeast?: .atLeast(wan, currency: currency)
        case .upTo?: .upTo(wan, currency: currency)
        }
    }

    private static func range(_ first: Figure, _ second: Figure) -> Result<Amount, AmountDefect> {
        let currency = second.currency ?? first.currency ?? .cny
        var lowerFigure = first
        if lowerFigure.power == nil { lowerFigure.power = second.power }
        let lower: Wan, upper: Wan
        switch (value(lowerFigure), value(second)) {
        case (.success(let a), .success(let b)): (lower, upper) = (a, b)
        case (.failure(let defect), _), (_, .failure(let defect)): return .failure(defect)
        }
        if (lowerFigure.power == 0 && lower < Wan(whole: 1)) || (second.power == 0 && upper < Wan(whole: 1)) {
            var a = lowerFigure, b = second
            if a.power == 0 { a.power = 4 }
            if b.power == 0 { b.power = 4 }
            let suggestion: Amount? =
                switch (value(a), value(b)) {
                case (.success(let x), .success(let y)) where x < y: .range(x, y, currency: currency)
                default: nil
                }
            return .failure(.yuanBelowOneWan(suggestion: suggestion))
        }
        if lower == upper { return .failure(.equalBounds(suggestion: .exact(lower, currency: currency))) }
        if upper < lower { return .failure(.reversedRange(suggestion: .range(upper, lower, currency: currency))) }
        return .success(.range(lower, upper, currency: currency))
    }

    /// The figure in 万 of its currency: positive, at most `Wan.maximum`, to the fen. A bare number is 万
    /// (version 1), so thousands separators need a unit: `9,600` could be 元 or 万.
    private static func value(_ figure: Figure) -> Result<Wan, AmountDefect> {
        var digits = figure.digits
        if digits.contains(",") {
            guard let power = figure.power else {
                // Grouped figures are how notices print 元: suggest that reading when it is a bounty, else 万.
                let plain = Substring(digits.filter { $0 != "," }), currency = figure.currency ?? .cny
                let inYuan = try? value(Figure(digits: plain, power: 0, currency: currency)).get()
                let inWan = try? value(Figure(digits: plain, power: 4, currency: currency)).get()
                let suggestion = inYuan.flatMap { $0 >= Wan(whole: 1) ? $0 : nil } ?? inWan
                return .failure(.separatorWithoutUnit(suggestion: suggestion.map { .exact($0, currency: currency) }))
            }
            let whole = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
                !digits.drop(while: { $0 != "." }).contains(",")
            else { return .failure(.unreadable) }
            digits = Substring(digits.filter { $0 != "," })
            return value(Figure(digits: digits, power: power, currency: figure.currency))
        }
        let shift = (figure.power ?? 4) - 4
        guard let wan = Wan(decimal: digits, shiftedBy: shift) else {
            let fraction = digits.split(separator: ".", maxSplits: 1).dropFirst().first ?? ""
            let places = fraction.reversed().drop { $0 == "0" }.count
            return .failure(places > 6 + shift ? .tooPrecise : .tooLarge)
        }
        guard wan.micro > 0 else { return .failure(.notPositive) }
        guard wan <= Wan.maximum else { return .failure(.tooLarge) }
        return .success(wan)
    }

    // MARK: Readings of what is not a written form, for the message

    /// Without the words officers copy around a figure: `约500万`, `500万元左右`, `人民币500万元`.
    private static func withoutExtraWords(_ text: String) -> String {
        var rest = Substring(text)
        for word in ["大约", "约", "人民币", "RMB", "￥", "¥"] where rest.hasPrefix(word) {
            rest = rest.dropFirst(word.count)
        }
        for word in ["左右", "（人民币）", "(人民币)", "人民币"] where rest.hasSuffix(word) {
            rest = rest.dropLast(word.count)
        }
        return String(rest)
    }

    /// Chinese numerals (`伍佰万元`, `九千万`, `一点五亿`, `5千万`) as Arabic ones (`500万元`, `9000万`, `1.5亿`,
    /// `5000万`); a trailing 万 or 亿 stays a unit. Runs that cannot be read are left as they are.
    static func withArabicNumerals(_ text: String) -> String {
        var out = "", run = ""
        func flush() {
            if run.contains(where: { chineseDigits[$0] != nil || chineseMultipliers[$0] != nil }),
                let arabic = arabicNumber(run)
            {
                out += arabic
            } else {
                out += run
            }
            run = ""
        }
        for c in text {
            if c.isASCIIDigit || c == "." || c == "点" || chineseDigits[c] != nil || chineseMultipliers[c] != nil
                || chineseGroups[c] != nil
            {
                run.append(c)
            } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return out
    }

    private static let chineseDigits: [Character: Int64] = [
        "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "貳": 2, "三": 3, "叁": 3, "參": 3, "四": 4,
        "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
    ]
    private static let chineseMultipliers: [Character: Int64] = [
        "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
    ]
    /// 万 and 亿 group the multipliers below them (一千二百万), and end a number as its unit (九千万).
    private static let chineseGroups: [Character: Int] = ["万": 4, "萬": 4, "亿": 8, "億": 8]

    /// One run of numerals as Arabic digits with its trailing 万 or 亿; nil if it does not read as one number.
    private static func arabicNumber(_ run: String) -> String? {
        var body = Substring(run)
        var unit = ""
        var unitPower = 0
        if let last = body.last, let power = chineseGroups[last] {
            unit = power == 8 ? "亿" : "万"
            unitPower = power
            body = body.dropLast()
        }
        let parts = body.split(omittingEmptySubsequences: false) { $0 == "点" || $0 == "." }
        if parts.count == 2 {
            // 一点五亿: a whole number, then digits one by one, then the unit.
            guard let integer = integerValue(parts[0]) else { return nil }
            var fraction = ""
            for c in parts[1] {
                guard let d = digitValue(c) else { return nil }
                fraction += "\(d)"
            }
            guard !fraction.isEmpty else { return nil }
            return "\(integer).\(fraction)\(unit)"
        }
        // 一亿二千万 is 120000000, written in units of its trailing group: 12000万.
        guard parts.count == 1, let value = integerValue(Substring(run)) else { return nil }
        var divisor: Int64 = 1
        for _ in 0..<unitPower { divisor *= 10 }
        let whole = value / divisor, remainder = value % divisor
        guard remainder > 0 else { return "\(whole)\(unit)" }
        var fraction = String(remainder)
        fraction = String(repeating: "0", count: unitPower - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)\(unit)"
    }

    private static func digitValue(_ c: Character) -> Int64? {
        if c.isASCIIDigit, let ascii = c.asciiValue { return Int64(ascii) - 48 }
        return chineseDigits[c]
    }

    /// 一千零五十 → 1050, 十万 → 100000, 5千万 → 50000000, 一亿二千万 → 120000000. Nil if empty, not numerals,
    /// or too long to be a bounty.
    private static func integerValue(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.count <= 20 else { return nil }
        var total: Int64 = 0, group: Int64 = 0, section: Int64 = 0, current: Int64 = 0
        var sawDigit = false
        for c in text {
            if let d = digitValue(c) {
                current = current * 10 + d
                sawDigit = true
            } else if let m = chineseMultipliers[c] {
                section += (sawDigit ? current : 1) * m
                current = 0
                sawDigit = false
            } else if let power = chineseGroups[c] {
                let value = section + current
                guard value < 1_000_000_000_000, group < 1_000_000_000_000_000 else { return nil }
                if power == 4 {
                    group += value * 10_000
                } else {
                    let sum = total + group + value
                    guard sum < 10_000_000_000 else { return nil }
                    total = sum * 100_000_000
                    group = 0
                }
                section = 0
                current = 0
                sawDigit = false
            } else {
                return nil
            }
            // Twenty characters at most, each step bounded: nothing here can overflow 64 bits.
            guard current < 1_000_000_000_000, section < 1_000_000_000_000_000 else { return nil }
        }
        return total + group + section + current
    }
}
