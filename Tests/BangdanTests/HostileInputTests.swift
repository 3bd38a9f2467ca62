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

/// Content written carelessly or with intent to harm: symbolic links, alias bombs, pathological Markdown, characters
/// XML forbids, control characters aimed at terminals, pipes and devices, names that differ only in case. Each is
/// refused or defused with a diagnostic at its file, line and column.
@Suite struct HostileInputTests {
    let path = "\(listPath)/hostile.md"

    /// A requirement file with this front matter (after the required fields) and this body.
    func file(_ lines: String = "", body: String = "正文。") -> String {
        requirement(lines).replacingOccurrences(of: "---\n正文。", with: "---\n" + body)
    }

    func check(_ files: [String: String]) throws -> [Diagnostic] {
        try FixtureSite(files).diagnostics()
    }

    /// A character by its code (Swift refuses noncharacters such as U+FFFE in literals).
    func noncharacter(_ code: UInt32) -> String {
        Unicode.Scalar(code).map { String(Character($0)) } ?? ""
    }

    /// The text format as `bangdan check` prints it, source lines included.
    func report(_ site: FixtureSite, language: Language = .en) throws -> String {
        var lines = SourceLines(site: site.root)
        return DiagnosticFormat.text.render(try site.diagnostics(), language: language) { lines.line($0, $1) }
    }

    // MARK: 4. No bytes from outside content/ in a diagnostic

