import BangdanCore
import Foundation

/// The inverted index of `SearchIndex`, made without a `String` a token: tokens are UTF-8 bytes interned in
/// `TokenTable`s, each group of documents tokenized on its own core into a table of its own, then merged in document
/// order. The result is exactly what a `[String: [Int]]` of `tokens(indexing:)` sets gives, sorted by `String`'s
/// `<` (`SearchTokensTests` compares the two).
extension SearchIndex {
    /// One token: its UTF-8 and its documents, ascending.
    struct Posting: Sendable {
        let token: [UInt8]
        let documents: [Int32]
    }

    /// Documents tokenized on one core at once (a group's table is merged once, so fewer, larger groups merge
    /// faster; enough groups to a chunk keep every core busy).
    static let tokenGroup = 128

    /// The inverted index of `count` documents, numbered 0..<count, whose text is the fields `fields(n)` joined by
    /// line breaks: every token of `tokens(indexing:)` with its documents, in `String` order of the tokens. Tokens
    /// are made `chunk` documents at a time, so the token lists of only one chunk are held.
    static func invertedIndex(
        count: Int, chunk: Int = tokenChunk, fields: @Sendable (Int) -> [String]
    ) -> [Posting] {
        invertedIndex(count: count, chunk: chunk, earlier: SearchTokenCache(), fields: fields).postings
    }

    /// `invertedIndex`, reading back the groups of `earlier` whose key is unchanged (`SearchTokenCache`); `made`:
    /// every group of this index, for the next build.
    static func invertedIndex(
        count: Int, chunk: Int = tokenChunk, earlier: SearchTokenCache, fields: @Sendable (Int) -> [String]
    ) -> (postings: [Posting], made: SearchTokenCache) {
        let groups = tokenGroups(count: count, chunk: chunk, earlier: earlier, fields: fields)
        let index = merged(groups, chunk: chunk, fields: fields)
        return (index.postings, SearchTokenCache(groups, retokenized: index.retokenized))
    }

    /// One group of documents (`tokenGroup` of them, or fewer at a chunk's end): its documents, its key
    /// (`groupKey`) and its tokens as bytes (`SearchTokenCache.Group`).
    struct TokenGroupBytes: Sendable {
        let range: Range<Int>
        let key: UInt64
        let bytes: [UInt8]
    }

    /// Every group of `count` documents in document order, `chunk` documents at a time: read back from `earlier`
    /// by its key, else tokenized on any core. Only bytes are held, never a group's lists.
    static func tokenGroups(
        count: Int, chunk: Int = tokenChunk, earlier: SearchTokenCache, fields: @Sendable (Int) -> [String]
    ) -> [TokenGroupBytes] {
        let chunk = max(1, chunk), group = max(1, min(chunk, tokenGroup))
        var ranges: [Range<Int>] = []
        for start in stride(from: 0, to: count, by: chunk) {
            let end = min(count, start + chunk)
            ranges += stride(from: start, to: end, by: group).map { $0..<min(end, $0 + group) }
        }
        return Parallel.map(ranges, serialUpTo: 1) { range in
            let texts = range.map(fields)
            let key = groupKey(range, texts)
            if let bytes = earlier.groups[key] { return TokenGroupBytes(range: range, key: key, bytes: bytes) }
            return TokenGroupBytes(range: range, key: key, bytes: tokenized(range, texts))
        }
    }

    /// The tokens of the documents `range`, whose fields are `texts`, as a group's bytes.
    static func tokenized(_ range: Range<Int>, _ texts: [[String]]) -> [UInt8] {
        var tokenizer = Tokenizer(firstDocument: range.lowerBound)
        for text in texts { tokenizer.add(fields: text) }
        let (starts, documents) = tokenizer.group.byToken()
        return SearchTokenCache.Group.bytes(
            tokenizer.group.table, starts: starts, documents: documents, firstDocument: range.lowerBound)
    }

