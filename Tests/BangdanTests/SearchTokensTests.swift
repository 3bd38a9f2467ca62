import Foundation
import Testing

@testable import BangdanCore
@testable import BangdanRender

/// The search index's inverted index made from bytes (issue 13, performance): the fast tokenizer, which skips NFKC
/// on text of ASCII, common Han and punctuation, and the byte tables must give exactly what `tokens(indexing:)`
/// sets in a `[String: [Int]]`, sorted by `String`, gave.
@Suite struct SearchTokensTests {
    /// The index as it was made before: a `Set<String>` a document, a `[String: [Int]]`, keys sorted by `String`.
    static func reference(_ texts: [String]) -> [(String, [Int])] {
        var postings: [String: [Int]] = [:]
        for (id, text) in texts.enumerated() {
            for token in SearchIndex.tokens(indexing: text) { postings[token, default: []].append(id) }
        }
        return postings.keys.sorted().map { ($0, postings[$0] ?? []) }
    }

    /// The new index, as strings (a token's bytes as they are, so a different spelling would differ).
    static func fast(_ texts: [String], chunk: Int = SearchIndex.tokenChunk) -> [(String, [Int])] {
        SearchIndex.invertedIndex(count: texts.count, chunk: chunk) { [texts[$0]] }.map {
            (String(decoding: $0.token, as: UTF8.self), $0.documents.map(Int.init))
        }
    }

    static func expectSame(_ texts: [String], _ comment: Comment? = nil) {
        let reference = reference(texts), fast = fast(texts)
        #expect(fast.map(\.0).map { Array($0.utf8) } == reference.map(\.0).map { Array($0.utf8) }, comment)
        #expect(fast.map(\.1) == reference.map(\.1), comment)
    }

    static let tricky = [
        "MicroLED 显示芯片（第2代），≥ 50μm、99.99%",
        // Full-width letters and digits, a ligature, a circled digit, superscripts, a Roman numeral.
        "ＡＩ质检 Ｘ光 ﬁber ①号 m² Ⅻ期",
        // Combining marks: precomposed and decomposed spellings of the same word, a mark after Han and after
        // punctuation, a Kelvin sign and an Ångström sign (canonical singletons).
        "café cafe\u{301} 显\u{301}示 ,\u{301}a \u{212A}elvin \u{212B}",
        "e\u{301}tude étude É\u{301}",
        // Emoji (with a joiner and a variation selector), a flag, and Han outside the fast blocks.
        "😀测试👩‍💻 ❤️ 🇨🇳 𠀀𠀁 \u{F900}\u{FA0C} \u{2F800}",
        // Greek final sigma, Turkish dotted capital I, German sharp s, Hangul (composes from jamo).
        "ΟΔΟΣ İstanbul STRASSE ß 한국 \u{1112}\u{1161}\u{11AB}",
        // Separators that NFKC turns into ASCII punctuation, and ones that carry a combining mark.
        "（测试）：“引号”…—— ¨ ´ ¯ ‥ ℃ № ㈱ ㍻",
        // A word longer than the prefix limit, digits and letters mixed, hyphens and slashes.
        "Supercalifragilisticexpialidocious abc123DEF SD-2023-07 a/b_c",
        "", "，。 ", "\n\n",
    ]

    @Test func theIndexIsTheReferenceOnTrickyText() {
        Self.expectSame(Self.tricky)
        // Every text alone, and each after another (first spellings and document numbers move).
        for text in Self.tricky { Self.expectSame([text], "\(text)") }
        Self.expectSame(Self.tricky.reversed())
        Self.expectSame(Self.tricky + Self.tricky)
    }

    /// Two canonically equivalent spellings are one `String` key: the first met keeps its spelling and gets the
    /// documents of both. Would fail if tokens were told apart by their bytes alone.
    @Test func canonicallyEquivalentSpellingsAreOneToken() {
        let texts = ["cafe\u{301}", "café", "x", "cafe\u{301}"]
        Self.expectSame(texts)
        let keys = Self.fast(texts).map(\.0)
        #expect(keys.filter { $0 == "café" }.count == 1)
        #expect(Self.fast(texts).first { $0.0 == "café" }?.1 == [0, 1, 3])
    }

