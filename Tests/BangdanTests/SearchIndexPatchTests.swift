import Testing

@testable import BangdanCore
@testable import BangdanRender

/// The search index patched from the last build's (issue 13, incremental): after an edit, the tokens whose
/// documents changed get new postings and every other token keeps its entry, and the result is byte for byte the
/// index a merge of every group makes; where that cannot be assured, no patch is made.
@Suite struct SearchIndexPatchTests {
    /// 300 documents in three groups, every token plain: Han pairs, words, numbers.
    static let texts = (0..<300).map { n in "需求\(n) 装备 item\(n % 7) 第\(n % 13)批 " + (n == 42 ? "独一无二 unique" : "") }

    struct Built {
        let groups: [SearchIndex.TokenGroupBytes]
        let made: SearchTokenCache
        let index: SearchIndex.EncodedIndex
    }

    /// The index of `texts` as a build makes it with no patch, and what it keeps.
    static func merged(_ texts: [String], earlier: SearchTokenCache = SearchTokenCache()) -> Built {
        let groups = SearchIndex.tokenGroups(count: texts.count, earlier: earlier) { [texts[$0]] }
        let merged = SearchIndex.merged(groups) { [texts[$0]] }
        let index = SearchIndex.EncodedIndex(merged.postings)
        var made = SearchTokenCache(groups, retokenized: merged.retokenized)
        if merged.allPlain {
            made.index = SearchIndex.KeptIndex(
                count: texts.count, chunk: SearchIndex.tokenChunk, keys: groups.map(\.key), index: index)
        }
        return Built(groups: groups, made: made, index: index)
    }

    /// The patch of `texts` from `earlier`'s kept index, or nil.
    static func patched(_ texts: [String], earlier: SearchTokenCache) -> SearchIndex.EncodedIndex? {
        let groups = SearchIndex.tokenGroups(count: texts.count, earlier: earlier) { [texts[$0]] }
        return earlier.index.flatMap {
            SearchIndex.patched(
                $0, groups: groups, count: texts.count, chunk: SearchIndex.tokenChunk, earlier: earlier)
        }
    }

    /// Edits in one group and in two: a token added to a document, a new token, a token taken from the only
    /// document that had it, a shared token taken from one document, and a document made empty.
    @Test(arguments: [
        [200: "改 " + texts[200] + " 新词 zebra"],
        [42: "需求42 装备"],
        [5: "第5批", 299: texts[299] + " item3 独一无二"],
        [130: ""],
    ])
    func anEditIsPatchedIntoTheIndexAMergeMakes(_ edits: [Int: String]) throws {
        let first = Self.merged(Self.texts)
        #expect(first.made.index != nil, "every token is plain")
        var edited = Self.texts
        for (n, text) in edits { edited[n] = text }
        let patched = try #require(Self.patched(edited, earlier: first.made))
        #expect(patched == Self.merged(edited).index)
        #expect(patched != first.index)
    }

    /// A patched index kept and read back patches the next edit as well.
    @Test func aPatchedIndexPatchesTheNextEdit() throws {
        let first = Self.merged(Self.texts)
        var edited = Self.texts
        edited[10] = "需求10 新装备"
        let second = try #require(Self.patched(edited, earlier: first.made))
        let texts = edited
        let groups = SearchIndex.tokenGroups(count: texts.count, earlier: first.made) { [texts[$0]] }
        var kept = SearchTokenCache(groups)
        kept.index = SearchIndex.KeptIndex(
            count: edited.count, chunk: SearchIndex.tokenChunk, keys: groups.map(\.key), index: second)
        let record = SearchTokenCache(bytes: Array(kept.pieces(context: 3).joined()), context: 3)
        #expect(record.index == kept.index)
        edited[10] = Self.texts[10]
        #expect(try #require(Self.patched(edited, earlier: record)) == first.index)
    }

    /// No patch where it could differ from a merge or would not be quicker.
    @Test func noPatchWhereItCouldDifferOrWouldNotBeQuicker() {
        let first = Self.merged(Self.texts)
        var edited = Self.texts
        // A token that is not plain (`Ω` lowercases to U+03C9): `String` orders it, and may join it to another.
        edited[7] = "Ωmega"
        #expect(Self.patched(edited, earlier: first.made) == nil)
        // Another number of documents: other groups.
        #expect(Self.patched(Array(Self.texts.dropLast()), earlier: first.made) == nil)
        // Every group changed.
        #expect(Self.patched(Self.texts.map { $0 + " 全改" }, earlier: first.made) == nil)
        // The changed group's tokens of the last build are not at hand.
        var forgotten = first.made
        forgotten.groups[first.groups[1].key] = nil
        edited = Self.texts
        edited[200] = "改"
        #expect(Self.patched(edited, earlier: forgotten) == nil)
        // A merge of an index with a token that is not plain keeps no index to patch.
        edited[7] = "Ωmega"
        #expect(Self.merged(edited).made.index == nil)
    }

    /// The kept index is trusted only as written: a byte changed fails its hash, a record cut short does not read.
    @Test func aDamagedKeptIndexIsNotUsed() throws {
        let made = Self.merged(Self.texts).made
        let kept = try #require(made.index)
        #expect(SearchIndex.KeptIndex(kept.bytes) == kept)
        #expect(SearchIndex.KeptIndex(Array(kept.bytes.dropLast())) == nil)
        #expect(SearchIndex.KeptIndex(kept.bytes + [0]) == nil)
        var bytes = Array(made.pieces(context: 3).joined())
        #expect(SearchTokenCache(bytes: bytes, context: 3).index == kept)
        // A byte of the index (after the header and three words) changed: its hash no longer matches.
        bytes[SearchTokenCache.header.count + 24 + 40] ^= 0x01
        let damaged = SearchTokenCache(bytes: bytes, context: 3)
        #expect(damaged.index == nil)
        #expect(damaged.count == made.count, "the groups are still read")
    }
}