    /// The inverted index of `groups` (`tokenGroups`): each group's lists read from its bytes, a chunk of documents
    /// at a time, so the lists of only one chunk are held (at 100,000 requirements all of them at once were some
    /// 300 MB, the build's peak); a group whose bytes do not read is tokenized again from `fields` (`retokenized`,
    /// by key, its bytes for the next build). `allPlain`: whether every token is plain (`isPlainNFC`), so the
    /// order is the bytes' order and no two are one `String`.
    static func merged(
        _ groups: [TokenGroupBytes], chunk: Int = tokenChunk, fields: @Sendable (Int) -> [String]
    ) -> (postings: [Posting], allPlain: Bool, retokenized: [UInt64: [UInt8]]) {
        var global = TokenTable()
        var postings: [[Int32]] = []
        var retokenized: [UInt64: [UInt8]] = [:]
        let chunk = max(1, chunk)
        var first = 0
        while first < groups.count {
            let chunkStart = groups[first].range.lowerBound / chunk * chunk
            var end = first
            while end < groups.count && groups[end].range.lowerBound < chunkStart + chunk { end += 1 }
            let parts = Parallel.map(Array(groups[first..<end]), serialUpTo: 1) {
                group -> (tokens: SearchTokenCache.Group.Decoded, retokenized: [UInt8]?) in
                if let tokens = SearchTokenCache.Group.decode(group.bytes, firstDocument: group.range.lowerBound) {
                    return (tokens, nil)
                }
                let bytes = tokenized(group.range, group.range.map(fields))
                // Safe: `Group.bytes` writes what `decode` reads (each token's length and bytes, then its documents,
                // each listed once a document by the tokenizer, ascending, fewer than `tokenGroup` from the first),
                // and nothing after.
                return (SearchTokenCache.Group.decode(bytes, firstDocument: group.range.lowerBound)!, bytes)
            }
            for (group, part) in zip(groups[first..<end], parts) where part.retokenized != nil {
                retokenized[group.key] = part.retokenized
            }
            first = end
            // Merged in document order, so each list stays ascending and a token's global id is the order of its
            // first occurrence (document, then place in the text): a group's list of a token at a time.
            for group in parts.map(\.tokens) {
                group.bytes.withUnsafeBufferPointer { bytes in
                    var (tokenStart, listStart) = (0, 0)
                    for (tokenEnd, listEnd) in zip(group.tokenEnds, group.listEnds) {
                        let id = global.intern(UnsafeBufferPointer(rebasing: bytes[tokenStart..<Int(tokenEnd)]))
                        let list = group.documents[listStart..<Int(listEnd)]
                        if id == postings.count {
                            postings.append(Array(list))
                        } else {
                            postings[id] += list
                        }
                        (tokenStart, listStart) = (Int(tokenEnd), Int(listEnd))
                    }
                }
            }
        }

        let tokens = (0..<global.count).map { global.token($0) }
        // A token of scalars below U+0300 and common Han only is in NFC: between two such tokens `String`'s `==` is
        // the bytes' and its `<` the bytes' order (UTF-8 orders as the scalars do). Otherwise `String` decides.
        let plain = tokens.map(isPlainNFC)
        var live = Array(0..<tokens.count)
        let allPlain = !plain.contains(false)
        if !allPlain {
            // Canonically equivalent spellings are one `String` key: the first met keeps its spelling and gets the
            // documents of all.
            var first: [String: Int] = [:]
            var merged = [Int](repeating: -1, count: tokens.count)
            for id in tokens.indices {
                let key = String(decoding: tokens[id], as: UTF8.self)
                if let target = first[key] {
                    merged[id] = target
                } else {
                    first[key] = id
                }
            }
            for id in tokens.indices where merged[id] >= 0 {
                postings[merged[id]] = Array(Set(postings[merged[id]] + postings[id])).sorted()
                postings[id] = []
            }
            live = live.filter { merged[$0] < 0 }
        }
        live.sort { a, b in
            if plain[a] && plain[b] { return tokens[a].lexicographicallyPrecedes(tokens[b]) }
            return String(decoding: tokens[a], as: UTF8.self) < String(decoding: tokens[b], as: UTF8.self)
        }
        return (live.map { Posting(token: tokens[$0], documents: postings[$0]) }, allPlain, retokenized)
    }

