import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanRender

/// Issue 12, item 5: every chart (a list's, the lists page's, the industries' and the regions') is readable on a
/// phone (labels as text above the bars, never cut short) and has a table alternative with a caption and headers
/// holding the same figures, with the total row where the bars split one whole.
@Suite struct ChartTableTests {
    /// The base fixture plus a second requirement (two industries, matching) and a Beijing list that declares more
    /// requirements than it holds.
    static func site(language: String? = nil) throws -> FixtureSite {
        var files = [
            "content/lists/2022-test/two.md": requirement(
                "title: 第二项需求\nindustry: [integrated-circuits, high-end-equipment]\nstatus: matching"),
            "content/lists/2020-zgc/_index.md": """
            ---
            title: 中关村强链工程首批技术需求榜单这个名字很长很长很长很长
            publisher: 中关村科技园区管理委员会
            region: zhongguancun
            published: 2020-12-28
            category: enterprise-demand
            declared: {requirements: 17}
            ---
            """,
            "content/lists/2020-zgc/a.md": requirement("region: zhongguancun"),
        ]
        if let language {
            files["content/site.yml"] = "title: Test\nbase_url: https://example.org/bangdan/\nlanguage: \(language)\n"
        }
        return try FixtureSite(files)
    }

    struct Figure {
        var caption: String
        /// Label and number of each bar, in order.
        var bars: [(String, String)]
        /// Header and cells of each body row, in order.
        var rows: [(String, [String])]
        var headers: [String]
        var total: String?
    }

    /// Every chart figure of a page, read back from its markup.
    static func figures(_ page: String) -> [Figure] {
        page.components(separatedBy: "<figure class=\"chart-figure\">").dropFirst().map { rest in
            let figure = rest.components(separatedBy: "</figure>")[0]
            let labels = between(figure, "<span class=\"bar-label\">", "</span>")
            let values = between(figure, "<span class=\"bar-value\">", "</span>")
            let body = between(figure, "<tbody>", "</tbody>").first ?? ""
            let rows = between(body, "<tr>", "</tr>").map { row in
                (between(row, "<th scope=\"row\">", "</th>").first ?? "", between(row, "<td>", "</td>"))
            }
            let foot = between(figure, "<tfoot>", "</tfoot>").first
            return Figure(
                caption: between(figure, "<caption>", "</caption>").first ?? "",
                bars: Array(zip(labels, values)), rows: rows,
                headers: between(figure, "<th scope=\"col\">", "</th>"),
                total: foot.flatMap { between($0, "<td>", "</td>").first })
        }
    }

    static func between(_ text: String, _ open: String, _ close: String) -> [String] {
        text.components(separatedBy: open).dropFirst().map { $0.components(separatedBy: close)[0] }
    }

    /// Each chart's table: caption = the figure's caption, one row per bar with the bar's label and number.
    static func expectTablesMatchCharts(
        _ page: String, count: Int, summed: [Bool], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let figures = figures(page)
        #expect(figures.count == count, sourceLocation: sourceLocation)
        for (figure, summed) in zip(figures, summed) {
            #expect(!figure.bars.isEmpty, sourceLocation: sourceLocation)
            #expect(page.contains("<figcaption>\(figure.caption)</figcaption>"), sourceLocation: sourceLocation)
            #expect(figure.headers.count >= 2, sourceLocation: sourceLocation)
            #expect(
                figure.rows.map { [$0.0, $0.1[0]] } == figure.bars.map { [$0.0, $0.1] },
                "table of \(figure.caption)", sourceLocation: sourceLocation)
            let sum = figure.bars.compactMap { Int($0.1) }.reduce(0, +)
            #expect(
                figure.total == (summed ? "\(sum)" : nil), "total of \(figure.caption)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyChartHasATableWithTheSameNumbers() throws {
        let site = try Self.site()
        try site.build()
        let list = try site.read("lists/2022-test/index.html")
        Self.expectTablesMatchCharts(list, count: 2, summed: [false, true])
        let byIndustry = try #require(Self.figures(list).first)
        #expect(byIndustry.caption == "按产业领域")
        #expect(byIndustry.headers == ["产业领域", "需求数"])
        #expect(Set(byIndustry.bars.map { "\($0.0) \($0.1)" }) == ["高端装备制造 2", "集成电路 1"])
        let byStatus = try #require(Self.figures(list).last)
        #expect(byStatus.total == "2", "two requirements, one per status")

        let lists = try site.read("lists/index.html")
        Self.expectTablesMatchCharts(lists, count: 1, summed: [true])
        let perList = try #require(Self.figures(lists).first)
        #expect(perList.headers == ["榜单", "本站收录", "通知公布"])
        #expect(perList.rows.map(\.1) == [["2", "未公布"], ["1", "17"]], "counted beside declared, per list")
        #expect(perList.total == "3")
        #expect(
            perList.bars.contains { $0.0 == "中关村强链工程首批技术需求榜单这个名字很长很长很长很长" }, "a long label is never cut short")

        let industries = try site.read("industries/index.html")
        Self.expectTablesMatchCharts(industries, count: 1, summed: [false])
        #expect(try #require(Self.figures(industries).first).caption == "按产业领域")
        let regions = try site.read("regions/index.html")
        Self.expectTablesMatchCharts(regions, count: 1, summed: [true])
        #expect(Set(try #require(Self.figures(regions).first).bars.map { "\($0.0) \($0.1)" }) == ["北京市 1", "山东省 2"])
    }

    @Test func chartsSpeakEnglishOnEnglishSites() throws {
        let site = try Self.site(language: "en")
        try site.build()
        for path in ["lists/2022-test/index.html", "lists/index.html", "industries/index.html", "regions/index.html"] {
            let page = try site.read(path)
            for figure in Self.figures(page) {
                let shown = [figure.caption] + figure.headers + [figure.total ?? ""]
                #expect(!shown.joined().unicodeScalars.contains { $0.isWide }, "\(path): \(shown)")
            }
        }
        let lists = try site.read("lists/index.html")
        #expect(lists.contains("<th scope=\"col\">Counted</th><th scope=\"col\">Declared</th>"))
        #expect(lists.contains("<td>not declared</td>"))
    }

    @Test func barsAreTextWithTheirLengthAsAShareOfTheLongest() {
        let html = Charts.bars(
            [.init(label: "A & B", count: 10), .init(label: "C", count: 1), .init(label: "D", count: 0)],
            number: { "\($0)" })
        #expect(html.contains("<span class=\"bar-label\">A &amp; B</span>"))
        #expect(html.contains("<rect width=\"100\" height=\"10\"/>"))
        #expect(html.contains("<rect width=\"10\" height=\"10\"/>"))
        #expect(html.contains("<rect width=\"0\" height=\"10\"/>"))
        #expect(!html.contains("…"), "labels are never truncated")
    }
}
