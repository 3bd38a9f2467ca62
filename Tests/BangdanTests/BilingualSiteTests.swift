import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender
@testable import BangdanSite
@testable import Mustache

/// ▲ Issue 12, item 1: `languages: [zh-CN, en]` publishes every page at `/` and under `/en/` from one build, each
/// in its own language, linked both ways (`hreflang`, a language switch); Chinese content on an English page is
/// marked `lang="zh-CN"`, and the English interface holds no Chinese at all.
@Suite struct BilingualSiteTests {
    static let base = "/bangdan/"
    static let origin = "https://example.org/bangdan/"

    /// The fixture site in two languages: a list with `title_en`/`summary_en`, a requirement with `title_en` and
    /// one without, terms without `name_en` (shown in Chinese, marked), amounts of several kinds, a region with a
    /// list, paged lists (page_size 2).
    static func site(_ languages: String = "languages: [zh-CN, en]") throws -> FixtureSite {
        try FixtureSite([
            "content/site.yml": """
            title: 测试榜单网
            title_en: Test Challenge Lists
            base_url: https://example.org/bangdan/
            \(languages)
            page_size: 2
            description: 测试站点的说明。
            footer: 示例站点
            """,
            "content/lists/2022-test/_index.md": """
            ---
            title: 测试榜单
            title_en: Test list
            summary_en: A list for tests.
            publisher: 山东省工业和信息化厅
            region: shandong
            published: 2022-06-29
            deadline: 2023-03-01
            category: key-technology
            declared:
              requirements: 17
              bounty: 1亿元
            ---
            本榜单用于测试。
            """,
            "content/lists/2022-test/good.md": """
            ---
            title: 超低功耗散料输送高端装备
            title_en: Ultra-low-power bulk conveying equipment
            industry: high-end-equipment
            issuer:
              name: 力博重工
              type: private
            bounty: 9600万元
            keywords: [散料输送]
            ---
            正文第一段。
            """,
            "content/lists/2022-test/range.md": """
            ---
            title: 集成电路设计工具
            industry: [integrated-circuits, new-materials]
            issuer:
              - name: 某研究院
              - name: 某大学
            bounty: 500-1000万元
            deadline: 2023-01-02
            solvers:
              - name: 某公司
                region: beijing
                role: lead
                project: 某项目
            ---
            正文。
            """,
            "content/lists/2022-test/usd.md": """
            ---
            title: 外币金额
            industry: new-materials
            issuer:
              name: 某外资企业
            bounty: 300万美元
            ---
            正文。
            """,
            "content/lists/2022-test/negotiable.md": """
            ---
            title: 面议需求
            industry: new-materials
            issuer:
              name: 某企业
            bounty: 面议
            ---
            正文。
            """,
        ])
    }

    /// Every HTML file of the output, by path.
    static func pages(_ site: FixtureSite) throws -> [String: String] {
        try site.snapshot().filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func everyPageIsPublishedInBothLanguagesAndTheSharedFilesOnce() throws {
        let site = try Self.site()
        try site.build()
        let pages = try Self.pages(site)
        let chinese = pages.keys.filter { !$0.hasPrefix("en/") }.sorted()
        let english = pages.keys.filter { $0.hasPrefix("en/") }.sorted()
        #expect(chinese.count > 10)
        #expect(english == chinese.map { "en/" + $0 })
        for (path, html) in pages {
            #expect(html.contains(path.hasPrefix("en/") ? "<html lang=\"en\">" : "<html lang=\"zh-CN\">"), "\(path)")
        }
        // Open data, feeds, robots.txt and assets are one set; the search index is one per language.
        let files = try site.snapshot().keys
        #expect(
            !files.contains {
                $0.hasPrefix("en/data/") || $0.hasPrefix("en/assets/")
                    || $0.hasSuffix("feed.xml") && $0.hasPrefix("en/")
            })
        #expect(!files.contains("en/robots.txt") && !files.contains("en/sitemap.xml"))
        #expect(files.contains("search/manifest.json") && files.contains("en/search/manifest.json"))
        // The English index's rows hold English display strings and links to English pages.
        func rows(_ prefix: String) throws -> String {
            try files.filter { $0.hasPrefix(prefix + "search/f/") }.sorted().map { try site.read($0) }.joined()
        }
        let englishRows = try rows("en/")
        #expect(englishRows.contains("\"u\":\"/bangdan/en/lists/2022-test/good/\""))
        #expect(englishRows.contains("Ultra-low-power bulk conveying equipment"))
        #expect(englishRows.contains("\"sl\":\"Open\""))
        #expect(try rows("").contains("\"u\":\"/bangdan/lists/2022-test/good/\""))
    }

