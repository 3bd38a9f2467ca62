import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanSchema
@testable import BangdanWrite

/// `bangdan init`: a new site that checks clean and builds, written without ever replacing a file.
@Suite struct InitTests {
    func temporaryFolder() -> String { NSTemporaryDirectory() + "bangdan-init-" + UUID().uuidString }

    @Test func writesASiteThatChecksCleanAndBuilds() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Binary.run(["init", folder])
        #expect(run.status == 0, "\(run.stderr)")
        for path in [
            "content/site.yml", "content/regions.yml", "content/industries.yml", "content/categories.yml",
            "content/lists/2026-example-key-tech/_index.md", "README.md", ".github/workflows/bangdan.yml",
            ".gitlab-ci.yml", ".gitignore",
        ] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + path), "\(path) is missing")
        }
        let check = try Binary.run(["check", "--site", folder])
        #expect(check.status == 0)
        #expect(check.stderr.contains("0 errors, 0 warnings"), "\(check.stderr)")
        let build = try Binary.run(["build", "--site", folder])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/public/lists/2026-example-key-tech/index.html"))
    }

    @Test func theRegionsAreThe34ProvinceLevelDivisionsWithTheirCodes() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try NewSite.write(StarterSite.files, into: folder)
        let checked = try Build.check(site: folder, buildDate: try #require(Day(year: 2026, month: 12, day: 1)))
        let regions = try #require(checked.resolved?.vocabularies.regions)
        // The 34 with their codes, and 全国 for lists a ministry publishes to the whole country.
        let provinces = regions.terms.filter { $0.id != "china" }
        #expect(provinces.count == 34)
        #expect(provinces.allSatisfy { ($0.code ?? "").count == 6 && ($0.code ?? "").hasSuffix("0000") })
        #expect(Set(provinces.compactMap { $0.code }).count == 34)
        let national = try #require(regions.terms.first { $0.id == "china" })
        #expect(national.name == "全国" && national.national && national.code == nil)
        let categories = try #require(checked.resolved?.vocabularies.categories)
        #expect(categories.terms.count == 4)
    }

    @Test func neverReplacesAFileAndWritesNothingWhenAnyIsTaken() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("我的说明\n".utf8).write(to: URL(fileURLWithPath: folder + "/README.md"))
        let run = try Binary.run(["init", folder])
        #expect(run.status == 2)
        #expect(run.stderr.contains("README.md") && run.stderr.contains("never replaces"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["README.md"])
        #expect(try String(contentsOfFile: folder + "/README.md", encoding: .utf8) == "我的说明\n")
    }

    @Test func refusesAFolderThatAlreadyHoldsContent() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/content", withIntermediateDirectories: true)
        let run = try Binary.run(["init", folder])
        #expect(run.status == 2)
        #expect(run.stderr.contains("content/"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/content").isEmpty)
    }

    @Test func neverWritesThroughALink() throws {
        let folder = temporaryFolder(), elsewhere = temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: elsewhere)
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/.github", withDestinationPath: elsewhere)
        let run = try Binary.run(["init", folder])
        #expect(run.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
    }

    @Test func speaksChineseWhenTheLocaleIsChinese() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Binary.run(["init", folder], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("新站点已建好"))
    }
}
