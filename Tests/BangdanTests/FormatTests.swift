import Foundation
import Testing

@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanSchema
@testable import BangdanSite
@testable import Mustache

/// SCHEMA.md §7: the three output formats.
@Suite struct FormatTests {
    let diagnostics = [
        Diagnostic(
            .unknownField(field: "dealine", suggestion: "deadline"), path: "content/lists/a/b.md",
            at: SourcePosition(line: 7, column: 1)),
        Diagnostic(.solversWhileOpen, path: "content/lists/a/c.md", at: SourcePosition(line: 3, column: 1)),
    ]

    @Test func textIsOneCompilerStyleLineEachThenTheSummary() {
        let text = DiagnosticFormat.text.render(diagnostics, language: .en)
        #expect(
            text == """
                content/lists/a/b.md:7:1: error[unknown-field]: unknown field 'dealine' — did you mean 'deadline'?
                content/lists/a/c.md:3:1: warning[solvers-while-open]: solvers are given while the status is open
                1 errors, 1 warnings, 0 notices

                """)
    }

    @Test func textShowsTheSourceLineWithACaretUnderWideCharacters() {
        let d = Diagnostic(
            .unknownTerm(.regions, id: "shandnog", suggestion: "shandong"), path: "x.md",
            at: SourcePosition(line: 12, column: 5))
        let text = DiagnosticFormat.text.render([d], language: .zhCN) { _, line in line == 12 ? "地区: shandnog" : nil }
        #expect(text.contains("x.md:12:5: error[unknown-region]: 未知地区 'shandnog'"))
        // "地区: " is 2 wide characters and 2 narrow ones: the caret sits 6 columns in.
        #expect(text.contains(" 12 | 地区: shandnog\n    |       ^\n"))
    }

    @Test func githubFormatIsAnnotationsWithEscapedProperties() {
        let d = Diagnostic(.siteInvalid(detail: .missingFile), path: "content/a,b:c.yml")
        let text = DiagnosticFormat.github.render([d] + diagnostics, language: .en)
        let lines = text.split(separator: "\n")
        #expect(
            lines[0]
                == "::error file=content/a%2Cb%3Ac.yml,line=1,col=1,title=site-invalid::site.yml: content/site.yml is missing"
        )
        #expect(
            lines[1]
                == "::error file=content/lists/a/b.md,line=7,col=1,title=unknown-field::unknown field 'dealine' — did you mean 'deadline'?"
        )
        #expect(lines[2].hasPrefix("::warning file=content/lists/a/c.md,line=3,col=1,title=solvers-while-open::"))
    }

    @Test func githubFormatPrintsNoticesAsNoticesFromTheRepositoryRoot() {
        let d = Diagnostic(.deadlinePassed(deadline: Day("2022-08-31")!), path: "content/lists/a/c.md")
        #expect(
            DiagnosticFormat.github.render([d], language: .en, repositoryPrefix: "site/")
                == "::notice file=site/content/lists/a/c.md,line=1,col=1,title=deadline-passed::status is open but the deadline 2022-08-31 has passed; it is published as closed\n"
        )
        #expect(DiagnosticFormat.summary([d] + diagnostics, language: .en) == "1 errors, 1 warnings, 1 notices")
        #expect(
            DiagnosticFormat.summary([d] + diagnostics, language: .zhCN)
                == "1 个错误，1 个警告，1 条提示（1 errors, 1 warnings, 1 notices）")
    }

    @Test func stepSummaryCellsCannotActAsMarkdownOrHTML() {
        #expect(
            DiagnosticFormat.markdownCell("<script>`x`</script> *[a](b)* | \\ &amp;\n中文")
                == #"\<script\>\`x\`\<\/script\> \*\[a\]\(b\)\* \| \\ \&amp\;\\n中文"#)
    }

    @Test func stepSummaryStopsShortOfGitHubsLimitAndSaysWhatItLeftOut() {
        let many = (1...200).map { n in
            Diagnostic(.solversWhileOpen, path: "content/lists/a/n\(n).md", at: SourcePosition(line: 1, column: 1))
        }
        let text = DiagnosticFormat.stepSummary(many, language: .en, title: "bangdan check", limit: 4000)
        #expect(text.utf8.count <= 4000)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| content") }
        #expect(rows.count > 10)
        #expect(text.contains("\n\(200 - rows.count) more not listed"))
        let all = DiagnosticFormat.stepSummary(many, language: .en, title: "bangdan check")
        #expect(all.split(separator: "\n").filter { $0.hasPrefix("| content") }.count == 200)
        #expect(!all.contains("more not listed"))
    }

    @Test func jsonFormatIsOneArrayOfObjects() throws {
        let text = DiagnosticFormat.json.render(diagnostics, language: .zhCN)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(Set(array[0].keys) == ["path", "line", "column", "severity", "rule", "message"])
        #expect(array[0]["rule"] as? String == "unknown-field")
        #expect(array[0]["line"] as? Int == 7)
        #expect(array[1]["severity"] as? String == "warning")
        #expect(array[0]["message"] as? String == "未知字段 'dealine' — 是否应为 'deadline'？")
    }

    /// The bytes say what the scalars say: every scalar to escape is found in UTF-8, and nothing else is.
    @Test func escapesAreFoundInTheBytesAsInTheScalars() {
        let pieces = [
            "a", "需", "\n", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{61C}", "\u{61B}",
            "\u{200D}", "\u{200E}", "\u{200F}", "\u{2010}", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}",
            "\u{202E}", "\u{202F}", "\u{2065}", "\u{2066}", "\u{2069}", "\u{206A}", "…", "“", "—", "\u{1F600}",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = randomText(of: pieces, count: 0...5, using: &generator)
            let byScalars = text.unicodeScalars.contains(where: \.needsEscapeInDiagnostics)
            let butLineFeeds = text.unicodeScalars.contains { $0 != "\n" && $0.needsEscapeInDiagnostics }
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { bytes in
                #expect(
                    DiagnosticFormat.holdsEscapes(bytes, butLineFeeds: false) == byScalars, "\(text.debugDescription)")
                #expect(
                    DiagnosticFormat.holdsEscapes(bytes, butLineFeeds: true) == butLineFeeds, "\(text.debugDescription)"
                )
            }
            #expect(DiagnosticFormat.isVisibleAsLines(text) == !butLineFeeds)
        }
    }

    @Test func sortsByPathLineAndColumn() throws {
        let site = try FixtureSite([
            "\(listPath)/b.md": requirement("status: x\nbounty: y"),
            "\(listPath)/a.md": requirement("region: nowhere"),
        ])
        let d = try site.diagnostics()
        #expect(d.map { "\($0.path.split(separator: "/").last!):\($0.line)" } == ["a.md:6", "b.md:6", "b.md:7"])
    }
}

