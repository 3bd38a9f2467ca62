import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanRender
@testable import BangdanSite

/// Requirement and list pages show what contract version 2 says (issue "Real lists" item 3, "The reader's site"
/// item 2): the call to apply while open, joint issuers, solvers' roles and 未公开, eligibility, how to apply with
/// links, the timeline with today's place, extra facts, every contact with tel:/mailto: links, the deadline's time,
/// dates at their precision, stale open calls, and a list's declared totals beside the counted ones.
@Suite struct ReaderPageTests {
    let page = "lists/2022-test/need/index.html"
    let path = "\(listPath)/need.md"

    /// Builds the fixture site with `need.md` (and `files`) at 2023-01-01 unless told, and returns the need's page.
    func build(
        _ need: String, _ files: [String: String] = [:], buildDate: Day = Day("2023-01-01")!,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (site: FixtureSite, page: String) {
        var all = files
        all[path] = requirement(need)
        let site = try FixtureSite(all)
        try site.build(buildDate: buildDate, sourceLocation: sourceLocation)
        return (site, try site.read(page))
    }

    /// The part of `html` from `start` to the next `end` (or to the end).
    func part(_ html: String, from start: String, to end: String) -> String {
        guard let from = html.range(of: start) else { return "" }
        let rest = html[from.lowerBound...]
        return String(rest[..<(rest.range(of: end)?.upperBound ?? rest.endIndex)])
    }

    // MARK: The call to apply

    @Test func showsTheCallToApplyWhileTheCallIsOpen() throws {
        let (_, html) = try build("apply_url: https://example.org/apply\ndeadline: 2023-03-01")
        #expect(
            html.contains(
                #"<p class="apply-cta"><a class="apply-button" href="https://example.org/apply" rel="external">我要揭榜</a></p>"#
            ))
    }

    @Test(arguments: ["status: matching", "deadline: 2022-12-31", "status: withdrawn"])
    func hidesTheCallToApplyOnceTheCallIsNotOpen(_ line: String) throws {
        let (_, html) = try build("apply_url: https://example.org/apply\n" + line)
        #expect(!html.contains("apply-button"))
        #expect(!html.contains("https://example.org/apply"), "nor as the guide's 申报入口")
    }

    @Test func inEnglishTheCallToApplySaysApply() throws {
        let (_, html) = try build(
            "apply_url: https://example.org/apply",
            ["content/site.yml": "title: Test\nbase_url: https://example.org/\nlanguage: en"])
        #expect(html.contains(#"rel="external">Apply</a></p>"#))
        #expect(!html.contains("我要揭榜"))
    }

    // MARK: Issuers and solvers

