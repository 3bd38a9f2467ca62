import Foundation
import FoundationXML
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender
@testable import BangdanSchema
@testable import BangdanSite
@testable import Mustache

#if canImport(FoundationXML)
#endif

/// The default theme is compiled into the binary; a site's `templates/` is read as carefully as its `content/`;
/// text from `site.yml` and content is data, never template source (issue "Trust", items 3, 5 and 16).
@Suite struct ThemeSafetyTests {
    /// The repository's top-level `templates/`.
    static let repositoryTemplates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../templates").standardizedFileURL.path

    // MARK: The default theme is the top-level templates/ folder, compiled in

    @Test func compiledThemeIsTheTopLevelTemplatesFolder() throws {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: Self.repositoryTemplates).filter { $0.hasSuffix(".mustache") }
        let assets = try fm.contentsOfDirectory(atPath: Self.repositoryTemplates + "/assets").filter {
            !$0.hasPrefix(".")
        }
        #expect(names.count >= Theme.pageTemplates.count)
        #expect(Set(ThemeLoader.defaults.templates.keys) == Set(names.map { String($0.dropLast(".mustache".count)) }))
        #expect(Set(ThemeLoader.defaults.assets.keys) == Set(assets))
        for name in names {
            let text = try String(contentsOfFile: Self.repositoryTemplates + "/" + name, encoding: .utf8)
            #expect(
                ThemeLoader.defaults.templates[String(name.dropLast(".mustache".count))] == text,
                "\(name) differs from the compiled theme")
        }
        for name in assets {
            let bytes = try #require(fm.contents(atPath: Self.repositoryTemplates + "/assets/" + name))
            #expect(
                ThemeLoader.defaults.assets[name] == [UInt8](bytes), "assets/\(name) differs from the compiled theme")
        }
    }

    @Test func binaryCopiedAloneBuildsASite() throws {
        let built = CommandLineTests.executable
        let alone = NSTemporaryDirectory() + "bangdan-alone-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: alone, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: alone) }
        try FileManager.default.copyItem(atPath: built, toPath: alone + "/bangdan")
        #expect(try FileManager.default.contentsOfDirectory(atPath: alone) == ["bangdan"])
        // SwiftPM's resource accessor also falls back to the absolute path of the build folder, so a copy works on
        // the machine that built it and crashes everywhere else: no resource bundle may be looked up at all.
        let binary = try #require(FileManager.default.contents(atPath: alone + "/bangdan"))
        #expect(
            binary.range(of: Data("Bangdan_Bangdan.resources".utf8)) == nil,
            "the binary still looks for a resource bundle")

        let site = try FixtureSite()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: alone + "/bangdan")
        process.arguments = ["build", "--site", site.root]
        process.currentDirectoryURL = URL(fileURLWithPath: alone)
        process.environment = ["SOURCE_DATE_EPOCH": "1672531200"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(stderr)")
        #expect(site.exists("index.html"))
        #expect(site.exists("lists/2022-test/good/index.html"))
        let css = try #require(FileManager.default.contents(atPath: site.output + "/assets/site.css"))
        #expect([UInt8](css) == ThemeLoader.defaults.assets["site.css"])
    }

    // MARK: Symbolic links and other non-files under a site's templates/

    /// A file outside the site whose first line must never be published or printed.
    private func secret() throws -> String {
        let path = NSTemporaryDirectory() + "bangdan-secret-" + UUID().uuidString
        try "SECRET-LINE <b>{{t.home}}</b>\nmore\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func expectRefused(_ site: FixtureSite, _ path: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let checked = try site.check()
        expectDiagnostic(
            checked.diagnostics, .symlinkRefused, path: path, line: 1, column: 1, sourceLocation: sourceLocation)
        let built = try Build.build(site: site.root, buildDate: Day("2023-01-01")!)
        #expect(built.filesWritten == nil, sourceLocation: sourceLocation)
        #expect(
            !FileManager.default.fileExists(atPath: site.output), "nothing is written", sourceLocation: sourceLocation)
        // The command line: exit 1, the diagnostic without a source line (nothing from outside content/).
        let run = try CommandLineTests().run(["build", "--site", site.root])
        #expect(run.status == 1, sourceLocation: sourceLocation)
        #expect(
            run.stderr.contains("\(path):1:1: error[symlink-refused]"), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("SECRET"), "\(run.stderr)", sourceLocation: sourceLocation)
    }

    @Test func refusesASymlinkedTemplate() throws {
        let site = try FixtureSite()
        let target = try secret()
        defer { try? FileManager.default.removeItem(atPath: target) }
        try FileManager.default.createDirectory(atPath: site.absolute("templates"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: site.absolute("templates/layout.mustache"), withDestinationPath: target)
        try expectRefused(site, "templates/layout.mustache")
        #expect(try ThemeLoader.load(site: site.root).templates["layout"] == ThemeLoader.defaults.templates["layout"])
    }

    @Test func refusesASymlinkedAsset() throws {
        let site = try FixtureSite()
        try FileManager.default.createDirectory(
            atPath: site.absolute("templates/assets"), withIntermediateDirectories: true)
        // The two leaks the issue names: the process environment and the site's own git configuration.
        try FileManager.default.createSymbolicLink(
            atPath: site.absolute("templates/assets/env.txt"), withDestinationPath: "/proc/self/environ")
        try site.write(".git/config", "[remote \"origin\"]\n\turl = https://token@example.org/x.git")
        try FileManager.default.createSymbolicLink(
            atPath: site.absolute("templates/assets/config.txt"), withDestinationPath: "../../.git/config")
        let diagnostics = try site.diagnostics().filter { $0.rule == .symlinkRefused }
        #expect(diagnostics.map(\.path) == ["templates/assets/config.txt", "templates/assets/env.txt"])
        #expect(diagnostics.allSatisfy { $0.position == .start })
        let theme = try ThemeLoader.load(site: site.root)
        #expect(theme.assets["env.txt"] == nil && theme.assets["config.txt"] == nil)
        let built = try Build.build(site: site.root, buildDate: Day("2023-01-01")!)
        #expect(built.filesWritten == nil)
        #expect(!site.exists("assets/env.txt") && !site.exists("assets/config.txt"))
    }

    @Test func refusesASymlinkedTemplatesFolderWithoutDescending() throws {
        let site = try FixtureSite()
        let elsewhere = site.root + "-elsewhere"
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try FileManager.default.createDirectory(atPath: elsewhere + "/assets", withIntermediateDirectories: true)
        try "SECRET-LINE".write(toFile: elsewhere + "/layout.mustache", atomically: true, encoding: .utf8)
        try "SECRET-LINE".write(toFile: elsewhere + "/assets/site.css", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site.absolute("templates"), withDestinationPath: elsewhere)
        let theme = try ThemeLoader.load(site: site.root)
        #expect(theme.templates == ThemeLoader.defaults.templates && theme.assets == ThemeLoader.defaults.assets)
        try expectRefused(site, "templates")
    }

    @Test func refusesASymlinkedAssetsFolderWithoutDescending() throws {
        let site = try FixtureSite()
        let elsewhere = site.root + "-elsewhere"
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try "SECRET-LINE".write(toFile: elsewhere + "/site.css", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: site.absolute("templates"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: site.absolute("templates/assets"), withDestinationPath: elsewhere)
        #expect(try ThemeLoader.load(site: site.root).assets == ThemeLoader.defaults.assets)
        try expectRefused(site, "templates/assets")
    }

    @Test func ownRegularTemplatesAndAssetsStillOverride() throws {
        let site = try FixtureSite()
        try site.write("templates/badge.mustache", "<b class=\"own\">{{status}}</b>")
        try site.write("templates/assets/extra.txt", "hello")
        try site.build()
        #expect(try site.read("lists/2022-test/good/index.html").contains("<b class=\"own\">征集中</b>"))
        #expect(try site.read("assets/extra.txt") == "hello\n")
    }

    /// What is not a regular file where the theme expects one is never opened: exit status 2, nothing written.
    enum NotAFile: String, CaseIterable {
        case fifoTemplate, fifoAsset, folderTemplate, folderAsset, assetsIsAFile, templatesIsAFile

        var path: String {
            switch self {
            case .fifoTemplate, .folderTemplate: "templates/layout.mustache"
            case .fifoAsset, .folderAsset: "templates/assets/site.css"
            case .assetsIsAFile: "templates/assets"
            case .templatesIsAFile: "templates"
            }
        }

        func make(in site: FixtureSite) throws {
            let parent = (site.absolute(path) as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            switch self {
            case .fifoTemplate, .fifoAsset: #expect(mkfifo(site.absolute(path), 0o644) == 0)
            case .folderTemplate, .folderAsset:
                try FileManager.default.createDirectory(atPath: site.absolute(path), withIntermediateDirectories: true)
            case .assetsIsAFile, .templatesIsAFile: try site.write(path, "not a folder")
            }
        }
    }

    @Test(arguments: NotAFile.allCases) func refusesWhatIsNotARegularFile(_ kind: NotAFile) throws {
        let site = try FixtureSite()
        try kind.make(in: site)
        try expectUnreadable(site, kind.path)
    }

    @Test(.enabled(if: geteuid() == 0, "making a device node needs root"))
    func refusesADeviceNode() throws {
        let site = try FixtureSite()
        try FileManager.default.createDirectory(
            atPath: site.absolute("templates/assets"), withIntermediateDirectories: true)
        // A character device with /dev/zero's numbers (major 1, minor 5): read, it would never end.
        #expect(mknod(site.absolute("templates/assets/zero.css"), S_IFCHR | 0o644, dev_t((1 << 8) | 5)) == 0)
        try expectUnreadable(site, "templates/assets/zero.css")
    }

    /// A theme file is read up to the limit of any file the build copies (20 MiB) and refused past it, as what
    /// is not a regular file is: a template or stylesheet that size is a mistake, and reading it whole a risk.
    @Test(arguments: ["templates/layout.mustache", "templates/assets/site.css"])
    func refusesAThemeFileLargerThanTheLimit(_ path: String) throws {
        let site = try FixtureSite()
        try FileManager.default.createDirectory(
            atPath: (site.absolute(path) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(
            FileManager.default.createFile(
                atPath: site.absolute(path), contents: Data(repeating: 0x61, count: AttachmentFile.sizeLimit + 1)))
        try expectUnreadable(site, path, reason: "larger than 20 MiB")
    }

    private func expectUnreadable(
        _ site: FixtureSite, _ path: String, reason expected: String = "not a",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let runs: [() throws -> Void] = [
            { _ = try site.check() }, { _ = try Build.build(site: site.root, buildDate: Day("2023-01-01")!) },
        ]
        for run in runs {
            do {
                try run()
                Issue.record("\(path) was accepted", sourceLocation: sourceLocation)
            } catch let BangdanError.unreadable(reported, reason) {
                #expect(reported == path, sourceLocation: sourceLocation)
                #expect(reason.contains(expected), "\(reason)", sourceLocation: sourceLocation)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: site.output), sourceLocation: sourceLocation)
        let run = try CommandLineTests().run(["build", "--site", site.root])
        #expect(run.status == 2, sourceLocation: sourceLocation)
        #expect(run.stderr.contains(path), "\(run.stderr)", sourceLocation: sourceLocation)
    }

    // MARK: Text from site.yml and content is data

    @Test func templateSyntaxInTheSiteTitleIsText() throws {
        let site = try FixtureSite([
            "content/site.yml": """
            title: "测试 {{#x}} 站"
            base_url: https://example.org/bangdan/
            """
        ])
        #expect(try site.diagnostics().isEmpty)
        try site.build()
        let home = try site.read("index.html")
        #expect(home.contains("<a class=\"brand\" href=\"/bangdan/\">测试 {{#x}} 站</a>"))
        #expect(home.contains("<title>测试 {{#x}} 站</title>"))
    }

    @Test func markupInTheSiteFooterIsEscaped() throws {
        let site = try FixtureSite([
            "content/site.yml": """
            title: "{{{footer}}}"
            base_url: https://example.org/bangdan/
            footer: "<script>alert(1)</script>"
            """
        ])
        try site.build()
        let home = try site.read("index.html")
        #expect(!home.contains("<script>alert"))
        #expect(home.contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"))
        #expect(home.contains("<a class=\"brand\" href=\"/bangdan/\">{{{footer}}}</a>"))
    }

    @Test func interfaceStringsAreTheOnlyFoldedTextAndHoldNoTemplateSyntax() {
        for language in [Language.zhCN, .en] {
            let table = UIStrings.table(language)
            for (key, value) in table {
                #expect(!value.contains("{{") && !value.contains("}}"), "UIStrings \(key) holds template syntax")
            }
            let folded = Theme.interfaceConstants(language)
            #expect(folded.keys.allSatisfy { $0.hasPrefix("t.") })
            for (key, value) in folded { #expect(table[String(key.dropFirst(2))] == value) }
        }
        // A site value in the context is rendered as data even where a folded constant would have been.
        let constants = ["t.home": "首页"]
        #expect(Theme.fold(constants, into: "{{site_title}} {{t.home}}") == "{{site_title}} 首页")
        #expect(
            Theme.fold(constants, into: "{{=<% %>=}}{{t.home}}") == "{{=<% %>=}}{{t.home}}",
            "set delimiters: left to the parser")
    }

    /// Valid text that looks like template syntax or markup, in every text field of site.yml, of the list, of the
    /// requirement and of the vocabularies: if `check` passes, `build` passes, and every output shows it as text.
    static let hostile = [
        "{{", "}}", "{{/x}}", "{{{x}}}", "{{#x}}", "{{>layout}}", "<script>alert(1)</script>", "<!--",
        "]]>", "\"'", "\u{2028}", "</script><b>",
    ]

    @Test(arguments: hostile) func hostileTextInEveryFieldIsData(_ payload: String) throws {
        let text = "ZQ" + payload + "QZ"
        let q = Self.yamlQuoted(text)
        let site = try FixtureSite([
            "content/site.yml": """
            title: \(q)
            title_en: \(q)
            base_url: https://example.org/bangdan/
            description: \(q)
            footer: \(q)
            page_size: 2
            """,
            "content/industries.yml":
                "high-end-equipment:\n  name: \(q)\n  name_en: \(q)\nnew-materials:\n  name: \(q)",
            "content/regions.yml": "shandong:\n  name: \(q)\n  code: \(q)\njinan:\n  name: \(q)\n  parent: shandong",
            "content/categories.yml": "key-technology:\n  name: \(q)",
            "\(listPath)/_index.md": """
            ---
            title: \(q)
            publisher: \(q)
            region: shandong
            published: 2022-06-29
            deadline: 2023-06-30
            category: key-technology
            program: \(q)
            summary: \(q)
            ---
            正文。
            """,
            "\(listPath)/good.md": """
            ---
            title: \(q)
            code: \(q)
            industry: high-end-equipment
            issuer:
              name: \(q)
              type: private
            funding: \(q)
            status: matching
            solvers:
              - \(q)
              - {name: \(q), region: jinan}
            contact:
              name: \(q)
              address: \(q)
            keywords: [\(q)]
            indicators:
              - \(q)
              - {name: \(q), target: \(q)}
            attachments:
              - {title: \(q), url: "https://example.org/a.pdf"}
            summary: \(q)
            ---
            正文。
            """,
        ])
        let checked = try site.check()
        #expect(!checked.hasErrors, "check refused valid text: \(describe(checked.diagnostics))")
        guard !checked.hasErrors else { return }
        try site.build()
        let files = try site.snapshot()
        let escaped = HTML.escape(text)
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let content = String(decoding: data, as: UTF8.self)
            switch (path as NSString).pathExtension {
            case "html":
                // Markup never passes raw; text appears escaped (and template syntax as itself, never parsed).
                if escaped != text { #expect(!content.contains("ZQ" + payload), "\(path) shows \(payload) raw") }
                #expect(
                    !content.contains("<script>alert") && !content.contains("<b>QZ") && !content.contains("<!--QZ"),
                    "\(path)")
                for script in Self.scripts(in: content) {
                    #expect(
                        !script.contains("</") && !script.contains("\u{2028}") && !script.contains("<!--"),
                        "\(path): \(script)")
                    let json = try JSONSerialization.jsonObject(with: Data(script.utf8)) as? [String: Any]
                    let demand = (json?["@graph"] as? [[String: Any]])?.first
                    #expect(demand?["name"] as? String == text, "\(path): JSON-LD does not round-trip")
                }
            case "xml":
                #expect(Self.parsesAsXML(data), "\(path) is not well-formed XML")
            case "json":
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(path) is not JSON")
            default:
                break
            }
        }
        for page in [
            "index.html", "lists/index.html", "lists/2022-test/index.html", "lists/2022-test/good/index.html",
            "industries/index.html", "regions/shandong/index.html", "search/index.html", "404.html",
        ] {
            let html = try site.read(page)
            #expect(html.contains(">\(escaped)</a>"), "\(page): the site title is not shown as text")
            #expect(html.contains("content=\"\(escaped)\""), "\(page): an attribute does not hold the text")
        }
        let requirementPage = try site.read("lists/2022-test/good/index.html")
        for shown in ["<h1>\(escaped)</h1>", "<li>\(escaped)</li>", "<p>\(escaped)</p>"] {
            #expect(requirementPage.contains(shown), "the requirement page does not show \(shown)")
        }
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(site.read("search/f/0.json").utf8)) as? [[String: Any]])
        #expect(rows.first?["t"] as? String == text && rows.first?["i"] as? String == text)
        let lists = try #require(try site.json("data/lists.json")["lists"] as? [[String: Any]])
        #expect(lists.first?["title"] as? String == text && lists.first?["publisher"] as? String == text)
        #expect(try Self.xmlTitles(site.read("feed.xml")) == [text, text])
    }

    /// A YAML double-quoted scalar holding exactly `text`.
    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\u{2028}": out += "\\L"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The text of every `<script type="application/ld+json">` element.
    static func scripts(in html: String) -> [String] {
        html.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().map {
            $0.components(separatedBy: "</script>")[0]
        }
    }

    static func parsesAsXML(_ data: Data) -> Bool { XMLParser(data: data).parse() }

    /// The text of every `<title>` in an Atom feed (the feed's, then each entry's).
    static func xmlTitles(_ xml: String) throws -> [String] {
        final class Titles: NSObject, XMLParserDelegate {
            var titles: [String] = []
            var current: String?
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                if name == "title" { current = "" }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
            {
                if name == "title", let current { titles.append(current) }
                current = nil
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let titles = Titles()
        parser.delegate = titles
        #expect(parser.parse())
        return titles.titles
    }
}
