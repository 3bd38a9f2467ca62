/// A bounty (SCHEMA.md §4 "Amounts"): the kind of figure a notice gives, in 万 of its currency; or 面议; or no
/// money by design. Version 1 knew exact 万元 figures and 面议 only; version 2 keeps the kind it read
/// (`AmountReading.swift` reads, `AmountText.swift` shows, `AmountDefect.swift` says what is wrong).
///
/// Figures are fixed-point `Wan`, so sums never drift and 10,000 requirements of the maximum 10,000,000万 still
/// fit in 64 bits.
public enum Amount: Hashable, Sendable {
    /// `9600万元`, `5000000元`, `300万美元`.
    case exact(Wan, currency: Currency = .cny)
    /// `500-1000万元`: the lower bound is below the upper.
    case range(Wan, Wan, currency: Currency = .cny)
    /// `不低于1亿元`, `500万元以上`.
    case atLeast(Wan, currency: Currency = .cny)
    /// `最高6500万元`, `500万元以内`.
    case upTo(Wan, currency: Currency = .cny)
    /// `面议`: negotiable, no figure.
    case negotiable
    /// `不设金额`: the task has no money by design; shown as 不设揭榜金额, never as 未披露.
    case noBounty

    /// Version 1's spelling of an exact figure in 万元.
    public static func figure(_ wan: Wan) -> Amount { .exact(wan) }

    /// The kinds of SCHEMA.md §4's table, named as open data names them (§8 `bounty.kind`).
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case exact
        case range
        case atLeast = "at_least"
        case upTo = "up_to"
        case negotiable
        case noBounty = "none"
    }

    public var kind: Kind {
        switch self {
        case .exact: .exact
        case .range: .range
        case .atLeast: .atLeast
        case .upTo: .upTo
        case .negotiable: .negotiable
        case .noBounty: .noBounty
        }
    }

    /// The currency of the figures; nil for 面议 and 不设金额, which have none.
    public var currency: Currency? {
        switch self {
        case .exact(_, let c), .range(_, _, let c), .atLeast(_, let c), .upTo(_, let c): c
        case .negotiable, .noBounty: nil
        }
    }

    /// The smallest amount meant, in 万 of `currency` (open data `min_wan`): nil for an upper bound alone.
    public var lowerBound: Wan? {
        switch self {
        case .exact(let w, _), .range(let w, _, _), .atLeast(let w, _): w
        case .upTo, .negotiable, .noBounty: nil
        }
    }

    /// The largest amount meant, in 万 of `currency` (open data `max_wan`): nil for a lower bound alone.
    public var upperBound: Wan? {
        switch self {
        case .exact(let w, _), .range(_, let w, _), .upTo(let w, _): w
        case .atLeast, .negotiable, .noBounty: nil
        }
    }

    /// The figure for totals (SCHEMA.md §4's table), in 万元: the amount, a range's lower bound, or the bound of
    /// an at-least or up-to amount. Nil for 面议, 不设金额 and every foreign currency (never converted).
    public var figure: Wan? {
        switch self {
        case .exact(let w, .cny), .range(let w, _, .cny), .atLeast(let w, .cny), .upTo(let w, .cny): w
        default: nil
        }
    }

    /// An amount in US dollars, euros or Hong Kong dollars (counted in `bounty_foreign`, never in totals).
    public var isForeign: Bool { currency.map { $0 != .cny } ?? false }
}

/// The currencies a bounty may be written in; only 元 (CNY) enters totals.
public enum Currency: String, Hashable, Sendable, CaseIterable {
    case cny = "CNY"
    case usd = "USD"
    case eur = "EUR"
    case hkd = "HKD"

    /// The word after 万/亿 in Chinese: `元`, `美元`, `欧元`, `港元`.
    public var unit: String {
        switch self {
        case .cny: "元"
        case .usd: "美元"
        case .eur: "欧元"
        case .hkd: "港元"
        }
    }

    /// The code before the figure in English: `RMB 5 million`, `USD 3 million`.
    public var englishCode: String { self == .cny ? "RMB" : rawValue }
}

/// An exact amount of 万元, counted in millionths (one millionth of 万元 is one 分).
public struct Wan: Hashable, Sendable, Comparable, AdditiveArithmetic {
    public var micro: Int64

    public init(micro: Int64) { self.micro = micro }
    public init(whole: Int64) { self.micro = whole * 1_000_000 }

    public static let zero = Wan(micro: 0)
    public static let maximum = Wan(whole: 10_000_000)

    /// Parses a plain decimal such as `9600` or `8.7`, multiplied by 10^shift; nil if not a plain decimal, or if
    /// the result needs more than six decimal places of 万.
    init?(decimal: Substring, shiftedBy shift: Int) {
        let parts = decimal.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 12,
            whole.allSatisfy(\.isASCIIDigit)
        else { return nil }
        var fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty else { return nil }
        while fraction.hasSuffix("0") { fraction = fraction.dropLast() }
        let places = 6 + shift
        guard fraction.count <= places else { return nil }
        let digits = (whole + fraction + String(repeating: "0", count: places - fraction.count)).drop { $0 == "0" }
        guard digits.count <= 18, let value = digits.isEmpty ? 0 : Int64(digits) else { return nil }
        self.micro = value
    }

    /// The figure as a decimal string with no trailing zeros, in units of 10^places 万 (0 for 万, 4 for 亿, 2 for a
    /// million, -4 for 元; at least -6, one millionth of 万).
    public func decimalString(unitPlaces places: Int = 0) -> String {
        let width = 6 + places
        var divisor: Int64 = 1
        for _ in 0..<width { divisor *= 10 }
        let whole = micro / divisor
        // Most figures are whole: no fraction to write and trim.
        guard width > 0, micro % divisor != 0 else { return "\(whole)" }
        guard micro > 0 else {
            // Below zero (a difference of two figures): the sign, then the magnitude's digits (the remainder of a
            // negative number is negative, and its text would carry a sign inside the fraction).
            let magnitude = micro.magnitude, unit = UInt64(divisor)
            var fraction = String(magnitude % unit)
            fraction = String(repeating: "0", count: width - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "-\(magnitude / unit)" + (fraction.isEmpty ? "" : ".\(fraction)")
        }
        // The trailing zeros taken off the number, not off its text a character at a time (`removeLast` on a
        // `String` was most of a bounty's text, which every page and row writes).
        var fraction = micro % divisor, digits = width
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - text.utf8.count) + text
    }

    public static func < (a: Wan, b: Wan) -> Bool { a.micro < b.micro }
    public static func + (a: Wan, b: Wan) -> Wan { Wan(micro: a.micro + b.micro) }
    public static func - (a: Wan, b: Wan) -> Wan { Wan(micro: a.micro - b.micro) }
}

extension Character {
    public var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// Trims spaces, tabs, newlines and full-width spaces (U+3000), which officers paste from Word. Inlinable, so
    /// each module calls it specialized for its `String` or `Substring`, not through witness tables (decoding asks
    /// it of every field).
    @inlinable public var trimmingWhitespace: String {
        // Most values need no trimming.
        if let first = unicodeScalars.first, let last = unicodeScalars.last, !first.isTrimmable, !last.isTrimmable {
            return String(self)
        }
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.isTrimmable }) else { return "" }
        // Safe: `first` above found a scalar that is not trimmable, so the last such one exists.
        let last = scalars.lastIndex(where: { !$0.isTrimmable })!
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }
}

extension Unicode.Scalar {
    @usableFromInline var isTrimmable: Bool { isUnicodeWhiteSpace }
}
