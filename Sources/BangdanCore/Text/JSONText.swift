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
        // Into one buffer: the keys as `appendQuoted` writes them (the bytes of `quote`), the values as they are.
        var json: [UInt8] = [0x7B]
        json.reserveCapacity(pairs.reduce(2) { $0 + $1.0.utf8.count + $1.1.utf8.count + 4 })
        for (index, (key, value)) in pairs.enumerated() {
            if index > 0 { json.append(0x2C) }
            appendQuoted(key, to: &json)
            json.append(0x3A)
            json += value.utf8
        }
        json.append(0x7D)
        return String(decoding: json, as: UTF8.self)
    }

    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    public static func optional(_ text: String?) -> String { text.map(quote) ?? "null" }

    /// Appends exactly the bytes of `quote(text)` to `json`, without making a string: the open data writes
    /// its rows this way (`FieldValue.appendOpenJSON`, the render stage's `ByteWriter`).
    public static func appendQuoted(_ text: String, to json: inout [UInt8]) {
        json.append(0x22)
        appendEscaped(text, to: &json)
        json.append(0x22)
    }

    /// Appends what `quote(text)` writes between its quotes. Escaping goes byte by byte (U+2028 and U+2029 are
    /// whole characters), so the escaped parts of a text are the parts of the escaped text: `a/b` may be written
    /// as `a`, `/`, `b`.
    public static func appendEscaped(_ text: String, to json: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped(utf8: $0, to: &json) }
    }

    /// `appendEscaped` for UTF-8 bytes already at hand (a search token's).
    public static func appendEscaped(utf8: UnsafeBufferPointer<UInt8>, to json: inout [UInt8]) {
        var start = 0
        var i = 0
        let count = utf8.count
        while i < count {
            let b = utf8[i]
            // Letters and most of UTF-8 (Chinese text whole) need no escape: one test, then the cases.
            if b >= 0x3F && b != 0x5C && b != 0xE2 {
                i += 1
                continue
            }
            let escape: StaticString?
            var width = 1
            switch b {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x3C: escape = "\\u003c"
            case 0x3E: escape = "\\u003e"
            case 0x26: escape = "\\u0026"
            case 0xE2 where i + 2 < count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                escape = utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                width = 3
            case ..<0x20: escape = nil
            default:
                i += 1
                continue
            }
            json.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
            if let escape {
                escape.withUTF8Buffer { json.append(contentsOf: $0) }
            } else {
                // Other control characters: \u00xx in lowercase hexadecimal, as `quote` writes them.
                json.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigit(b >> 4), hexDigit(b & 0xF)])
            }
            i += width
            start = i
        }
        json.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<count]))
    }

    /// Appends the JSON string literal of `text`, or `null`.
    public static func appendOptional(_ text: String?, to json: inout [UInt8]) {
        if let text { appendQuoted(text, to: &json) } else { appendRaw("null", to: &json) }
    }

    /// Appends text that is already JSON (a number, `null`, `true`).
    public static func appendRaw(_ text: String, to json: inout [UInt8]) {
        var text = text
        text.withUTF8 { json.append(contentsOf: $0) }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }
}
