import BangdanCore

/// The search index's tokens with their encoded postings, kept from one build to the next so that an edit patches
/// the tokens whose documents changed instead of merging every group and encoding every token again (the merge and
/// the encoding were two thirds of the index's instructions in an edit rebuild of 10,000 requirements).
extension SearchIndex {
    /// Tokens and their encoded postings (`Postings.encodeBytes`) in index order, in one buffer: token `n` is
    /// `bytes[tokens[n]]`, its postings `bytes[postings[n]]`.
    struct EncodedIndex: Sendable, Equatable, CustomStringConvertible {
        var bytes: [UInt8] = []
        var tokens: [Range<Int>] = []
        var postings: [Range<Int>] = []

        mutating func append(token: some Collection<UInt8>, postings encoded: some Collection<UInt8>) {
            let tokenStart = bytes.count
            bytes += token
            let postingsStart = bytes.count
            bytes += encoded
            tokens.append(tokenStart..<postingsStart)
            postings.append(postingsStart..<bytes.count)
        }

        /// The index of `postings`, each encoded on any core.
        init(_ postings: [Posting]) {
            let encoded = Parallel.map(postings) { Postings.encodeBytes($0.documents) }
            bytes.reserveCapacity(encoded.reduce(0) { $0 + $1.count } + postings.reduce(0) { $0 + $1.token.count })
            tokens.reserveCapacity(postings.count)
            self.postings.reserveCapacity(postings.count)
            for (posting, encoded) in zip(postings, encoded) { append(token: posting.token, postings: encoded) }
        }

        init() {}

        /// Short, for a test's failure: the number of tokens and a hash of every token and its postings.
        var description: String {
            var hash = Fingerprint()
            for (token, postings) in zip(tokens, self.postings) {
                hash.add(bytes[token])
                hash.add(bytes[postings])
            }
            return "EncodedIndex(\(tokens.count) tokens, \(Fingerprint.hex(hash.value)))"
        }

        /// The same tokens with the same postings in the same order, wherever they lie in the buffers.
        static func == (a: Self, b: Self) -> Bool {
            a.tokens.count == b.tokens.count
                && a.tokens.indices.allSatisfy {
                    a.bytes[a.tokens[$0]].elementsEqual(b.bytes[b.tokens[$0]])
                        && a.bytes[a.postings[$0]].elementsEqual(b.bytes[b.postings[$0]])
                }
        }

        /// Where `token` is, by its bytes, when the tokens are in the bytes' order.
        func find(_ token: [UInt8]) -> Int? {
            bytes.withUnsafeBufferPointer { bytes in
                var (low, high) = (0, tokens.count)
                while low < high {
                    let middle = (low + high) / 2
                    let other = UnsafeBufferPointer(rebasing: bytes[tokens[middle]])
                    if other.elementsEqual(token) { return middle }
                    if other.lexicographicallyPrecedes(token) { low = middle + 1 } else { high = middle }
                }
                return nil
            }
        }
    }

    /// The index as a build made it, for the next build to patch (`SearchTokenCache.index`): how its documents were
    /// grouped (their number, the chunk, each group's key in order) and its tokens. Kept only when every token is
    /// plain (`isPlainNFC`): the tokens are then in the bytes' order, and no two of them are one `String`, so a
    /// token's entry depends on its documents alone.
    struct KeptIndex: Sendable, Equatable {
        var count: Int
        var chunk: Int
        var keys: [UInt64]
        var index: EncodedIndex

        /// The record's bytes: the number of documents, the chunk, the number of groups and each key as 8-byte
        /// words, the number of tokens, then each token and its postings as a LEB128 length and bytes.
        var bytes: [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(32 + keys.count * 8 + index.bytes.count + index.tokens.count * 4)
            for word in [UInt64(count), UInt64(chunk), UInt64(keys.count)] + keys + [UInt64(index.tokens.count)] {
                withUnsafeBytes(of: word.littleEndian) { bytes += $0 }
            }
            for (token, postings) in zip(index.tokens, index.postings) {
                SearchTokenCache.Group.append(token.count, to: &bytes)
                bytes += index.bytes[token]
                SearchTokenCache.Group.append(postings.count, to: &bytes)
                bytes += index.bytes[postings]
            }
            return bytes
        }

        init(count: Int, chunk: Int, keys: [UInt64], index: EncodedIndex) {
            (self.count, self.chunk, self.keys, self.index) = (count, chunk, keys, index)
        }

