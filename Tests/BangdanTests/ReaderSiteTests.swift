import Foundation
import FoundationXML
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender
@testable import BangdanSite

/// The defects a reader found on the published site (issue 12, "Defects observed"), each built end to end from a
/// fixture site and checked in the files written (SCHEMA.md §8).
@Suite struct ReaderSiteTests {
    /// The base fixture (base_url `https://example.org/bangdan/`, page_size 2) plus a Zhongguancun list of three
    /// (two pages, an attachment), a Jiangxi list with no requirement yet, and a Jinan need closing in a week.
    static func site(_ extra: [String: String] = [:]) throws -> FixtureSite {
        var files = [
            "content/lists/2020-zgc/_index.md": """
            ---
            title: 中关村强链工程首批技术需求榜单
            publisher: 中关村科技园区管理委员会
            region: zhongguancun
            published: 2020-12-28
            category: enterprise-demand
            ---
            首批榜单。
            """,
            "content/lists/2020-zgc/notice.pdf": "%PDF-1.4 fixture",
            "content/lists/2020-zgc/a-chip.md": requirement("code: ZGC-2\nindustry: integrated-circuits\nbounty: 面议"),
            "content/lists/2020-zgc/b-arm.md": requirement("code: ZGC-10\nbounty: 500-1000万元"),
            "content/lists/2020-zgc/c-bags.md": requirement(
                "bounty: 不低于1亿元\nattachments:\n  - {title: 榜单通知, url: notice.pdf}"),
            "content/lists/2023-jiangxi/_index.md": """
            ---
            title: 江西省尚未公布需求的榜单
            publisher: 江西省科学技术厅
            region: jiangxi
            published: 2022-12-01
            category: key-technology
            ---
            需求将另行公布。
            """,
            "content/lists/2022-test/soon.md": requirement("title: 即将截止的需求\nregion: jinan\ndeadline: 2023-01-08"),
        ]
        for (path, text) in extra { files[path] = text }
        return try FixtureSite(files)
    }

    static let origin = "https://example.org"
    static let base = "/bangdan/"

    /// Every file of the output with the given suffix, relative path → text.
    static func files(_ site: FixtureSite, ending suffix: String) throws -> [(path: String, text: String)] {
        try site.snapshot().filter { $0.key.hasSuffix(suffix) }.sorted { $0.key < $1.key }.map {
            ($0.key, String(decoding: $0.value, as: UTF8.self))
        }
    }

    /// The values of every `name="…"` attribute in `html`, entity-decoded as far as URLs need (`&amp;`).
    static func attributes(_ name: String, in html: String) -> [String] {
        html.components(separatedBy: " \(name)=\"").dropFirst().compactMap { rest in
            rest.split(separator: "\"", maxSplits: 1, omittingEmptySubsequences: false).first.map {
                $0.replacingOccurrences(of: "&amp;", with: "&")
            }
        }
    }

    /// The output file a site-internal address names (`/bangdan/lists/x/` → `lists/x/index.html`), or nil for an
    /// address outside the site.
    static func target(of address: String) -> String? {
        var path: Substring
        if address.hasPrefix(origin + base) {
            path = address.dropFirst(origin.count + base.count)
        } else if address.hasPrefix(base) {
            path = address.dropFirst(base.count)
        } else {
            return nil
        }
        path = path.prefix { $0 != "?" && $0 != "#" }
        let decoded = String(path).removingPercentEncoding ?? String(path)
        return decoded.isEmpty || decoded.hasSuffix("/") ? decoded + "index.html" : decoded
    }

    // MARK: 1. Every internal link resolves

