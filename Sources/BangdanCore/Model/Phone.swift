/// A contact phone as officers write it (SCHEMA.md §4 `contact`): 7–20 of digits, spaces and `+ - ( )`, ▲ optionally
/// followed by an extension (`转542`, `-542`, `ext. 542`); ▲ full-width digits (and full-width `＋ － （ ）` and
/// spaces) are read as their ASCII forms.
public struct Phone: Hashable, Sendable {
    /// The number without its extension, as written (full-width forms made ASCII, spaces trimmed).
    public let number: String
    /// The extension's digits, if one was written.
    public let `extension`: String?
    /// The whole, as written (full-width forms made ASCII): what pages show and open data gives.
    public let text: String

    /// Reads `text`; nil when it is not a phone number in any written form.
    public init?(_ text: String) {
        let written = Phone.ascii(text).trimmingWhitespace
        guard written.count <= 40 else { return nil }
        self.text = written
        if Phone.isNumber(written) {
            number = written
            self.extension = nil
            return
        }
        for (marker, caseless) in [("转", false), ("ext.", true), ("ext", true), ("-", false)] {
            let haystack = caseless ? written.lowercased() : written
            guard let range = haystack.range(of: marker, options: .backwards) else { continue }
            let head = String(haystack[..<range.lowerBound]).trimmingWhitespace
            let tail = String(haystack[range.upperBound...]).trimmingWhitespace
            if marker == "-", tail.count != haystack[range.upperBound...].count { continue }
            guard (1...6).contains(tail.count), tail.allSatisfy(\.isASCIIDigit), Phone.isNumber(head) else { continue }
            number = String(written.prefix(head.count))
            self.extension = tail
            return
        }
        return nil
    }

    /// A `tel:` link (RFC 3966): the digits and a leading `+`, and `;ext=` with the extension.
    public var telURI: String {
        "tel:" + number.filter { $0.isASCIIDigit || $0 == "+" } + (self.extension.map { ";ext=" + $0 } ?? "")
    }

    /// The version-1 rule for the number itself: 7–20 of digits, spaces and `+ - ( )`, with at least one digit.
    static func isNumber(_ text: String) -> Bool {
        (7...20).contains(text.count)
            && text.allSatisfy { $0.isASCIIDigit || " +-()".contains($0) }
            && text.contains { $0.isASCIIDigit }
    }

    /// Full-width digits, `＋ － （ ）` and the ideographic space as ASCII.
    static func ascii(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF0B, 0xFF0D, 0xFF08, 0xFF09:
                out.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
            case 0x3000: out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
