import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanRender
@testable import BangdanSite

/// The chunked search index (issue 13 item 4, issue 12 item 4): a manifest, token shards, fragments of display
/// rows, facets and other orders, all JSON; every requirement found through the one shard its tokens live in;
/// the same bytes on every build; the facets' bands and windows defined once.
@Suite struct SearchIndexTests {
    /// The reader-site fixture plus requirements with Latin words, digits, joint issuers, keywords and indicators,
    /// every bounty kind, and deadlines in each window of the build date 2023-01-01.
    static func site() throws -> FixtureSite {
        try ReaderSiteTests.site([
            "content/lists/2022-test/microled.md": requirement(
                """
                title: MicroLED 显示芯片巨量转移技术（第2代）
                code: SD-2023-07
                issuer:
                  - name: 歌尔股份有限公司
                  - name: 潍坊光电研究院
                bounty: 99万元
                deadline: 2023-03-31
                keywords: [巨量转移, Mini-LED, 良率]
                indicators:
                  - 转移良率不低于99.99%
                  - {name: 像素间距, target: "≤ 50μm"}
                """),
            "content/lists/2022-test/passed.md": requirement(
                "title: 已过截止日期的需求\nbounty: 1000万元\ndeadline: 2022-12-01\nkeywords: [稻秆还田, 水肥一体化]"),
            "content/lists/2022-test/later.md": requirement(
                "title: 明年截止的需求\nbounty: 100万元\ndeadline: 2023-12-01\nkeywords: [ＡＩ质检]"),
            "content/lists/2022-test/none.md": requirement("title: 不设金额的需求\nbounty: 不设金额"),
        ])
    }

    /// The files under `search/` except the page, by path.
    static func index(_ site: FixtureSite) throws -> [String: Data] {
        try site.snapshot().filter { $0.key.hasPrefix("search/") && $0.key != "search/index.html" }
    }

