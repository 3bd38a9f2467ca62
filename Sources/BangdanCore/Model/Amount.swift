/// A bounty in 万元 (SCHEMA.md §4 "Amounts"): an exact figure, or 面议 (negotiable, no figure).
///
/// Figures are fixed-point integers of 10⁻⁶ 万元 (one 分), so sums never drift and 10,000 requirements of
/// the maximum 10,000,000万 still fit in 64 bits.
public enum Amount: Hashable, Sendable {
    case figure(Wan)
    case negotiable

    public var figure: Wan? {
        if case .figure(let wan) = self { return wan }
        return nil
    }

    /// Reads `9600`, `0.5`, `9600万元`, `9600万`, `8.7亿元`, `8.7亿`, `面议`. Nil for anything else, including zero,
    /// negatives, more precision than one 分, and more than 10,000,000万.
    public init?(text: String) {
        let trimmed = text.trimmingWhitespace
        if trimmed == "面议" {
            self = .negotiable
            return
        }
        var number = Substring(trimmed)
        var scale = 0  // extra decimal places of 万 per unit: 亿 = 10⁴ 万
        for (suffix, digits) in [("万元", 0), ("万", 0), ("亿元", 4), ("亿", 4)] where number.hasSuffix(suffix) {
            number = number.dropLast(suffix.count)
            scale = digits
            break
        }
        guard let wan = Wan(decimal: number, shiftedBy: scale), wan.micro > 0, wan <= Wan.maximum else { return nil }
        self = .figure(wan)
    }
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

    /// The figure as a decimal string with no trailing zeros, in units of 10^places 万 (0 for 万, 4 for 亿).
    public func decimalString(unitPlaces places: Int = 0) -> String {
        var divisor: Int64 = 1_000_000
        for _ in 0..<places { divisor *= 10 }
        let whole = micro / divisor
        var fraction = String(micro % divisor)
        let width = 6 + places
        fraction = String(repeating: "0", count: width - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }

    public static func < (a: Wan, b: Wan) -> Bool { a.micro < b.micro }
    public static func + (a: Wan, b: Wan) -> Wan { Wan(micro: a.micro + b.micro) }
    public static func - (a: Wan, b: Wan) -> Wan { Wan(micro: a.micro - b.micro) }
}

extension Character {
    public var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// Trims spaces, tabs, newlines and full-width spaces (U+3000), which officers paste from Word.
    public var trimmingWhitespace: String {
        // Most values need no trimming.
        if let first = unicodeScalars.first, let last = unicodeScalars.last, !first.isTrimmable, !last.isTrimmable {
            return String(self)
        }
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.isTrimmable }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isTrimmable })!
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }
}

extension Unicode.Scalar {
    var isTrimmable: Bool { properties.isWhitespace }
}
