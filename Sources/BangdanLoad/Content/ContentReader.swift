import BangdanCore

/// Reads, while the site is made, the body of a requirement whose file the build did not read (`MarkdownText`'s
/// `unread`): the stamp of the file vouched for its bytes, and only the page that shows the body needs them. The
/// file is read as the loader reads it (`RegularFile`) and refused unless its bytes still hash as those the build
/// checked: a file written while the build ran stops the build before anything is published.
public struct ContentReader: Sendable {
    /// The site folder, which holds `content/`.
    let site: String

    public init(site: String) { self.site = site }

    /// `text` itself when it was read; else its bytes, from the file.
    public func body(_ text: MarkdownText) throws -> MarkdownText {
        guard let location = text.unread else { return text }
        let parts = location.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch RegularFile.read(under: site, parts, limit: Loader.markdownLimit) {
        case .bytes(let bytes):
            guard location.offset <= bytes.count, BytesHash.of(bytes) == location.hash else {
                throw BangdanError.changedDuringBuild(path: location.path)
            }
            // The bytes hash as they did when an earlier build read them whole and found them UTF-8.
            return MarkdownText(utf8: bytes[location.offset...])
        case .tooLarge, .notRegular:
            throw BangdanError.changedDuringBuild(path: location.path)
        case .failed(let reason):
            throw BangdanError.unreadable(path: location.path, reason: reason)
        }
    }
}
