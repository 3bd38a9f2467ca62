import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanRender
@testable import BangdanWrite

/// The search index's token groups kept for the next build (issue 13, incremental): a group read back gives the
/// index a fresh tokenizing gives, an edit tokenizes only the group that holds it, and a damaged or foreign record
/// is not trusted.
@Suite struct SearchTokenCacheTests {
    /// 300 documents (three groups of 128 or fewer), tricky text among them.
    static let texts = (0..<300).map { n in
        SearchTokensTests.tricky[n % SearchTokensTests.tricky.count] + " 需求\(n) 装备 item\(n % 7)"
    }

    static func index(_ texts: [String], earlier: SearchTokenCache = SearchTokenCache()) -> (
        postings: [(String, [Int32])], made: SearchTokenCache
    ) {
        let (postings, made) = SearchIndex.invertedIndex(count: texts.count, earlier: earlier) { [texts[$0]] }
        return (postings.map { (String(decoding: $0.token, as: UTF8.self), $0.documents) }, made)
    }

    static func same(_ a: [(String, [Int32])], _ b: [(String, [Int32])]) -> Bool {
        a.map { Array($0.0.utf8) } == b.map { Array($0.0.utf8) } && a.map(\.1) == b.map(\.1)
    }

    @Test func theGroupsReadBackGiveTheSameIndex() {
        let first = Self.index(Self.texts)
        #expect(first.made.count == 3)
        let record = SearchTokenCache(bytes: Array(first.made.pieces(context: 7).joined()), context: 7)
        #expect(record.groups == first.made.groups)
        let again = Self.index(Self.texts, earlier: record)
        #expect(Self.same(again.postings, first.postings))
        #expect(again.made.groups == first.made.groups)
    }

    /// A group read back is used as it is: a group changed under its key shows in the index (so the test above
    /// compares a read-back index, not a fresh one).
    @Test func aGroupWhoseKeyIsUnchangedIsNotTokenizedAgain() throws {
        let first = Self.index(Self.texts)
        let key = SearchIndex.groupKey(128..<256, (128..<256).map { [Self.texts[$0]] })
        var earlier = first.made
        // The middle group as if its first document had one token only, `zzz`.
        earlier.groups[key] = Self.group([("zzz", [0])])
        let index = Self.index(Self.texts, earlier: earlier)
        #expect(index.postings.first { $0.0 == "zzz" }?.1 == [128])
    }

    /// A group kept under its key whose bytes do not read as a group (a record damaged before it was hashed) is
    /// tokenized again.
    @Test func aGroupThatDoesNotReadIsTokenizedAgain() {
        let first = Self.index(Self.texts)
        var earlier = first.made
        earlier.groups[SearchIndex.groupKey(128..<256, (128..<256).map { [Self.texts[$0]] })] = [0x05, 0x01]
        let again = Self.index(Self.texts, earlier: earlier)
        #expect(Self.same(again.postings, first.postings))
        #expect(again.made.groups == first.made.groups)
    }

    /// An edited document: the index is the fresh one, and only its group is made again.
    @Test func anEditMakesOnlyItsGroupAgain() {
        let first = Self.index(Self.texts)
        var edited = Self.texts
        edited[200] = "改 " + edited[200] + " 新词"
        let incremental = Self.index(edited, earlier: first.made)
        let fresh = Self.index(edited)
        #expect(Self.same(incremental.postings, fresh.postings))
        #expect(incremental.made.groups == fresh.made.groups)
        #expect(Set(fresh.made.groups.keys).subtracting(first.made.groups.keys).count == 1)
    }

    @Test func aDamagedGroupIsLeftOutAndAForeignRecordIsEmpty() throws {
        let made = Self.index(Self.texts).made
        var bytes = Array(made.pieces(context: 7).joined())
        #expect(SearchTokenCache(bytes: bytes, context: 8).count == 0)
        #expect(SearchTokenCache(bytes: Array(bytes.dropLast()), context: 7).count < 3)
        #expect(SearchTokenCache(bytes: Array("bangdan-tokens 0\n".utf8) + bytes.dropFirst(17), context: 7).count == 0)
        // A byte of the last group's tokens changed: its hash no longer matches.
        bytes[bytes.count - 5] ^= 0x01
        let damaged = SearchTokenCache(bytes: bytes, context: 7)
        #expect(damaged.count == 2)
        // Read back as far as it goes, the index is still the fresh one.
        #expect(Self.same(Self.index(Self.texts, earlier: damaged).postings, Self.index(Self.texts).postings))
    }

    static func reads(_ bytes: [UInt8]) -> Bool { SearchTokenCache.Group.decode(bytes) != nil }

    /// A group's bytes made by hand: each token with its documents' distances from the group's first.
    static func group(_ tokens: [(token: String, documents: [Int])]) -> [UInt8] {
        var bytes: [UInt8] = []
        SearchTokenCache.Group.append(tokens.count, to: &bytes)
        for (token, documents) in tokens {
            SearchTokenCache.Group.append(token.utf8.count, to: &bytes)
            bytes += Array(token.utf8)
            SearchTokenCache.Group.append(documents.count, to: &bytes)
            for document in documents { SearchTokenCache.Group.append(document, to: &bytes) }
        }
        return bytes
    }

    @Test func bytesThatDoNotReadAsAGroupDoNotDecode() {
        let bytes = Self.group([("ab", [3, 4])])
        #expect(Self.reads(bytes))
        #expect(!Self.reads(Array(bytes.dropLast())))  // a document missing
        #expect(!Self.reads(Self.group([("ab", [3, 3])])))  // not ascending
        #expect(!Self.reads(bytes + [0]))  // bytes after the last token
        #expect(!Self.reads([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]))  // a number too long
    }

    /// The record a build keeps beside its output, for this program.
    static func kept(_ site: FixtureSite) throws -> SearchTokenCache {
        var program = Fingerprint()
        program.add(Build.executableIdentity)
        let bytes = try #require(BuildCache(output: site.output).contents(of: "tokens"))
        return SearchTokenCache(bytes: bytes, context: program.value)
    }

    /// A build keeps its groups; a rebuild after a damaged record still writes the index a clean build writes, and
    /// keeps a whole record again.
    @Test func aBuildKeepsItsGroupsAndADamagedRecordIsNotTrusted() throws {
        let site = try BuildTests.site()
        try site.build()
        #expect(try Self.kept(site).count == 1, "a fixture site's requirements are one group")
        BuildCache(output: site.output).keep(Array("bangdan-tokens 1\ngarbage".utf8), as: "tokens")
        let chip = "content/lists/2020-zgc/a-chip.md"
        try site.write(
            chip,
            requirement("code: ZGC-2\nindustry: integrated-circuits").replacingOccurrences(
                of: "title: ", with: "title: 改过的"))
        try site.build()
        #expect(try Self.kept(site).count == 1)
        let clean = site.root + "/clean"
        _ = try Build.build(site: site.root, output: clean, buildDate: Day("2023-01-01")!)
        let shards = try FileManager.default.contentsOfDirectory(atPath: clean + "/search/t")
        #expect(!shards.isEmpty)
        for shard in shards {
            let path = "/search/t/" + shard
            #expect(
                FileManager.default.contents(atPath: site.output + path)
                    == FileManager.default.contents(atPath: clean + path), "\(path)")
        }
    }
}
