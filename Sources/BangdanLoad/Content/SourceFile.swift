import BangdanCore

/// What a file under `content/` is, decided by where it sits (SCHEMA.md §1).
public enum SourceRole: Hashable, Sendable {
    case site
    case vocabulary(VocabularyKind)
    case listIndex(listID: String)
    case requirement(listID: String, slug: String)
}

/// One text file read from `content/`: its front matter (already parsed into a YAML node with positions)
/// and its body. Produced by `load`, consumed by `decode`.
public struct SourceFile: Sendable {
    public var path: String
    public var role: SourceRole
    /// The YAML document: the whole file for `.yml`, the front matter for `.md`. Nil when it could not be parsed
    /// (the reason is among the load diagnostics).
    public var yaml: YAMLDocument?
    /// The Markdown after the front matter (empty for a `.yml` file).
    public var body: MarkdownText
    /// The 1-based file line on which the body starts.
    public var bodyLine: Int
    /// Where the body starts in the file's bytes, when the text is those very bytes (no BOM, no carriage return)
    /// and the body is the rest of them as written: what `DecodedFiles` records, to take the body from the bytes
    /// next time. Nil otherwise.
    public var bodyOffset: Int? = nil
}

/// The raw content folder: each text file's bytes and role, the attachments, the layout problems of the walk, and
/// one fingerprint of all of it.
public struct ContentFiles: Sendable {
    public var texts: [(path: String, role: SourceRole, bytes: [UInt8])]
    /// Each text's `BytesHash.of(bytes)`, in the order of `texts` (kept when the bytes are let go).
    public var hashes: [UInt64]
    /// Each text's stamp as the walk found it before reading it, in the order of `texts`; nil when it must not
    /// vouch for the bytes next time (a list's settings and vocabularies are always read).
    public var stamps: [FileStamp?] = []
    /// Positions in `texts` whose bytes were not read because their stamp matched a known file's
    /// (`Loader.read(site:known:)`): their hash is the known one; `Loader.readUnread` reads them, but for those
    /// whose decoded requirement a build reuses, whose body is read only if a page shows it (`ContentReader`).
    public var unread: [Int] = []
    public var attachments: [AttachmentFile]
    public var listIDs: [String]
    public var diagnostics: [Diagnostic]
    public var fingerprint: UInt64
}

/// Everything `load` read: the text files, the attachment files, the problems found on the way.
public struct LoadedContent: Sendable {
    public var files: [SourceFile]
    public var attachments: [AttachmentFile]
    /// List folders seen (including those missing `_index.md`).
    public var listIDs: [String]
    public var diagnostics: [Diagnostic]
    /// Changes whenever any byte of any text file, or any attachment's size or time, changes.
    public var fingerprint: UInt64
}
