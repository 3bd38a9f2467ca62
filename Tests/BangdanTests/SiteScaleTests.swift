import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanSite

/// The site model's lookups by id (a list by id, a requirement's place in its list, the lists under a region) are
/// index lookups that give what a scan of every list gives, and a region's term pages carry its lists once, on
/// page 1, so a term's pages together weigh O(items), not O(items × lists).
@Suite struct SiteScaleTests {
    /// Three lists: two in Shandong (one of them in Jinan), one in Beijing; page_size 2.
    func site() throws -> FixtureSite {
        var files: [String: String] = [:]
        for (id, region, published) in [
            ("2022-jinan", "jinan", "2022-07-01"), ("2021-beijing", "beijing", "2021-03-01"),
        ] {
            files["content/lists/\(id)/_index.md"] = """
                ---
                title: 榜单 \(id)
                publisher: 发布单位
                region: \(region)
                published: \(published)
                category: key-technology
                ---
                介绍。
                """
        }
        for n in 1...5 { files["content/lists/2022-test/r\(n).md"] = requirement("code: R-\(n)") }
        for n in 1...3 { files["content/lists/2022-jinan/j\(n).md"] = requirement("code: J-\(n)") }
        files["content/lists/2021-beijing/b1.md"] = requirement()
        return try FixtureSite(files)
    }

    @Test func lookupsByIdGiveWhatAScanGives() throws {
        let fixture = try site()
        let built = try fixture.build()
        let model = SiteModel(try #require(built.checked.resolved))
        #expect(model.lists.count == 3)
        for entry in model.lists {
            #expect(model.list(id: entry.list.id)?.list.id == entry.list.id)
        }
        #expect(model.list(id: "no-such-list") == nil)
        for (index, r) in model.requirements.enumerated() {
            let entry = try #require(model.lists.first { $0.list.id == r.requirement.listID })
            #expect(model.listPosition(ofRequirement: index) == entry.members.firstIndex(of: index))
        }
        let regions = model.vocabularies.regions
        for term in regions.terms {
            let scanned = model.lists.filter { regions.lineage(of: $0.list.region).contains(term.id) }.map(\.list.id)
            #expect(model.lists(inRegion: term.id).map(\.list.id) == scanned, "\(term.id)")
        }
        // Roll-up: Jinan's list is also Shandong's; newest first.
        #expect(model.lists(inRegion: "shandong").map(\.list.id) == ["2022-jinan", "2022-test"])
        #expect(model.lists(inRegion: "jiangxi").isEmpty)
    }

    @Test func aRegionShowsItsListsOnItsFirstPageOnly() throws {
        let fixture = try site()
        try fixture.build()
        // Shandong: 6 + 3 requirements (the base site has one) at 2 a page, so five pages; its lists are shown once, on page 1.
        let first = try fixture.read("regions/shandong/index.html")
        #expect(first.contains("lists-here-heading"))
        #expect(first.contains("榜单 2022-jinan") && first.contains("测试榜单"))
        for page in 2...5 {
            let later = try fixture.read("regions/shandong/page/\(page)/index.html")
            #expect(!later.contains("lists-here-heading"), "page \(page)")
            #expect(!later.contains("榜单 2022-jinan"), "page \(page)")
        }
        #expect(!fixture.exists("regions/shandong/page/6/index.html"))
    }

    @Test func neighboursFollowTheListOrder() throws {
        let fixture = try site()
        try fixture.build()
        let middle = try fixture.read("lists/2022-test/r3/index.html")
        #expect(middle.contains("/bangdan/lists/2022-test/r2/\""))
        #expect(middle.contains("/bangdan/lists/2022-test/r4/\""))
        let first = try fixture.read("lists/2022-test/r1/index.html")
        #expect(!first.contains("/bangdan/lists/2022-test/r5/\""))
    }
}