    @Test func everyInternalLinkOfEveryPageFeedAndDataFilePointsAtAWrittenFile() throws {
        let site = try Self.site()
        try site.build()
        let written = Set(try site.snapshot().keys)
        var checked = 0
        var broken: [String] = []
        func follow(_ address: String, from path: String) {
            // Only the site's own addresses: a page never links another origin's path as if it were ours.
            #expect(!address.hasPrefix("/") || address.hasPrefix(Self.base), "\(path) links \(address) outside base")
            guard let file = Self.target(of: address) else { return }
            checked += 1
            if !written.contains(file) { broken.append("\(path) → \(address)") }
        }
        for (path, html) in try Self.files(site, ending: ".html") {
            for address in Self.attributes("href", in: html) + Self.attributes("src", in: html) {
                follow(address, from: path)
            }
        }
        for (path, xml) in try Self.files(site, ending: ".xml") {
            for address in Self.attributes("href", in: xml) { follow(address, from: path) }
            for loc in xml.components(separatedBy: "<loc>").dropFirst() {
                follow(String(loc.prefix { $0 != "<" }), from: path)
            }
        }
        for (path, json) in try Self.files(site, ending: ".json") where path.hasPrefix("data/") {
            for url in json.components(separatedBy: "\"url\":\"").dropFirst() {
                follow(String(url.prefix { $0 != "\"" }), from: path)
            }
        }
        #expect(broken.isEmpty, "links to files that were not written: \(broken)")
        #expect(checked > 200, "the check followed only \(checked) links")

        // The list with no requirements links its region, whose page exists and names the list (SCHEMA.md §8).
        let empty = try site.read("lists/2023-jiangxi/index.html")
        #expect(empty.contains("href=\"/bangdan/regions/jiangxi/\""))
        let jiangxi = try site.read("regions/jiangxi/index.html")
        #expect(jiangxi.contains("江西省尚未公布需求的榜单"))
        #expect(try site.read("regions/index.html").contains("href=\"/bangdan/regions/jiangxi/\""))
    }

    // MARK: 2. Open-data URLs are absolute

