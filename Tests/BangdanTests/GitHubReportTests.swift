import Foundation
import Testing

@testable import BangdanCore

/// SCHEMA.md §6–7 (contract version 2): notices, and what `--format github` does on a GitHub runner, tried on the
/// real executable.
@Suite struct GitHubReportTests {
    let cli = CommandLineTests()
    /// SOURCE_DATE_EPOCH 2023-01-01.
    let environment = ["SOURCE_DATE_EPOCH": "1672531200"]

    @Test func aDailyRebuildWithAPassedDeadlineExitsZeroUnderStrict() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("deadline: 2022-08-31")])
        let check = try cli.run(["check", "--site", site.root, "--strict"], environment: environment)
        #expect(check.status == 0)
        #expect(check.stderr.contains("content/lists/2022-test/need.md:6:1: notice[deadline-passed]: "))
        #expect(check.stderr.contains("0 errors, 0 warnings, 1 notices"))
        for _ in 0..<2 {  // the second build replays the first one's diagnostics from the cache
            let build = try cli.run(["build", "--site", site.root, "--strict"], environment: environment)
            #expect(build.status == 0, "\(build.stderr)")
            #expect(build.stderr.contains("0 errors, 0 warnings, 1 notices"))
        }
        let github = try cli.run(
            ["check", "--site", site.root, "--strict", "--format", "github"], environment: environment)
        #expect(github.status == 0)
        #expect(
            github.stdout.hasPrefix(
                "::notice file=content/lists/2022-test/need.md,line=6,col=1,title=deadline-passed::"))
        let json = try cli.run(
            ["check", "--site", site.root, "--strict", "--format", "json"], environment: environment)
        let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(array?.first?["severity"] as? String == "notice")
    }

    /// The fixture site moved into `repo/site/`, with a `.git` in `repo/`: a folder, or a file as in a linked
    /// worktree.
    func siteInRepository(gitIsFile: Bool, _ files: [String: String]) throws -> (FixtureSite, String) {
        let fixture = try FixtureSite(files)
        let manager = FileManager.default
        try manager.createDirectory(atPath: fixture.absolute("repo/site"), withIntermediateDirectories: true)
        try manager.moveItem(atPath: fixture.absolute("content"), toPath: fixture.absolute("repo/site/content"))
        if gitIsFile {
            try fixture.write("repo/.git", "gitdir: /elsewhere/.git/worktrees/repo")
        } else {
            try manager.createDirectory(atPath: fixture.absolute("repo/.git"), withIntermediateDirectories: true)
        }
        return (fixture, fixture.absolute("repo/site"))
    }

    @Test(arguments: [false, true]) func githubPathsAreRelativeToTheRepositoryRoot(gitIsFile: Bool) throws {
        let (fixture, site) = try siteInRepository(
            gitIsFile: gitIsFile, ["\(listPath)/need.md": requirement("status: opne")])
        defer { withExtendedLifetime(fixture) {} }
        let result = try cli.run(["check", "--site", site, "--format", "github"], environment: environment)
        #expect(result.status == 1)
        #expect(
            result.stdout.hasPrefix(
                "::error file=site/content/lists/2022-test/need.md,line=6,col=9,title=unknown-status::"),
            "\(result.stdout)")
        // The text format keeps paths relative to the site folder.
        let text = try cli.run(["check", "--site", site], environment: environment)
        #expect(text.stderr.hasPrefix("content/lists/2022-test/need.md:6:9: error[unknown-status]"))
    }

    @Test func appendsEveryDiagnosticToTheStepSummaryAsATable() throws {
        let (fixture, site) = try siteInRepository(
            gitIsFile: false,
            [
                "\(listPath)/need.md": requirement("status: \"a|b\"\ndeadline: 2022-08-31\nregion: \"x\\n|y\""),
                // Its own file: need.md's refused status is not read as open, so its deadline gives no notice.
                "\(listPath)/other.md": requirement("deadline: 2022-08-31"),
            ])
        defer { withExtendedLifetime(fixture) {} }
        let summary = fixture.absolute("summary.md")
        try fixture.write("summary.md", "earlier step")
        var env = environment
        env["GITHUB_STEP_SUMMARY"] = summary
        let result = try cli.run(["check", "--site", site, "--format", "github"], environment: env)
        #expect(result.status == 1)
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "earlier step", "appended, never truncated")
        #expect(lines.contains("### bangdan check"))
        #expect(lines.contains("2 个错误，0 个警告，1 条提示（2 errors, 0 warnings, 1 notices）"))
        #expect(lines.contains("| 位置 | 级别 | 规则 | 说明 |"))
        let rows = lines.filter { $0.hasPrefix("| site") }
        try #require(rows.count == 3, "\(text)")
        // Paths from the repository root; `|` and the line break from the content escaped, so that each
        // diagnostic stays one row of four cells.
        #expect(
            rows[0].hasPrefix(
                #"| site\/content\/lists\/2022\-test\/need\.md\:6\:9 | error | unknown\-status | 未知状态 \'a\|b\'"#),
            "\(rows[0])")
        #expect(
            rows[1]
                == #"| site\/content\/lists\/2022\-test\/need\.md\:8\:9 | error | unknown\-region | 未知地区 \'x\\n\|y\'：regions\.yml 中没有这一项 |"#
        )
        #expect(
            rows[2].hasPrefix(#"| site\/content\/lists\/2022\-test\/other\.md\:6\:1 | notice | deadline\-passed | "#))
        // A second run appends again.
        _ = try cli.run(["check", "--site", site, "--format", "github"], environment: env)
        let twice = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(twice.hasPrefix(text))
        #expect(twice.components(separatedBy: "### bangdan check").count == 3)
    }

    @Test func aStepSummaryThatCannotBeWrittenIsSaidButDoesNotChangeTheExitStatus() throws {
        let clean = try FixtureSite()
        let bad = try FixtureSite(["\(listPath)/need.md": requirement("status: opne")])
        var env = environment
        env["GITHUB_STEP_SUMMARY"] = clean.absolute("no-such-folder/summary.md")
        let passing = try cli.run(["check", "--site", clean.root, "--format", "github"], environment: env)
        #expect(passing.status == 0)
        #expect(passing.stderr.contains("无法写入 GITHUB_STEP_SUMMARY"))
        let failing = try cli.run(["check", "--site", bad.root, "--format", "github"], environment: env)
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("无法写入 GITHUB_STEP_SUMMARY"))
        #expect(failing.stdout.hasPrefix("::error "))
    }

    @Test func textAndJSONFormatsLeaveTheStepSummaryAlone() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("status: opne")])
        var env = environment
        env["GITHUB_STEP_SUMMARY"] = site.absolute("summary.md")
        _ = try cli.run(["check", "--site", site.root], environment: env)
        _ = try cli.run(["check", "--site", site.root, "--format", "json"], environment: env)
        #expect(!FileManager.default.fileExists(atPath: site.absolute("summary.md")))
    }
}
