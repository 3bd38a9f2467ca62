import BangdanCore

/// The bytes of one data file (JSON, CSV, XML), appended in place: no intermediate strings, no Foundation
/// encoders. Each escaping method gives exactly the bytes of its string-based counterpart (`JSONText.quote`,
/// `Feeds.xml`, `OpenData.csvField`), so the published files stay byte for byte what they were.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Text as it is (markup, keys, numbers): the caller knows it needs no escaping.
    mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func byte(_ byte: UInt8) { bytes.append(byte) }

    mutating func int(_ number: Int) { raw(String(number)) }

    // MARK: JSON (RFC 8259)

    /// A JSON string literal, escaped as `JSONText.quote` does: `"` and `\`, control characters (`\n`, `\r`,
    /// `\t` by name, the rest as `\u00xx`), and `<`, `>`, `&`, U+2028 and U+2029, so the text is also safe inside
    /// an HTML `<script>` and a JavaScript string.
    mutating func jsonString(_ text: String) {
        var text = text
        bytes.append(0x22)
        text.withUTF8 { utf8 in
            var start = 0
            var i = 0
            let count = utf8.count
            while i < count {
                let b = utf8[i]
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
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                if let escape {
                    escape.withUTF8Buffer { bytes.append(contentsOf: $0) }
                } else {
                    // Other control characters: \u00xx in lowercase hexadecimal, as JSONText.quote writes them.
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hexDigit(b >> 4), Self.hexDigit(b & 0xF)])
                }
                i += width
                start = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<count]))
        }
        bytes.append(0x22)
    }

    /// A JSON string, or `null`.
    mutating func jsonOptional(_ text: String?) {
        if let text { jsonString(text) } else { raw("null") }
    }

    /// `"key":` for a key known to need no escaping.
    mutating func key(_ name: StaticString) {
        bytes.append(0x22)
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [0x22, 0x3A])
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

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }

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
        var text = text
        text.withUTF8 { utf8 in
            var formula = false
            if let first = utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 {
                formula = Double(String(decoding: utf8, as: UTF8.self)) == nil
            }
            let quoted = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x3B || $0 == 0x0D || $0 == 0x0A }
            if quoted { bytes.append(0x22) }
            if formula { bytes.append(0x27) }
            guard quoted else {
                bytes.append(contentsOf: utf8)
                return
            }
            var start = 0
            for i in 0..<utf8.count where utf8[i] == 0x22 {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...i]))
                bytes.append(0x22)
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
            bytes.append(0x22)
        }
    }
}
