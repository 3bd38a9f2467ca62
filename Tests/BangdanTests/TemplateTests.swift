import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender
@testable import BangdanSite
@testable import Mustache

/// Typed view models and the default templates: every name a template uses is a key some view model states,
/// every page states the names its template asks for, and a row never shows a value of the page around it.
/// (The engine's own behaviour is tested in MustacheTests.)
@Suite struct TemplateTests {
    @Test func escapesAsTheFoldedConstantsAre() {
        let text = "<a href=\"x\" title='y'>&</a> 中文"
        #expect(MustacheTemplate.escape(text) == HTML.escape(text))
    }

    // MARK: Names

    /// Every key of every view model, by type.
    static let keys: [String: Set<String>] = [
        "SiteFrame": names(SiteFrame.Key.self), "PageFrame": names(PageFrame.Key.self),
        "NavLink": names(NavLink.Key.self), "ArticleMeta": names(ArticleMeta.Key.self),
        "Breadcrumb": names(Breadcrumb.Key.self), "Link": names(Link.Key.self),
        "TitledLink": names(TitledLink.Key.self), "Figure": names(Figure.Key.self),
        "FileLink": names(FileLink.Key.self), "Card": names(Card.Key.self),
        "RenderedCard": names(RenderedCard.Key.self), "PagedCards": names(PagedCards.Key.self),
        "Pager": names(Pager.Key.self), "PagerItem": names(PagerItem.Key.self),
        "ListSummary": names(ListSummary.Key.self), "TermNode": names(TermNode.Key.self),
        "HomePage": names(HomePage.Key.self), "ListsPage": names(ListsPage.Key.self),
        "ListPage": names(ListPage.Key.self), "Fact": names(Fact.Key.self), "Chart": names(Chart.Key.self),
        "Chart.Row": names(Chart.Row.Key.self), "RequirementPage": names(RequirementPage.Key.self),
        "LifecycleStep": names(RequirementPage.LifecycleStep.Key.self),
        "Issuer": names(RequirementPage.Issuer.Key.self),
        "IndicatorTarget": names(RequirementPage.IndicatorTarget.Key.self),
        "Solver": names(RequirementPage.Solver.Key.self), "ExtraRow": names(RequirementPage.ExtraRow.Key.self),
        "Guide": names(Guide.Key.self), "TextLine": names(TextLine.Key.self),
        "Paragraph": names(Paragraph.Key.self), "TextRun": names(TextRun.Key.self),
        "TimelineRow": names(TimelineRow.Key.self), "ContactCard": names(ContactCard.Key.self),
        "PhoneLink": names(PhoneLink.Key.self),
        "Keyword": names(RequirementPage.Keyword.Key.self), "TermsPage": names(TermsPage.Key.self),
        "TermPage": names(TermPage.Key.self), "SearchPage": names(SearchPage.Key.self),
        "SelectOption": names(SelectOption.Key.self), "Alternate": names(Alternate.Key.self),
        "LanguageSwitch": names(LanguageSwitch.Key.self), "Countdown": names(Countdown.Key.self),
        "CheckFacet": names(CheckFacet.Key.self),
    ]

    static func names<K: ViewModelKey>(_ type: K.Type) -> Set<String> { Set(K.allCases.map(\.rawValue)) }

    /// The first part of every name a template's tags use (`t` for `t.KEY`), sections included.
    static func namesUsed(in nodes: [MustacheTemplate.Node]) -> Set<String> {
        var names: Set<String> = []
        for node in nodes {
            switch node {
            case .text, .partial: break
            case .variable(let path, _):
                if case .names(let parts) = path { names.insert(parts[0]) }
            case .section(let path, let body, _):
                if case .names(let parts) = path { names.insert(parts[0]) }
                names.formUnion(namesUsed(in: body))
            case .parent(_, _, let blocks):
                for block in blocks.values { names.formUnion(namesUsed(in: block.nodes)) }
            case .block(let block):
                names.formUnion(namesUsed(in: block.nodes))
            }
        }
        return names
    }

    /// A misspelt name in a template (or a key spelt differently in its view model) fails here, not as an empty
    /// string on a page.
    @Test func everyNameTheDefaultTemplatesUseIsAViewModelKey() throws {
        let theme = try Theme(ThemeLoader.defaults)
        let known = Self.keys.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        for (name, template) in theme.library {
            let unknown = Self.namesUsed(in: template.nodes).subtracting(known)
            #expect(unknown.isEmpty, "\(name).mustache uses \(unknown.sorted()), which no view model states")
        }
    }

    /// The check above sees a misspelling.
    @Test func findsANameNoViewModelStates() throws {
        let template = try MustacheTemplate("{{#pager}}{{#pages}}{{numbr}}{{/pages}}{{/pager}}{{t.home}}")
        let known = Self.keys.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        #expect(Self.namesUsed(in: template.nodes).subtracting(known) == ["numbr"])
    }

