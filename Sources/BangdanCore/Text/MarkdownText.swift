/// A Markdown body kept as its UTF-8 bytes. A rebuild takes an unchanged requirement file's body straight from the
/// file's bytes (`DecodedFiles`), found to be UTF-8 when an earlier build read the file whole: it is not checked
/// again as a `String` would be, nor decoded at all unless a page shows it (the summary is found in the bytes).
public struct MarkdownText: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// Valid UTF-8: a string's, or bytes that were found to be UTF-8.
    public let utf8: [UInt8]

    public init(_ text: String) { utf8 = Array(text.utf8) }

    public init(stringLiteral value: String) { self.init(value) }

    /// Bytes an earlier build found to be UTF-8 (were they not, `text` would repair them as `String` does).
    public init(utf8: [UInt8]) { self.utf8 = utf8 }

    public var text: String { String(decoding: utf8, as: UTF8.self) }

    public var description: String { text }

    public var isEmpty: Bool { utf8.isEmpty }
}
