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
}