    @Test func listsJointIssuersLeadFirstAndMarksTheLead() throws {
        let (site, html) = try build(
            "issuer:\n  - {name: 甲集团, type: state-owned}\n  - {name: 乙研究院, credit_code: 91350100M000100Y43}")
        #expect(
            html.contains(
                #"<dd><span class="issuer">甲集团（国有企业） <span class="badge badge-lead">牵头</span></span>"#
                    + #"<span class="issuer">乙研究院<br><span class="code">统一社会信用代码 91350100M000100Y43</span></span></dd>"#
            ))
        // The card names both, the lead first.
        #expect(try site.read("lists/2022-test/index.html").contains("<dd>甲集团、乙研究院</dd>"))
    }

    @Test func aSingleIssuerIsNotMarkedAsTheLead() throws {
        let (_, html) = try build("")
        #expect(html.contains(#"<dd><span class="issuer">测试企业</span></dd>"#))
        #expect(!html.contains("badge-lead"))
    }

    @Test func showsSolversWithRoleProjectAndNote() throws {
        let (_, html) = try build(
            """
            status: signed
            solvers:
              - {name: 山东大学, region: jinan, role: lead, project: 智能输送系统, note: 揭榜优胜单位}
              - {name: 某公司, role: member}
            """)
        #expect(
            html.contains(
                #"<li>山东大学（济南市） <span class="badge badge-role">牵头</span> <span class="solver-note">揭榜优胜单位</span>"#
                    + #"<br><span class="solver-project">项目：智能输送系统</span></li>"#))
        #expect(html.contains(#"<li>某公司 <span class="badge badge-role">联合</span></li>"#))
        #expect(!html.contains("揭榜单位未公开"))
    }

    @Test func saysTheSolversWereNotPublished() throws {
        let (_, html) = try build("status: completed\nsolvers: 未公开")
        let section = part(html, from: #"<h2 id="solvers-heading">"#, to: "</section>")
        #expect(section.contains("<p>揭榜单位未公开</p>"))
        #expect(!section.contains("<ul"), "no empty list of names")
    }

    // MARK: The guide

    @Test func showsEligibilityAsAListAndPeriodAndIP() throws {
        let (_, html) = try build("eligibility: [境内注册的企业, 近三年无不良记录]\nperiod: 2–3年\nip: 归双方共有")
        let guide = part(html, from: #"<section aria-labelledby="guide-heading""#, to: "</section>")
        #expect(guide.contains("<h3>揭榜条件</h3>\n<ul class=\"eligibility\">\n<li>境内注册的企业</li>\n<li>近三年无不良记录</li>\n</ul>"))
        #expect(guide.contains("<dt>实施周期</dt><dd>2–3年</dd>"))
        #expect(guide.contains("<dt>知识产权</dt><dd>归双方共有</dd>"))
    }

    @Test func aRequirementWithoutTheNewFieldsHasNoGuideAndNoCallToApply() throws {
        let (_, html) = try build("")
        #expect(!html.contains("guide-heading"))
        #expect(!html.contains("apply-cta"))
        #expect(!html.contains("extra-heading"))
    }

    @Test func linksOnlyWebAddressesInHowToApplyAndEscapesTheRest() throws {
        let (_, html) = try build(
            #"how_to_apply: "<b>网上申报</b>：https://example.org/a?x=1&y=2。不是链接：javascript:alert(1) www.example.org""#
                + "\n")
        let text = part(html, from: #"<div class="how-to-apply">"#, to: "</div>")
        #expect(
            text.contains(
                #"<p>&lt;b&gt;网上申报&lt;/b&gt;：<a href="https://example.org/a?x=1&amp;y=2" rel="external">"#
                    + #"https://example.org/a?x=1&amp;y=2</a>。不是链接：javascript:alert(1) www.example.org</p>"#))
        #expect(!text.contains("<b>"))
        #expect(!text.contains(#"href="javascript"#))
    }

    @Test func splitsHowToApplyIntoParagraphsAtLineBreaks() throws {
        let (_, html) = try build("how_to_apply: |\n  第一步：在线填报。\n\n  第二步：寄送材料。")
        #expect(html.contains("<p>第一步：在线填报。</p>\n<p>第二步：寄送材料。</p>"))
    }

    @Test(
        arguments: [
            ("见 https://a.example/x.", [("见 ", nil), ("https://a.example/x", "https://a.example/x"), (".", nil)]),
            ("（https://a.example/x）", [("（", nil), ("https://a.example/x", "https://a.example/x"), ("）", nil)]),
            (
                "(see https://a.example/x)",
                [("(see ", nil), ("https://a.example/x", "https://a.example/x"), (")", nil)]
            ),
            ("https://a.example/f(1)", [("https://a.example/f(1)", "https://a.example/f(1)")]),
            ("HTTPS://A.example/", [("HTTPS://A.example/", "HTTPS://A.example/")]),
            ("xhttps://a.example/", [("xhttps://a.example/", nil)]),
            ("https:// nothing", [("https:// nothing", nil)]),
            ("https://a.example/'onmouseover", [("https://a.example/", "https://a.example/"), ("'onmouseover", nil)]),
        ] as [(String, [(String, String?)])])
    func findsTheAddressesInALine(_ line: String, _ expected: [(String, String?)]) {
        let runs = LinkedText.runs(line)
        #expect(runs.map(\.text) == expected.map(\.0))
        #expect(runs.map(\.url) == expected.map(\.1))
    }

    @Test func ordersTheTimelineAndMarksTodaysPlace() throws {
        let (_, html) = try build(
            """
            timeline:
              - {date: 2023-02-01, event: 评审}
              - {date: 2022-12-01, event: 宣讲会, time: "09:30"}
            """)
        #expect(
            html.contains(
                """
                <ol class="timeline">
                <li class="past"><time datetime="2022-12-01T09:30">2022年12月1日 09:30</time> 宣讲会</li>
                <li class="today" aria-current="date"><time datetime="2023-01-01">2023年1月1日</time> <strong class="today-label">今天</strong></li>
                <li class="future"><time datetime="2023-02-01">2023年2月1日</time> 评审</li>
                </ol>
                """))
    }

    @Test func aMilestoneOnTheBuildDateIsTodaysPlace() throws {
        let (_, html) = try build("timeline:\n  - {date: 2023-01-01, event: 申报截止, time: \"17:00\"}")
        #expect(
            html.contains(
                #"<li class="today" aria-current="date"><time datetime="2023-01-01T17:00">2023年1月1日 17:00</time> 申报截止 <strong class="today-label">今天</strong></li>"#
            ))
        #expect(html.components(separatedBy: #"aria-current="date""#).count == 2, "one place for today")
    }

    @Test func linksEveryContactWithTelAndMailto() throws {
        let (_, html) = try build(
            """
            contact:
              - {name: 王工, phone: "0531-8888 6666转542", email: wang@example.org}
              - {name: 李工, phone: ["＋86 531 1234567", "13800000000"]}
            """)
        #expect(html.contains(#"<a href="tel:053188886666;ext=542">0531-8888 6666转542</a>"#))
        #expect(html.contains(#"<a href="mailto:wang@example.org">wang@example.org</a>"#))
        #expect(html.contains(#"<a href="tel:+865311234567">+86 531 1234567</a>"#))
        #expect(html.contains(#"<a href="tel:13800000000">13800000000</a>"#))
        #expect(html.components(separatedBy: #"<dl class="facts contact">"#).count == 3)
    }

    // MARK: Facts

    @Test func showsExtraFactsAsATableInTheOrderWritten() throws {
        let (_, html) = try build("extra:\n  支持方式: 事后补助\n  揭榜方式: <单位揭榜>")
        #expect(
            html.contains(
                """
                <table class="extra-facts">
                <tbody>
                <tr><th scope="row">支持方式</th><td>事后补助</td></tr>
                <tr><th scope="row">揭榜方式</th><td>&lt;单位揭榜&gt;</td></tr>
                </tbody>
                """))
    }

    @Test func showsTheDeadlineWithItsTime() throws {
        let (site, html) = try build("deadline: 2023-01-10 17:00")
        #expect(
            html.contains(
                #"<dt>截止时间</dt><dd data-deadline="2023-01-10" data-soon-days="14" data-always>2023年1月10日 17:00<span class="countdown">（剩余 9 天）</span></dd>"#
            ))
        #expect(
            try site.read("lists/2022-test/index.html").contains(
                #"<dd data-deadline="2023-01-10" data-soon-days="14">2023年1月10日 17:00<span class="countdown">（剩余 9 天）</span></dd>"#
            ))
    }

    @Test func aDeadlineWithoutATimeIsADate() throws {
        let (_, html) = try build("deadline: 2023-03-10")
        #expect(
            html.contains(
                #"<dt>截止日期</dt><dd data-deadline="2023-03-10" data-soon-days="14" data-always>2023年3月10日<span class="countdown">（剩余 68 天）</span></dd>"#
            ))
    }

    @Test func showsDatesAtTheirPrecision() throws {
        let list = """
            ---
            title: 测试榜单
            publisher: 山东省工业和信息化厅
            region: shandong
            published: 2022-11
            category: key-technology
            ---
            """
        let (site, html) = try build("", ["\(listPath)/_index.md": list])
        #expect(html.contains("<dt>发布日期</dt><dd>2022年11月</dd>"))
        #expect(try site.read("lists/2022-test/index.html").contains("<dt>发布日期</dt><dd>2022年11月</dd>"))
        #expect(!html.contains("2022年11月1日"))
    }

    @Test func showsAStaleOpenCallAsOpenWithoutADeadline() throws {
        // Published 2022-06-29 (the fixture list), built more than a year later, open, no deadline.
        let (site, html) = try build("", buildDate: Day("2023-08-01")!)
        #expect(html.contains(#"<span class="badge status-open">征集中（未设截止日期）</span>"#))
        #expect(
            try site.read("lists/2022-test/index.html").contains(
                #"<span class="badge status-open">征集中（未设截止日期）</span>"#))
    }

    /// Pages mark a requirement closing soon exactly when the open data says `closing_soon` (the one rule), at the
    /// edges of the window too.
    @Test(arguments: [("2023-01-01", true), ("2023-01-15", true), ("2023-01-16", false), ("2022-12-31", false)])
    func closingSoonIsTheOneRule(_ deadline: String, _ soon: Bool) throws {
        let (site, html) = try build("deadline: \(deadline)")
        let data = try site.json("data/requirements.json")
        let rows = try #require(data["requirements"] as? [[String: Any]])
        let need = try #require(rows.first { $0["slug"] as? String == "need" })
        #expect(need["closing_soon"] as? Bool == soon)
        #expect(html.contains("badge-soon") == soon)
        let card = part(try site.read("lists/2022-test/index.html"), from: "/lists/2022-test/need/", to: "</li>")
        #expect(card.contains("badge-soon") == soon)
    }

    // MARK: The list page

    static let listWithDefaults = """
        ---
        title: 测试榜单
        publisher: 山东省工业和信息化厅
        region: shandong
        published: 2022-06-29
        category: key-technology
        issuer: [{name: 甲集团}, {name: 乙研究院}]
        declared: {requirements: 17, bounty: 52.42亿元}
        how_to_apply: 登录 https://example.org/apply 申报。
        apply_url: https://example.org/apply
        ---
        """

    @Test func showsTheDeclaredTotalsBesideTheCountedOnes() throws {
        let (site, _) = try build("bounty: 500万元", ["\(listPath)/_index.md": Self.listWithDefaults])
        let html = try site.read("lists/2022-test/index.html")
        #expect(
            html.contains(
                """
                <ul class="declared">
                <li>本站收录 2 项 · 通知公布 17 项</li>
                <li>揭榜金额：本站收录 1.01亿元 · 通知公布 52.42亿元</li>
                </ul>
                """))
        // Never added in: the counted figure stays the count.
        #expect(html.contains(#"<span class="figure-value">2</span> <span class="figure-label">需求数</span>"#))
    }

    @Test func aListWithoutDeclaredTotalsShowsNone() throws {
        let (site, _) = try build("")
        #expect(!(try site.read("lists/2022-test/index.html")).contains("class=\"declared\""))
    }

    @Test func showsTheListsDefaultsForTakingPartOnItsFirstPage() throws {
        let site = try FixtureSite([
            "\(listPath)/_index.md": Self.listWithDefaults, "\(listPath)/more.md": requirement(dropping: ["issuer"]),
            "\(listPath)/most.md": requirement(dropping: ["issuer"]),
        ])
        try site.build()
        let first = try site.read("lists/2022-test/index.html")
        #expect(first.contains("<dt>发榜单位</dt><dd>甲集团（牵头）、乙研究院</dd>"))
        #expect(
            first.contains(
                #"<p>登录 <a href="https://example.org/apply" rel="external">https://example.org/apply</a> 申报。</p>"#))
        #expect(first.contains(#"<dt>申报入口</dt><dd><a href="https://example.org/apply""#))
        // page_size 2: the second page lists cards, not the guide again.
        #expect(!(try site.read("lists/2022-test/page/2/index.html")).contains("guide-heading"))
        // A requirement that names no issuer shows the list's, lead first, and the list's call to apply.
        let more = try site.read("lists/2022-test/more/index.html")
        #expect(more.contains(#"<span class="badge badge-lead">牵头</span>"#))
        #expect(more.contains(#"class="apply-button" href="https://example.org/apply""#))
    }

    @Test func theListGivesWhereToApplyOnlyWhileACallIsOpen() throws {
        let withdrawn = Self.listWithDefaults.replacingOccurrences(
            of: "apply_url: https://example.org/apply\n",
            with: "apply_url: https://example.org/apply\nstatus: withdrawn\n")
        let site = try FixtureSite(["\(listPath)/_index.md": withdrawn])
        try site.build()
        let html = try site.read("lists/2022-test/index.html")
        #expect(html.contains("guide-heading"), "how to apply stays, as a record")
        #expect(!html.contains("申报入口"))
    }

    @Test func aNationalListHasNoOutOfRegionSolverFigure() throws {
        let regions = try #require(FixtureSite.base["content/regions.yml"]) + "\nchina:\n  name: 全国\n  national: true\n"
        let national = """
            ---
            title: 全国榜单
            publisher: 工业和信息化部
            region: china
            published: 2022-06-29
            category: key-technology
            ---
            """
        let site = try FixtureSite(["content/regions.yml": regions, "content/lists/2022-national/_index.md": national])
        try site.build()
        #expect(!(try site.read("lists/2022-national/index.html")).contains("外省揭榜单位"))
        #expect(try site.read("lists/2022-test/index.html").contains("外省揭榜单位"))
    }
}