    @Test func caretDisplayNeverShowsTheTargetOfARefusedLink() throws {
        let site = try FixtureSite()
        let outside = site.root + "-secret.md"
        try "SECRET-FIRST-LINE\nSECRET-SECOND-LINE\n".write(toFile: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(
            atPath: site.absolute("\(listPath)/linked.md"), withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(
            atPath: site.absolute("content/regions.yml.md"), withDestinationPath: outside)
        let text = try report(site)
        #expect(text.contains("content/lists/2022-test/linked.md:1:1: error[symlink-refused]"))
        #expect(!text.contains("SECRET"))
    }

    @Test func sourceLinesReadOnlyRegularTextFilesInsideContent() throws {
        let site = try FixtureSite()
        let outside = site.root + "-secret"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try "SECRET\n".write(toFile: outside + "/x.md", atomically: true, encoding: .utf8)
        try "SECRET\n".write(toFile: site.absolute("secret.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: site.absolute("\(listPath)/linked.md"), withDestinationPath: outside + "/x.md")
        try FileManager.default.createSymbolicLink(
            atPath: site.absolute("content/lists/linked"), withDestinationPath: outside)
        #expect(mkfifo(site.absolute("\(listPath)/pipe.md"), 0o644) == 0)
        try "just bytes\n".write(toFile: site.absolute("\(listPath)/notes.pdf"), atomically: true, encoding: .utf8)
        var lines = SourceLines(site: site.root)
        #expect(lines.line("\(listPath)/good.md", 1) == "---")
        // A link to a file, a link to a folder on the way, a path leaving content/, a pipe, a file Bangdan never reads.
        #expect(lines.line("\(listPath)/linked.md", 1) == nil)
        #expect(lines.line("content/lists/linked/x.md", 1) == nil)
        #expect(lines.line("content/../secret.md", 1) == nil)
        #expect(lines.line("secret.md", 1) == nil)
        #expect(lines.line("\(listPath)/pipe.md", 1) == nil)
        #expect(lines.line("\(listPath)/notes.pdf", 1) == nil)
    }

    // MARK: 7. Anchors and aliases

    @Test func refusesAnAliasBombAtItsFirstAnchor() throws {
        var lines = ["a0: &a0 [\"笑\",\"笑\",\"笑\",\"笑\",\"笑\",\"笑\",\"笑\",\"笑\",\"笑\"]"]
        for level in 1...4 {
            lines.append(
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
        }
        let d = expectDiagnostic(
            try check([path: file("extra:\n  " + lines.joined(separator: "\n  "))]), .yamlSyntax,
            path: path, line: 7, column: 7)
        #expect(d?.message(in: .zhCN).contains("锚点") == true)
        #expect(d?.message(in: .en).contains("anchor '&a0'") == true)
    }

    @Test func refusesAnAliasAtTheAlias() throws {
        let d = expectDiagnostic(
            try check([path: file("funding: *budget")]), .yamlSyntax, path: path, line: 6, column: 10)
        #expect(d?.message(in: .zhCN).contains("别名 '*budget'") == true)
        expectDiagnostic(try check([path: file("keywords: [芯片, *k]")]), .yamlSyntax, path: path, line: 6, column: 16)
    }

    @Test func refusesAnchorsAndAliasesInSettingsAndVocabularies() throws {
        expectDiagnostic(
            try check(["content/site.yml": "title: &t 测试\nbase_url: https://example.org/\n"]), .yamlSyntax,
            path: "content/site.yml", line: 1, column: 8)
        expectDiagnostic(
            try check(["content/categories.yml": "key-technology:\n  name: 关键技术类\nother: *key\n"]),
            .yamlSyntax, path: "content/categories.yml", line: 3, column: 8)
    }

    @Test func refusesNestingDeeperThanAnyContentNeeds() throws {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        expectDiagnostic(
            try check([path: file("keywords: " + deep)]), .yamlSyntax, path: path, line: 6,
            column: 10 + YAMLPrescan.depthLimit)
    }

    @Test(arguments: [
        "title: R&D 中心 & 实验室\nfunding: 5*8 小时, 50% & more",
        "title: '*引号里*'\nfunding: \"&amp; 也是文字\"",
        "how_to_apply: |\n  *第一步* 注册\n  &第二步 提交\nfunding: 按研发投入",
        "how_to_apply: >-\n    * 逐条\n    &列出\nperiod: 2年",
        "how_to_apply: 第一点\n  *重点* 第二点\n  &第三点\nperiod: 2年",
        "period: 2年 # *注释 &也不算\nfunding: a#*b",
        "eligibility:\n  - 注册在*省内*\n  - \"*引号*\"\n  - R&D",
        "extra:\n  揭榜方式: 公开&竞争\n  \"*号\": 值",
    ])
    func keepsAsterisksAndAmpersandsThatAreText(_ lines: String) throws {
        let yaml = lines + "\n"
        #expect(YAMLPrescan.firstFinding(in: yaml) == nil)
        #expect(composesCleanly(yaml))
    }

    /// The pass reads the text as scalars decoded from its bytes, the same as `Array(text.unicodeScalars)`: one to
    /// four bytes each, and a finding's column counted in scalars after them.
    @Test func readsTheTextAsItsUnicodeScalars() {
        for text in ["", "a", "名称: 值\n", "é ü ß", "😀 emoji 𠀀 U+20000", "\u{10FFFF}\u{FFFD}\u{7F}\t\n", "混合 mixed 😀é"] {
            #expect(YAMLPrescan.scalars(of: text) == Array(text.unicodeScalars), "\(text.debugDescription)")
        }
        #expect(
            YAMLPrescan.firstFinding(in: "名称😀é: &锚 x\n") == YAMLPrescan.Finding(kind: .anchor("锚"), line: 1, column: 7))
    }

    @Test(arguments: [
        ("k: |\n  text\n*x: 1\n", 3, 1),
        ("- key: |\n    text\n  *x\n", 3, 3),
        ("summary: x\n*y: 1\n", 2, 1),
        ("a: [1, {b: &c 2}]\n", 1, 12),
        ("a:\n  - - *q\n", 2, 7),
        ("? *k\n: v\n", 1, 3),
        ("'quoted': \"x\" # c\nb: !tag &n v\n", 2, 9),
    ])
    func findsAnchorsAndAliasesWhereTokensStart(_ yaml: String, _ line: Int, _ column: Int) {
        let finding = YAMLPrescan.firstFinding(in: yaml)
        #expect(finding?.line == line)
        #expect(finding?.column == column)
    }

    /// Whether libyaml agrees the text is plain YAML (so the prescan's "no finding" is not hiding a syntax error).
    func composesCleanly(_ yaml: String) -> Bool {
        YAMLReader.read(yaml, path: "x.yml", firstLine: 1).diagnostics.isEmpty
    }

    /// A body's HTML goes into its page as cmark's bytes, never checked again as a `String`: cmark must give valid
    /// UTF-8 for any body, references to surrogates, NUL and code points past U+10FFFF included.
    @Test func markdownHTMLIsValidUTF8ForAnyBody() {
        let bodies = [
            "&#xD800; &#0; &#x110000; &#55357;&#56832; &#xFFFF; &#xFFFE; &#99999999; &#x; &bogus;",
            "正文\u{FFFD}\u{FFFF}\u{FFFE}\u{10FFFF}", "`&#xFFFF;` [链接](<&#xFFFE;>) ![图](\u{D7FF} \"&#xFFFF;\")",
            "# 标题 &#xDFFF;\n\n<div>&#xFFFF;</div>\n\n    &#xD800;",
        ]
        for body in bodies {
            let bytes = Markdown.html(body).bytes
            #expect(!bytes.isEmpty, "\(body.debugDescription)")
            #expect(String(validating: bytes, as: UTF8.self) != nil, "\(body.debugDescription)")
        }
        // cmark's own bytes for U+FFFF and U+FFFE (FF, FE) become U+FFFD.
        #expect(Markdown.html("a&#xFFFF;b&#xFFFE;c").bytes == Array("<p>a\u{FFFD}b\u{FFFD}c</p>\n".utf8))
    }

    // MARK: 8. Every per-file stage linear: right answers on pathological input

    @Test func summaryOfPathologicalMarkdownIsRight() {
        let brackets = String(repeating: "[", count: 20_000)
        #expect(PlainText.stripInline(brackets) == brackets)
        #expect(
            PlainText.stripInline(String(repeating: "[a](", count: 5_000)) == String(repeating: "[a](", count: 5_000))
        #expect(
            PlainText.stripInline(String(repeating: "[a](b)", count: 5_000)) == String(repeating: "a", count: 5_000))
        let closers = "[" + String(repeating: "]", count: 5_000) + "(x)"
        #expect(PlainText.stripInline(closers) == closers)
        #expect(PlainText.stripInline("[a] [b](c) [d") == "[a] b [d")
        #expect(PlainText.stripInline(String(repeating: "*`_", count: 10_000)).isEmpty)
        #expect(PlainText.firstParagraph(of: String(repeating: "<&", count: 10_000), limit: 500) == nil)
        #expect(PlainText.firstParagraph(of: String(repeating: "&", count: 10_000), limit: 500)?.count == 500)
    }

    @Test func pathologicalBodiesCheckCleanly() throws {
        var files: [String: String] = [:]
        for (name, unit) in [("brackets", "["), ("stars", "*"), ("ticks", "`"), ("angles", "<"), ("amps", "&")] {
            files["\(listPath)/\(name).md"] = file(body: String(repeating: unit, count: 50_000))
        }
        let site = try FixtureSite(files)
        #expect(try site.diagnostics().isEmpty)
        try site.build()
    }

    @Test func oneDiagnosticPerLineOfControlCharacters() throws {
        let d = expectDiagnostic(
            try check([path: file("funding: 按" + String(repeating: "\u{1}", count: 1000))]),
            .textInvalid, path: path, line: 6, column: 11)
        #expect(d?.message(in: .en).contains("'funding'") == true)
    }

    @Test func caretDisplayOfALongLineIsAWindowAroundTheColumn() throws {
        let line = Array(
            (String(repeating: "甲", count: 5000) + "X" + String(repeating: "乙", count: 5000)).unicodeScalars)
        var bytes: [UInt8] = []
        DiagnosticFormat.appendExcerpt(line: line, number: 9, column: 5001, to: &bytes)
        let excerpt = String(decoding: bytes, as: UTF8.self)
        #expect(excerpt.count < 400)
        let rows = excerpt.split(separator: "\n")
        #expect(rows.count == 2)
        // The caret sits under the X: the same display width precedes both.
        let before = rows[0].prefix { $0 != "X" }
        let width = before.unicodeScalars.reduce(0) { $0 + ($1.isWide ? 2 : 1) }
        #expect(rows[1].count == width + 1)
        #expect(rows[1].hasSuffix("^"))
    }

    @Test func findsTheLaterDuplicateKeyOnALongFlowLine() throws {
        let prefix = "extra: {a: 1, " + (0..<2000).map { "x\($0): 1, " }.joined()
        expectDiagnostic(
            try check([path: file(prefix + "a: 2}")]), .duplicateKey, path: path, line: 6,
            column: prefix.unicodeScalars.count + 1)
    }

    @Test func reportsAtMostTwentyDuplicateKeysAndNeverTheirMasks() throws {
        let repeated = Array(repeating: "funding: 按投入", count: 1000).joined(separator: "\n")
        let duplicates = try check([path: file(repeated)]).filter { $0.rule == .duplicateKey }
        #expect(duplicates.count == YAMLReader.duplicateLimit)
        #expect(duplicates.map(\.line) == Array(7..<(7 + YAMLReader.duplicateLimit)))
        #expect(
            duplicates.allSatisfy { $0.column == 1 && $0.message(in: .en).hasPrefix("field 'funding' is given twice") })
    }

    @Test func keysOfSiblingItemsAreNotDuplicates() throws {
        let solvers = "solvers:\n  - name: 甲\n    name: 乙\n  - name: 丙\n  - name: 丁"
        expectDiagnostic(try check([path: file(solvers)]), .duplicateKey, path: path, line: 8, column: 5)
    }

    // MARK: 10. Characters XML forbids

    @Test(arguments: ["\\v", "\\b", "\\f", "\\0", "\\e", "\\uFFFE", "\\uFFFF", "\\uFDD0", "\\U0001FFFF", "\\x85"])
    func rejectsForbiddenCharactersInFrontMatterText(_ escape: String) throws {
        expectDiagnostic(
            try check([path: file("funding: \"按\(escape)投入\"")]), .textInvalid, path: path, line: 6, column: 10)
    }

    @Test(arguments: [0xB, 0x8, 0xC, 0xFFFE, 0xFFFF, 0xFDEF] as [UInt32])
    func rejectsForbiddenCharactersWrittenRaw(_ code: UInt32) throws {
        let character = noncharacter(code)
        expectDiagnostic(
            try check([path: file("funding: 按\(character)投入")]), .textInvalid, path: path, line: 6, column: 11)
    }

    @Test func rejectsForbiddenCharactersInSettingsAndVocabularies() throws {
        let diagnostics = try check([
            "content/site.yml": "title: 测试榜单网\nbase_url: https://example.org/\nfooter: \"备案\\f号\"\n",
            "content/categories.yml": "key-technology:\n  name: \"关键\\uFFFE技术类\"\nenterprise-demand:\n  name: 企业需求类\n",
        ])
        let invalid = diagnostics.filter { $0.rule == .textInvalid }
        #expect(invalid.map(\.path) == ["content/categories.yml", "content/site.yml"], "\(describe(diagnostics))")
        #expect(invalid.map(\.line) == [2, 3])
        #expect(invalid.map(\.column) == [9, 9])
    }

    @Test func dropsForbiddenCharactersFromABodyWithAWarning() throws {
        let body = "第一段\u{B}有\u{C}控制\u{8}字符。\n\n第二\(noncharacter(0xFFFE))段\u{0}。"
        let site = try FixtureSite([path: file(body: body)])
        let checked = try site.check()
        let dropped = checked.diagnostics.filter { $0.rule == .textInvalid }
        #expect(dropped.map(\.severity) == [.warning, .warning])
        #expect(dropped.map(\.line) == [7, 9])
        #expect(dropped.map(\.column) == [4, 3])
        #expect(dropped.first?.message(in: .en).contains("U+000B") == true)
        #expect(dropped.first?.message(in: .en).contains("3 on this line") == true)
        let requirement = checked.resolved?.requirements.first { $0.requirement.slug == "hostile" }
        #expect(requirement?.requirement.body == "第一段有控制字符。\n\n第二段。\n")
        #expect(requirement?.summary == "第一段有控制字符。")
        // Under --strict the warning fails the check, as every warning does.
        #expect(try site.check(strict: true).hasErrors)
        // A rebuild with nothing changed replays the warning as a warning.
        try site.build()
        let again = try site.build()
        #expect(again.reused)
        #expect(again.checked.diagnostics.filter { $0.rule == .textInvalid }.map(\.severity) == [.warning, .warning])
    }

    @Test func everyXMLAndJSONFileOfAHostileSiteParses() throws {
        let hostile = "]]> <!-- {{x}} }} <script>alert(1)</script> & &amp; \\\" ' \u{2028} \u{2029} \u{202E}"
        let site = try FixtureSite([
            "content/site.yml": """
            title: "站 ]]> <b>&amp;</b> \\u2028"
            base_url: https://example.org/bangdan/
            description: "<!-- ' \\" &"
            footer: "]]>"
            page_size: 2
            """,
            path: file(
                """
                summary: "\(hostile)"
                funding: "<![CDATA[ x ]]>"
                keywords: ["]]>", "<&>", "\\u2028"]
                """,
                body:
                    "正文\u{B}\u{C}\u{8}\u{0}\(noncharacter(0xFFFE))\(noncharacter(0xFFFF)) ]]> <x> &lt; \u{1B}[31m\n\n第二段 [链接](javascript:alert(1))"
            ),
            "\(listPath)/_index.md": """
            ---
            title: "榜单 ]]> <&>"
            publisher: "<script>"
            region: shandong
            published: 2022-06-29
            category: key-technology
            ---
            介绍\u{B}]]>
            """,
        ])
        try site.build()
        var xml = 0, json = 0
        for (name, data) in try site.snapshot() {
            if name.hasSuffix(".xml") {
                let parser = XMLParser(data: data)
                #expect(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")")
                xml += 1
            } else if name.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name)")
                json += 1
            }
            if [".html", ".xml", ".json", ".csv", ".txt"].contains(where: name.hasSuffix) {
                let text = String(decoding: data, as: UTF8.self)
                #expect(!text.unicodeScalars.contains { $0.isForbiddenInText && $0 != "\r" }, "\(name)")
            }
        }
        #expect(xml >= 2 && json >= 2)
    }

    // MARK: 11. Control characters never reach a terminal or a CI log raw

    let forged = Diagnostic(
        .unknownField(field: "a\n::error file=x::forged\r\u{1B}[31mred\u{9B}2J\u{202E}", suggestion: nil),
        path: "content/lists/a/b\n::warning::c.md", at: SourcePosition(line: 6, column: 3))

    @Test func textFormatShowsControlCharactersAsEscapes() {
        let text = DiagnosticFormat.text.render([forged], language: .en) { _, _ in "x\u{1B}[2J: \u{7}y" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5)
        #expect(
            lines[0]
                == #"content/lists/a/b\n::warning::c.md:6:3: error[unknown-field]: unknown field 'a\n::error file=x::forged\r\u{1B}[31mred\u{9B}2J\u{202E}'"#
        )
        #expect(lines[1] == #" 6 | x\u{1B}[2J: \u{7}y"#)
        // The caret sits under `[`: after `x` and the six characters of `\u{1B}`.
        #expect(lines[2] == "   | " + String(repeating: " ", count: 7) + "^")
        #expect(lines[3] == "1 errors, 0 warnings, 0 notices")
    }

    @Test func githubFormatCannotBeForged() {
        let text = DiagnosticFormat.github.render([forged], language: .en)
        #expect(
            text == "::error file=content/lists/a/b%0A%3A%3Awarning%3A%3Ac.md,line=6,col=3,title=unknown-field::"
                + "unknown field 'a%0A::error file=x::forged%0D\\u{1B}[31mred\\u{9B}2J\\u{202E}'\n")
    }

    @Test func jsonFormatEscapesEveryControlCharacter() throws {
        let text = DiagnosticFormat.json.render([forged], language: .en)
        #expect(!text.dropLast().unicodeScalars.contains { $0.needsEscapeInDiagnostics })
        #expect(text.contains("\\u001b[31mred\\u009b2J\\u202e"))
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.first?["path"] as? String == forged.path)
        #expect(array.first?["message"] as? String == forged.message(in: .en))
    }

    @Test func aHostileKeyInContentIsEscapedInTheReport() throws {
        let site = try FixtureSite([path: file("\"a\\e[31m\\nb\": 1")])
        let text = try report(site)
        #expect(text.contains("hostile.md:6:1: error[unknown-field]: unknown field 'a\\u{1B}[31m\\nb'"))
        #expect(!text.unicodeScalars.contains("\u{1B}"))
    }

    // MARK: 12. Only regular files are read

    @Test func rejectsSettingsThatAreAFolder() throws {
        let site = try FixtureSite(omit: ["content/site.yml"])
        try FileManager.default.createDirectory(
            atPath: site.absolute("content/site.yml"), withIntermediateDirectories: true)
        let d = expectDiagnostic(try site.diagnostics(), .siteInvalid, path: "content/site.yml", line: 1, column: 1)
        #expect(d?.message(in: .zhCN) == "site.yml 有误：这是文件夹，不是普通文件；site.yml 必须是 YAML 文本文件")
        #expect(try site.check().hasErrors)
    }

    @Test func rejectsAVocabularyThatIsAPipe() throws {
        let site = try FixtureSite(omit: ["content/regions.yml"])
        #expect(mkfifo(site.absolute("content/regions.yml"), 0o644) == 0)
        let d = expectDiagnostic(
            try site.diagnostics(), .vocabularyInvalid, path: "content/regions.yml", line: 1, column: 1)
        #expect(
            d?.message(in: .en)
                == "vocabulary: this is a named pipe (FIFO), not a regular file; a vocabulary must be a YAML text file")
    }

    @Test func rejectsPipesUnderContentWithoutOpeningThem() throws {
        let site = try FixtureSite()
        for pipe in [
            "\(listPath)/pipe.md", "\(listPath)/pipe.pdf", "content/lists/pipe", "content/notes/pipe.md",
            "content/pipe",
        ] {
            try FileManager.default.createDirectory(
                atPath: site.absolute((pipe as NSString).deletingLastPathComponent),
                withIntermediateDirectories: true)
            #expect(mkfifo(site.absolute(pipe), 0o644) == 0)
        }
        let diagnostics = try site.diagnostics()
        let pipes = diagnostics.filter { $0.rule == .unsupportedFile }
        #expect(
            pipes.map(\.path) == [
                "content/lists/2022-test/pipe.md", "content/lists/2022-test/pipe.pdf",
                "content/lists/pipe", "content/notes/pipe.md", "content/pipe",
            ], "\(describe(diagnostics))")
        #expect(pipes.allSatisfy { $0.line == 1 && $0.column == 1 })
        #expect(pipes.first?.message(in: .zhCN) == "这是命名管道（FIFO），不是普通文件：content/ 中只能放普通文件和文件夹，它不会被读取")
        #expect(diagnostics.count == pipes.count)
    }

    @Test func rejectsAFileWhereAFolderBelongsAndAFolderWhereAFileBelongs() throws {
        let site = try FixtureSite()
        try FileManager.default.removeItem(atPath: site.absolute("content/lists"))
        try "not a folder\n".write(toFile: site.absolute("content/lists"), atomically: true, encoding: .utf8)
        let d = expectDiagnostic(try site.diagnostics(), .unsupportedFile, path: "content/lists", line: 1, column: 1)
        #expect(d?.message(in: .en) == "this should be a folder, but it is a regular file")

        let other = try FixtureSite(omit: ["\(listPath)/_index.md"])
        try FileManager.default.createDirectory(
            atPath: other.absolute("\(listPath)/_index.md"), withIntermediateDirectories: true)
        let diagnostics = try other.diagnostics()
        expectDiagnostic(diagnostics, .unsupportedFile, path: "\(listPath)/_index.md", line: 1, column: 1)
        #expect(!diagnostics.contains { $0.rule == .listMissingIndex })
    }

    @Test func readsOnlyRegularFilesAndNeverThroughALink() throws {
        let site = try FixtureSite()
        let content = site.absolute("content")
        #expect(mkfifo(site.absolute("\(listPath)/pipe.md"), 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: site.absolute("content/lists/linked"), withDestinationPath: site.absolute(listPath))
        guard
            case .bytes(let bytes) = RegularFile.read(
                under: content, ["lists", "2022-test", "good.md"], limit: 1 << 20)
        else {
            Issue.record("good.md unread")
            return
        }
        #expect(bytes.starts(with: Array("---\n".utf8)))
        guard
            case .notRegular(.fifo) = RegularFile.read(
                under: content, ["lists", "2022-test", "pipe.md"], limit: 1 << 20)
        else {
            Issue.record("a pipe was opened")
            return
        }
        guard
            case .notRegular(.symlink) = RegularFile.read(
                under: content, ["lists", "linked", "good.md"], limit: 1 << 20)
        else {
            Issue.record("a link was followed")
            return
        }
        guard case .notRegular(.directory) = RegularFile.read(under: content, ["lists"], limit: 1 << 20),
            case .tooLarge = RegularFile.read(under: content, ["lists", "2022-test", "good.md"], limit: 10),
            case .failed = RegularFile.read(under: content, ["lists", "..", "site.yml"], limit: 1 << 20)
        else {
            Issue.record("a folder, an oversized file or a path with .. was read")
            return
        }
    }

    // MARK: 19. Names that differ only in case

    @Test func rejectsAttachmentsWhoseNamesDifferOnlyInCase() throws {
        let site = try FixtureSite([
            "\(listPath)/good.md": requirement(
                "attachments:\n  - {title: 甲, url: Plan.PDF}\n  - {title: 乙, url: plan.pdf}")
        ])
        try site.write("\(listPath)/Plan.PDF", "%PDF-1")
        try site.write("\(listPath)/plan.pdf", "%PDF-2")
        let d = expectDiagnostic(
            try site.diagnostics(), .outputConflict, path: "\(listPath)/plan.pdf", line: 1, column: 1)
        #expect(
            d?.message(in: .en).contains("'plan.pdf' differs from 'Plan.PDF' in the same folder only in letter case")
                == true)
    }

    @Test func rejectsRequirementFilesWhoseNamesDifferOnlyInCase() throws {
        let site = try FixtureSite(["\(listPath)/truck.md": requirement(), "\(listPath)/truck.MD": requirement()])
        let diagnostics = try site.diagnostics()
        expectDiagnostic(diagnostics, .outputConflict, path: "\(listPath)/truck.md", line: 1, column: 1)
    }

    @Test func rejectsAttachmentNamesWithControlCharacters() throws {
        let site = try FixtureSite()
        try site.write("\(listPath)/plan\u{1B}[31m.pdf", "%PDF")
        let d = expectDiagnostic(
            try site.diagnostics(), .textInvalid, path: "\(listPath)/plan\u{1B}[31m.pdf", line: 1, column: 1)
        #expect(d?.severity == .error)
    }
}
