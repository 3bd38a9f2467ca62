import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanSchema

/// ▲ Contract version 2 §5: `languages` (one or two, the main one first), and the footer facts of a government
/// site (`owner`, `site_code`, `icp`). Every problem in site.yml is `site-invalid`, at its line and column.
@Suite struct SiteSettingsV2Tests {
    let path = "content/site.yml"

    func site(_ extra: String) throws -> FixtureSite {
        try FixtureSite(["content/site.yml": "title: 测试榜单网\nbase_url: https://example.org/\n" + extra])
    }

    @Test func readsLanguagesWithTheMainOneFirst() throws {
        let two = try #require(try site("languages: [zh-CN, en]\n").check().resolved?.site)
        #expect(two.languages == [.zhCN, .en])
        #expect(two.language == .zhCN)
        let english = try #require(try site("languages:\n  - en\n  - zh-CN\n").check().resolved?.site)
        #expect(english.languages == [.en, .zhCN])
        #expect(english.language == .en)
        // `language` alone stays a one-language site, as in version 1.
        let old = try #require(try site("language: en\n").check().resolved?.site)
        #expect(old.languages == [.en])
        #expect(old.language == .en)
        let none = try #require(try site("").check().resolved?.site)
        #expect(none.languages == [.zhCN])
    }

    @Test func acceptsLanguageBesideLanguagesWhenTheyAgree() throws {
        let checked = try site("language: zh-CN\nlanguages: [zh-CN, en]\n").check()
        #expect(checked.diagnostics.isEmpty, "\(describe(checked.diagnostics))")
        #expect(checked.resolved?.site.languages == [.zhCN, .en])
    }

    @Test func rejectsLanguageThatDisagreesWithTheFirstOfLanguages() throws {
        let d = expectDiagnostic(
            try site("language: en\nlanguages: [zh-CN, en]\n").diagnostics(), .siteInvalid, path: path, line: 3,
            column: 11)
        #expect(
            d?.message(in: .en)
                == "site.yml: language is en but the first of languages (the main language) is zh-CN: remove language, or make them agree"
        )
        #expect(d?.message(in: .zhCN).hasPrefix("site.yml 有误：language 为 en") == true)
    }

    @Test func rejectsMoreThanTwoOrUnknownOrRepeatedLanguages() throws {
        let three = expectDiagnostic(
            try site("languages: [zh-CN, en, en]\n").diagnostics(), .siteInvalid, path: path, line: 3, column: 24)
        #expect(three?.message(in: .en).contains("too many values: 3, at most 2") == true)
        let unknown = expectDiagnostic(
            try site("languages: [zh-CN, fr]\n").diagnostics(), .siteInvalid, path: path, line: 3, column: 20)
        #expect(unknown?.message(in: .en).contains("one of zh-CN, en") == true)
        let twice = expectDiagnostic(
            try site("languages: [en, en]\n").diagnostics(), .siteInvalid, path: path, line: 3, column: 12)
        #expect(
            twice?.message(in: .en) == "site.yml: languages names en twice: give one language, or two different ones")
        expectDiagnostic(try site("languages: en\n").diagnostics(), .siteInvalid, path: path, line: 3, column: 12)
    }

    @Test func readsTheGovernmentSiteFacts() throws {
        let checked = try site("owner: 山东省工业和信息化厅\nsite_code: \"3700000001\"\nicp: 鲁ICP备12345678号\n").check()
        #expect(checked.diagnostics.isEmpty, "\(describe(checked.diagnostics))")
        let settings = try #require(checked.resolved?.site)
        #expect(settings.owner == "山东省工业和信息化厅")
        #expect(settings.siteCode == "3700000001")
        #expect(settings.icp == "鲁ICP备12345678号")
    }

    @Test func rejectsGovernmentSiteFactsOverTheirLimits() throws {
        let owner = expectDiagnostic(
            try site("owner: " + String(repeating: "厅", count: 101) + "\n").diagnostics(), .siteInvalid, path: path,
            line: 3, column: 8)
        #expect(owner?.message(in: .en).contains("'owner' is too long") == true)
        expectDiagnostic(
            try site("site_code: " + String(repeating: "1", count: 21) + "\n").diagnostics(), .siteInvalid,
            path: path, line: 3, column: 12)
        expectDiagnostic(
            try site("icp: " + String(repeating: "备", count: 41) + "\n").diagnostics(), .siteInvalid, path: path,
            line: 3, column: 6)
    }
}
