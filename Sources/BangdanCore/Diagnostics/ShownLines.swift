/// The lines of text that diagnostics point into, by file and line number, as the text format shows them under
/// each message (the caret display). Taken from the bytes the build read, so printing a report reads no file
/// again, and kept in the build cache, so a rebuild with nothing changed shows them without reading the content.
public struct ShownLines: Sendable, Equatable {
    public struct Key: Hashable, Sendable {
        public let path: String
        public let line: Int

        public init(path: String, line: Int) {
            self.path = path
            self.line = line
        }
    }

    public var lines: [Key: String] = [:]

    public init() {}

    public subscript(path: String, line: Int) -> String? {
        get { lines[Key(path: path, line: line)] }
        set { lines[Key(path: path, line: line)] = newValue }
    }
}