    /// A page's own names come before its frame's, and the frame's before the site's: none may hide another.
    @Test func pageNamesDoNotShadowTheFrame() {
        let frame = Self.keys["PageFrame"] ?? [], site = Self.keys["SiteFrame"] ?? []
        #expect(frame.isDisjoint(with: site))
        for page in ["HomePage", "ListsPage", "ListPage", "RequirementPage", "TermsPage", "TermPage", "SearchPage"] {
            let names = Self.keys[page] ?? []
            #expect(!names.isEmpty)
            #expect(names.isDisjoint(with: frame), "\(page) hides \(names.intersection(frame).sorted())")
            #expect(names.isDisjoint(with: site), "\(page) hides \(names.intersection(site).sorted())")
        }
        #expect((Self.keys["Card"] ?? []).isDisjoint(with: site))
        // A page of cards is framed around the two pages that show cards: it may hide none of their names, nor be
        // hidden by them, nor hide the frame's or the site's.
        let cards = Self.keys["PagedCards"] ?? []
        #expect(!cards.isEmpty)
        for page in ["ListPage", "TermPage"] {
            #expect(cards.isDisjoint(with: Self.keys[page] ?? []), "\(page) and PagedCards share a name")
        }
        #expect(cards.isDisjoint(with: frame) && cards.isDisjoint(with: site))
    }

    // MARK: Rows state every key

    /// Each key of `model` is stated, with a value or null: rendered inside a context that has a value for every
    /// one of its names, the row never shows that value.
    func expectStatesEveryKey<M: ViewModel>(_ model: M, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var outer: [String: MustacheValue] = ["row": model.mustacheValue]
        for key in M.Key.allCases { outer[key.rawValue] = "OUTER" }
        for key in M.Key.allCases {
            let name = key.rawValue
            #expect(model.mustacheValue(forKey: name) != nil, "\(M.self).\(name)", sourceLocation: sourceLocation)
            let template = try MustacheTemplate("{{#row}}{{\(name)}}{{#\(name)}}{{.}}{{/\(name)}}{{/row}}")
            let output = String(decoding: try template.render(.map(outer)), as: UTF8.self)
            #expect(!output.contains("OUTER"), "\(M.self).\(name)", sourceLocation: sourceLocation)
        }
    }