/// Exit statuses and output streams of the real executable (README "Commands").
@Suite struct CommandLineTests {
    typealias Run = Binary.Run

    static var executable: String { Binary.path }

    func run(_ arguments: [String], environment: [String: String] = ["SOURCE_DATE_EPOCH": "1672531200"]) throws -> Run {
        try Binary.run(arguments, environment: environment)
    }

    @Test func exitsZeroOnCleanContent() throws {
        let site = try FixtureSite()
        let result = try run(["check", "--site", site.root])
        #expect(result.status == 0)
        #expect(result.stderr.contains("0 errors, 0 warnings, 0 notices"))
    }

    @Test func exitsOneOnContentErrorsAndPrintsTheCaret() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("dealine: 2022-08-01")])
        let result = try run(["check", "--site", site.root])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "content/lists/2022-test/need.md:6:1: error[unknown-field]: 未知字段 'dealine' — 是否应为 'deadline'？\n 6 | dealine: 2022-08-01\n   | ^\n"
            ))
        #expect(result.stderr.contains("1 errors, 0 warnings, 0 notices"))
    }

    @Test func exitsOneOnWarningsOnlyUnderStrict() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("solvers: [山东大学]")])
        #expect(try run(["check", "--site", site.root]).status == 0)
        #expect(try run(["check", "--site", site.root, "--strict"]).status == 1)
    }

    /// The build writes its report beside rendering (`IdleWork`, once the checks end): the same text as `check`'s,
    /// for a build that writes and one that stops at errors, before the build's own lines.
    @Test func buildReportsWhatCheckReports() throws {
        let warned = try FixtureSite([
            "\(listPath)/need.md": requirement("solvers: [山东大学]"),
            "\(listPath)/late.md": requirement("deadline: 2022-08-01"),
        ])
        let failed = try FixtureSite(["\(listPath)/need.md": requirement("dealine: 2022-08-01\nsolvers: [山东大学]")])
        for (site, status) in [(warned, Int32(0)), (failed, Int32(1))] {
            let check = try run(["check", "--site", site.root])
            let build = try run(["build", "--site", site.root])
            #expect(check.status == status && build.status == status)
            #expect(check.stderr.contains("notices") && build.stderr.hasPrefix(check.stderr))
            #expect(build.stderr.count > check.stderr.count, "the build's own line follows the report")
        }
    }

    @Test func exitsTwoWithoutAContentFolder() throws {
        let result = try run(["check", "--site", "/nonexistent-bangdan"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no content folder"))
    }

    @Test func exitsTwoOnUsageErrors() throws {
        #expect(try run(["check", "--format", "xml"]).status == 2)
        #expect(try run(["frobnicate"]).status == 2)
    }

    @Test func writesOnlyJSONToStandardOutput() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("status: opne")])
        let result = try run(["check", "--site", site.root, "--format", "json"])
        #expect(result.status == 1)
        let array = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(array?.first?["rule"] as? String == "unknown-status")
    }

    @Test func githubFormatGoesToStandardOutput() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("status: opne")])
        let result = try run(["check", "--site", site.root, "--format", "github"])
        #expect(
            result.stdout.hasPrefix("::error file=content/lists/2022-test/need.md,line=6,col=9,title=unknown-status::"))
    }

    @Test func newWritesAFileThatCheckPointsThroughAndRefusesToOverwrite() throws {
        let site = try FixtureSite()
        let first = try run(["new", "2024-new-list", "first-need", "--site", site.root])
        #expect(first.status == 0)
        let text = try String(
            contentsOfFile: site.absolute("content/lists/2024-new-list/first-need.md"), encoding: .utf8)
        for field in Schema.requirement {
            #expect(text.contains("\(field.name):"), "\(field.name) is missing from the scaffold")
        }
        #expect(FileManager.default.fileExists(atPath: site.absolute("content/lists/2024-new-list/_index.md")))
        // The unfilled scaffold parses and is refused only for what is still empty.
        let rules = Set(try site.diagnostics().filter { $0.path.contains("2024-new-list") }.map(\.rule))
        #expect(rules == [.missingField])
        let again = try run(["new", "2024-new-list", "first-need", "--site", site.root])
        #expect(again.status == 2)
        #expect(again.stderr.contains("never overwrites"))
        #expect(try run(["new", "Bad_List", "x", "--site", site.root]).status == 2)
    }

    @Test func schemaIsJSONSchemaWithEveryField() throws {
        let result = try run(["schema"])
        #expect(result.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let defs = try #require(schema["$defs"] as? [String: [String: Any]])
        let requirement = try #require(defs["requirement"]?["properties"] as? [String: Any])
        #expect(Set(requirement.keys) == Set(Schema.requirement.map(\.name)))
        // ▲ The issuer may come from the list (contract version 2 §3), so the editor schema does not require it.
        #expect(defs["requirement"]?["required"] as? [String] == ["title", "industry"])
        let list = try #require(defs["list"]?["properties"] as? [String: Any])
        #expect(Set(list.keys) == Set(Schema.list.map(\.name)))
    }
}
