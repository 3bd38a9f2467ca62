/// Minimal JSON writing with a fixed key order, so open data and `--format json` are byte-stable.
public enum JSONText {
    /// A JSON string literal. Escapes `<`, `>` and `&` too, so the text is safe inside an HTML `<script>`.
    public static func quote(_ text: String) -> String {
        if !text.utf8.contains(where: {
            $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2
        }) {
            return "\"" + text + "\""
        }
        return quote(text) { "<>&\u{2028}\u{2029}".unicodeScalars.contains($0) }
    }

    /// A JSON string literal that also writes every scalar `escaping` picks as `\uXXXX` (C0 controls always are,
    /// as JSON requires): the one JSON string writer of the pages, the open data and `--format json`.
    public static func quote(_ text: String, escaping: (Unicode.Scalar) -> Bool) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || escaping(scalar) {
                    // UTF-16 units, so a scalar past U+FFFF is written as its surrogate pair.
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// An object from ordered key/value pairs whose values are already JSON.
    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    public static func optional(_ text: String?) -> String { text.map(quote) ?? "null" }
}
