/// URL path handling: routes are ASCII slugs already; attachment names and search queries are percent-encoded.
public enum Paths {
    /// `text` with every byte but ASCII letters, digits, `- . _ ~` (and `/` when `keepSlash`) percent-encoded.
    public static func encode(_ text: String, keepSlash: Bool = true) -> String {
        func plain(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E || (keepSlash && byte == 0x2F)
        }
        if text.utf8.allSatisfy(plain) { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if plain(byte) {
                out.append(byte)
            } else {
                out.append(0x25)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
