import Foundation
import Testing

@testable import BangdanLoad
@testable import BangdanSchema
@testable import BangdanSite

/// The pager shows a window of pages, so a list of N pages writes O(N) pager bytes, not O(N²).
@Suite struct PaginationTests {
    @Test(
        arguments: [
            (1, 1, [1]),
            (5, 1, [1, 2, 3, 4, 5]),
            (7, 4, [1, 2, 3, 4, 5, 6, 7]),
            (100, 1, [1, 2, 3, nil, 100]),
            (100, 50, [1, nil, 48, 49, 50, 51, 52, nil, 100]),
            (100, 100, [1, nil, 98, 99, 100]),
            (100, 4, [1, 2, 3, 4, 5, 6, nil, 100]),
            (100, 5, [1, 2, 3, 4, 5, 6, 7, nil, 100]),
            (100, 6, [1, nil, 4, 5, 6, 7, 8, nil, 100]),
        ] as [(Int, Int, [Int?])])
    func windowShowsFirstLastAndNeighbours(pages: Int, current: Int, expected: [Int?]) {
        #expect(Pagination(total: pages, size: 1).window(around: current) == expected)
    }

    @Test func windowNeverGrowsWithThePageCount() {
        for count in [10, 1_000, 100_000] {
            let pagination = Pagination(total: count, size: 1)
            for page in [1, 2, count / 2, count - 1, count] {
                let window = pagination.window(around: page)
                #expect(window.count <= 9)
                #expect(window.first == 1 && window.last == Optional(count))
                #expect(window.contains(page))
                // No gap stands for a single page: a gap always hides at least two.
                for (i, slot) in window.enumerated() where slot == nil {
                    let before = window[i - 1] ?? 0, after = window[i + 1] ?? 0
                    #expect(after - before > 2)
                }
            }
        }
    }

    @Test func aLongListsPagerLinksOnlyAWindowOfPages() throws {
        var files: [String: String] = [:]
        for n in 1...30 { files["content/lists/2022-test/r\(n).md"] = requirement("code: R-\(n)") }
        let site = try FixtureSite(files)  // page_size 2: 16 pages
        try site.build()
        let page8 = try site.read("lists/2022-test/page/8/index.html")
        let pager = try #require(page8.range(of: "<nav class=\"pager\"").map { String(page8[$0.lowerBound...]) })
        let nav = String(pager[..<(pager.range(of: "</nav>")?.upperBound ?? pager.endIndex)])
        for n in [6, 7, 9, 10, 16] { #expect(nav.contains("/lists/2022-test/page/\(n)/\"")) }
        #expect(nav.contains("href=\"/bangdan/lists/2022-test/\""))
        for n in [3, 4, 5, 11, 12, 15] { #expect(!nav.contains("/lists/2022-test/page/\(n)/\"")) }
        #expect(nav.contains("aria-current=\"page\">8<"))
        #expect(nav.components(separatedBy: "class=\"gap\"").count == 3)
    }
}
