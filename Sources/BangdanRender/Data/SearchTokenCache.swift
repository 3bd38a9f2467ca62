import BangdanCore

/// The tokens of each group of documents a build made (`SearchIndex.tokenGroup` documents, tokenized on one core),
/// kept for the next build: a group whose documents and searchable text are unchanged is read back instead of
/// tokenized again, so an edit tokenizes the one group that holds the edited requirement (tokenizing is most of the
/// search index's time). A group is found by its key (`SearchIndex.groupKey`: its first document, its number of
/// documents and every field of each), so a group read back is the group the tokenizer would make.
///
/// A group's tokens are one run of bytes (`Group`), as the merge reads them whether made or read back, so every
/// build goes through the same path. The build's index itself is kept too (`index`), for an edit to patch.
///
/// The record: a header, `context`, the index's length, hash and bytes (length 0 for none), then each group as its
/// key, its length, a hash of its bytes and its bytes. `context` (the program) must match; a group whose bytes do
/// not hash as recorded is left out, one that does not read as a group is not used (both are tokenized again), and
/// an index that does not hash or read as recorded is not used (every group is merged).
public struct SearchTokenCache: Sendable {
    /// Each group's bytes by its key.
    var groups: [UInt64: [UInt8]] = [:]
    /// The index made from these groups, when it could be kept (`SearchIndex.KeptIndex`).
    var index: SearchIndex.KeptIndex?

    static let header = Array("bangdan-tokens 2\n".utf8)

    public init() {}

    /// The groups of a build, for the next: each one's bytes, or those it was tokenized to again where its bytes
    /// did not read (`SearchIndex.merged`).
    init(_ groups: [SearchIndex.TokenGroupBytes], retokenized: [UInt64: [UInt8]] = [:]) {
        for group in groups { self.groups[group.key] = retokenized[group.key] ?? group.bytes }
    }

    /// The groups of a record that `pieces(context:)` wrote for the same `context`; none from another or from
    /// bytes that are not such a record.
    public init(bytes: [UInt8], context: UInt64) {
        guard bytes.starts(with: Self.header), bytes.count >= Self.header.count + 8 else { return }
        var at = Self.header.count
        func word() -> UInt64? { Self.word(bytes, at: &at) }
        guard word() == context, let indexLength = word(), let indexHash = word(),
            indexLength <= UInt64(bytes.count - at)
        else { return }
        if indexLength > 0 {
            let record = Array(bytes[at..<at + Int(indexLength)])
            at += Int(indexLength)
            if record.withUnsafeBytes({ BytesHash.of($0) }) == indexHash { index = SearchIndex.KeptIndex(record) }
        }
        var found: [(key: UInt64, hash: UInt64, range: Range<Int>)] = []
        while at < bytes.count {
            guard let key = word(), let length = word(), let hash = word(), length <= UInt64(bytes.count - at) else {
                return
            }
            found.append((key, hash, at..<at + Int(length)))
            at += Int(length)
        }
        // Each group's hash checked on any core. That its bytes read as a group is checked where they are read
        // (`invertedIndex`, which tokenizes a group that does not), not twice.
        let checked = Parallel.map(found) { group -> [UInt8]? in
            let bytes = Array(bytes[group.range])
            return bytes.withUnsafeBytes { BytesHash.of($0) } == group.hash ? bytes : nil
        }
        for (group, bytes) in zip(found, checked) {
            if let bytes { groups[group.key] = bytes }
        }
    }

    /// The little-endian 8-byte word at `at` in `bytes`, moving past it; nil past the end.
    static func word(_ bytes: [UInt8], at: inout Int) -> UInt64? {
        guard at <= bytes.count - 8 else { return nil }
        defer { at += 8 }
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
    }

    /// The record, in pieces (`BuildCache.keep`), groups in the order of their keys.
    public func pieces(context: UInt64) -> [[UInt8]] {
        var start = Self.header
        let index = self.index?.bytes ?? []
        for word in [context, UInt64(index.count), index.withUnsafeBytes { BytesHash.of($0) }] {
            withUnsafeBytes(of: word.littleEndian) { start += $0 }
        }
        var pieces = [start, index]
        for key in groups.keys.sorted() {
            // Safe: the key was just read from the table.
            let bytes = groups[key]!
            var head: [UInt8] = []
            for word in [key, UInt64(bytes.count), bytes.withUnsafeBytes { BytesHash.of($0) }] {
                withUnsafeBytes(of: word.littleEndian) { head += $0 }
            }
            pieces += [head, bytes]
        }
        return pieces
    }