/// The home page's "open" block never offers a stale open call (SCHEMA.md §6 `stale-open`).
@Suite struct HomeStaleOpenTests {
    @Test func theHomePageNeverListsAStaleOpenCall() throws {
        // No deadlines anywhere, so the home page falls back to the newest open calls; the build is two years on.
        let site = try FixtureSite([
            "\(listPath)/fresh.md": requirement("title: 新近的需求\npublished: 2024-06-01")
        ])
        try site.build(buildDate: try #require(Day(year: 2024, month: 12, day: 1)))
        let home = try site.read("index.html")
        #expect(home.contains("新近的需求"))
        #expect(!home.contains("超低功耗散料输送高端装备"), "the 2022 call without a deadline is stale")
    }
}

/// Interface phrases fill their `{placeholders}` over their bytes: a name `values` gives is replaced, anything
/// else between or around braces is kept as written.
@Suite struct PhraseFillTests {
    @Test func placeholdersAreFilledAndEverythingElseKept() {
        let values: KeyValuePairs<String, String> = ["year": "2023", "month": "5", "名": "值", "empty": ""]
        #expect(Format.fill("{year}年{month}月", values) == "2023年5月")
        #expect(Format.fill("无占位", values) == "无占位")
        #expect(Format.fill("{名}/{empty}/{day}", values) == "值//{day}")
        #expect(Format.fill("{year", values) == "{year")
        #expect(Format.fill("a{b{year}c}", values) == "a{b{year}c}")
        #expect(Format.fill("{}{year}}{", values) == "{}2023}{")
        #expect(Format.fill("", values) == "")
    }
}
