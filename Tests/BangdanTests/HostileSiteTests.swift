import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One generated site holding every hostile thing at once (issue "Trust"): links out of the site, pipes, an alias
/// bomb, a megabyte of `[`, control characters in values and names, template syntax and markup in settings,
/// characters XML forbids, a bad `base_url`, names that differ only in case, a 3,000-term parent cycle. The real binary, in a child process
/// that a watchdog kills if it hangs, must refuse it (exit 1, every rule named), show nothing of the files the
/// links point at, write nothing anywhere, and print nothing raw. Without the refused parts, the hostile but valid
/// texts that remain build, and every page, feed and data file escapes them.
@Suite struct HostileSiteTests {
    /// A run of the binary: its exit status (nil when the watchdog had to kill it) and what it printed.
    struct Run {
        var status: Int32?
        var stdout: [UInt8]
        var stderr: [UInt8]
        var printed: [UInt8] { stdout + stderr }
    }

    /// Runs `bangdan` with output to files (a pipe could fill and stall it), killed after `seconds`.
    static func bangdan(_ arguments: [String], seconds: Int = 120) throws -> Run {
        let folder = NSTemporaryDirectory() + "bangdan-run-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: folder + "/err", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
        process.arguments = arguments
        process.environment = ["SOURCE_DATE_EPOCH": "1672531200", "PATH": "/usr/bin:/bin"]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/err"))
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        var status: Int32?
        if finished.wait(timeout: .now() + .seconds(seconds)) == .success {
            status = process.terminationStatus
        } else {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        let out = FileManager.default.contents(atPath: folder + "/out") ?? Data()
        let err = FileManager.default.contents(atPath: folder + "/err") ?? Data()
        return Run(status: status, stdout: [UInt8](out), stderr: [UInt8](err))
    }

    /// A folder holding the site (`ROOT/site`) and a neighbour, so that "nothing written outside the site" can be
    /// seen: everything under ROOT is compared before and after.
    final class Container {
        let root = NSTemporaryDirectory() + "bangdan-hostile-" + UUID().uuidString
        var site: String { root + "/site" }
        /// Written into the site's fake `.git/config`: it must never be printed or published.
        let gitMarker = "GIT-CONFIG-MARKER-" + UUID().uuidString

        init() throws {
            try FileManager.default.createDirectory(atPath: root + "/neighbour", withIntermediateDirectories: true)
            try write("neighbour/keep.txt", "a neighbour's file\n")
            try write("site/.git/config", "[core]\n\trepositoryformatversion = 0\n# \(gitMarker)\n")
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func write(_ path: String, _ text: String) throws { try write(path, bytes: Array(text.utf8)) }

        func write(_ path: String, bytes: [UInt8]) throws {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }

        func link(_ path: String, to target: String) throws {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
        }

        func pipe(_ path: String) {
            #expect(mkfifo(root + "/" + path, 0o644) == 0, "mkfifo \(path)")
        }

        /// The site of FixtureSite's base files, with `files` added or replacing them, and `omit` left out.
        func writeSite(_ files: [String: String], omit: [String] = []) throws {
            var all = FixtureSite.base
            for path in omit { all[path] = nil }
            for (path, text) in files { all[path] = text }
            for (path, text) in all { try write("site/" + path, text.hasSuffix("\n") ? text : text + "\n") }
        }

        /// Everything under the container, links and pipes not followed (OutputSafetyTests' walk).
        func snapshot() -> [String: String] { OutputSafetyTests().tree(root) }
    }

    /// Text in values that is hostile but valid: template syntax, markup, CDATA ends, a line separator.
    static let hostileText = "测试 {{#x}} {{{y}}} {{/x}} <script>alert(1)</script> ]]> <!-- \u{2028}末"

    /// A YAML double-quoted scalar that reads back as `text` (U+2028 as `\L`).
    static func quoted(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\u{2028}", with: "\\L") + "\""
    }

    static let siteYML = """
        title: \(quoted(hostileText))
        title_en: \(quoted("{{title}} <b>x</b>"))
        description: \(quoted("描述 {{> layout}} <img src=x onerror=alert(2)> ]]>"))
        footer: \(quoted("京ICP备 {{=<% %>=}} </footer><script>alert(3)</script>"))
        base_url: https://example.org/bangdan/
        page_size: 2
        """

    static let hostileList = """
        ---
        title: \(quoted("榜单 " + hostileText))
        publisher: \(quoted("<script>alert('p')</script> ]]>"))
        region: shandong
        published: 2022-06-29
        category: key-technology
        summary: \(quoted("]]><![CDATA[ & <b>粗</b> \u{2028}"))
        ---
        介绍 <script>alert('body')</script> ]]> {{x}}
        """

    static let hostileRequirement = requirement(
        """
        title: \(quoted("需求 " + hostileText))
        issuer:
          name: \(quoted("\"><img src=x onerror=alert(4)> {{x}}"))
        keywords: [\(quoted("<b>kw</b>")), \(quoted("]]>"))]
        summary: \(quoted("摘要 {{{y}}} </script><script>alert(5)</script> \u{2028}"))
        """)

    // MARK: Refused

    @Test func refusesTheHostileSiteWithoutLeakingHangingOrWriting() throws {
        let c = try Container()
        let list = "site/content/lists/2022-test"
        // A file with a 1 MiB body of `[` in all (the limit itself): read, and summarised in linear time.
        var brackets = Array((requirement().replacingOccurrences(of: "正文。", with: "")).utf8)
        brackets += [UInt8](repeating: UInt8(ascii: "["), count: (1 << 20) - brackets.count)
        var bomb = ["a0: &a0 [\"笑\",\"笑\",\"笑\",\"笑\",\"笑\",\"笑\",\"笑\",\"笑\",\"笑\"]"]
        for level in 1...9 {
            bomb.append(
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
        }
        // A parent cycle of 3,000 terms: each member reported once, in time linear in the chain.
        var categories = FixtureSite.base["content/categories.yml", default: ""] + "\n"
        for i in 0..<3000 { categories += "c\(i):\n  name: 类\(i)\n  parent: c\((i + 1) % 3000)\n" }
        try c.writeSite(
            [
                "content/categories.yml": categories,
                "content/site.yml": Self.siteYML.replacingOccurrences(
                    of: "base_url: https://example.org/bangdan/",
                    with: "base_url: \"https://example.org//evil.example/\""),
                "content/lists/2022-test/_index.md": Self.hostileList,
                "content/lists/2022-test/hostile.md": Self.hostileRequirement,
                "content/lists/2022-test/bomb.md": requirement("extra:\n  " + bomb.joined(separator: "\n  ")),
                "content/lists/2022-test/escape.md": requirement(
                    "funding: \"红\\e[31m字\\r\\n::error file=x::forged\\0\""),
                "content/lists/2022-test/xml.md": requirement("period: \"垂直制表\\v符\"\nip: \"\\uFFFE\""),
                "content/lists/2022-test/Good.md": requirement(),
                "content/lists/2022-test/esc\u{1B}[2J\r.md": requirement(),
                "content/lists/2022-test/a\u{1B}]8;;x\u{7}.pdf": "%PDF-1.4",
            ], omit: ["content/industries.yml", "content/regions.yml"])
        try c.write("\(list)/brackets.md", bytes: brackets)
        // Links out of the site and into its .git, under content/ and templates/ (overrides and assets).
        try c.link("\(list)/passwd.md", to: "/etc/passwd")
        try c.link("\(list)/git.md", to: c.site + "/.git/config")
        try c.link("\(list)/passwd.pdf", to: "/etc/passwd")
        try c.link("site/content/industries.yml", to: "/etc/passwd")
        try c.link("site/templates/card.mustache", to: "/etc/passwd")
        try c.link("site/templates/badge.mustache", to: c.site + "/.git/config")
        try c.link("site/templates/assets/site.css", to: c.site + "/.git/config")
        // Pipes where a requirement and a vocabulary belong: opening either would wait for ever.
        c.pipe("\(list)/pipe.md")
        c.pipe("site/content/regions.yml")

        let before = c.snapshot()
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? ""
        let secrets =
            [c.gitMarker, "repositoryformatversion"]
            + passwd.split(separator: "\n").map(String.init).filter { $0.count >= 8 }
        let expected: Set<String> = [
            "symlink-refused", "unsupported-file", "vocabulary-invalid", "yaml-syntax", "text-invalid",
            "slug-invalid", "site-invalid", "output-conflict",
        ]

        var runs: [(String, Run)] = []
        for format in ["text", "github", "json"] {
            runs.append(("check \(format)", try Self.bangdan(["check", "--site", c.site, "--format", format])))
        }
        runs.append(("build", try Self.bangdan(["build", "--site", c.site])))
        for (name, run) in runs {
            #expect(run.status != nil, "\(name) hung and was killed")
            #expect(run.status == 1, "\(name) exited \(run.status.map(String.init) ?? "never")")
            let text = String(decoding: run.printed, as: UTF8.self)
            for rule in expected {
                #expect(text.contains(rule), "\(name) does not name \(rule)")
            }
            for secret in secrets {
                #expect(!text.contains(secret), "\(name) printed \(secret.debugDescription)")
            }
            for byte: UInt8 in [0x1B, 0x0D, 0x00] {
                #expect(!run.printed.contains(byte), "\(name) printed a raw \(byte)")
            }
        }
        let json = try #require(runs.first { $0.0 == "check json" }?.1.stdout)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [[String: Any]])
        #expect(Set(array.compactMap { $0["rule"] as? String }).isSuperset(of: expected))
        // A refused build leaves nothing, not even the output's lock file.
        let after = c.snapshot()
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        #expect(changed.isEmpty, "written or changed: \(changed)")
    }

    // MARK: Valid

    @Test func buildsTheHostileButValidTextsEscaped() throws {
        let c = try Container()
        try c.writeSite([
            "content/site.yml": Self.siteYML,
            "content/lists/2022-test/_index.md": Self.hostileList,
            "content/lists/2022-test/hostile.md": Self.hostileRequirement,
        ])
        let checked = try Self.bangdan(["check", "--site", c.site])
        #expect(checked.status == 0, "\(String(decoding: checked.stderr, as: UTF8.self))")
        let built = try Self.bangdan(["build", "--site", c.site])
        #expect(built.status == 0, "\(String(decoding: built.stderr, as: UTF8.self))")

        let output = c.site + "/public"
        var kinds: [String: Int] = [:]
        for (path, entry) in OutputSafetyTests().tree(output) where entry.hasPrefix("file ") {
            let data = try #require(FileManager.default.contents(atPath: output + "/" + path))
            let text = String(decoding: data, as: UTF8.self)
            let ext = (path as NSString).pathExtension
            kinds[ext, default: 0] += 1
            switch ext {
            case "html":
                #expect(!text.contains("<script>alert"), "live script in \(path)")
                #expect(!text.contains("<img src=x"), "live image in \(path)")
                #expect(!text.contains("<b>"), "raw markup in \(path)")
                #expect(!text.contains("</footer><script>"), "the footer closed early in \(path)")
            case "xml":
                let parser = XMLParser(data: data)
                #expect(parser.parse(), "\(path): \(parser.parserError.map { "\($0)" } ?? "")")
                #expect(!text.contains("<script>alert"), "live script in \(path)")
            case "json":
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(path) does not parse")
            default:
                break
            }
        }
        #expect(kinds["html", default: 0] >= 8 && kinds["xml", default: 0] >= 2 && kinds["json", default: 0] >= 3)

        // The texts are shown as text: template syntax as written, markup escaped.
        let home = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        #expect(home.contains("测试 {{#x}} {{{y}}} {{/x}} &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &lt;!--"))
        #expect(home.contains("京ICP备 {{=&lt;% %&gt;=}} &lt;/footer&gt;&lt;script&gt;alert(3)&lt;/script&gt;"))
        let page = try String(contentsOfFile: output + "/lists/2022-test/hostile/index.html", encoding: .utf8)
        #expect(page.contains("需求 测试 {{#x}}"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(4)&gt; {{x}}"))
        let feed = try String(contentsOfFile: output + "/feed.xml", encoding: .utf8)
        #expect(feed.contains("需求 测试 {{#x}} {{{y}}} {{/x}} &lt;script&gt;"))
    }
}
