/// A Markdown body kept as its UTF-8 bytes. A rebuild takes an unchanged requirement file's body straight from the
/// file's bytes (`DecodedFiles`), found to be UTF-8 when an earlier build read the file whole: it is not checked
/// again as a `String` would be, nor decoded at all unless a page shows it (the summary is found in the bytes).
/// When the rebuild did not read the file at all (its stamp vouched for it), the body is `unread`: only where it
/// lies is known, and the one page that shows it reads it (`ContentReader`).
public struct MarkdownText: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// Where an unread body lies: in the file at `path` (from the site folder), from `offset` to the end of bytes
    /// that hash to `hash` (`BytesHash`) — the bytes an earlier build read and found UTF-8.
    public struct Location: Sendable, Hashable {
        public let path: String
        public let hash: UInt64
        public let offset: Int

        public init(path: String, hash: UInt64, offset: Int) {
            self.path = path
            self.hash = hash
            self.offset = offset
        }
    }

    /// Valid UTF-8: a string's, or bytes that were found to be UTF-8. Empty while the body is `unread`. A slice, so
    /// that a body read from a file is the file's own bytes after the front matter, not a copy of them (its indices
    /// are then those of the file: read it through `withUnsafeBufferPointer`, or from `startIndex`).
    public let utf8: ArraySlice<UInt8>
    /// Where the body lies when it was not read; nil when `utf8` is the body.
    public let unread: Location?

    public init(_ text: String) { self.init(utf8: Array(text.utf8)) }

    public init(stringLiteral value: String) { self.init(value) }

    /// Bytes an earlier build found to be UTF-8 (were they not, `text` would repair them as `String` does).
    public init(utf8: [UInt8]) { self.init(utf8: utf8[...]) }

    /// The same over part of a buffer, which it shares: a file's bytes from where its body starts.
    public init(utf8: ArraySlice<UInt8>) {
        self.utf8 = utf8
        unread = nil
    }

    /// A body not read, found at `location` when it is needed.
    public init(unreadAt location: Location) {
        utf8 = []
        unread = location
    }

    public var text: String { String(decoding: utf8, as: UTF8.self) }

    public var description: String { text }

    /// True for a read body without a byte; an unread body is not known to be empty.
    public var isEmpty: Bool { utf8.isEmpty && unread == nil }
}
