import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender
@testable import BangdanSchema
@testable import BangdanSite
@testable import Mustache

/// `bangdan build` end to end: fixture sites built for real, asserting on the files written (SCHEMA.md §8).
@Suite struct BuildTests {
    /// The base fixture plus a Zhongguancun list with three requirements (page_size is 2, so two pages).
    static func site(_ extra: [String: String] = [:]) throws -> FixtureSite {
        var files = [
            "content/lists/2020-zgc/_index.md": """
            ---
            title: 中关村强链工程首批技术需求榜单
            publisher: 中关村科技园区管理委员会
            region: zhongguancun
            published: 2020-12-28
            category: enterprise-demand
            batch: 1
            ---
            首批榜单共 10 项。
            """,
            "content/lists/2020-zgc/a-chip.md": requirement(
                "code: ZGC-2\nindustry: integrated-circuits\nbounty: 面议\ndeadline: 2023-01-10"),
            "content/lists/2020-zgc/b-arm.md": requirement(
                "code: ZGC-10\nbounty: 1200万\nstatus: signed\nsolvers:\n  - {name: 山东大学, region: jinan}\n  - {name: 清华大学, region: beijing}\n  - 某研究所"
            ),
            "content/lists/2020-zgc/c-bags.md": requirement(
                "bounty: 0.5亿元\nattachments:\n  - {title: 需求说明, url: spec.pdf}"),
            "content/lists/2020-zgc/spec.pdf": "%PDF-1.4 fixture",
        ]
        for (k, v) in extra { files[k] = v }
        return try FixtureSite(files)
    }

    @Test func writesEveryPageOfTheURLContract() throws {
        let site = try Self.site()
        try site.build()
        for path in [
            "index.html", "lists/index.html", "lists/2020-zgc/index.html", "lists/2020-zgc/page/2/index.html",
            "lists/2020-zgc/a-chip/index.html", "lists/2022-test/good/index.html", "industries/index.html",
            "industries/integrated-circuits/index.html", "industries/new-generation-it/index.html",
            "regions/index.html", "regions/beijing/index.html", "regions/zhongguancun/index.html", "search/index.html",
            "feed.xml", "sitemap.xml", "robots.txt", "404.html", "data/requirements.json", "data/requirements.csv",
            "data/lists.json", "lists/2020-zgc/spec.pdf", "assets/site.css",
        ] {
            #expect(site.exists(path), "\(path) is missing")
        }
        // Term pages only for terms in use.
        #expect(!site.exists("regions/jiangxi/index.html"))
        #expect(try site.read("lists/2020-zgc/spec.pdf") == "%PDF-1.4 fixture\n")
    }

    @Test func pagesAtThePageSizeBoundary() throws {
        let site = try Self.site()
        try site.build()
        // 2022-test has one requirement: one page. 2020-zgc has three with page_size 2: two pages, no third.
        #expect(!site.exists("lists/2022-test/page/2/index.html"))
        #expect(site.exists("lists/2020-zgc/page/2/index.html"))
        #expect(!site.exists("lists/2020-zgc/page/3/index.html"))
        let first = try site.read("lists/2020-zgc/index.html"),
            second = try site.read("lists/2020-zgc/page/2/index.html")
        // In code order (ZGC-2 before ZGC-10), then the requirement without a code.
        #expect(first.contains("/bangdan/lists/2020-zgc/a-chip/") && first.contains("/bangdan/lists/2020-zgc/b-arm/"))
        #expect(!first.contains("/bangdan/lists/2020-zgc/c-bags/\""))
        #expect(second.contains("/bangdan/lists/2020-zgc/c-bags/"))
        #expect(first.contains("href=\"/bangdan/lists/2020-zgc/page/2/\" rel=\"next\""))
        #expect(second.contains("href=\"/bangdan/lists/2020-zgc/\" rel=\"prev\""))
    }