        /// What `bytes` wrote; nil for anything else. Its tokens are in the bytes' order (else it was not kept).
        init?(_ record: [UInt8]) {
            var at = 0
            func key() -> UInt64? { SearchTokenCache.word(record, at: &at) }
            /// A count; those that size an allocation are checked against the bytes left as well.
            func word() -> Int? { key().flatMap { $0 <= UInt64(Int32.max) ? Int($0) : nil } }
            func length() -> Int? {
                let value = record.withUnsafeBufferPointer { SearchTokenCache.Group.number($0, at: &at) }
                return value.flatMap { $0 <= record.count - at ? $0 : nil }
            }
            guard record.count >= 24, let count = word(), let chunk = word(), let groups = word(),
                groups <= (record.count - at) / 8
            else { return nil }
            var keys: [UInt64] = []
            keys.reserveCapacity(groups)
            for _ in 0..<groups {
                guard let key = key() else { return nil }
                keys.append(key)
            }
            guard let tokens = word(), tokens <= record.count - at else { return nil }
            var index = EncodedIndex()
            index.bytes = record
            index.tokens.reserveCapacity(tokens)
            index.postings.reserveCapacity(tokens)
            for _ in 0..<tokens {
                guard let tokenLength = length() else { return nil }
                let token = at..<at + tokenLength
                at += tokenLength
                guard let postingsLength = length() else { return nil }
                index.tokens.append(token)
                index.postings.append(at..<at + postingsLength)
                at += postingsLength
            }
            guard at == record.count else { return nil }
            self.init(count: count, chunk: chunk, keys: keys, index: index)
        }
    }

    /// The index of `groups` made from `kept`, the last build's, where the two differ in few groups: each token
    /// whose documents in a changed group differ there gets its postings again (the last build's, decoded, with that
    /// group's documents replaced), every other token keeps its entry as it was. Nil where this cannot be done
    /// exactly or would not be quicker: other documents or grouping, many groups changed, a changed group's
    /// tokens of the last build not at hand, a token that is not plain; the caller then merges every group.
    static func patched(
        _ kept: KeptIndex, groups: [TokenGroupBytes], count: Int, chunk: Int, earlier: SearchTokenCache
    ) -> EncodedIndex? {
        guard kept.count == count, kept.chunk == chunk, kept.keys.count == groups.count else { return nil }
        let changed = groups.indices.filter { groups[$0].key != kept.keys[$0] }
        guard changed.count <= max(2, groups.count / 8) else { return nil }
        // Each token whose documents differ in a changed group, with the group's documents and its new ones there.
        var dirty: [[UInt8]: [(range: Range<Int>, documents: ArraySlice<Int32>)]] = [:]
        for i in changed {
            let range = groups[i].range
            guard let old = earlier.groups[kept.keys[i]],
                let before = SearchTokenCache.Group.decode(old, firstDocument: range.lowerBound),
                let after = SearchTokenCache.Group.decode(groups[i].bytes, firstDocument: range.lowerBound)
            else { return nil }
            var lists = before.lists
            for (token, documents) in after.lists {
                if lists.removeValue(forKey: token) != documents {
                    dirty[token, default: []].append((range, documents))
                }
            }
            for token in lists.keys { dirty[token, default: []].append((range, [])) }
        }
        guard dirty.count <= max(64, kept.index.tokens.count / 4), dirty.keys.allSatisfy(isPlainNFC) else {
            return nil
        }
        // The new entries of those tokens, in the bytes' order; nil postings for a token no document holds now.
        let replacements = dirty.keys.sorted { $0.lexicographicallyPrecedes($1) }.map {
            token -> (token: [UInt8], postings: [UInt8]?) in
            var documents =
                kept.index.find(token).map {
                    Postings.decode(String(decoding: kept.index.bytes[kept.index.postings[$0]], as: UTF8.self))
                } ?? []
            // Safe: `token` is a key of `dirty`, from which it was just listed.
            for (range, list) in dirty[token]! {
                documents.removeAll { range.contains($0) }
                documents += list.map(Int.init)
            }
            documents.sort()
            return (token, documents.isEmpty ? nil : Postings.encodeBytes(documents))
        }
        // The last build's entries with those put in their places.
        var index = EncodedIndex()
        index.bytes.reserveCapacity(kept.index.bytes.count + 1024)
        index.tokens.reserveCapacity(kept.index.tokens.count + replacements.count)
        index.postings.reserveCapacity(kept.index.tokens.count + replacements.count)
        var next = 0
        func replace(_ replacement: (token: [UInt8], postings: [UInt8]?)) {
            if let postings = replacement.postings { index.append(token: replacement.token, postings: postings) }
            next += 1
        }
        kept.index.bytes.withUnsafeBufferPointer { bytes in
            for (token, postings) in zip(kept.index.tokens, kept.index.postings) {
                let token = UnsafeBufferPointer(rebasing: bytes[token])
                while next < replacements.count && replacements[next].token.lexicographicallyPrecedes(token) {
                    replace(replacements[next])
                }
                if next < replacements.count && replacements[next].token.elementsEqual(token) {
                    replace(replacements[next])
                } else {
                    index.append(token: token, postings: UnsafeBufferPointer(rebasing: bytes[postings]))
                }
            }
        }
        while next < replacements.count { replace(replacements[next]) }
        return index
    }
}

extension SearchTokenCache.Group.Decoded {
    /// Each token's documents, by the token's bytes.
    var lists: [[UInt8]: ArraySlice<Int32>] {
        var lists: [[UInt8]: ArraySlice<Int32>] = [:]
        lists.reserveCapacity(tokenEnds.count)
        var (tokenStart, listStart) = (0, 0)
        for (tokenEnd, listEnd) in zip(tokenEnds, listEnds) {
            lists[Array(bytes[tokenStart..<Int(tokenEnd)])] = documents[listStart..<Int(listEnd)]
            (tokenStart, listStart) = (Int(tokenEnd), Int(listEnd))
        }
        return lists
    }
}