    /// Whether every scalar is below U+0300 (none is a combining mark, all are NFC) or a CJK unified ideograph of
    /// the basic block or extension A (no decomposition, no combining class).
    static func isPlainNFC(_ utf8: [UInt8]) -> Bool {
        if utf8.allSatisfy({ $0 < 0x80 }) { return true }
        return String(decoding: utf8, as: UTF8.self).unicodeScalars.allSatisfy { s in
            s.value < 0x300 || (0x3400...0x4DBF).contains(s.value) || (0x4E00...0x9FFF).contains(s.value)
        }
    }

    // MARK: Tokenizing

    /// The tokens of documents added one after another: each document's tokens by their ids in `table`, each once,
    /// as they were met (one flat list, not a list a token: a group meets thousands of tokens, most of them once).
    struct TokenGroup: Sendable {
        var table = TokenTable()
        /// The token and the document of each first occurrence of a token in a document, in the order met (so the
        /// documents ascend).
        var tokens: [Int32] = []
        var documents: [Int32] = []

        /// Each token's documents, ascending: those of token `id` are `documents[starts[id]..<starts[id + 1]]`
        /// (a counting sort of the occurrences by token, stable, so each token's documents stay in order).
        func byToken() -> (starts: [Int32], documents: [Int32]) {
            var starts = [Int32](repeating: 0, count: table.count + 1)
            for token in tokens { starts[Int(token) + 1] += 1 }
            for id in 0..<table.count { starts[id + 1] += starts[id] }
            var next = starts
            var sorted = [Int32](repeating: 0, count: documents.count)
            for (token, document) in zip(tokens, documents) {
                sorted[Int(next[Int(token)])] = document
                next[Int(token)] += 1
            }
            return (starts, sorted)
        }
    }

    /// Makes the tokens of `tokens(indexing:)` as bytes, without NFKC work on text whose every scalar NFKC and
    /// lowercasing provably leave alone or turn into separators only (`fastScalar`).
    struct Tokenizer {
        private(set) var group = TokenGroup()
        /// The number of the document being added.
        private var document: Int32
        /// The document that last had each id, so each is listed once a document (the lists' last elements,
        /// without reading the lists).
        private var seen: [Int32] = []
        /// A token being made from scalars.
        private var bytes: [UInt8] = []
        /// The lowercased prefix of an ASCII word.
        private var word = [UInt8](repeating: 0, count: SearchIndex.maximumPrefix)

        /// `firstDocument`: the number of the first document added; the next ones follow it.
        init(firstDocument: Int = 0) { document = Int32(firstDocument) }

        /// One document, whose text is the fields joined by line breaks (as `searchableText` joins them): a line
        /// break separates runs, and NFKC and lowercasing never join a scalar to one across it, so each field is
        /// tokenized on its own.
        mutating func add(fields: [String]) {
            for field in fields { add(field: field) }
            document += 1
        }

        mutating func add(_ text: String) { add(fields: [text]) }

        private mutating func add(field: String) {
            var field = field
            let fast = field.withUTF8 { utf8 in
                Self.scalars(utf8) { SearchIndex.fastScalar($0) != nil }
            }
            if fast {
                field.withUTF8 { scanFast($0) }
                return
            }
            for run in SearchIndex.runs(field) {
                switch run {
                case .han(let run): han(run)
                case .word(let run): word(run)
                }
            }
        }

        /// Calls `body` with each scalar of valid UTF-8 until it returns false; whether it never did.
        static func scalars(_ utf8: UnsafeBufferPointer<UInt8>, _ body: (Unicode.Scalar) -> Bool) -> Bool {
            var i = 0
            while i < utf8.count {
                let (value, width) = decode(utf8, at: i)
                // Safe: a String's UTF-8 is valid, so every decoded value is a scalar.
                guard body(Unicode.Scalar(value)!) else { return false }
                i += width
            }
            return true
        }

