import Foundation
import FoundationXML
import Synchronization
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender
@testable import BangdanServe
@testable import BangdanSite
@testable import BangdanWrite

/// Dependency keys (`DependencyKeys`): a rebuild renders only the files whose inputs changed and links the rest
/// from the previous output. Whatever the edit, the output must be byte for byte what a clean build of the same
/// site makes, with nothing more and nothing less, and a file whose bytes did not change is not rewritten.
@Suite struct DependencyKeyTests {
    /// One edit between two builds.
    enum Edit: String, CaseIterable, Sendable {
        case title, titleSameSize, deadline, industry, listTitle, listDefault, template, requirementTemplate,
            siteSettings,
            vocabulary, deletedRequirement, newRequirement, buildDate, attachment, nothing
    }

    static let firstDate = Day("2023-01-01")!

    func apply(_ edit: Edit, to site: FixtureSite) throws -> Day {
        let chip = "content/lists/2020-zgc/a-chip.md"
        let original = requirement("code: ZGC-2\nindustry: integrated-circuits\nbounty: 面议\ndeadline: 2023-01-10")
        switch edit {
        case .title:
            try site.write(chip, original.replacingOccurrences(of: "title: ", with: "title: 改过的"))
        case .titleSameSize:
            // The same number of bytes, so neither size nor (within a clock tick) time tells the edit apart.
            let edited = try #require(firstTitleCharacterReplaced(original))
            #expect(edited.utf8.count == original.utf8.count)
            try site.write(chip, edited)
        case .deadline:
            try site.write(
                chip, original.replacingOccurrences(of: "deadline: 2023-01-10", with: "deadline: 2023-03-10"))
        case .industry:
            try site.write(
                chip,
                original.replacingOccurrences(of: "industry: integrated-circuits", with: "industry: new-materials"))
        case .listTitle:
            let index = try String(contentsOfFile: site.absolute("content/lists/2020-zgc/_index.md"), encoding: .utf8)
            try site.write(
                "content/lists/2020-zgc/_index.md", index.replacingOccurrences(of: "首批技术需求榜单", with: "第二批技术需求榜单"))
        case .listDefault:
            // A default the list's requirements inherit (SCHEMA.md §3): their cards on term pages and their feed
            // entries change, though none of their own files did.
            let index = try String(contentsOfFile: site.absolute("content/lists/2020-zgc/_index.md"), encoding: .utf8)
            try site.write(
                "content/lists/2020-zgc/_index.md",
                index.replacingOccurrences(of: "batch: 1", with: "batch: 1\ndeadline: 2023-01-20"))
        case .template:
            try site.write("templates/card.mustache", "<li class=\"card\"><a href=\"{{url}}\">{{title}}</a> 新卡片</li>")
        case .requirementTemplate:
            try site.write("templates/requirement.mustache", "<h1>{{title}}</h1>{{#list}}<p>{{title}}</p>{{/list}}")
        case .siteSettings:
            try site.write(
                "content/site.yml",
                FixtureSite.base["content/site.yml"]!.replacingOccurrences(of: "测试榜单网", with: "新的网站名"))
        case .vocabulary:
            try site.write(
                "content/industries.yml",
                FixtureSite.base["content/industries.yml"]!.replacingOccurrences(
                    of: "name: 集成电路", with: "name: 芯片与集成电路"))
        case .deletedRequirement:
            try site.remove("content/lists/2020-zgc/b-arm.md")
        case .newRequirement:
            try site.write("content/lists/2020-zgc/a-new.md", requirement("industry: new-materials\nbounty: 300万"))
        case .buildDate:
            return Day("2023-01-02")!
        case .attachment:
            try site.write("content/lists/2020-zgc/spec.pdf", "%PDF-1.4 second edition, longer")
        case .nothing:
            break
        }
        return Self.firstDate
    }

    /// `original` with the first character of its title replaced by another of the same UTF-8 length.
    func firstTitleCharacterReplaced(_ original: String) -> String? {
        guard let range = original.range(of: "title: ") else { return nil }
        var text = original
        let first = range.upperBound
        let replacement: Character = text[first] == "甲" ? "乙" : "甲"
        text.replaceSubrange(first...first, with: String(replacement))
        return text
    }

