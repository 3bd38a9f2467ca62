import BangdanCore

/// The requirements the last build decoded from files without a problem (`RequirementCoding`), so that a rebuild
/// after an edit parses and checks only the files whose bytes changed (issue 13's edit rebuild). An entry is used
/// only for a file whose bytes hash as they did, under the same `context` (the program and the vocabularies a
/// requirement is checked against), and with what the file gives each time (its place, its body); every rule
/// across files is worked out again each time. Losing or damaging the cache only costs time: an unreadable one is
/// read as empty, and a requirement that does not read sends the build back to the files.
///
/// Only an index is read at first; each requirement is read where it is used (`Entry.requirement`), so the cache
/// of 100,000 requirements is never decoded all at once beside them.
public struct DecodedFiles: Sendable {
    public struct Entry: Sendable {
        /// `BytesHash.of` the file's bytes.
        public var hash: UInt64
        /// Where the body starts in the file's bytes, which are its text (no BOM, no carriage return).
        public var bodyOffset: Int
        public var bodyLine: Int
        /// The cache's bytes (shared by every entry), this entry's span there (its length first), and where its
        /// requirement starts.
        let bytes: [UInt8]
        let span: Range<Int>
        let recordStart: Int

        /// The requirement, given what its file gives now; nil when its bytes do not read as one. `tables`: as
        /// `RequirementCoding.requirement` takes them.
        func requirement(
            listID: String, slug: String, path: String, body: MarkdownText, bodyLine: Int,
            tables: RequirementCoding.PositionTables? = nil
        ) -> Requirement? {
            var input = RecordReader(bytes, from: recordStart, to: span.upperBound)
            guard
                let requirement = RequirementCoding.requirement(
                    from: &input, listID: listID, slug: slug, path: path, body: body, bodyLine: bodyLine,
                    tables: tables),
                input.isAtEnd
            else { return nil }
            return requirement
        }
    }

    /// An entry of the next cache: one read from this cache and kept as it is, or a file just decoded.
    public enum Kept: Sendable {
        case unchanged(Entry)
        case new(path: String, hash: UInt64, bodyOffset: Int, bodyLine: Int, requirement: [UInt8])
    }

    /// By the file's path under the site.
    public var entries: [String: Entry] = [:]

    public init() {}

    static let header = Array("bangdan-decoded 4\n".utf8)

    /// The cache's bytes: the header, `context`, the number of entries, then each entry as its length and its
    /// bytes (path, hash, body offset and line, record), made on every core.
    public static func bytes(_ kept: [Kept], context: UInt64) -> [UInt8] {
        Array(pieces(kept, context: context).joined())
    }

    /// The same bytes in pieces (the header, then the entries a few hundred at a time), to be written one after
    /// the other: 50 MB at 100,000 requirements, never copied into one buffer.
    public static func pieces(_ kept: [Kept], context: UInt64) -> [[UInt8]] {
        var head = RecordWriter(bytes: header)
        head.unsigned(context)
        head.count(kept.count)
        return [head.bytes]
            + Parallel.chunks(kept) { item, bytes in
                switch item {
                case .unchanged(let entry):
                    bytes += entry.bytes[entry.span]
                case .new(let path, let hash, let bodyOffset, let bodyLine, let requirement):
                    var entry = RecordWriter()
                    entry.bytes.reserveCapacity(requirement.count + path.utf8.count + 32)
                    entry.text(path)
                    entry.unsigned(hash)
                    entry.count(bodyOffset)
                    entry.count(bodyLine)
                    entry.bytes += requirement
                    var whole = RecordWriter()
                    swap(&whole.bytes, &bytes)
                    whole.count(entry.bytes.count)
                    whole.bytes += entry.bytes
                    swap(&whole.bytes, &bytes)
                }
            }
    }

    /// The entries of a cache's bytes, when they were written under `context` and every entry's head reads;
    /// else none. Records are not decoded here.
    public init(bytes: [UInt8], context: UInt64) {
        guard bytes.starts(with: Self.header) else { return }
        var input = RecordReader(bytes, from: Self.header.count)
        guard input.unsigned() == context, let count = input.count(), count <= bytes.count else { return }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let start = input.offset
            guard let length = input.count(), length <= bytes.count - input.offset else { return }
            let end = input.offset + length
            var head = RecordReader(bytes, from: input.offset, to: end)
            guard let path = head.text(), let hash = head.unsigned(), let bodyOffset = head.count(),
                let bodyLine = head.count()
            else { return }
            entries[path] = Entry(
                hash: hash, bodyOffset: bodyOffset, bodyLine: bodyLine, bytes: bytes, span: start..<end,
                recordStart: head.offset)
            input.offset = end
        }
        guard input.isAtEnd else { return }
        self.entries = entries
    }
}