        /// The scalar value at `i` of valid UTF-8 and its length in bytes.
        static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
            let lead = UInt32(utf8[i])
            if lead < 0x80 { return (lead, 1) }
            func next(_ k: Int) -> UInt32 { UInt32(utf8[i + k]) & 0x3F }
            if lead < 0xE0 { return ((lead & 0x1F) << 6 | next(1), 2) }
            if lead < 0xF0 { return ((lead & 0x0F) << 12 | next(1) << 6 | next(2), 3) }
            return ((lead & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3), 4)
        }

        /// A field whose every scalar is a `fastScalar`: ASCII letters and digits make words (lowercased), the Han
        /// blocks Han runs, everything else separates. Tokens in the order `tokens(indexing:)` inserts them; a Han
        /// token is its bytes in the field, a word's prefix is lowercased into `word`.
        private mutating func scanFast(_ utf8: UnsafeBufferPointer<UInt8>) {
            var length = 0  // Scalars of the current word run; 0 when not in one.
            var previousHan = -1  // Where the last Han character starts when in a Han run.
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                if byte < 0x80 {
                    previousHan = -1
                    let lower = byte | 0x20
                    if (0x30...0x39).contains(byte) || (0x61...0x7A).contains(lower) {
                        if length < SearchIndex.maximumPrefix {
                            word[length] = (0x30...0x39).contains(byte) ? byte : lower
                            let word = word
                            word.withUnsafeBufferPointer { emit(UnsafeBufferPointer(rebasing: $0[0...length])) }
                        }
                        length += 1
                    } else {
                        length = 0
                    }
                    i += 1
                    continue
                }
                length = 0
                let (value, width) = Self.decode(utf8, at: i)
                let here = i
                i += width
                guard SearchIndex.isFastHan(value) else {
                    previousHan = -1
                    continue
                }
                // Each character after its pair with the one before (adjacent in the field): s0, p01, s1, p12, …
                if previousHan >= 0 { emit(UnsafeBufferPointer(rebasing: utf8[previousHan..<i])) }
                emit(UnsafeBufferPointer(rebasing: utf8[here..<i]))
                previousHan = here
            }
        }

        private mutating func emit(_ token: UnsafeBufferPointer<UInt8>) {
            let id = group.table.intern(token)
            if id == seen.count { seen.append(-1) }
            if seen[id] != document {
                seen[id] = document
                group.tokens.append(Int32(id))
                group.documents.append(document)
            }
        }

        private mutating func emit() {
            let bytes = bytes
            bytes.withUnsafeBufferPointer { emit($0) }
        }

        private mutating func han(_ run: [Unicode.Scalar]) {
            for i in run.indices {
                bytes.removeAll(keepingCapacity: true)
                Self.append(run[i], to: &bytes)
                emit()
                if i + 1 < run.count {
                    Self.append(run[i + 1], to: &bytes)
                    emit()
                }
            }
        }

        private mutating func word(_ run: [Unicode.Scalar]) {
            bytes.removeAll(keepingCapacity: true)
            for scalar in run.prefix(SearchIndex.maximumPrefix) {
                Self.append(scalar, to: &bytes)
                emit()
            }
        }

        static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
            UTF8.encode(scalar) { bytes.append($0) }
        }
    }

    /// The basic and extension A blocks of Han: no decomposition, no combining class, NFKC and lowercasing leave
    /// them alone.
    static func isFastHan(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
    }

    /// What NFKC and lowercasing make of one scalar, for the scalars whose answer needs no normalizer: ASCII (a
    /// letter lowercased), the basic and extension A Han blocks (themselves), and `separatorScalars` (punctuation
    /// and symbols whose NFKC is punctuation and symbols only). None of these is a combining mark or the second
    /// of a canonical composition, so a text of them normalizes scalar by scalar. nil: any other scalar.
    static func fastScalar(_ scalar: Unicode.Scalar) -> FastScalar? {
        let v = scalar.value
        if v < 0x80 {
            switch v {
            case 0x41...0x5A: return FastScalar(scalar: Unicode.Scalar(UInt8(v + 0x20)))
            case 0x61...0x7A, 0x30...0x39: return FastScalar(scalar: scalar)
            default: return FastScalar(scalar: nil)
            }
        }
        if isFastHan(v) { return FastScalar(scalar: scalar) }
        return v <= 0xFFFF && separatorBits[Int(v >> 6)] & (1 << (v & 63)) != 0 ? FastScalar(scalar: nil) : nil
    }

    /// A scalar after NFKC and lowercasing: itself or its lowercase, or nil for a separator.
    struct FastScalar {
        let scalar: Unicode.Scalar?
    }

    /// The blocks of punctuation and symbols common in Chinese text that `separatorScalars` considers.
    static let separatorBlocks: [ClosedRange<UInt32>] = [
        0xA0...0xBF, 0xD7...0xD7, 0xF7...0xF7, 0x2000...0x206F, 0x2190...0x23FF, 0x2500...0x27BF, 0x3000...0x303F,
        0xFE30...0xFE4F, 0xFF00...0xFF65,
    ]

    /// The scalars of `separatorBlocks` that are punctuation, symbols or spaces (no mark, no letter, no digit, no
    /// Han) and whose NFKC, lowercased, is too: in `runs` each only separates, as it does unnormalized.
    static let separatorScalars: Set<UInt32> = {
        var set: Set<UInt32> = []
        for block in separatorBlocks {
            for v in block {
                guard let scalar = Unicode.Scalar(v), isSeparatorOnly(scalar) else { continue }
                let normal = String(scalar).precomposedStringWithCompatibilityMapping.lowercased()
                if normal.unicodeScalars.allSatisfy({ $0.value < 0x80 ? !isWordScalar($0) : isSeparatorOnly($0) }) {
                    set.insert(v)
                }
            }
        }
        return set
    }()

    /// `separatorScalars` as bits, 64 a word, over the Basic Multilingual Plane (every separator block is in it).
    static let separatorBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for v in separatorScalars { bits[Int(v >> 6)] |= 1 << (v & 63) }
        return bits
    }()

    /// Punctuation, a symbol or a space separator: never a letter, digit, mark or Han character.
    static func isSeparatorOnly(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
            .spaceSeparator:
            !isHan(scalar) && scalar.properties.canonicalCombiningClass == .notReordered
        default: false
        }
    }
}