    @Test func rollsUpZhongguancunIntoBeijingAndChipsIntoIT() throws {
        let site = try Self.site()
        try site.build()
        let beijing = try site.read("regions/beijing/index.html")
        for slug in ["a-chip", "b-arm"] { #expect(beijing.contains("/bangdan/lists/2020-zgc/\(slug)/")) }
        #expect(try site.read("regions/beijing/page/2/index.html").contains("/bangdan/lists/2020-zgc/c-bags/"))
        #expect(beijing.contains("中关村强链工程首批技术需求榜单"), "the region page lists the lists published there")
        let it = try site.read("industries/new-generation-it/index.html")
        #expect(it.contains("/bangdan/lists/2020-zgc/a-chip/"))
        #expect(!it.contains("/bangdan/lists/2020-zgc/b-arm/"))
        let index = try site.read("regions/index.html")
        #expect(index.contains("北京市</a> <span class=\"count\">3</span>"))
    }

    @Test func neverFillsAMissingValueFromTheEnclosingPage() throws {
        // Mustache looks a missing key up in outer contexts: a solver without a region must not show the page's.
        let site = try Self.site()
        try site.build()
        let page = try site.read("lists/2020-zgc/b-arm/index.html")
        #expect(page.contains("<li>某研究所</li>"))
        #expect(page.contains("<li>清华大学（北京市）</li>"))
    }

    @Test func escapesHostileContentEverywhere() throws {
        let hostile = requirement(
            """
            title: "<script>alert('t')</script>标题"
            keywords: ["<b>kw</b>"]
            issuer:
              name: "\\"><img src=x onerror=alert(1)>"
            source: "https://example.org/?a=1&b=x"
            """
        ).replacingOccurrences(
            of: "正文。",
            with: """
                <script>alert('body')</script>
                <img src=x onerror="alert(2)">

                [点我](javascript:alert(3)) and <b>bold</b> and [ok](https://example.org/)
                """)
        let site = try Self.site(["content/lists/2020-zgc/evil.md": hostile])
        try site.build()
        let outputs = try site.snapshot()
        for (path, data) in outputs where path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".json") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>alert"), "live script in \(path)")
            #expect(!text.contains("<img src=x"), "live image in \(path)")
            #expect(!text.contains("javascript:"), "javascript link in \(path)")
            #expect(!text.contains("<b>"), "raw HTML in \(path)")
        }
        let page = try site.read("lists/2020-zgc/evil/index.html")
        #expect(page.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;标题"))
        #expect(page.contains("<a href=\"https://example.org/\">ok</a>"))
        #expect(page.contains("\\u003cscript\\u003e"), "JSON-LD escapes < so the script element cannot be closed early")
    }

    @Test func writesOpenDataWithTheContractKeys() throws {
        let site = try Self.site()
        try site.build()
        let requirements = try #require(try site.json("data/requirements.json")["requirements"] as? [[String: Any]])
        #expect(
            requirements.map { $0["id"] as? String } == [
                "2020-zgc/a-chip", "2020-zgc/b-arm", "2020-zgc/c-bags", "2022-test/good",
            ])
        let keys: Set<String> = [
            "id", "list", "slug", "url", "title", "code", "category", "industries", "region", "issuer",
            "bounty_wan", "negotiable", "bounty", "funding", "published", "deadline", "status",
            "effective_status", "solvers", "keywords", "indicators", "source", "summary", "period",
            // ▲ Contract version 2, §8.
            "issuers", "solvers_undisclosed", "sources", "closing_soon", "category_name", "industry_names",
            "region_name", "eligibility", "how_to_apply", "apply_url", "ip", "timeline", "extra", "title_en",
        ]
        for r in requirements { #expect(Set(r.keys) == keys) }
        let chip = requirements[0], arm = requirements[1], bags = requirements[2]
        #expect(chip["url"] as? String == "https://example.org/bangdan/lists/2020-zgc/a-chip/")
        #expect(chip["bounty_wan"] is NSNull)
        #expect(chip["negotiable"] as? Bool == true)
        #expect(chip["effective_status"] as? String == "open")
        #expect(chip["deadline"] as? String == "2023-01-10")
        #expect(chip["region"] as? String == "zhongguancun")
        #expect(chip["category"] as? String == "enterprise-demand")
        #expect((chip["issuer"] as? [String: Any]).map { Set($0.keys) } == ["name", "type", "credit_code"])
        #expect(arm["bounty_wan"] as? Int == 1200)
        #expect((arm["solvers"] as? [[String: Any]])?.count == 3)
        #expect(bags["bounty_wan"] as? Int == 5000)
        #expect(bags["code"] is NSNull)
        #expect(bags["summary"] as? String == "正文。")
    }

    @Test func writesExactListStatistics() throws {
        let site = try Self.site()
        try site.build()
        let lists = try #require(try site.json("data/lists.json")["lists"] as? [[String: Any]])
        #expect(lists.map { $0["id"] as? String } == ["2022-test", "2020-zgc"], "newest published first")
        let zgc = lists[1]
        #expect(
            Set(zgc.keys) == [
                "id", "url", "title", "publisher", "region", "published", "deadline", "program", "batch", "stats",
            ])
        #expect(zgc["batch"] as? Int == 1)
        let stats = try #require(zgc["stats"] as? [String: Any])
        #expect(stats["requirements"] as? Int == 3)
        #expect(stats["bounty_total_wan"] as? Int == 6200)
        #expect(stats["bounty_disclosed"] as? Int == 2)
        #expect(stats["bounty_at_least_1000"] as? Int == 2)
        #expect(stats["bounty_negotiable"] as? Int == 1)
        #expect(stats["by_industry"] as? [String: Int] == ["integrated-circuits": 1, "new-materials": 2])
        #expect(stats["by_status"] as? [String: Int] == ["open": 2, "signed": 1])
        #expect(stats["solvers_with_region"] as? Int == 2)
        // 济南 rolls up to 山东, which is not the list's province (北京, through 中关村); 清华 is in 北京.
        #expect(stats["solvers_out_of_region"] as? Int == 1)
    }

    @Test func writesCSVWithBOMAndTheSameRows() throws {
        let site = try Self.site()
        try site.build()
        let bytes = try #require(FileManager.default.contents(atPath: site.output + "/data/requirements.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter {
            !$0.isEmpty
        }
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("id,list,slug,url,title,code,category,industries,region,issuer_name"))
        #expect(lines[2].contains("山东大学（jinan）;清华大学（beijing）;某研究所"))
    }

    @Test func writesFeedAndSitemapEntries() throws {
        let site = try Self.site()
        try site.build()
        let feed = try site.read("feed.xml")
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 4)
        #expect(feed.contains("<id>https://example.org/bangdan/lists/2022-test/good/</id>"))
        // Newest first: the 2022 list's requirement before the 2020 ones.
        let good = try #require(feed.range(of: "2022-test/good"))
        let chip = try #require(feed.range(of: "2020-zgc/a-chip"))
        #expect(good.lowerBound < chip.lowerBound)
        let sitemap = try site.read("sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/bangdan/lists/2020-zgc/page/2/</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/bangdan/</loc>"))
        #expect(!sitemap.contains("404.html"))
        #expect(try site.read("robots.txt").contains("Sitemap: https://example.org/bangdan/sitemap.xml"))
    }

    @Test func resolvesEveryInternalLink() throws {
        let site = try Self.site()
        try site.build()
        let files = try site.snapshot()
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for match in html.matches(of: /(?:href|src|data-index)="([^"]*)"/) {
                var link = String(match.1)
                guard link.hasPrefix("/") else { continue }
                #expect(link.hasPrefix("/bangdan/"), "\(link) in \(path) ignores the base path")
                link = String(link.dropFirst("/bangdan/".count))
                if let query = link.firstIndex(of: "?") { link = String(link[..<query]) }
                let target = link.isEmpty || link.hasSuffix("/") ? link + "index.html" : link
                #expect(files[target.removingPercentEncoding ?? target] != nil, "\(path) links to missing \(target)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    /// Two first builds of the same content by the real executable, in child processes with nothing shared (two
    /// copies of the site, two outputs, two caches), under different time zones and locales, with the content
    /// files created in opposite orders, from different current folders: the trees must be identical, byte for byte.
    @Test func buildsTheSameBytesTwice() throws {
        let source = try Self.site([
            "content/lists/2020-zgc/d-late.md": requirement("deadline: 2023-01-02\nbounty: 3000万元"),
            "content/site.yml": "title: 测试榜单网\nbase_url: https://example.org/bangdan/\npage_size: 2\nfooter: 页脚",
        ])
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: source.root)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: source.root + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(path)
            }
        }
        files.sort()
        #expect(files.count > 8)
        let folder = NSTemporaryDirectory() + "bangdan-determinism-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func copy(_ order: [String], to site: String) throws {
            for path in order {
                try FileManager.default.createDirectory(
                    atPath: ((site + "/" + path) as NSString).deletingLastPathComponent,
                    withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: source.root + "/" + path, toPath: site + "/" + path)
            }
        }
        try copy(files, to: folder + "/a")
        try copy(files.reversed(), to: folder + "/b/site")
        // 2023-01-01 20:00 UTC: already 2023-01-02 in Kiritimati (UTC+14), still 2023-01-01 in Honolulu (UTC-10).
        let epoch = "1672603200"
        let a = try build(
            ["build", "--site", folder + "/a"], in: "/",
            environment: [
                "SOURCE_DATE_EPOCH": epoch, "TZ": "Pacific/Kiritimati", "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8",
            ])
        let b = try build(
            ["build", "--site", ".", "--output", "../elsewhere/out"], in: folder + "/b/site",
            environment: [
                "SOURCE_DATE_EPOCH": epoch, "TZ": "Pacific/Honolulu", "LANG": "C", "LC_ALL": "en_US.ISO-8859-1",
            ])
        #expect(a == 0 && b == 0)
        let first = tree(folder + "/a/public"), second = tree(folder + "/b/elsewhere/out")
        #expect(first.count > 40)
        #expect(Set(second.keys) == Set(first.keys))
        for (path, data) in first where second[path] != data { Issue.record("\(path) differs between two builds") }
    }

    /// Runs the built executable; returns its exit status.
    private func build(_ arguments: [String], in folder: String, environment: [String: String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Every file under `folder`, relative, with its bytes (links and folders included, so nothing hides).
    private func tree(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            let full = folder + "/" + path
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: result[path] = FileManager.default.contents(atPath: full) ?? Data()
            case S_IFDIR: result[path + "/"] = Data()
            default: result[path + " (link)"] = Data()
            }
        }
        return result
    }

    @Test func leavesThePreviousOutputUntouchedWhenABuildFails() throws {
        let site = try Self.site()
        try site.build()
        let before = try site.snapshot()
        try site.write("content/lists/2020-zgc/bad.md", requirement("status: opne"))
        let built = try Build.build(site: site.root, buildDate: Day("2023-01-01")!)
        #expect(built.filesWritten == nil)
        #expect(built.checked.diagnostics.contains { $0.rule == .unknownStatus })
        #expect(try site.snapshot() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func dropsFilesAndDotfilesOfAnOlderBuild() throws {
        let site = try Self.site()
        try site.build()
        #expect(site.exists("lists/2020-zgc/c-bags/index.html"))
        try site.write("public/.gitkeep", "")
        try site.remove("content/lists/2020-zgc/c-bags.md")
        try site.remove("content/lists/2020-zgc/spec.pdf")
        try site.build()
        #expect(!site.exists("lists/2020-zgc/c-bags/index.html"))
        #expect(!site.exists("lists/2020-zgc/spec.pdf"))
        #expect(!site.exists(".gitkeep"), "nothing Bangdan did not write is carried into the new output")
    }

    @Test func closesOpenRequirementsByTheBuildDate() throws {
        let site = try Self.site()
        try site.build(buildDate: Day("2023-01-11")!)
        let requirements = try #require(try site.json("data/requirements.json")["requirements"] as? [[String: Any]])
        #expect(requirements[0]["status"] as? String == "open")
        #expect(requirements[0]["effective_status"] as? String == "closed")
        #expect(try site.read("lists/2020-zgc/a-chip/index.html").contains("征集已截止"))
    }

    @Test func marksRequirementsClosingWithinFourteenDays() throws {
        let site = try Self.site()
        try site.build(buildDate: Day("2023-01-01")!)
        let home = try site.read("index.html")
        #expect(home.contains("badge-soon"))
        #expect(try site.read("lists/2020-zgc/a-chip/index.html").contains("剩余 9 天"))
    }

    @Test func usesASitesOwnTemplateOverTheDefault() throws {
        let site = try Self.site([
            "templates/not-found.mustache": "{{<layout}}{{$content}}<h1>走丢了</h1>{{/content}}{{/layout}}"
        ])
        try site.build()
        #expect(try site.read("404.html").contains("<h1>走丢了</h1>"))
        #expect(try site.read("index.html").contains("<!DOCTYPE html>"), "other templates keep their defaults")
    }

    @Test func refusesATemplateThatNamesAMissingPartial() throws {
        let site = try Self.site([
            "templates/not-found.mustache": "{{<layout}}{{$content}}{{> nowhere}}{{/content}}{{/layout}}"
        ])
        #expect(
            throws: BangdanError.template(
                name: "not-found.mustache", problem: "names the template 'nowhere', which does not exist")
        ) {
            try Build.build(site: site.root, buildDate: Day("2023-01-01")!)
        }
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test func refusesATemplateThatDoesNotParse() throws {
        let site = try Self.site(["templates/card.mustache": "<li>{{#title}}{{title}}</li>"])
        #expect {
            try Build.build(site: site.root, buildDate: Day("2023-01-01")!)
        } throws: { error in
            guard case BangdanError.template(let name, let problem) = error else { return false }
            return name == "card.mustache" && problem.contains("never closed")
        }
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test func reportsTwoFilesForOnePathAsAConflict() {
        let (files, diagnostics) = Render.conflictsRemoved([
            .init(path: "lists/a/x.pdf", source: .attachment(from: "content/lists/a/x.pdf")),
            .init(path: "lists/a/x.pdf", source: .asset("x.pdf")),
        ])
        #expect(files.map(\.path) == ["lists/a/x.pdf"])
        #expect(diagnostics.map(\.rule) == [.outputConflict])
        #expect(diagnostics.map(\.path) == ["lists/a/x.pdf"])
    }

    @Test func speaksEnglishWhenTheSiteDoes() throws {
        let site = try Self.site([
            "content/site.yml": "title: Challenges\nbase_url: https://example.org/\nlanguage: en\n"
        ])
        try site.build()
        let home = try site.read("index.html")
        #expect(home.contains("<html lang=\"en\">"))
        #expect(home.contains("Closing soon"))
        #expect(!home.contains("即将截止"))
    }
}