    /// The number of groups.
    public var count: Int { groups.count }

    /// One group's tokens as bytes: the number of tokens, then each token as its length, its UTF-8, the number of
    /// its documents and each document as its distance from the group's first, all numbers as LEB128 varints;
    /// tokens in the order the group met them, documents ascending.
    enum Group {
        /// The bytes of the tokens `table` holds, whose documents are `documents[starts[id]..<starts[id + 1]]`.
        static func bytes(_ table: TokenTable, starts: [Int32], documents: [Int32], firstDocument: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(table.count * 8 + documents.count)
            append(table.count, to: &bytes)
            for id in 0..<table.count {
                table.withToken(id) { token in
                    append(token.count, to: &bytes)
                    bytes += token
                }
                let list = documents[Int(starts[id])..<Int(starts[id + 1])]
                append(list.count, to: &bytes)
                for document in list { append(Int(document) - firstDocument, to: &bytes) }
            }
            return bytes
        }

        /// The number `append` wrote at `at` in `bytes` (at most 35 bits), moving past it; nil past the end.
        static func number(_ bytes: UnsafeBufferPointer<UInt8>, at: inout Int) -> Int? {
            var value = 0, shift = 0
            while at < bytes.count, shift < 35 {
                let byte = bytes[at]
                at += 1
                value |= Int(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }

        static func append(_ value: Int, to bytes: inout [UInt8]) {
            var value = UInt(value)
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }

        /// A group's tokens read back: token i is `bytes[tokenEnds[i - 1]..<tokenEnds[i]]` (from 0 for the first),
        /// its documents `documents[listEnds[i - 1]..<listEnds[i]]`, numbered from the group's first document.
        struct Decoded: Sendable {
            var bytes: [UInt8] = []
            var tokenEnds: [Int32] = []
            var listEnds: [Int32] = []
            var documents: [Int32] = []
        }

        /// The group's tokens, its documents numbered from `firstDocument`; nil when the bytes do not read as a
        /// group to their end.
        static func decode(_ bytes: [UInt8], firstDocument: Int = 0) -> Decoded? {
            bytes.withUnsafeBufferPointer { bytes -> Decoded? in
                var at = 0
                func number() -> Int? { Group.number(bytes, at: &at) }
                var group = Decoded()
                // Every token and document takes at least one byte.
                guard let count = number(), count <= bytes.count else { return nil }
                group.tokenEnds.reserveCapacity(count)
                group.listEnds.reserveCapacity(count)
                group.bytes.reserveCapacity(bytes.count)
                group.documents.reserveCapacity(bytes.count)
                for _ in 0..<count {
                    guard let length = number(), length <= bytes.count - at else { return nil }
                    group.bytes += UnsafeBufferPointer(rebasing: bytes[at..<at + length])
                    group.tokenEnds.append(Int32(group.bytes.count))
                    at += length
                    guard let documents = number(), documents <= bytes.count - at else { return nil }
                    var last = -1
                    for _ in 0..<documents {
                        // Ascending and small (a group holds `tokenGroup` documents).
                        guard let distance = number(), distance < 1 << 20, distance > last else { return nil }
                        last = distance
                        group.documents.append(Int32(firstDocument + distance))
                    }
                    group.listEnds.append(Int32(group.documents.count))
                }
                return at == bytes.count ? group : nil
            }
        }
    }
}

extension SearchIndex {
    /// The key of the group of documents `range` whose fields are `fields`: every field of each, with its length,
    /// and the range (a group's documents are numbered from its first).
    static func groupKey(_ range: Range<Int>, _ fields: [[String]]) -> UInt64 {
        var key = Fingerprint()
        key.add(UInt64(range.lowerBound))
        key.add(UInt64(range.count))
        for document in fields {
            key.add(UInt64(document.count))
            for field in document {
                key.add(UInt64(field.utf8.count))
                key.add(field.utf8)
            }
        }
        return key.value
    }
}