/// Distinct byte strings, each numbered in the order first interned: the bytes back to back, an open-addressing
/// table of ids by FNV-1a hash (the hash `SearchIndex.shard(of:shards:)` uses).
struct TokenTable: Sendable {
    private var bytes: [UInt8] = []
    /// Token i is `bytes[starts[i] ..< starts[i + 1]]`.
    private var starts: [Int] = [0]
    private(set) var hashes: [UInt32] = []
    /// -1 for an empty slot; a power of two, at most half full.
    private var slots = [Int32](repeating: -1, count: 64)

    var count: Int { hashes.count }

    func token(_ id: Int) -> [UInt8] { Array(bytes[starts[id]..<starts[id + 1]]) }

    func withToken<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[starts[id]..<starts[id + 1]])) }
    }

    static func hash(_ token: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in token {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// The token's id, a new one if it was not in the table.
    mutating func intern(_ token: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(token)
        var slot = Self.slot(hash, count: slots.count)
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if hashes[id] == hash && equals(id, token) { return id }
            slot = (slot + 1) & (slots.count - 1)
        }
        let id = hashes.count
        bytes.append(contentsOf: token)
        starts.append(bytes.count)
        hashes.append(hash)
        slots[slot] = Int32(id)
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    private func equals(_ id: Int, _ token: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id], end = starts[id + 1]
        guard end - start == token.count else { return false }
        // Safe: a non-empty token of the same length as a stored one means neither buffer is empty.
        return bytes.withUnsafeBufferPointer { all in
            token.isEmpty || memcmp(all.baseAddress! + start, token.baseAddress!, token.count) == 0
        }
    }

    /// Fibonacci hashing of FNV-1a's bits, whose low bits alone spread poorly.
    private static func slot(_ hash: UInt32, count: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(hash) &* 0x9E37_79B9_7F4A_7C15) >> 32) & (count - 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (id, hash) in hashes.enumerated() {
            var slot = Self.slot(hash, count: slots.count)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(id)
        }
    }
}