    /// Every regular file under `folder`, by relative path: its bytes and inode.
    func files(_ folder: String) throws -> [String: (bytes: Data, inode: Int)] {
        var files: [String: (Data, Int)] = [:]
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder) else { return files }
        for case let path as String in enumerator {
            let attributes = try manager.attributesOfItem(atPath: folder + "/" + path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            let inode = try #require(attributes[.systemFileNumber] as? Int)
            files[path] = (try #require(manager.contents(atPath: folder + "/" + path)), inode)
        }
        return files
    }

    @Test(arguments: Edit.allCases, [false, true])
    func anIncrementalBuildIsACleanBuild(_ edit: Edit, bilingual: Bool) throws {
        let site = try BuildTests.site()
        if bilingual {
            // Every page again under en/, and a search index per language: the keys must hold for both trees.
            let settings = try String(contentsOfFile: site.absolute("content/site.yml"), encoding: .utf8)
            try site.write("content/site.yml", settings + "\nlanguages: [zh-CN, en]\n")
        }
        // A template the edits can change, in the site's own templates/.
        try site.write(
            "templates/card.mustache", "<li class=\"card\"><a href=\"{{url}}\">{{title}}</a> {{deadline}}</li>")
        try site.build(buildDate: Self.firstDate)
        let before = try files(site.output)
        let date = try apply(edit, to: site)
        let built = try site.build(buildDate: date)

        let clean = site.root + "/clean"
        let fresh = try Build.build(site: site.root, output: clean, buildDate: date)
        #expect(fresh.filesMade == fresh.filesInOutput, "a first build makes every file")
        #expect(fresh.fullBuild != nil)
        let after = try files(site.output), expected = try files(clean)
        #expect(Set(after.keys) == Set(expected.keys), "the same files, no more, no fewer")
        for (path, file) in expected {
            #expect(after[path]?.bytes == file.bytes, "\(path) differs from a clean build after the edit \(edit)")
        }
        var unchanged = 0
        for (path, file) in after {
            guard let old = before[path], old.bytes == file.bytes else { continue }
            unchanged += 1
            #expect(old.inode == file.inode, "\(path) did not change but was rewritten")
        }
        #expect(unchanged > 0 || edit == .siteSettings)
        if edit == .listDefault {
            // The inherited deadline reaches the cards of a term page that shows none of the list's own files.
            let page = "industries/new-materials/index.html"
            let old = before[page].map(\.bytes), new = after[page].map(\.bytes)
            #expect(old != new)
            #expect(String(decoding: new ?? Data(), as: UTF8.self).contains("2023年1月20日"))
        }
        if edit == .nothing { #expect(built.reused) }
    }

    @Test func anEditToOneRequirementRendersOnlyWhatDependsOnIt() throws {
        let site = try BuildTests.site()
        let first = try site.build()
        #expect(first.filesMade == first.filesInOutput)
        #expect(first.fullBuild == "no record of a previous build beside the output")
        try site.write(
            "content/lists/2022-test/good.md",
            FixtureSite.base["content/lists/2022-test/good.md"]!.replacingOccurrences(
                of: "超低功耗", with: "超低能耗"))
        let second = try site.build()
        #expect(second.fullBuild == nil)
        // Not made again: the three requirement pages of the other list, 2020-zgc (they show neither the edited
        // requirement nor a neighbour of it), that list's two pages, the theme's assets and the list's attachment.
        let assets = try FileManager.default.contentsOfDirectory(atPath: site.output + "/assets").count
        #expect(second.filesMade <= second.filesInOutput - 3 - 2 - assets - 1)
        #expect(second.filesMade > 0)
        #expect(try site.read("lists/2022-test/good/index.html").contains("超低能耗"))
    }

    /// A fragment of the search index shows only its rows: a change to one requirement changes the key of the
    /// fragment that holds it and of no other (the manifest, shards, facets and orders are keyed by everything).
    @Test func aSearchFragmentIsKeyedByTheRequirementsWhoseRowsItHolds() throws {
        var extra: [String: String] = [:]
        for n in 1...9 { extra["content/lists/2020-zgc/more-\(n).md"] = requirement("title: 更多需求\(n)") }
        let site = try BuildTests.site(extra)
        let checked = try Build.check(site: site.root, buildDate: Self.firstDate)
        let model = SiteModel(try #require(checked.resolved))
        let ids = model.requirements.map(\.id)
        func fragments(_ edited: String?) throws -> (keys: [String: UInt64], bytes: [String: [UInt8]]) {
            let inputs = RenderInputs(
                global: 1, requirements: Dictionary(uniqueKeysWithValues: ids.map { ($0, $0 == edited ? 3 : 2) }),
                lists: Dictionary(uniqueKeysWithValues: model.lists.map { ($0.list.id, 4) }), attachments: [:])
            var timings = Timings()
            let rendering = try Render.prepare(model, theme: ThemeLoader.defaults, inputs: inputs, timings: &timings)
            let planned = rendering.data.filter { $0.path.hasPrefix("search/f/") }
            var keys: [String: UInt64] = [:], bytes: [String: [UInt8]] = [:]
            for file in planned {
                let key = try #require(file.key, "every fragment has a key")
                keys[file.path] = key
                guard case .bytes(let made) = try rendering.render(file).content else { continue }
                bytes[file.path] = made
            }
            return (keys, bytes)
        }
        let before = try fragments(nil)
        #expect(before.keys.count == 4, "13 requirements, 4 rows a fragment")
        // Made one at a time, they are the fragments of the whole index.
        let whole = SearchIndex.files(PageBuilder(model: model, language: model.settings.languages[0]))
        #expect(before.bytes.count == 4)
        #expect(
            before.bytes
                == Dictionary(uniqueKeysWithValues: whole.map { ($0.path, $0.bytes) }).filter {
                    before.keys[$0.key] != nil
                })
        for (position, id) in ids.enumerated() {
            let after = try fragments(id)
            let changed = Set(before.keys.keys.filter { after.keys[$0] != before.keys[$0] })
            let url = Array("/\(SiteModel.requirementRoute(model.requirements[position]))\"".utf8)
            let holding = Set(before.bytes.filter { $0.value.firstRange(of: url) != nil }.map(\.key))
            #expect(holding.count == 1, "\(id) is in one fragment")
            #expect(changed == holding, "editing \(id) changes the key of its fragment alone")
        }
    }

    /// The sitemap lists the pages' routes: an edit that adds no page and removes none leaves its key as it was,
    /// a page more or fewer changes it. robots.txt changes with `global` alone.
    @Test func theSitemapIsKeyedByThePagesRoutesAndRobotsByGlobalAlone() throws {
        let site = try BuildTests.site()
        let checked = try Build.check(site: site.root, buildDate: Self.firstDate)
        let model = SiteModel(try #require(checked.resolved))
        func keys(_ model: SiteModel, edited: String? = nil, global: UInt64 = 1) throws -> [String: UInt64] {
            let inputs = RenderInputs(
                global: global,
                requirements: Dictionary(
                    uniqueKeysWithValues: model.requirements.map { ($0.id, $0.id == edited ? 3 : 2) }),
                lists: Dictionary(uniqueKeysWithValues: model.lists.map { ($0.list.id, 4) }), attachments: [:])
            var timings = Timings()
            let rendering = try Render.prepare(model, theme: ThemeLoader.defaults, inputs: inputs, timings: &timings)
            var keys: [String: UInt64] = [:]
            for file in rendering.data where ["sitemap.xml", "robots.txt", "data/lists.json"].contains(file.path) {
                // Bound first: assigned straight into the dictionary, `#require` took the key as a `UInt64??` and
                // could never fail.
                let key = try #require(file.key)
                keys[file.path] = key
            }
            return keys
        }
        let before = try keys(model)
        #expect(before.count == 3)
        let edited = try keys(model, edited: model.requirements[0].id)
        #expect(edited["sitemap.xml"] == before["sitemap.xml"])
        #expect(edited["robots.txt"] == before["robots.txt"])
        #expect(edited["data/lists.json"] != before["data/lists.json"], "keyed by the whole content")
        var fewer = model
        fewer.pages.removeAll { $0.kind == .requirement(index: 0) }
        #expect(fewer.pages.count == model.pages.count - 1)
        #expect(try keys(fewer)["sitemap.xml"] != before["sitemap.xml"])
        let otherSettings = try keys(model, global: 5)
        #expect(otherSettings["robots.txt"] != before["robots.txt"])
        #expect(otherSettings["sitemap.xml"] != before["sitemap.xml"])
    }

    /// A sitemap file may list 50,000 URLs (sitemaps.org). With more, `sitemap.xml` is an index of part files
    /// that list every URL the one file would, in its order, none more than the limit; each part is keyed as the
    /// sitemap is. Here with a limit of 3, on the fixture site in one language and in two.
    @Test(arguments: [false, true])
    func aSitemapOfMoreURLsThanAFileMayHoldIsAnIndexOfParts(bilingual: Bool) throws {
        let site = try bilingual ? BilingualSiteTests.site() : BuildTests.site()
        let checked = try Build.check(site: site.root, buildDate: Self.firstDate)
        let model = SiteModel(try #require(checked.resolved))
        let inputs = RenderInputs(
            global: 1, requirements: Dictionary(uniqueKeysWithValues: model.requirements.map { ($0.id, 2) }),
            lists: Dictionary(uniqueKeysWithValues: model.lists.map { ($0.list.id, 4) }), attachments: [:])
        func sitemaps(limit: Int?) throws -> [(path: String, text: String, key: UInt64?)] {
            var timings = Timings()
            let rendering = try Render.prepare(
                model, theme: ThemeLoader.defaults, inputs: inputs, sitemapURLLimit: limit, timings: &timings)
            return try rendering.data.filter { $0.path.hasPrefix("sitemap") }.map { file in
                guard case .bytes(let bytes) = try rendering.render(file).content else {
                    throw CocoaError(.fileNoSuchFile)
                }
                let parser = XMLParser(data: Data(bytes))
                #expect(parser.parse(), "\(file.path) is well-formed XML")
                return (file.path, String(decoding: bytes, as: UTF8.self), file.key)
            }
        }
        func locs(_ text: String) -> [String] {
            text.matches(of: /<loc>([^<]*)<\/loc>/).map { String($0.output.1) }
        }
        let whole = try sitemaps(limit: nil)
        #expect(whole.map(\.path) == ["sitemap.xml"], "the fixture is far below 50,000 URLs: one file")
        let urls = locs(whole[0].text)
        let pages = model.pages.count { $0.kind != .notFound }
        #expect(urls.count == pages * (bilingual ? 2 : 1))
        #expect(whole[0].text.contains("xhtml:link") == bilingual)

        let split = try sitemaps(limit: 3)
        let parts = (urls.count + 2) / 3
        #expect(split.map(\.path) == ["sitemap.xml"] + (1...parts).map { "sitemap-\($0).xml" })
        let index = split[0].text
        #expect(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(!index.contains("<urlset"))
        #expect(locs(index) == split.dropFirst().map { model.settings.origin + "/" + $0.path })
        let listed = split.dropFirst().map { locs($0.text) }
        #expect(listed.allSatisfy { (1...3).contains($0.count) })
        #expect(Array(listed.joined()) == urls, "every URL once, in the one file's order")
        for part in split.dropFirst() {
            #expect(part.text.contains("xhtml:link") == bilingual)
            #expect(part.key != nil && part.key != split[0].key, "\(part.path) has a key of its own")
        }
    }

    @Test func aChangeEveryPageShowsMakesEveryFileAndSaysWhy() throws {
        let site = try BuildTests.site()
        try site.build()
        let next = try site.build(buildDate: Day("2023-01-02")!)
        // Every file but the attachment, which is copied as it is whatever the date.
        #expect(next.filesMade == next.filesInOutput - 1)
        #expect(next.fullBuild == "site settings, vocabularies, templates, the build date or bangdan itself changed")
    }

    @Test func aFileEditedByHandIsMadeAgainEvenWithAnUnchangedKey() throws {
        let site = try BuildTests.site()
        try site.build()
        // An unrelated page edited by hand in the output, then a content edit elsewhere: the page's key is the
        // same, but the file is no longer what the last build wrote.
        let page = site.output + "/lists/2022-test/good/index.html"
        let original = try String(contentsOfFile: page, encoding: .utf8)
        try (original + "<!-- edited -->").write(toFile: page, atomically: false, encoding: .utf8)
        try site.write(
            "content/lists/2020-zgc/c-bags.md",
            requirement("bounty: 0.6亿元\nattachments:\n  - {title: 需求说明, url: spec.pdf}"))
        try site.build()
        #expect(try site.read("lists/2022-test/good/index.html") == original)
    }

    @Test func aForeignOutputReplacedWithForceCarriesNothingOver() throws {
        let site = try BuildTests.site()
        try site.build()
        // The output replaced by someone else's folder of the same paths; the cache beside it is still there.
        try FileManager.default.removeItem(atPath: site.output)
        try FileManager.default.createDirectory(
            atPath: site.output + "/lists/2022-test/good", withIntermediateDirectories: true)
        try "foreign".write(
            toFile: site.output + "/lists/2022-test/good/index.html", atomically: false, encoding: .utf8)
        try "foreign".write(toFile: site.output + "/stray.html", atomically: false, encoding: .utf8)
        let built = try Build.build(site: site.root, buildDate: Day("2023-01-01")!, force: true)
        #expect(built.filesWritten == built.filesInOutput)
        #expect(!site.exists("stray.html"))
        #expect(try site.read("lists/2022-test/good/index.html").contains("超低功耗散料输送高端装备"))
    }

    @Test func keysSurviveTheCacheFile() throws {
        let site = try BuildTests.site()
        try site.build()
        let cache = BuildCache(output: site.output)
        let keys = cache.manifest.filter { $0.key != OutputFolder.markerName }.map(\.value.key)
        #expect(!keys.isEmpty && keys.allSatisfy { $0 != 0 }, "every file of the site has a key")
        #expect(cache.global != nil)
    }
}

/// The previous generation, kept in the cache folder after the swap, is swept name by name through folder
/// descriptors by the next build (`Writer.sweep`): nothing of it that the new output does not have survives.
@Suite struct PreviousGenerationRemovalTests {
    @Test func aStrayWhoseNameIsNotUTF8AndALinkAreRemovedWithThePreviousGeneration() throws {
        let site = try BuildTests.site()
        try site.build()
        let outside = site.root + "/outside.txt"
        try "keep me".write(toFile: outside, atomically: false, encoding: .utf8)
        // A name of the bytes 0xFF 0xFE, which no String can spell, and a link pointing out of the output.
        let name: [CChar] = Array((site.output + "/lists/").utf8CString.dropLast()) + [-1, -2, 0]
        let fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(fd >= 0)
        close(fd)
        #expect(symlink(outside, site.output + "/lists/link.txt") == 0)
        try site.write("content/lists/2022-test/good.md", requirement("title: 又一项"))
        try site.build()
        let parent = (site.output as NSString).deletingLastPathComponent
        let siblings = try FileManager.default.contentsOfDirectory(atPath: parent).filter {
            $0.hasPrefix(".public") && !$0.hasSuffix(".bangdan-cache") && !$0.hasSuffix(".bangdan-lock")
        }
        #expect(siblings.isEmpty, "the previous generation is gone: \(siblings)")
        #expect(access(name, F_OK) != 0)
        // It waits in the cache folder for the next build, which sweeps the stray and the link out of it.
        let spare = Writer.spare(for: site.output)
        let kept: [CChar] = Array((spare + "/lists/").utf8CString.dropLast()) + [-1, -2, 0]
        #expect(access(kept, F_OK) == 0)
        try site.write("content/lists/2022-test/good.md", requirement("title: 再一项"))
        try site.build()
        #expect(access(kept, F_OK) != 0 && access(name, F_OK) != 0)
        #expect(!FileManager.default.fileExists(atPath: spare + "/lists/link.txt"))
        #expect(!FileManager.default.fileExists(atPath: site.output + "/lists/link.txt"))
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "keep me")
    }
}

/// `bangdan serve` rebuilds through the same keyed build: a saved edit makes only what depends on it.
@Suite struct PreviewKeyedRebuildTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    @Test func aSavedEditMakesOnlyTheFilesThatShowIt() throws {
        let site = try BuildTests.site()
        let lines = Lines()
        let server = try PreviewServer(site: site.root, port: 0) { line in lines.lines.withLock { $0.append(line) } }
        defer { server.stop() }
        #expect(server.rebuild())
        let untouched = server.output + "/lists/2020-zgc/b-arm/index.html"
        let before = try #require(
            try FileManager.default.attributesOfItem(atPath: untouched)[.systemFileNumber] as? Int)
        try site.write("content/lists/2022-test/good.md", requirement("title: 预览中改过的需求"))
        #expect(server.rebuild())
        let page = try String(contentsOfFile: server.output + "/lists/2022-test/good/index.html", encoding: .utf8)
        #expect(page.contains("预览中改过的需求"))
        #expect(try FileManager.default.attributesOfItem(atPath: untouched)[.systemFileNumber] as? Int == before)
        let logged = lines.lines.withLock { $0 }
        #expect(logged.count == 2)
        let first = try #require(logged.first), last = try #require(logged.last)
        // The first build makes every file; the second fewer (the site is in Chinese: "生成 N / M 个文件").
        let counts = [first, last].map { line -> [Int] in
            guard let made = line.range(of: "生成 ", options: .backwards) else { return [] }
            return line[made.upperBound...].split(separator: " ").compactMap { Int($0) }
        }
        #expect(counts[0].count == 2 && counts[0][0] == counts[0][1], "\(first)")
        #expect(counts[1].count == 2 && counts[1][0] < counts[1][1], "\(last)")
    }
}