    /// A document given as fields has the tokens of the fields joined by line breaks (`searchableText`).
    @Test func fieldsAreTokenizedAsTheirLinesJoined() {
        let fields = Self.tricky + ["\u{301}leading mark", "Σ", "trailing sigma Σ", "ﬀ"]
        var tokenizer = SearchIndex.Tokenizer()
        tokenizer.add(fields: fields)
        let group = tokenizer.group
        let tokens = (0..<group.table.count).map { String(decoding: group.table.token($0), as: UTF8.self) }
        #expect(Set(tokens) == SearchIndex.tokens(indexing: fields.joined(separator: "\n")))
        #expect(Set(tokens).count == tokens.count)
        let (starts, documents) = group.byToken()
        #expect(documents == [Int32](repeating: 0, count: tokens.count))
        #expect(starts == (0...tokens.count).map(Int32.init))
    }

    @Test func theIndexDoesNotDependOnTheChunk() {
        let texts = Self.tricky + Self.tricky.reversed()
        let whole = Self.fast(texts)
        for chunk in [1, 2, 3, 7] {
            let part = Self.fast(texts, chunk: chunk)
            #expect(part.map(\.0) == whole.map(\.0) && part.map(\.1) == whole.map(\.1), "chunk \(chunk)")
        }
    }

    /// Every scalar the fast path takes (ASCII, the basic and extension A Han blocks, the separators) gives the
    /// runs NFKC gives, alone and between neighbours of each kind.
    @Test func theFastPathAgreesWithNFKCOnEveryScalarItTakes() {
        var scalars: [Unicode.Scalar] = (0..<0x80).compactMap { Unicode.Scalar(UInt32($0)) }
        scalars += SearchIndex.separatorScalars.sorted().compactMap { Unicode.Scalar($0) }
        scalars += stride(from: 0x3400, through: 0x9FFF, by: 1).compactMap { v -> Unicode.Scalar? in
            guard (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) else { return nil }
            return Unicode.Scalar(UInt32(v))
        }
        #expect(SearchIndex.separatorScalars.count > 500)
        for known in ["，", "。", "（", "）", "“", "”", "≥", "≤", "、", "：", "…", "—", "·", "±", "×", "％"] {
            #expect(SearchIndex.separatorScalars.contains(known.unicodeScalars.first!.value), "\(known)")
        }
        for scalar in scalars {
            #expect(SearchIndex.fastScalar(scalar) != nil, "\(scalar.value)")
            let text = String(scalar)
            #expect(SearchIndex.tokens(indexing: text) == tokens(text), "U+\(String(scalar.value, radix: 16))")
        }
        // Each separator and a sample of the others between letters, digits, Han and other separators.
        let neighbours = ["a", "Z", "9", "中", "㐀", "，", "<", "=", " ", "\n"]
        let middles = scalars.filter { $0.value < 0x80 || $0.value > 0x9FFF || $0.value % 97 == 0 }
        for middle in middles {
            for before in neighbours {
                let text = before + String(middle) + "x" + String(middle) + "中文"
                #expect(SearchIndex.tokens(indexing: text) == tokens(text), "\(text.unicodeScalars.map(\.value))")
            }
        }
    }

    /// The fast scalars are not everything: marks, letters beyond ASCII, full-width forms, compatibility
    /// ideographs and emoji go through NFKC.
    @Test func scalarsThatNFKCChangesOrThatComposeAreNotFast() {
        for text in [
            "\u{301}", "é", "Ａ", "１", "ﬁ", "①", "²", "\u{F900}", "\u{FA0C}", "\u{2F800}", "😀", "\u{212A}", "¨", "ㄱ",
            "々", "〇", "ｱ",
        ] {
            let scalar = text.unicodeScalars.first!
            #expect(SearchIndex.fastScalar(scalar) == nil, "\(text)")
        }
    }

    /// The tokens the tokenizer makes for one text, as strings.
    func tokens(_ text: String) -> Set<String> {
        var tokenizer = SearchIndex.Tokenizer()
        tokenizer.add(text)
        let group = tokenizer.group
        return Set((0..<group.table.count).map { String(decoding: group.table.token($0), as: UTF8.self) })
    }

