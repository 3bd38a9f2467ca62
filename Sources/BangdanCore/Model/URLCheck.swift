import Foundation

/// The one check for every URL that may be published (SCHEMA.md §4 `url-invalid`; `base_url` in site.yml):
/// an absolute http(s) URL with a host, written so that it means the same to every browser and can sit in any
/// HTML attribute, feed or JSON file without escaping tricks.
///
/// Refused: any scheme but http/https; a missing or malformed host; user info (`https://a@b/` goes to `b`);
/// a port outside 1…65535; whitespace, control, format (bidi) and private-use characters; `"` `'` `<` `>` and the
/// backtick (they end or open an HTML attribute); a backslash (browsers read it as `/`, so
/// `https://a.example\@b.example/` reaches `b.example`); the ASCII characters RFC 3986 never allows raw
/// (`{ } | ^`, and `[ ]` outside an IPv6 host); a `%` not followed by two hex digits.
///
/// `base_url` is held to more: its path is a prefix of every page's address, so it may not carry a query or a
/// fragment (every page would become the same page with a different query), and its path is plain ASCII
/// (letters, digits, `- . _ ~`, and percent-escapes of UTF-8 text such as `%E6%A6%9C`) in segments joined by
/// single `/`, with no `.` or `..` segment, written or escaped — so `https://a.example//b.example/` cannot turn
/// the theme's `/assets/…` links into `//b.example/assets/…`.
public enum URLCheck {
    public enum Defect: Hashable, Sendable {
        case scheme
        case host
        case userInfo
        case port
        case character(Unicode.Scalar)
        case percent
        case queryOrFragment
        case basePath
    }

    public static func isWebURL(_ text: String, asBase: Bool = false) -> Bool {
        defect(in: text, asBase: asBase) == nil
    }