    static func object(_ data: Data?) throws -> [String: Any] {
        let data = try #require(data)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func rows(_ data: Data?) throws -> [[String: Any]] {
        let data = try #require(data)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    // MARK: Files

    @Test func theManifestAndEveryChunkAreJSONAndTheManifestNamesThemAll() throws {
        let site = try Self.site()
        try site.build()
        let files = try Self.index(site)
        for (path, data) in files {
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(path) is not JSON")
        }
        let manifest = try Self.object(files["search/manifest.json"])
        let count = try #require(manifest["count"] as? Int)
        let shards = try #require(manifest["shards"] as? Int)
        let rows = try #require(manifest["rows"] as? Int)
        let requirements = try #require(try site.json("data/requirements.json")["requirements"] as? [Any])
        #expect(count == requirements.count)
        #expect(manifest["built"] as? String == "2023-01-01")
        // Exactly the shards, fragments, facets and orders the manifest points at.
        var expected = Set((0..<shards).map { "search/t/\($0).json" })
        expected.formUnion((0..<(count + rows - 1) / rows).map { "search/f/\($0).json" })
        expected.insert("search/manifest.json")
        expected.insert("search/\(try #require(manifest["facet_file"] as? String))")
        for sort in try #require(manifest["sorts"] as? [[String: Any]]) {
            if let file = sort["file"] as? String { expected.insert("search/" + file) }
        }
        #expect(Set(files.keys) == expected)
        // Every fragment holds `rows` rows, the last the rest; each row has a title and a URL.
        var seen = 0
        for n in 0..<(count + rows - 1) / rows {
            let fragment = try Self.rows(files["search/f/\(n).json"])
            #expect(fragment.count == min(rows, count - n * rows))
            for row in fragment {
                #expect(row["t"] is String && (row["u"] as? String)?.hasPrefix("/bangdan/lists/") == true)
            }
            seen += fragment.count
        }
        #expect(seen == count)
        // Facets in the manifest and in the facets file have the same values, and the counts agree.
        let facets = try Self.object(files["search/facets.json"])
        for facet in try #require(manifest["facets"] as? [[String: Any]]) {
            let id = try #require(facet["id"] as? String)
            let values = try #require(facet["values"] as? [[String: Any]])
            let postings = try #require(facets[id] as? [String], "\(id)")
            #expect(values.count == postings.count, "\(id)")
            for (value, text) in zip(values, postings) {
                let ids = Postings.decode(text)
                #expect(value["count"] as? Int == ids.count, "\(id) \(value["id"] ?? "")")
                #expect(ids.allSatisfy { (0..<count).contains($0) })
                #expect(value["name"] is String)
            }
        }
    }

    /// Looks a query up as search.js does: its tokens, each in its own shard, the documents that have them all,
    /// and their rows' URLs.
    static func lookup(_ query: String, files: [String: Data]) throws -> Set<String> {
        let manifest = try object(files["search/manifest.json"])
        let shards = try #require(manifest["shards"] as? Int)
        let size = try #require(manifest["rows"] as? Int)
        var found: Set<Int>? = nil
        for token in SearchIndex.tokens(querying: query) {
            let shard = try object(files["search/t/\(SearchIndex.shard(of: token, shards: shards)).json"])
            let ids = Set((shard[token] as? String).map(Postings.decode) ?? [])
            found = found.map { $0.intersection(ids) } ?? ids
        }
        return try Set(
            (found ?? []).map { id in
                let fragment = try rows(files["search/f/\(id / size).json"])
                return try #require(fragment[id % size]["u"] as? String)
            })
    }

    @Test func everyRequirementIsFoundByItsTitleIssuerKeywordsAndCodeThroughItsShard() throws {
        let site = try Self.site()
        try site.build()
        let files = try Self.index(site)
        let requirements = try #require(try site.json("data/requirements.json")["requirements"] as? [[String: Any]])
        #expect(requirements.count >= 9)
        for r in requirements {
            let absolute = try #require(r["url"] as? String)
            let url = absolute.replacingOccurrences(of: ReaderSiteTests.origin, with: "")
            var queries = [try #require(r["title"] as? String)]
            queries += try #require(r["issuers"] as? [[String: Any]]).compactMap { $0["name"] as? String }
            queries += try #require(r["keywords"] as? [String])
            if let code = r["code"] as? String { queries.append(code) }
            // And a token of the title: its first two characters, or its first word's first letters.
            let title = try #require(r["title"] as? String)
            queries.append(String(title.prefix(2)))
            for query in queries where !SearchIndex.tokens(querying: query).isEmpty {
                #expect(try Self.lookup(query, files: files).contains(url), "\(url) is not found by \(query)")
            }
        }
        let microLED = "/bangdan/lists/2022-test/microled/"
        // Latin prefixes in any case and width, digits, a Han character alone, pairs across the whole title,
        // the second issuer, an indicator's target.
        for query in [
            "micro", "MicroLED", "ＭＩＣＲＯ", "芯", "显示芯片", "巨量转移 良率", "潍坊光电", "sd-2023", "2023", "50μm", "99.99",
        ] {
            #expect(try Self.lookup(query, files: files).contains(microLED), "not found by \(query)")
        }
        for query in ["芯片转移", "microledx", "芯片 稻秆", "不存在"] {
            #expect(try !Self.lookup(query, files: files).contains(microLED), "found by \(query)")
        }
        // Full-width letters are indexed as their NFKC form.
        #expect(try Self.lookup("ai质检", files: files) == ["/bangdan/lists/2022-test/later/"])
    }

    @Test func theSameContentGivesTheSameBytesInEveryProcess() throws {
        let site = try Self.site()
        // Two builds by two processes, each with its own hash seed: Set and Dictionary orders differ between them.
        var outputs: [[String: Data]] = []
        for n in 0..<2 {
            let out = site.root + "/out\(n)"
            let run = try Binary.run(["build", "--site", site.root, "--output", out])
            #expect(run.status == 0, "\(run.stderr)")
            var files: [String: Data] = [:]
            let enumerator = try #require(FileManager.default.enumerator(atPath: out + "/search"))
            for case let path as String in enumerator {
                if let data = FileManager.default.contents(atPath: out + "/search/" + path) { files[path] = data }
            }
            outputs.append(files)
        }
        #expect(outputs[0].count > 5)
        #expect(outputs[0] == outputs[1])
    }

    /// Tokens are made a chunk of documents at a time (to bound memory); the files never depend on the chunk.
    @Test func theIndexIsTheSameWhateverTheChunkOfDocumentsTokenizedAtOnce() throws {
        let site = try Self.site()
        let resolved = try #require(try site.check().resolved)
        let builder = PageBuilder(model: SiteModel(resolved), language: .zhCN)
        let whole = SearchIndex.files(builder)
        #expect(whole.count > 5)
        for chunk in [1, 2, 3] {
            #expect(SearchIndex.files(builder, chunk: chunk) == whole, "chunk \(chunk)")
        }
    }

    /// Every order ends a tie by the requirement's URL, as `String` orders the URLs; the index compares the routes'
    /// bytes (`routeBytes`) instead, which must give the same order. Slugs that differ after a shared stem (`a`,
    /// `a-b`, `a0`, `a.b`) put `/`, `-`, `.` and a digit against each other.
    @Test func everyOrderBreaksTiesAsTheURLsOrderAsStrings() throws {
        var files = [String: String]()
        for slug in ["a", "a-b", "a0", "a.b", "b"] {
            files["content/lists/2022-test/\(slug).md"] = requirement("title: 同一天的需求 \(slug)\nbounty: 面议")
        }
        let site = try ReaderSiteTests.site(files)
        let resolved = try #require(try site.check().resolved)
        let builder = PageBuilder(model: SiteModel(resolved), language: .zhCN)
        let requirements = builder.model.requirements
        let urls = requirements.map { builder.url(SiteModel.requirementRoute($0)) }
        func byURL(_ before: (Int, Int) -> Bool?) -> [Int] {
            Array(requirements.indices).sorted { a, b in before(a, b) ?? (urls[a] < urls[b]) }
        }
        func earlier<T: Comparable>(_ x: T?, _ y: T?, descending: Bool) -> Bool? {
            guard x != y else { return nil }
            guard let x else { return false }
            guard let y else { return true }
            return descending ? x > y : x < y
        }
        let expected: [SearchIndex.Sort: [Int]] = [
            .closing: byURL { earlier(requirements[$0].deadline, requirements[$1].deadline, descending: false) },
            .newest: byURL { a, b in
                requirements[a].published == requirements[b].published
                    ? nil : requirements[a].published > requirements[b].published
            },
            .bounty: byURL {
                earlier(
                    requirements[$0].requirement.bounty?.figure, requirements[$1].requirement.bounty?.figure,
                    descending: true)
            },
        ]
        #expect(requirements.count >= 5)
        for sort in SearchIndex.Sort.allCases {
            #expect(SearchIndex.sortedPositions(builder, sort) == expected[sort], "\(sort)")
        }
    }

    // MARK: Facets

    @Test func bountyBandsAreDefinedOnceByTheFigureInWan() {
        let cases: [(Amount?, BountyBand)] = [
            (.exact(Wan(whole: 99)), .under100), (.exact(Wan(micro: 99_999_999)), .under100),
            (.exact(Wan(whole: 100)), .from100), (.exact(Wan(whole: 499)), .from100),
            (.exact(Wan(whole: 500)), .from500), (.range(Wan(whole: 500), Wan(whole: 1000)), .from500),
            (.exact(Wan(whole: 999)), .from500), (.exact(Wan(whole: 1000)), .from1000),
            (.atLeast(Wan(whole: 10000)), .from1000), (.upTo(Wan(whole: 80)), .under100),
            (.negotiable, .negotiable), (.noBounty, .none), (nil, .none),
            (.exact(Wan(whole: 300), currency: .usd), .none),
        ]
        for (amount, band) in cases {
            #expect(BountyBand(amount) == band, "\(String(describing: amount))")
        }
        // Each band has its label in both languages, and no two share one.
        let zh = BountyBand.allCases.map { $0.label.texts.zh }, en = BountyBand.allCases.map { $0.label.texts.en }
        #expect(Set(zh).count == zh.count && Set(en).count == en.count)
    }

    @Test func facetsCountByTheBuildDateAndRollUpTrees() throws {
        let site = try Self.site()
        try site.build()
        let files = try Self.index(site)
        let manifest = try Self.object(files["search/manifest.json"])
        let postings = try Self.object(files["search/facets.json"])
        let size = try #require(manifest["rows"] as? Int)
        func urls(_ facet: String, _ value: String) throws -> Set<String> {
            let facets = try #require(manifest["facets"] as? [[String: Any]])
            let values = try #require(facets.first { $0["id"] as? String == facet }?["values"] as? [[String: Any]])
            let index = try #require(values.firstIndex { $0["id"] as? String == value }, "\(facet) \(value)")
            let text = try #require((postings[facet] as? [String])?[index])
            let ids = Postings.decode(text)
            return try Set(
                ids.map { id in
                    let fragment = try Self.rows(files["search/f/\(id / size).json"])
                    return try #require(fragment[id % size]["u"] as? String)
                })
        }
        let list = "/bangdan/lists/2022-test/"
        // The build date is 2023-01-01: soon (closing_soon, 7 days), this month, within 90 days, passed, none.
        #expect(try urls("deadline", "soon") == [list + "soon/"])
        #expect(try urls("deadline", "month") == [list + "soon/"])
        #expect(try urls("deadline", "quarter") == [list + "soon/", list + "microled/"])
        #expect(try urls("deadline", "passed") == [list + "passed/"])
        #expect(try urls("deadline", "none").contains(list + "good/"))
        #expect(try !urls("deadline", "none").contains(list + "later/"))
        #expect(try urls("bounty", "lt100") == [list + "microled/"])
        #expect(try urls("bounty", "100-500") == [list + "later/"])
        #expect(try urls("bounty", "ge1000").isSuperset(of: [list + "passed/", list + "good/"]))
        #expect(try urls("bounty", "negotiable") == ["/bangdan/lists/2020-zgc/a-chip/"])
        #expect(try urls("bounty", "none").contains(list + "none/"))
        #expect(try urls("status", "closed") == [list + "passed/"])
        // A region includes its children, an industry its subindustries.
        let zgc = try urls("region", "zhongguancun"), beijing = try urls("region", "beijing")
        #expect(!zgc.isEmpty && beijing.isSuperset(of: zgc))
        #expect(try urls("region", "shandong").contains(list + "soon/"))  // in Jinan
        #expect(try urls("industry", "new-generation-it").contains("/bangdan/lists/2020-zgc/a-chip/"))
        // The page shows the same values with the same counts, its labels from the interface strings.
        let html = try site.read("search/index.html")
        #expect(html.contains("<fieldset class=\"facet\" id=\"facet-deadline\"><legend>截止时间</legend>"))
        #expect(
            html.contains(
                "<label><input type=\"checkbox\" name=\"deadline\" value=\"soon\"> 即将截止 <span class=\"count\" data-count=\"deadline:soon\">1</span></label>"
            ))
        #expect(html.contains("<option value=\"zhongguancun\" data-label=\"　中关村\">　中关村 (\(zgc.count))</option>"))
        #expect(html.contains("data-manifest=\"/bangdan/search/manifest.json\""))
    }

    // MARK: Encoding

    @Test func postingsRoundTripAtEveryDensity() {
        var generator = SystemRandomNumberGenerator()
        var sets: [[Int]] = [[], [0], [1], [63], [64], [0, 1, 2, 3], Array(0..<1000), [5, 100_000], [99_999]]
        for density in [0.001, 0.02, 0.3, 0.9] {
            sets.append((0..<5000).filter { _ in Double.random(in: 0..<1, using: &generator) < density })
        }
        for ids in sets {
            #expect(Postings.decode(Postings.encode(ids)) == ids, "\(ids.prefix(10))")
        }
        // Dense sets cost about a bit a document.
        #expect(Postings.encode(Array(0..<6000)).utf8.count <= 1 + 6000 / 6 + 1)
        for count in [1, 64, 65, 4096, 4097, 300_000] {
            let ids = [0, count / 2, count - 1]
            let width = Postings.width(forCount: count)
            let text = Array(Postings.fixedWidth(ids, width: width).utf8)
            #expect(text.count == ids.count * width)
            let back = stride(from: 0, to: text.count, by: width).map { start in
                text[start..<start + width].reduce(0) { $0 * 64 + Postings.alphabet.firstIndex(of: $1)! }
            }
            #expect(back == ids, "\(count)")
        }
    }

    @Test func tokensArePairsOfHanCharactersAndPrefixesOfWords() {
        let tokens = SearchIndex.tokens(indexing: "MicroLED显示，ZGC-2 Ｘ光")
        for token in ["m", "mi", "microled", "显", "示", "显示", "zgc", "z", "2", "x", "光"] {
            #expect(tokens.contains(token), "\(token)")
        }
        for token in ["led显", "显示，", "zgc-2", "x光", "MicroLED"] {
            #expect(!tokens.contains(token), "\(token)")
        }
        #expect(SearchIndex.tokens(querying: "显示芯片") == ["显示", "示芯", "芯片"])
        #expect(SearchIndex.tokens(querying: "芯") == ["芯"])
        #expect(SearchIndex.tokens(querying: "  MicroLED 显示 显示 ") == ["microled", "显示"])
        #expect(SearchIndex.tokens(querying: "，。 ").isEmpty)
        let long = String(repeating: "a", count: 30)
        #expect(SearchIndex.tokens(querying: long) == [String(repeating: "a", count: SearchIndex.maximumPrefix)])
        #expect(SearchIndex.tokens(indexing: long).count == SearchIndex.maximumPrefix)
        // The shard of a token is FNV-1a of its UTF-8, as search.js computes it.
        #expect(SearchIndex.shard(of: "", shards: 1 << 20) == 2_166_136_261 % (1 << 20))
        #expect(SearchIndex.shard(of: "a", shards: 1 << 20) == 0xE40C_292C % (1 << 20))
    }
}