    @Test func rowsWithoutAValueNeverShowTheValueAroundThem() throws {
        try expectStatesEveryKey(
            Card(
                title: "t", url: "u", issuer: "i", industries: "n", region: "r", status: "s", statusClass: "open",
                published: "p", closingSoon: false, code: nil, bounty: nil, deadline: nil, countdown: nil))
        try expectStatesEveryKey(
            ListSummary(
                title: "t", url: "u", publisher: "p", region: "r", published: "d", count: "1", countLabel: "1 项需求",
                summary: nil, bountyTotal: nil))
        try expectStatesEveryKey(Fact(label: "l", value: "v", url: nil))
        try expectStatesEveryKey(FileLink(title: "t", url: "u", type: "Link", size: nil))
        try expectStatesEveryKey(RequirementPage.Issuer(name: "n", creditCode: nil, lead: false))
        try expectStatesEveryKey(Countdown(day: "2023-03-01", soonDays: 14, note: nil, always: false))
        try expectStatesEveryKey(RequirementPage.Solver(name: "n", role: nil, project: nil, note: nil))
        try expectStatesEveryKey(ContactCard(name: nil, phones: [], email: nil, mailto: nil, address: nil))
        try expectStatesEveryKey(TextRun(text: "t", url: nil))
        try expectStatesEveryKey(
            TimelineRow(when: "w", datetime: "d", event: nil, state: "today", current: false, marker: true))
        try expectStatesEveryKey(
            try #require(
                Guide(
                    eligibility: [], howToApply: [], applyURL: nil, period: "p", ip: nil, timeline: [], contacts: [])))
        try expectStatesEveryKey(TermNode(name: "n", url: "u", count: "1", children: []))
        try expectStatesEveryKey(Pager(previousURL: nil, nextURL: nil, pages: []))
        try expectStatesEveryKey(PagerItem.gap)
        try expectStatesEveryKey(PagerItem.page(number: "1", url: "u", current: false))
        try expectStatesEveryKey(NavLink(name: "n", url: "u", current: false))
        try expectStatesEveryKey(Breadcrumb(items: [], current: "c"))
        try expectStatesEveryKey(
            PageFrame(
                pageTitle: "p", heading: "h", column: "c", canonical: "u", nav: [], description: "d",
                headDescription: "d",
                ogType: "website", metaKeywords: nil, footer: nil, article: nil, breadcrumb: nil, firstPageURL: nil,
                feed: nil, originalTitle: nil, alternates: [], languageSwitch: nil))
    }

    // MARK: Pages state what their templates ask for

    /// Renders every page and card of the site at `root` twice: as the build does, and inside a context that
    /// records each name no view model answered. Returns those names (by template), after checking both renderings
    /// are the same.
    func unansweredNames(
        site root: String, language: Language? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: Set<String>] {
        let checked = try Build.check(site: root, buildDate: try #require(Day(year: 2023, month: 1, day: 1)))
        #expect(!checked.hasErrors, "\(describe(checked.diagnostics))", sourceLocation: sourceLocation)
        let model = SiteModel(try #require(checked.resolved))
        let language = language ?? model.settings.language
        let theme = try Theme(try ThemeLoader.load(site: root), language: language)
        var unanswered: [String: Set<String>] = [:]
        func render(_ name: String, _ context: MustacheValue) throws -> [UInt8] {
            let wrapper = try MustacheTemplate("{{#view_model}}{{> \(name)}}{{/view_model}}")
            let recorded = try wrapper.render(partials: theme.library) { key in
                if key == "view_model" { return context }
                unanswered[name, default: []].insert(key)
                return nil
            }
            let plain = try theme.render(name, context)
            #expect(recorded == plain, "\(name) renders differently", sourceLocation: sourceLocation)
            return plain
        }
        let plain = PageBuilder(model: model, language: language)
        let cards = try model.requirements.indices.map {
            String(decoding: try render("card", plain.cardContext($0)), as: UTF8.self)
        }
        let builder = PageBuilder(model: model, language: language, cards: cards)
        for page in model.pages {
            let (template, context) = try builder.build(page)
            _ = try render(template, context)
        }
        return unanswered
    }

    /// Every name the default templates ask for on the golden site's pages is answered by the view models: a
    /// misspelt key (or a row that leaves out a name its template uses) shows up here.
    @Test func everyPageStatesTheNamesItsTemplateUses() throws {
        #expect(try unansweredNames(site: GoldenPageTests.fixtures + "/site").isEmpty)
        // ▲ English pages too, whose view models `LanguageMarked` wraps (issue 12).
        #expect(try unansweredNames(site: GoldenPageTests.fixtures + "/site", language: .en).isEmpty)
        // A requirement with every optional part, and one with none.
        let site = try FixtureSite([
            "\(listPath)/full.md": requirement(
                """
                code: T-1
                deadline: 2023-01-10
                contact: {name: 张工, phone: "0531-8888 6666", email: zhang@example.org, address: 济南}
                keywords: [节能]
                indicators: [能耗降低30%, {name: 输送量, target: 5000 t/h}]
                attachments:
                  - {title: 需求说明书, url: spec.pdf}
                  - {title: 官方通知, url: "https://example.org/n"}
                issuer: {name: 力博重工, type: private, credit_code: 91350100M000100Y43}
                solvers: [{name: 山东大学, region: jinan}, {name: 某公司}]
                source: https://example.org/s
                funding: 500万元
                """),
            "\(listPath)/joint.md": requirement(
                """
                status: signed
                deadline: 2023-01-10 17:00
                issuer: [{name: 甲公司, type: private}, {name: 乙研究院}]
                solvers: [{name: 山东大学, role: lead, project: 输送系统, note: 揭榜优胜单位}, {name: 某公司, role: member}]
                contact: [{name: 张工, phone: ["0531-8888 6666转542", "13800000000"]}, {email: b@example.org}]
                eligibility: [境内注册的企业]
                how_to_apply: 登录 https://example.org/apply 申报。
                apply_url: https://example.org/apply
                period: 2年
                ip: 归双方共有
                timeline: [{date: 2022-12-01, event: 宣讲会}, {date: 2023-02-01, event: 评审, time: "09:00"}]
                extra: {揭榜方式: 联合揭榜}
                """),
            "\(listPath)/undisclosed.md": requirement("status: completed\nsolvers: 未公开"),
            "content/lists/2022-defaults/_index.md": """
            ---
            title: 带默认值的榜单
            publisher: 山东省工业和信息化厅
            region: shandong
            published: 2022-06
            category: key-technology
            issuer: [{name: 甲公司}, {name: 乙公司}]
            how_to_apply: 见 https://example.org/how
            apply_url: https://example.org/apply
            timeline: [{date: 2023-01-01, event: 申报截止}]
            contact: {phone: "0531-1234567"}
            declared: {requirements: 17, bounty: 5亿元}
            ---
            """,
            "content/lists/2022-defaults/one.md": requirement(dropping: ["issuer"]),
            "\(listPath)/spec.pdf": "pdf",
            "\(listPath)/withdrawn.md": requirement("status: withdrawn"),
        ])
        #expect(try unansweredNames(site: site.root).isEmpty)
    }

    /// The recording above sees a name no view model answers.
    @Test func recordsANameNoViewModelAnswers() throws {
        let site = try FixtureSite(["templates/lists.mustache": "{{heading}}{{#lists}}{{titel}}{{/lists}}{{base}}"])
        #expect(try unansweredNames(site: site.root) == ["lists": ["titel"]])
    }
}
