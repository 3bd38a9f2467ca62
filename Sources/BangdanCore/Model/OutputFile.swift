/// One file of the built site: a path relative to the output folder and what goes in it.
public struct OutputFile: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case bytes([UInt8])
        /// A file copied as it is (attachments), by its path relative to the site folder.
        case copy(from: String)
        /// Bytes written as they are made, never held whole (the open data's row files).
        case streamed(StreamedBytes)
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

    public init(_ path: String, streamed: StreamedBytes) {
        self.path = path
        self.content = .streamed(streamed)
    }

}

/// A file's bytes made part by part: `write` hands each part, in order, to the sink it is given, as soon as it is
/// made, so the writer can write it and let it go (requirements.json is 170 MB at 100,000 requirements). Made to
/// be written once; equal only to itself.
public final class StreamedBytes: Sendable, Hashable {
    /// A part of the bytes, valid only during the call.
    public typealias Sink = (UnsafeRawBufferPointer) throws -> Void
    private let make: @Sendable (Sink) throws -> Void

    public init(_ make: @escaping @Sendable (Sink) throws -> Void) { self.make = make }

    /// Makes the bytes, handing each part to `sink`; what `sink` throws stops the making and is thrown.
    public func write(to sink: Sink) throws { try make(sink) }

    public static func == (a: StreamedBytes, b: StreamedBytes) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
