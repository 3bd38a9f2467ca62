import Foundation
import Testing

/// CI's one gate: `bangdan build --format github` reports exactly what `check --format github` does, so a pull
/// request is checked by the very command that publishes.
@Suite struct OneGateTests {
    @Test func buildAnnotatesAsCheckDoes() throws {
        let site = try FixtureSite([
            "\(listPath)/bad.md": requirement("dealine: 2022-08-01\nbounty: 伍佰万元")
        ])
        let check = try Binary.run(["check", "--site", site.root, "--format", "github"])
        let build = try Binary.run(["build", "--site", site.root, "--format", "github"])
        #expect(check.status == 1 && build.status == 1)
        #expect(build.stdout == check.stdout)
        #expect(build.stdout.contains("::error file=content/lists/2022-test/bad.md,line=6,col=1,title=unknown-field::"))
        #expect(!FileManager.default.fileExists(atPath: site.root + "/public"))
    }

    @Test func buildPrintsJSONWhenAsked() throws {
        let site = try FixtureSite(["\(listPath)/bad.md": requirement("dealine: 2022-08-01")])
        let build = try Binary.run(["build", "--site", site.root, "--format", "json"])
        #expect(build.status == 1)
        let parsed = try JSONSerialization.jsonObject(with: Data(build.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["rule"] as? String == "unknown-field")
    }

    /// A build that succeeds ends the process as soon as it has reported (it leaves its memory to the kernel):
    /// everything is said first, the whole report on standard output (far more than one buffer), the summary
    /// and every stage's time on standard error.
    @Test func successfulBuildReportsEverythingBeforeItEnds() throws {
        var files: [String: String] = [:]
        for n in 1...60 { files["\(listPath)/need-\(n).md"] = requirement("deadline: 2022-08-01") }
        let site = try FixtureSite(files)
        let build = try Binary.run(["build", "--site", site.root, "--format", "json", "--timings"])
        #expect(build.status == 0)
        #expect(build.stdout.utf8.count > 8192)
        let parsed = try JSONSerialization.jsonObject(with: Data(build.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 60)
        #expect(parsed?.allSatisfy { $0["rule"] as? String == "deadline-passed" } == true)
        let stages = build.stderr.split(separator: "\n").compactMap { $0.split(separator: " ").first }
        for stage in [
            "state", "read", "parse", "decode", "resolve", "findings", "pages", "data", "write", "cache", "total",
        ] {
            #expect(stages.contains(Substring(stage)), "no \(stage) in \(build.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: site.root + "/public/lists/2022-test/need-60/index.html"))
    }
}