    @Test func theTokenTableNumbersDistinctBytesInOrderAcrossGrowth() {
        var table = TokenTable()
        let words = (0..<5000).map { Array("w\($0)".utf8) }
        for (n, word) in words.enumerated() {
            #expect(word.withUnsafeBufferPointer { table.intern($0) } == n)
        }
        for (n, word) in words.enumerated().reversed() {
            #expect(word.withUnsafeBufferPointer { table.intern($0) } == n)
            #expect(table.token(n) == word)
        }
        #expect([UInt8]().withUnsafeBufferPointer { table.intern($0) } == 5000)
        #expect(table.count == 5001)
    }

    /// Postings as they were coded before the one-pass coder: gaps, the best k, bits put one value at a time.
    static func referencePostings(_ ids: [Int]) -> [UInt8] {
        var gaps: [Int] = [], previous = -1
        for id in ids {
            gaps.append(id - previous - 1)
            previous = id
        }
        let mean = gaps.isEmpty ? 0 : gaps.reduce(0, +) / gaps.count
        var log = 0
        while log < 30 && (1 << (log + 1)) <= mean { log += 1 }
        var best = 0, bestBits = Int.max
        for k in max(0, log - 2)...(log + 1) {
            let bits = gaps.reduce(0) { $0 + ($1 >> k) + 1 + k }
            if bits < bestBits { (best, bestBits) = (k, bits) }
        }
        var out: [UInt8] = [Postings.alphabet[best]], pending: UInt64 = 0, count = 0
        func put(_ value: Int, bits: Int) {
            pending = pending << UInt64(bits) | UInt64(value)
            count += bits
            while count >= 6 {
                count -= 6
                out.append(Postings.alphabet[Int((pending >> UInt64(count)) & 63)])
            }
            pending &= (1 << UInt64(count)) - 1
        }
        for gap in gaps {
            var ones = gap >> best
            while ones > 0 {
                let run = min(ones, 30)
                put((1 << run) - 1, bits: run)
                ones -= run
            }
            put(0, bits: 1)
            if best > 0 { put(gap & ((1 << best) - 1), bits: best) }
        }
        if count > 0 { put((1 << (6 - count)) - 1, bits: 6 - count) }
        return out
    }

    @Test func postingsAreCodedAsBefore() {
        var generator = SystemRandomNumberGenerator()
        var cases: [[Int]] = [[], [0], [7], [0, 1], [1_000_000], Array(0..<300), [0, 5_000_000, 5_000_001]]
        cases.append(Array(0..<300) + [100_000])  // runs of more than 30 ones
        for _ in 0..<200 {
            let count = Int.random(in: 1...400, using: &generator)
            let spread = [2, 10, 300, 40_000, 3_000_000].randomElement(using: &generator) ?? 2
            cases.append(Set((0..<count).map { _ in Int.random(in: 0..<spread, using: &generator) }).sorted())
        }
        for ids in cases {
            #expect(Postings.encodeBytes(ids) == Self.referencePostings(ids), "\(ids.prefix(8))")
            #expect(Postings.decode(Postings.encode(ids)) == ids)
        }
    }

    @Test func postingsBytesAreTheTextEncoding() {
        for ids in [[], [0], [0, 1, 2, 3], [5, 900, 100_000], Array(stride(from: 3, to: 9000, by: 7))] {
            #expect(Postings.encodeBytes(ids.map(Int32.init)) == Array(Postings.encode(ids).utf8))
            #expect(Postings.decode(Postings.encode(ids)) == ids)
        }
    }
}

extension SearchTokensTests {
    /// The rows and shards are written as bytes: each string exactly as `JSONText.quote` writes it.
    @Test func jsonStringsAreWrittenAsJSONTextQuotesThem() {
        let texts = [
            "", "plain", "中文（全角）", "quote \" backslash \\ slash /", "tab\tline\nreturn\r", "\u{0}\u{1}\u{1F}\u{7F}",
            "<script>&amp;</script>", "line\u{2028}para\u{2029}end", "\u{2027}\u{202A}—…", "😀\u{301}", "\u{E2}",
        ]
        for text in texts + Self.tricky {
            var bytes: [UInt8] = []
            SearchIndex.appendJSONString(text, to: &bytes)
            #expect(bytes == Array(JSONText.quote(text).utf8), "\(text.unicodeScalars.map(\.value))")
        }
    }
}