    @Test func openDataURLsAreBaseURLJoinedWithThePagePath() throws {
        let site = try Self.site()
        try site.build()
        let requirements = try #require(try site.json("data/requirements.json")["requirements"] as? [[String: Any]])
        let chip = try #require(requirements.first { $0["id"] as? String == "2020-zgc/a-chip" })
        #expect(chip["url"] as? String == "https://example.org/bangdan/lists/2020-zgc/a-chip/")
        for r in requirements {
            #expect((r["url"] as? String)?.hasPrefix("https://example.org/bangdan/lists/") == true)
        }
        let lists = try #require(try site.json("data/lists.json")["lists"] as? [[String: Any]])
        #expect(
            lists.first { $0["id"] as? String == "2020-zgc" }?["url"] as? String
                == "https://example.org/bangdan/lists/2020-zgc/")
        let csv = try site.read("data/requirements.csv")
        #expect(csv.contains(",https://example.org/bangdan/lists/2020-zgc/a-chip/,"))
    }

    // MARK: 3. Totals with nothing disclosed

    @Test func statisticsSayNotDisclosedWhenNoFigureWasGiven() throws {
        // Only 面议 and no bounty at all: nothing to add up.
        let site = try FixtureSite([
            "content/lists/2022-test/good.md": requirement("bounty: 面议"),
            "content/lists/2022-test/other.md": requirement(),
        ])
        try site.build()
        for page in ["lists/2022-test/index.html", "index.html"] {
            let html = try site.read(page)
            #expect(!html.contains(">0万元<") && !html.contains(">0亿元<"), "\(page) shows a zero total")
            #expect(html.contains("<span class=\"figure-value\">未披露</span>"), "\(page) does not say 未披露")
        }
        // A list with a figure still shows its total.
        let disclosed = try Self.site()
        try disclosed.build()
        #expect(try disclosed.read("lists/2022-test/index.html").contains("<span class=\"figure-value\">9600万元</span>"))

        let english = try FixtureSite([
            "content/site.yml": "title: Test\nbase_url: https://example.org/\nlanguage: en",
            "content/lists/2022-test/good.md": requirement("bounty: 面议"),
        ])
        try english.build()
        #expect(try english.read("lists/2022-test/index.html").contains(">not disclosed</span>"))
    }

    // MARK: 4. Paged pages

    @Test func laterPagesCarryTheirNumberInTheTitleAndShowTheHeaderBriefly() throws {
        let site = try Self.site()
        try site.build()
        let first = try site.read("lists/2020-zgc/index.html")
        let second = try site.read("lists/2020-zgc/page/2/index.html")
        #expect(first.contains("<title>中关村强链工程首批技术需求榜单 - 测试榜单网</title>"))
        #expect(second.contains("<title>中关村强链工程首批技术需求榜单 第2页 - 测试榜单网</title>"))
        #expect(second.contains("<h1>中关村强链工程首批技术需求榜单</h1>"))
        // The statistics, facts, notice and attachments are page 1's; page 2 links back to them.
        #expect(first.contains("id=\"stats-heading\"") && first.contains("id=\"files-heading\""))
        for part in ["id=\"stats-heading\"", "class=\"facts\"", "首批榜单。", "id=\"files-heading\"", "class=\"charts\""] {
            #expect(!(second.components(separatedBy: "<main").last ?? "").contains(part), "page 2 repeats \(part)")
        }
        #expect(second.contains("<a href=\"/bangdan/lists/2020-zgc/\">榜单简介与统计见第 1 页</a>"))
        #expect(second.contains("<li aria-current=\"page\">第2页</li>"))

        let region = try site.read("regions/beijing/page/2/index.html")
        #expect(region.contains("<title>北京市 第2页 - 测试榜单网</title>"))
        #expect(!region.contains("subterms-heading") && !region.contains("lists-here-heading"))
        #expect(try site.read("regions/beijing/index.html").contains("subterms-heading"))

        let industry = try Self.site([
            "content/lists/2020-zgc/b-arm.md": requirement("code: ZGC-10\nindustry: integrated-circuits"),
            "content/lists/2020-zgc/c-bags.md": requirement("industry: integrated-circuits"),
        ])
        try industry.build()
        let it = try industry.read("industries/new-generation-it/page/2/index.html")
        #expect(it.contains("<title>新一代信息技术 第2页 - 测试榜单网</title>"))
        #expect(!it.contains("subterms-heading"))

        let english = try FixtureSite([
            "content/site.yml": "title: Test\nbase_url: https://example.org/\nlanguage: en\npage_size: 1",
            "content/lists/2022-test/other.md": requirement(),
        ])
        try english.build()
        #expect(try english.read("lists/2022-test/page/2/index.html").contains("– Page 2 - Test</title>"))
    }

    // MARK: 5. Focus, favicon, headings

    /// The custom properties of the first rule that starts with `selector` in `css`.
    static func properties(_ css: String, after selector: String) throws -> [String: String] {
        let start = try #require(css.range(of: selector))
        let block = css[start.upperBound...].prefix { $0 != "}" }
        var values: [String: String] = [:]
        for declaration in block.split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].split(separator: "{").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let name, name.hasPrefix("--") { values[name] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return values
    }

    /// WCAG 2 contrast ratio of two `#rrggbb` colours.
    static func contrast(_ a: String, _ b: String) throws -> Double {
        func luminance(_ hex: String) throws -> Double {
            let digits = try #require(UInt32(hex.dropFirst(), radix: 16), "\(hex) is not #rrggbb")
            let channels = [digits >> 16, (digits >> 8) & 0xFF, digits & 0xFF].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        let (x, y) = (try luminance(a), try luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func theFocusRingHasThreeToOneContrastWhereverItIsDrawn() throws {
        let css = String(decoding: try #require(ThemeLoader.defaults.assets["site.css"]), as: UTF8.self)
        let light = try Self.properties(css, after: ":root {")
        let dark = light.merging(
            try Self.properties(css, after: "@media (prefers-color-scheme: dark) {\n  :root {")
        ) { $1 }
        for scheme in [light, dark] {
            let focus = try #require(scheme["--focus"])
            // On the page and on panels (cards, figures, the search form, the footer).
            for background in ["--bg", "--panel"] {
                let ratio = try Self.contrast(focus, try #require(scheme[background]))
                #expect(ratio >= 3, "focus \(focus) on \(background) \(scheme[background] ?? ""): \(ratio)")
            }
            // In the header (and the skip link over it) the ring is --accent-fg on --accent.
            let header = try Self.contrast(try #require(scheme["--accent-fg"]), try #require(scheme["--accent"]))
            #expect(header >= 3, "header focus ring: \(header)")
        }
        #expect(
            css.contains(".site-header :focus-visible, .skip-link:focus-visible { outline-color: var(--accent-fg); }"))
    }

    @Test func everyPageLinksTheFaviconAndKeepsItsHeadingsInOrder() throws {
        let site = try Self.site()
        try site.build()
        let favicon = try site.read("assets/favicon.svg")
        #expect(favicon.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!favicon.contains("href") && !favicon.contains("url("), "the favicon loads nothing from elsewhere")
        for (path, html) in try Self.files(site, ending: ".html") {
            #expect(
                html.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/bangdan/assets/favicon.svg\">"),
                "\(path)")
            // axe `heading-order`: a heading is at most one level below the one before it.
            var previous = 0
            for piece in html.components(separatedBy: "<h").dropFirst() {
                guard let level = piece.first?.wholeNumberValue, (1...6).contains(level) else { continue }
                #expect(level <= previous + 1, "\(path): h\(level) after h\(previous)")
                previous = level
            }
        }
        // The search script draws its result cards as h3 under the results' h2.
        let search = try site.read("search/index.html")
        let results = try #require(search.range(of: "<h2 id=\"results-heading\">"))
        #expect(search[results.upperBound...].contains("<ul id=\"search-results\""))
    }

    // MARK: 6. The government footer

    @Test func everyPageHasTheGovernmentFooterAndMetaTags() throws {
        let site = try Self.site([
            "content/site.yml": """
            title: 测试榜单网
            base_url: https://www.example.gov.cn/bangdan/
            page_size: 2
            owner: 山东省科学技术厅 <b>
            site_code: "3700000001"
            icp: 鲁ICP备05001234号
            """
        ])
        try site.build()
        for (path, html) in try Self.files(site, ending: ".html") {
            #expect(html.contains("<meta name=\"SiteName\" content=\"测试榜单网\">"), "\(path)")
            #expect(html.contains("<meta name=\"SiteDomain\" content=\"www.example.gov.cn\">"), "\(path)")
            #expect(html.contains("<meta name=\"SiteIDCode\" content=\"3700000001\">"), "\(path)")
            #expect(html.contains("<p>主办单位：山东省科学技术厅 &lt;b&gt;</p>"), "\(path)")
            #expect(html.contains("<p>网站标识码：3700000001</p>"), "\(path)")
            #expect(
                html.contains(
                    "<p>ICP备案号：<a href=\"https://beian.miit.gov.cn/\" rel=\"external\">鲁ICP备05001234号</a></p>"),
                "\(path)")
        }
        // Without them, no empty tag or line.
        let plain = try Self.site()
        try plain.build()
        let home = try plain.read("index.html")
        #expect(home.contains("<meta name=\"SiteDomain\" content=\"example.org\">"))
        #expect(!home.contains("SiteIDCode") && !home.contains("主办单位") && !home.contains("beian.miit.gov.cn"))
    }

    // MARK: 7. JSON-LD

    /// Every property schema.org defines for each type used, that the pages may write (https://schema.org/Demand
    /// and its parent Thing, Organization, PriceSpecification, PropertyValue). `seller` is a property of Demand, but
    /// it names the supplier — never the issuer — so it is left out on purpose.
    static let schemaProperties: [String: Set<String>] = [
        "Demand": [
            "@type", "@id", "name", "url", "description", "identifier", "category", "areaServed", "eligibleRegion",
            "validFrom", "validThrough", "priceSpecification", "availabilityStarts", "availabilityEnds",
            "itemOffered", "businessFunction",
        ],
        "Organization": ["@type", "@id", "name", "url", "identifier", "seeks", "address", "legalName", "taxID"],
        "PriceSpecification": ["@type", "price", "minPrice", "maxPrice", "priceCurrency", "validFrom", "validThrough"],
        "PropertyValue": ["@type", "propertyID", "value", "name"],
    ]

    /// The JSON-LD of a page, parsed.
    static func jsonLD(_ html: String) throws -> [String: Any] {
        let open = "<script type=\"application/ld+json\">"
        let start = try #require(html.range(of: open))
        let end = try #require(html[start.upperBound...].range(of: "</script>"))
        let text = String(html[start.upperBound..<end.lowerBound])
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Checks every typed node under `value` against the allow-list.
    static func checkTypes(_ value: Any, at path: String) {
        if let array = value as? [Any] {
            for (i, item) in array.enumerated() { checkTypes(item, at: "\(path)[\(i)]") }
        } else if let object = value as? [String: Any] {
            if let type = object["@type"] as? String {
                let allowed = schemaProperties[type]
                #expect(allowed != nil, "\(path): unexpected @type \(type)")
                for key in object.keys where key != "@context" {
                    #expect(allowed?.contains(key) == true, "\(path): \(type) has no property '\(key)'")
                }
            }
            for (key, item) in object { checkTypes(item, at: "\(path).\(key)") }
        }
    }

    @Test func jsonLDSaysTheIssuersSeekADemandWithOnlyItsSchemaOrgProperties() throws {
        let site = try Self.site([
            "content/lists/2020-zgc/b-arm.md": requirement(
                """
                code: ZGC-10
                bounty: 500-1000万元
                deadline: 2023-03-31
                issuer:
                  - {name: 牵头企业, credit_code: 91350100M000100Y43}
                  - name: 联合高校
                """),
            "content/lists/2020-zgc/d-exact.md": requirement("bounty: 9600.05万元"),
        ])
        try site.build()
        for (path, html) in try Self.files(site, ending: "index.html") where html.contains("application/ld+json") {
            let ld = try Self.jsonLD(html)
            #expect(ld["@context"] as? String == "https://schema.org", "\(path)")
            #expect(!html.contains("\"seller\""), "\(path) calls someone a seller")
            let graph = try #require(ld["@graph"] as? [[String: Any]], "\(path)")
            Self.checkTypes(graph, at: path)
            let demand = try #require(graph.first { $0["@type"] as? String == "Demand" }, "\(path)")
            let organizations = graph.filter { $0["@type"] as? String == "Organization" }
            #expect(!organizations.isEmpty, "\(path)")
            for organization in organizations {
                #expect((organization["seeks"] as? [String: Any])?["@id"] as? String == demand["@id"] as? String)
            }
        }
        let arm = try Self.jsonLD(try site.read("lists/2020-zgc/b-arm/index.html"))
        let graph = try #require(arm["@graph"] as? [[String: Any]])
        let demand = try #require(graph.first)
        #expect(demand["url"] as? String == "https://example.org/bangdan/lists/2020-zgc/b-arm/")
        #expect(demand["validThrough"] as? String == "2023-03-31")
        let price = try #require(demand["priceSpecification"] as? [String: Any])
        #expect(price["minPrice"] as? Int == 5_000_000 && price["maxPrice"] as? Int == 10_000_000)
        #expect(price["priceCurrency"] as? String == "CNY" && price["price"] == nil)
        #expect(graph.compactMap { $0["name"] as? String } == ["测试需求", "牵头企业", "联合高校"])
        let lead = try #require(graph[1]["identifier"] as? [String: Any])
        #expect(lead["value"] as? String == "91350100M000100Y43")

        let exact = try Self.jsonLD(try site.read("lists/2020-zgc/d-exact/index.html"))
        let exactPrice = try #require(
            ((exact["@graph"] as? [[String: Any]])?.first?["priceSpecification"]) as? [String: Any])
        #expect((exactPrice["price"] as? NSNumber)?.decimalValue == Decimal(string: "96000500"))
        // 面议 names no figure: no price at all.
        let chip = try Self.jsonLD(try site.read("lists/2020-zgc/a-chip/index.html"))
        #expect((chip["@graph"] as? [[String: Any]])?.first?["priceSpecification"] == nil)
    }

    // MARK: 8. Feeds

    /// The `<updated>` of the feed and of each entry by its id.
    static func updates(_ xml: String) throws -> (feed: String, entries: [String: String]) {
        let document = try XMLDocument(xmlString: xml)
        let root = try #require(document.rootElement())
        let feed = try #require(root.elements(forName: "updated").first?.stringValue)
        var entries: [String: String] = [:]
        for entry in root.elements(forName: "entry") {
            if let id = entry.elements(forName: "id").first?.stringValue {
                entries[id] = entry.elements(forName: "updated").first?.stringValue
            }
        }
        return (feed, entries)
    }

    @Test func anEntryIsUpdatedAtItsLatestTimelineDateUpToTheBuild() throws {
        let site = try Self.site([
            "content/lists/2020-zgc/b-arm.md": requirement(
                """
                code: ZGC-10
                published: 2022-11-01
                timeline:
                  - {date: 2022-12-20, event: 评审}
                  - {date: 2022-11-15, event: 宣讲会}
                  - {date: 2023-03-01, event: 结果公示}
                """)
        ])
        try site.build()
        let (feed, entries) = try Self.updates(try site.read("feed.xml"))
        // 2023-03-01 is after the build date (2023-01-01): it has not happened yet.
        #expect(entries["https://example.org/bangdan/lists/2020-zgc/b-arm/"] == "2022-12-20T00:00:00Z")
        #expect(entries["https://example.org/bangdan/lists/2022-test/good/"] == "2022-06-29T00:00:00Z")
        #expect(feed == "2022-12-20T00:00:00Z")

        // Once the build date passes the last milestone, the entry says so.
        try site.build(buildDate: Day("2023-03-02")!)
        #expect(
            try Self.updates(try site.read("feed.xml")).entries["https://example.org/bangdan/lists/2020-zgc/b-arm/"]
                == "2023-03-01T00:00:00Z")
    }

    @Test func everyListIndustryAndRegionHasItsFeedLinkedFromItsPages() throws {
        let site = try Self.site()
        try site.build()
        let cases: [(page: String, feed: String, entries: Set<String>)] = [
            ("lists/2020-zgc/", "lists/2020-zgc/feed.xml", ["a-chip", "b-arm", "c-bags"]),
            ("lists/2020-zgc/page/2/", "lists/2020-zgc/feed.xml", ["a-chip", "b-arm", "c-bags"]),
            ("lists/2023-jiangxi/", "lists/2023-jiangxi/feed.xml", []),
            ("industries/new-generation-it/", "industries/new-generation-it/feed.xml", ["a-chip"]),
            ("industries/new-materials/", "industries/new-materials/feed.xml", ["b-arm", "c-bags", "soon"]),
            ("regions/beijing/", "regions/beijing/feed.xml", ["a-chip", "b-arm", "c-bags"]),
            ("regions/shandong/", "regions/shandong/feed.xml", ["good", "soon"]),
            ("regions/jiangxi/", "regions/jiangxi/feed.xml", []),
        ]
        for (page, feed, slugs) in cases {
            let html = try site.read(page + "index.html")
            #expect(
                html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
                    && html.contains("href=\"/bangdan/\(feed)\">"), "\(page) does not link \(feed)")
            let xml = try site.read(feed)
            let ids = Set(
                try Self.updates(xml).entries.keys.map { $0.split(separator: "/").last.map(String.init) ?? "" })
            #expect(ids == slugs, "\(feed): \(ids)")
            #expect(
                xml.contains(
                    "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/bangdan/\(feed)\"/>"))
            #expect(
                xml.contains(
                    "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/bangdan/\(page.replacingOccurrences(of: "page/2/", with: ""))\"/>"
                ))
        }
        // The empty list's feed is dated by the list, not by the build, so it keeps its bytes from day to day.
        #expect(try Self.updates(try site.read("lists/2023-jiangxi/feed.xml")).feed == "2022-12-01T00:00:00Z")
        #expect(!(try site.read("index.html")).contains("lists/2020-zgc/feed.xml"))
    }

    // MARK: 9. Search without JavaScript; one closing-soon rule

    @Test func theSearchFormLeadsToBrowsingLinksWithoutAScript() throws {
        let site = try Self.site()
        try site.build()
        let html = try site.read("search/index.html")
        #expect(html.contains("<form class=\"search-form\" id=\"search-form\" action=\"/bangdan/search/#browse\""))
        // The section the form leads to is not inside <noscript>: it is there with and without a script.
        let browse = try #require(html.range(of: "<section id=\"browse\""))
        let section = html[browse.lowerBound...]
        let end = try #require(section.range(of: "</section>"))
        let links = Self.attributes("href", in: String(section[..<end.upperBound]))
        for link in [
            "/bangdan/industries/", "/bangdan/regions/", "/bangdan/lists/", "/bangdan/data/requirements.csv",
            "/bangdan/data/requirements.json", "/bangdan/industries/new-generation-it/", "/bangdan/regions/beijing/",
            "/bangdan/regions/jiangxi/",
        ] {
            #expect(links.contains(link), "the browse section does not link \(link)")
        }
        #expect(!html[..<browse.lowerBound].hasSuffix("<noscript>"))
        // Results appear only when the script runs.
        #expect(html.contains("<section id=\"search-results-section\" aria-labelledby=\"results-heading\" hidden>"))
        let script = String(decoding: try #require(ThemeLoader.defaults.assets["search.js"]), as: UTF8.self)
        #expect(script.contains("results.hidden = false"))
    }

    @Test func pagesSearchAndOpenDataAgreeOnClosingSoonByTheBuildDate() throws {
        let site = try Self.site()
        try site.build()
        let manifest = try site.json("search/manifest.json")
        #expect(manifest["built"] as? String == "2023-01-01")
        let count = try #require(manifest["count"] as? Int), size = try #require(manifest["rows"] as? Int)
        let rows = try (0..<(count + size - 1) / size).flatMap { n in
            try #require(
                try JSONSerialization.jsonObject(with: Data(site.read("search/f/\(n).json").utf8)) as? [[String: Any]])
        }
        let data = try #require(try site.json("data/requirements.json")["requirements"] as? [[String: Any]])
        #expect(rows.count == data.count)
        // Every card on the list pages (page 1 and page 2 on).
        let cards = try Self.files(site, ending: ".html").filter { $0.path.hasPrefix("lists/") }.map(\.text)
            .joined().components(separatedBy: "<li class=\"card\">").dropFirst().map {
                $0.components(separatedBy: "</li>").first ?? ""
            }
        for r in data {
            let url = try #require(r["url"] as? String)
            let path = String(url.dropFirst("https://example.org".count))
            let row = try #require(rows.first { $0["u"] as? String == path }, "\(url)")
            let soon = try #require(r["closing_soon"] as? Bool)
            #expect((row["cs"] as? Bool ?? false) == soon, "\(url)")
            let card = try #require(cards.first { $0.contains("<a href=\"\(path)\">") }, "no card for \(path)")
            #expect(card.contains("badge-soon") == soon, "\(url)")
        }
        #expect(rows.contains { $0["cs"] as? Bool == true }, "the fixture has a requirement closing soon")
        // The script takes `cs` from the index and the deadline windows from the build, never the reader's clock.
        let script = String(decoding: try #require(ThemeLoader.defaults.assets["search.js"]), as: UTF8.self)
        #expect(script.contains("r.cs === true"))
        #expect(!script.contains("Date.now") && !script.contains("Date.parse"), "search.js reads the reader's clock")
        #expect(!script.contains("new Date("), "search.js reads the reader's clock")
        // Every page says the date its statuses are as of.
        for (path, html) in try Self.files(site, ending: ".html") {
            #expect(
                html.contains("<p class=\"built\">状态截至 <time datetime=\"2023-01-01\">2023年1月1日</time></p>"),
                "\(path)")
        }
    }
}