    @Test func theSitemapListsThePagesOfBothLanguagesWithAlternates() throws {
        let site = try Self.site()
        try site.build()
        let sitemap = try site.read("sitemap.xml")
        #expect(sitemap.contains("<loc>\(Self.origin)lists/2022-test/good/</loc>"))
        #expect(sitemap.contains("<loc>\(Self.origin)en/lists/2022-test/good/</loc>"))
        #expect(
            sitemap.contains(
                "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"\(Self.origin)en/lists/2022-test/good/\"/>"))
        #expect(!sitemap.contains("404.html"))
        #expect(try site.read("robots.txt").contains("Sitemap: \(Self.origin)sitemap.xml"))
    }

    @Test func everyInternalLinkOfBothLanguagesResolves() throws {
        let site = try Self.site()
        try site.build()
        let files = Set(try site.snapshot().keys)
        var checked = 0
        for (path, html) in try Self.pages(site) {
            for link in Self.links(in: html) {
                guard let target = Self.outputPath(of: link) else { continue }
                checked += 1
                #expect(files.contains(target), "\(path) links \(link), which the build did not write")
            }
        }
        #expect(checked > 500)
    }

    @Test func everyPageNamesItselfInBothLanguagesAndTheMainOneAsDefault() throws {
        let site = try Self.site()
        try site.build()
        for (path, html) in try Self.pages(site) {
            let route = Self.route(of: path)
            let chinese = Self.origin + route, english = Self.origin + "en/" + route
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"\(chinese)\">"), "\(path)")
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"\(english)\">"), "\(path)")
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(chinese)\">"), "\(path)")
            let canonical = path.hasPrefix("en/") ? english : chinese
            #expect(html.contains("<link rel=\"canonical\" href=\"\(canonical)\">"), "\(path)")
        }
    }

    @Test func theLanguageSwitchLeadsToTheSamePageInTheOtherLanguage() throws {
        let site = try Self.site()
        try site.build()
        let pages = try Self.pages(site)
        for (path, html) in pages {
            let route = Self.route(of: path)
            let expected =
                path.hasPrefix("en/")
                ? "<a href=\"\(Self.base)\(route)\" hreflang=\"zh-CN\" lang=\"zh-CN\">中文</a>"
                : "<a href=\"\(Self.base)en/\(route)\" hreflang=\"en\" lang=\"en\">English</a>"
            #expect(html.contains(expected), "\(path) has no switch to its counterpart")
            let label = path.hasPrefix("en/") ? "Language" : "语言"
            #expect(html.contains("<nav class=\"language-switch\" aria-label=\"\(label)\">"), "\(path)")
        }
    }

    /// Strict: on every English page, no Han character and no full-width punctuation in the body's text (or in
    /// an attribute a reader hears: `aria-label`, `alt`, `title`, `placeholder`) outside an element marked
    /// `lang="zh-CN"`.
    @Test func englishPagesShowNoChineseOutsideElementsMarkedChinese() throws {
        let site = try Self.site()
        try site.build()
        let pages = try Self.pages(site).filter { $0.key.hasPrefix("en/") }
        #expect(pages.count > 10)
        for (path, html) in pages.sorted(by: { $0.key < $1.key }) {
            let unmarked = Self.unmarkedChinese(html)
            #expect(unmarked.isEmpty, "\(path) shows Chinese outside lang=\"zh-CN\": \(unmarked.prefix(5))")
        }
        // The checker itself sees Chinese that is not marked.
        #expect(Self.unmarkedChinese("<body><p>RMB 1 million (100万元)</p></body>") == ["RMB 1 million (100万元)"])
        #expect(Self.unmarkedChinese("<body><p>（</p></body>") == ["（"])
        #expect(Self.unmarkedChinese("<body><p lang=\"zh-CN\">中文<b>字</b></p><i>x</i></body>").isEmpty)
        #expect(Self.unmarkedChinese("<body><p lang=\"zh-CN\">中</p>文</body>") == ["文"])
        #expect(Self.unmarkedChinese("<body><a aria-label=\"中文\">x</a></body>") == ["中文"])
    }

    @Test func englishPagesUseTheEnglishTitlesAndShowTheChineseBesideThem() throws {
        let site = try Self.site()
        try site.build()
        let requirement = try site.read("en/lists/2022-test/good/index.html")
        #expect(requirement.contains("<h1>Ultra-low-power bulk conveying equipment</h1>"))
        #expect(requirement.contains("<p class=\"original-title\"><span lang=\"zh-CN\">超低功耗散料输送高端装备</span></p>"))
        #expect(requirement.contains("<title>Ultra-low-power bulk conveying equipment - Test Challenge Lists</title>"))
        // Issuer with its type: the name marked, the English note not.
        #expect(requirement.contains("<span lang=\"zh-CN\">力博重工</span> (Private enterprise)"))
        // A requirement without title_en: its Chinese title, marked.
        let range = try site.read("en/lists/2022-test/range/index.html")
        #expect(range.contains("<h1><span lang=\"zh-CN\">集成电路设计工具</span></h1>"))
        #expect(!range.contains("original-title"))
        let list = try site.read("en/lists/2022-test/index.html")
        #expect(list.contains("<h1>Test list</h1>"))
        #expect(list.contains("<meta name=\"Description\" content=\"A list for tests.\">"))
        #expect(list.contains("<div lang=\"zh-CN\">\n<p>本榜单用于测试。</p>\n</div>"))
        // The Chinese pages are as before: no English title, nothing marked.
        let chinese = try site.read("lists/2022-test/good/index.html")
        #expect(
            chinese.contains("<h1>超低功耗散料输送高端装备</h1>") && !chinese.contains("<span lang=")
                && !chinese.contains("<div lang="))
        #expect(chinese.contains("<span class=\"issuer\">力博重工（民营企业）</span>"))
    }

    @Test func englishCountsTakeTheSingularForOne() throws {
        let site = try Self.site()
        try site.build()
        // new-materials holds three requirements; high-end-equipment one.
        #expect(try site.read("en/industries/new-materials/index.html").contains("3 requirements</small>"))
        #expect(try site.read("en/industries/high-end-equipment/index.html").contains("1 requirement</small>"))
        #expect(try site.read("industries/high-end-equipment/index.html").contains("1 项需求</small>"))
        let home = try site.read("en/index.html")
        #expect(home.contains("<span class=\"figure-value\">1</span> <span class=\"figure-label\">list</span>"))
        #expect(home.contains("<span class=\"figure-value\">4</span> <span class=\"figure-label\">requirements</span>"))
        #expect(try site.read("en/lists/index.html").contains("· 4 requirements"))
        // One day left: singular.
        let format = Format(language: .en, buildDate: Day("2023-01-01")!)
        #expect(format.daysLeftText(until: Day("2023-01-02")!) == "1 day left")
        #expect(format.daysLeftText(until: Day("2023-01-03")!) == "2 days left")
        #expect(format.counted(1, one: .listCountOne, other: .listCountSuffix) == "1 list")
        #expect(format.counted(1200, one: .listCountOne, other: .listCountSuffix) == "1,200 lists")
    }

    @Test(arguments: [
        ("9600万元", "RMB 96 million (9,600万元)", "9600万元"),
        ("500-1000万元", "RMB 5–10 million (500–1,000万元)", "500–1000万元"),
        ("不低于1亿元", "at least RMB 100 million (不低于1亿元)", "不低于1亿元"),
        ("最高6500万元", "up to RMB 65 million (最高6,500万元)", "最高6500万元"),
        ("面议", "negotiable", "面议"),
        ("不设揭榜金额", "no bounty", "不设揭榜金额"),
        ("300万美元", "USD 3 million (300万美元)", "300万美元"),
        ("50万欧元", "EUR 500,000 (50万欧元)", "50万欧元"),
        ("2亿港元", "HKD 200 million (2亿港元)", "2亿港元"),
        ("0.5-1亿元", "RMB 50–100 million (0.5–1亿元)", "0.5–1亿元"),
    ])
    func amountsReadInEnglishWithTheChineseFormBeside(_ written: String, english: String, chinese: String) throws {
        let amount = try #require(Amount(text: written), "\(written) does not read")
        #expect(Format(language: .en, buildDate: Day("2023-01-01")!).amount(amount) == english)
        #expect(Format(language: .zhCN, buildDate: Day("2023-01-01")!).amount(amount) == chinese)
    }

    @Test func englishAmountsAndDatesOnThePages() throws {
        let site = try Self.site()
        try site.build()
        let good = try site.read("en/lists/2022-test/good/index.html")
        #expect(good.contains("<dd class=\"amount\">RMB 96 million (<span lang=\"zh-CN\">9,600万元</span>)</dd>"))
        #expect(good.contains("<time datetime=\"2023-01-01\">1 January 2023</time>"))
        let list = try site.read("en/lists/2022-test/index.html")
        #expect(list.contains("29 June 2022"))
        #expect(!list.contains("万元 or more") && list.contains("RMB 10 million or more"))
        let search = try site.read("en/search/index.html")
        #expect(search.contains("RMB 1–5 million") && !search.contains("100–500万元"))
    }

    @Test func oneLanguageSitesHaveNoSecondTreeNoAlternatesAndNoSwitch() throws {
        for (languages, lang) in [("language: zh-CN", "zh-CN"), ("languages: [en]", "en"), ("", "zh-CN")] {
            let site = try Self.site(languages)
            try site.build()
            let files = try site.snapshot().keys
            #expect(!files.contains { $0.hasPrefix("en/") || $0.hasPrefix("zh/") }, "\(languages)")
            for (path, html) in try Self.pages(site) {
                #expect(html.contains("<html lang=\"\(lang)\">"), "\(languages): \(path)")
                #expect(!html.contains("hreflang") && !html.contains("language-switch"), "\(languages): \(path)")
                #expect(!html.contains("og:locale:alternate"), "\(languages): \(path)")
            }
            #expect(!(try site.read("sitemap.xml")).contains("xhtml"))
        }
    }

    @Test func englishFirstPutsTheChinesePagesUnderZh() throws {
        let site = try Self.site("languages: [en, zh-CN]")
        try site.build()
        #expect(try site.read("index.html").contains("<html lang=\"en\">"))
        let chinese = try site.read("zh/index.html")
        #expect(chinese.contains("<html lang=\"zh-CN\">"))
        #expect(chinese.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(Self.origin)\">"))
        #expect(chinese.contains("<a href=\"\(Self.base)\" hreflang=\"en\" lang=\"en\">English</a>"))
    }

    @Test func everyPlannedPathOfBothLanguagesGoesThroughTheConflictCheck() throws {
        let site = try Self.site()
        let checked = try Build.check(site: site.root, buildDate: Day("2023-01-01")!)
        let model = SiteModel(try #require(checked.resolved))
        var timings = Timings()
        let rendering = try Render.prepare(model, theme: ThemeLoader.defaults, timings: &timings)
        let paths = (rendering.pages + rendering.data).map { $0.path }
        #expect(Set(paths).count == paths.count)
        #expect(rendering.pages.count == model.pages.count * 2)
        #expect(paths.contains("en/404.html") && paths.contains("en/search/manifest.json"))
        // Two languages' pages at one path would be reported, as any other two files are.
        let twice = rendering.pages.filter { $0.path == "index.html" || $0.path == "en/index.html" }
        let (kept, conflicts) = Render.conflictsRemoved(Array(twice + twice))
        #expect(kept.count == 2 && conflicts.count == 2)
    }

    /// The sample site the repository ships (`content/`) publishes both languages, and passes the same checks.
    @Test func theSampleSiteShipsBothLanguagesWithNoUnmarkedChineseAndNoBrokenLink() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let root = NSTemporaryDirectory() + "bangdan-sample-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repository.path + "/content", toPath: root + "/content")
        let built = try Build.build(site: root, buildDate: Day("2026-12-01")!)
        #expect(built.filesWritten != nil, "\(describe(built.checked.diagnostics))")
        #expect(built.checked.resolved?.site.languages == [.zhCN, .en])
        let output = root + "/public"
        let files = Set(FileManager.default.subpaths(atPath: output) ?? [])
        let english = files.filter { $0.hasPrefix("en/") && $0.hasSuffix(".html") }
        #expect(english.count == files.filter { !$0.hasPrefix("en/") && $0.hasSuffix(".html") }.count)
        for path in files where path.hasSuffix(".html") {
            let html = try String(contentsOfFile: output + "/" + path, encoding: .utf8)
            if path.hasPrefix("en/") {
                let unmarked = Self.unmarkedChinese(html)
                #expect(unmarked.isEmpty, "\(path) shows Chinese outside lang=\"zh-CN\": \(unmarked.prefix(5))")
            }
            for link in Self.links(in: html) {
                guard let target = Self.outputPath(of: link, base: "/", origin: "https://example.org/") else {
                    continue
                }
                #expect(files.contains(target), "\(path) links \(link), which the build did not write")
            }
        }
    }

    /// The wrapper marks texts, never a value the template puts in an attribute or that is markup already.
    @Test func markingLeavesAttributesAndMarkupAlone() throws {
        let values: [String: MustacheValue] = [
            "name": .string("力博重工"), "source": .string("https://例子.中国/通知"), "url": .string("/lists/中/"),
            "description": .string("说明"), "jsonld": .string("{\"name\":\"需求\"}"), "body": .string("<p>正文</p>\n"),
            "note": .string("Project: 某项目"), "list": .list([.string("集成电路, New materials")]),
        ]
        let marked = LanguageMarked(inner: MapObject(values: values))
        func shown(_ key: String) -> String? { marked.mustacheValue(forKey: key).map(Self.shownText) }
        #expect(shown("name") == "html:<span lang=\"zh-CN\">力博重工</span>")
        for key in ["source", "url", "description", "jsonld"] {
            #expect(shown(key) == values[key].map(Self.shownText), "\(key)")
        }
        #expect(shown("body") == "html:<div lang=\"zh-CN\">\n<p>正文</p>\n</div>\n")
        // Text made as bytes (rendered Markdown, an SVG) is marked as the same string is.
        let bytes = LanguageMarked(
            inner: MapObject(
                values: values.mapValues { value in
                    if case .string(let text) = value { return MustacheValue.utf8(Array(text.utf8)) }
                    return value
                }))
        for key in values.keys.sorted() {
            #expect(bytes.mustacheValue(forKey: key).map(Self.shownText) == shown(key), "\(key)")
        }
        #expect(shown("note") == "html:Project: <span lang=\"zh-CN\">某项目</span>")
        #expect(shown("list") == "[html:<span lang=\"zh-CN\">集成电路</span>, New materials]")
        #expect(shown("missing") == nil)
    }

    /// A list of view models is marked item by item, as a `.list` of the same objects is: each item's texts by
    /// the same keys, its attributes left alone.
    @Test func markingReachesTheItemsOfAListOfViewModels() throws {
        let links = [Link(name: "集成电路", url: "/industries/中/"), Link(name: "New materials", url: "/industries/x/")]
        let template = try MustacheTemplate(
            "{{#links}}<a href=\"{{url}}\">{{name}}</a>{{#.}};{{name}}{{/.}}|{{/links}}")
        func rendered(_ links: MustacheValue) throws -> String {
            let page = LanguageMarked(inner: MapObject(values: ["links": links]))
            return String(decoding: try template.render(.object(page), partials: [:]), as: UTF8.self)
        }
        guard case .objects = links.mustacheValue else {
            Issue.record("an array of view models is not handed over as one list")
            return
        }
        let expected = """
            <a href="/industries/中/"><span lang="zh-CN">集成电路</span></a>;<span lang="zh-CN">集成电路</span>|\
            <a href="/industries/x/">New materials</a>;New materials|
            """
        #expect(try rendered(links.mustacheValue) == expected)
        #expect(try rendered(.list(links.map { .object($0) })) == expected)
    }

    static func shownText(_ value: MustacheValue) -> String {
        switch value {
        case .string(let text): "string:" + text
        // Renders as the string of its bytes does.
        case .utf8(let bytes): "string:" + String(decoding: bytes, as: UTF8.self)
        case .html(let html): "html:" + html
        case .list(let items): "[" + items.map(shownText).joined(separator: "|") + "]"
        default: "other"
        }
    }

    struct MapObject: MustacheObject {
        let values: [String: MustacheValue]
        func mustacheValue(forKey key: String) -> MustacheValue? { values[key] }
    }

    // MARK: Helpers

    /// The route of a page from its output path, in its own language's tree (`en/lists/x/index.html` → `lists/x/`).
    static func route(of path: String) -> String {
        var route = path.hasPrefix("en/") ? String(path.dropFirst(3)) : path
        if route == "index.html" { return "" }
        if route.hasSuffix("/index.html") { route = String(route.dropLast("index.html".count)) }
        return route
    }

    /// Every `href`, `src` and `action` of a page.
    static func links(in html: String) -> [String] {
        var links: [String] = []
        for attribute in [" href=\"", " src=\"", " action=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                links.append(String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
                rest = rest[end...]
            }
        }
        return links
    }

    /// The output file an internal link leads to; nil for a link elsewhere or to a place on the same page.
    static func outputPath(of link: String, base: String = base, origin: String = origin) -> String? {
        var path: String
        if link.hasPrefix(origin) {
            path = String(link.dropFirst(origin.count))
        } else if link.hasPrefix(base) {
            path = String(link.dropFirst(base.count))
        } else {
            #expect(!link.hasPrefix("/") || base == "/", "\(link) is outside the base path")
            return nil
        }
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        path = path.removingPercentEncoding ?? path
        return path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }

    /// The texts of `<body>` (and the attributes a reader hears) with a Han character or full-width punctuation
    /// that no element marked `lang="zh-CN"` holds. Scripts and styles are not text.
    static func unmarkedChinese(_ html: String) -> [String] {
        guard let body = html.range(of: "<body") else { return ["no <body>"] }
        let void: Set<String> = [
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        ]
        var found: [String] = []
        var stack: [(name: String, chinese: Bool)] = []
        var rest = html[body.lowerBound...]
        func check(_ text: some StringProtocol, chinese: Bool) {
            if !chinese && text.unicodeScalars.contains(where: \.isCJK) { found.append(String(text)) }
        }
        while let open = rest.firstIndex(of: "<") {
            check(rest[..<open], chinese: stack.last?.chinese ?? false)
            rest = rest[open...]
            if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { break }
                rest = rest[end.upperBound...]
                continue
            }
            guard let close = rest.firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("/") {
                let name = tag.dropFirst().lowercased()
                if let index = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(index...) }
                continue
            }
            let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
            let lang = attribute("lang", in: tag)
            let chinese = lang.map { $0 == "zh-CN" } ?? (stack.last?.chinese ?? false)
            for heard in ["aria-label", "alt", "title", "placeholder"] {
                if let value = attribute(heard, in: tag) { check(value, chinese: chinese) }
            }
            if name == "script" || name == "style" {
                guard let end = rest.range(of: "</\(name)>") else { break }
                rest = rest[end.upperBound...]
                continue
            }
            if !void.contains(name) && !tag.hasSuffix("/") { stack.append((name, chinese)) }
        }
        check(rest, chinese: false)
        return found
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let value = tag[start.upperBound...]
        return String(value.prefix { $0 != "\"" })
    }
}
