/// An attachment file in a list folder.
public struct AttachmentFile: Hashable, Sendable {
    /// The largest attachment a site may hold (SCHEMA.md §1, `file-too-large`); the build never copies more.
    public static let sizeLimit = 20 << 20

    public var listID: String
    public var name: String
    public var path: String
    public var size: Int
    /// Seconds since 1970 of the last change, so a rebuild notices a replaced attachment of the same size.
    public var modified: Double
    public init(listID: String, name: String, path: String, size: Int, modified: Double) {
        self.listID = listID
        self.name = name
        self.path = path
        self.size = size
        self.modified = modified
    }

}