    /// True when the text starts with `http://` or `https://` in any case: the same test decides whether an
    /// attachment names a URL or a file, so the two can never disagree.
    public static func hasWebScheme(_ text: some StringProtocol) -> Bool {
        let lower = text.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// What is wrong with `text` as a published URL (as `base_url` when `asBase`), or nil when nothing is.
    public static func defect(in text: String, asBase: Bool = false) -> Defect? {
        if let bad = text.unicodeScalars.first(where: isForbidden) { return .character(bad) }
        guard hasWebScheme(text) else { return .scheme }
        let rest = text.unicodeScalars.drop { $0 != ":" }.dropFirst(3)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") { return .userInfo }
        if let problem = authorityDefect(Substring(authority)) { return problem }
        let tail = rest.dropFirst(authority.count)
        if let problem = escapeDefect(Substring(tail)) { return problem }
        if tail.contains("[") || tail.contains("]") { return .character(tail.first { $0 == "[" || $0 == "]" } ?? "[") }
        guard asBase else { return nil }
        if tail.contains("?") || tail.contains("#") { return .queryOrFragment }
        let path = Substring(tail)
        if path.isEmpty { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()  // before the first "/"
        for (i, segment) in segments.enumerated() {
            let last = i == segments.count - 1
            if segment.isEmpty && !last { return .basePath }  // "//"
            if !isPlainSegment(segment) { return .basePath }
        }
        return nil
    }

    /// A segment of `base_url`'s path: ASCII letters, digits, `- . _ ~` and percent-escapes, which together must
    /// decode to UTF-8 text holding no `/`, no character refused raw (control, whitespace, bidi, quote, angle
    /// bracket, backslash…) and not be `.` or `..` (browsers read `%2E%2E` as `..`). So an agency can publish under
    /// `/%E6%A6%9C%E5%8D%95/` (/榜单/), while `%2F`, `%5C`, `%00` or `%2E%2E` cannot change where links lead.
    private static func isPlainSegment(_ segment: Substring) -> Bool {
        var bytes: [UInt8] = []
        var utf8 = segment.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = utf8.next().flatMap(hexValue), let low = utf8.next().flatMap(hexValue) else {
                    return false
                }
                bytes.append(high << 4 | low)
                continue
            }
            let scalar = Unicode.Scalar(byte)
            guard
                byte < 0x80
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || "-._~".unicodeScalars.contains(scalar))
            else { return false }
            bytes.append(byte)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self), decoded != ".", decoded != ".." else {
            return false
        }
        return !decoded.unicodeScalars.contains { $0 == "/" || isForbidden($0) }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Characters no published URL may hold anywhere.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isUnicodeWhiteSpace { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate, .privateUse,
            .unassigned:
            return true
        default:
            return "\"'<>`\\{}|^".unicodeScalars.contains(scalar)
        }
    }

    /// `host[:port]`: a bracketed IPv6 address, or dot-separated labels of letters, digits and hyphens
    /// (non-ASCII letters allowed for internationalised names), no empty label, no label that starts or ends in
    /// a hyphen; a port of 1…65535 written in digits.
    private static func authorityDefect(_ authority: Substring) -> Defect? {
        var host = authority
        var port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .host }
            host = authority[authority.startIndex...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return .host }
                port = after.dropFirst()
            }
            let inside = host.dropFirst().dropLast()
            guard inside.contains(":"),
                inside.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." })
            else { return .host }
        } else {
            if let colon = authority.lastIndex(of: ":") {
                host = authority[..<colon]
                port = authority[authority.index(after: colon)...]
            }
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            guard !host.isEmpty,
                labels.allSatisfy({ label in
                    !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                        && label.unicodeScalars.allSatisfy {
                            $0 == "-" || $0.properties.isAlphabetic || $0.properties.numericType == .decimal
                        }
                })
            else { return .host }
        }
        if let port {
            guard !port.isEmpty, port.count <= 5, port.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }),
                let number = Int(port), (1...65_535).contains(number)
            else { return .port }
        }
        return nil
    }

    /// Every `%` starts an escape of two hex digits.
    private static func escapeDefect(_ text: Substring) -> Defect? {
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "%" else { continue }
            guard let a = scalars.next(), let b = scalars.next(),
                a.properties.isASCIIHexDigit, b.properties.isASCIIHexDigit
            else { return .percent }
        }
        return nil
    }

    /// Why a value is not a URL that may be published, and what to write instead.
    public static func explanation(of text: String, field: String, _ l: Language) -> String {
        let asBase = field == "base_url"
        let reason: String
        switch defect(in: text, asBase: asBase) {
        case .scheme?: reason = l.pick("应以 http:// 或 https:// 开头", "it must start with http:// or https://")
        case .host?: reason = l.pick("缺少主机名，或主机名不对", "the host name is missing or malformed")
        case .userInfo?:
            reason = l.pick("主机名前不能有用户名或密码（@ 之前的部分）", "it must not carry a user name or password (a part before @)")
        case .port?: reason = l.pick("端口应为 1–65535", "the port must be 1–65535")
        case .character(let c)?:
            let shown =
                c.isUnicodeWhiteSpace || c.value < 0x20 || c.value == 0x7F
                    || c.properties.generalCategory == .format
                    || c.properties.generalCategory == .control || c.properties.generalCategory == .unassigned
                    || c.properties.generalCategory == .privateUse
                ? "U+" + String(repeating: "0", count: max(0, 4 - String(c.value, radix: 16).count))
                    + String(c.value, radix: 16, uppercase: true)
                : "'\(c)'"
            reason = l.pick(
                "含有不允许的字符 \(shown)：网址中不能有空格、引号、尖括号、反斜杠或控制字符，其他特殊字符请用 %编码",
                "it contains \(shown): a URL may not hold spaces, quotes, angle brackets, backslashes or control characters; percent-encode other special characters"
            )
        case .percent?: reason = l.pick("% 后应为两位十六进制数字", "every % must be followed by two hex digits")
        case .queryOrFragment?: reason = l.pick("网站地址不能含 ? 或 #", "the site address may not contain ? or #")
        case .basePath?:
            reason = l.pick(
                "路径只能由字母、数字、- . _ ~ 和 %编码（如 %E6%A6%9C）组成，用单个 / 分隔，不能有 . 或 .. 段",
                "its path may hold only letters, digits, - . _ ~ and percent-escapes (such as %E6%A6%9C), in parts joined by single /, with no . or .. part"
            )
        case nil: reason = l.pick("不能发布", "it cannot be published")
        }
        let example =
            asBase ? "https://kjt.example.gov.cn/bangdan/" : "https://kjt.example.gov.cn/art/2022/6/29/art_1.html"
        return l.pick("\(reason)。应写完整的网址，如 \(example)", "\(reason); write a full address such as \(example)")
    }
}
