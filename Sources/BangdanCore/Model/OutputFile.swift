/// One file of the built site: a path relative to the output folder and what goes in it.
public struct OutputFile: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case bytes([UInt8])
        /// A file copied as it is (attachments), by its path relative to the site folder.
        case copy(from: String)
    }

    public var path: String
    public var content: Content

    public init(_ path: String, _ text: String) {
        self.path = path
        self.content = .bytes(Array(text.utf8))
    }

    public init(_ path: String, bytes: [UInt8]) {
        self.path = path
        self.content = .bytes(bytes)
    }

    public init(_ path: String, copyFrom source: String) {
        self.path = path
        self.content = .copy(from: source)
    }

}
