import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanSchema
@testable import BangdanSite

/// Typical slips an officer makes, found by transcribing real lists (issue 11's acceptance run): each is reported
/// once, at its key, and not again in every file that would have used the refused value.
@Suite struct OfficerMistakesTests {
    static let indexPath = "\(listPath)/_index.md"

    /// The fixture list with `lines` added after its category (line 7 onwards).
    static func list(_ lines: String) -> String {
        FixtureSite.base[indexPath]!.replacingOccurrences(
            of: "category: key-technology\n", with: "category: key-technology\n\(lines)\n")
    }

    /// Two requirements that name no issuer and hold solvers, so they depend on the list's issuer and status.
    static func site(list lines: String) throws -> FixtureSite {
        try FixtureSite([
            indexPath: list(lines),
            "\(listPath)/a-need.md": requirement("solvers: [山东大学]", dropping: ["issuer"]),
            "\(listPath)/b-need.md": requirement("solvers: 未公开", dropping: ["issuer"]),
        ])
    }

    @Test func aListIssuerWrittenAsTextIsReportedOnceNotInEveryRequirement() throws {
        let diagnostics = try Self.site(list: "issuer: 工业和信息化部").diagnostics()
        let d = expectDiagnostic(diagnostics, .type, path: Self.indexPath, line: 7, column: 9)
        #expect(d?.message(in: .zhCN) == "字段 'issuer' 应为映射（键: 值），如 {name: 工业和信息化部}，实际为文本")
        #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    }

    @Test func aListIssuerWithoutItsNameIsReportedOnce() throws {
        let diagnostics = try Self.site(list: "issuer:\n  - {name: 工业和信息化部}\n  - {type: government}").diagnostics()
        let d = expectDiagnostic(diagnostics, .missingField, path: Self.indexPath, line: 9, column: 5)
        #expect(d?.message(in: .en).contains("issuer.name") == true)
        #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    }

    @Test func aListStatusInChineseIsReportedOnceNotAsOpenInEveryRequirement() throws {
        // Read as open, the requirements would each be solvers-while-open and, a year on, stale-open.
        let site = try Self.site(list: "status: 已完成\nissuer: {name: 工业和信息化部}")
        let diagnostics = try site.diagnostics(buildDate: Day(year: 2024, month: 1, day: 1)!)
        let d = expectDiagnostic(diagnostics, .unknownStatus, path: Self.indexPath, line: 7, column: 9)
        #expect(d?.message(in: .zhCN).contains("completed") == true)
        #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    }

    @Test func aMisspeltSubfieldIsNotAlsoReportedMissing() throws {
        let diagnostics = try Self.site(list: "issuer:\n  nmae: 工业和信息化部").diagnostics()
        let d = expectDiagnostic(diagnostics, .unknownField, path: Self.indexPath, line: 8, column: 3)
        #expect(d?.message(in: .en).contains("'issuer.name'") == true)
        #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    }

    @Test func aMisspeltRequiredFieldIsNotAlsoReportedMissing() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("titel: 测试需求", dropping: ["title"])])
        let diagnostics = try site.diagnostics()
        let d = expectDiagnostic(diagnostics, .unknownField, path: "\(listPath)/need.md", line: 5, column: 1)
        #expect(d?.message(in: .en).contains("'title'") == true)
        #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    }

    @Test func aSolverWithoutANameIsNotAlsoMissingSolvers() throws {
        let site = try FixtureSite([
            "\(listPath)/need.md": requirement("status: signed\nsolvers:\n  - {region: beijing, note: 联合揭榜}")
        ])
        let diagnostics = try site.diagnostics()
        expectDiagnostic(diagnostics, .missingField, path: "\(listPath)/need.md", line: 8, column: 5)
        #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    }

    @Test func solversWrittenAsAnotherWordAreNotAlsoMissingSolvers() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("status: signed\nsolvers: 不公开")])
        let diagnostics = try site.diagnostics()
        let d = expectDiagnostic(diagnostics, .type, path: "\(listPath)/need.md", line: 7, column: 10)
        #expect(d?.message(in: .en).contains("未公开") == true)
        #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    }

    @Test func aRequirementStatusInChineseIsNotAlsoSolversWhileOpen() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("status: 已签约\nsolvers: [山东大学]")])
        let diagnostics = try site.diagnostics()
        let d = expectDiagnostic(diagnostics, .unknownStatus, path: "\(listPath)/need.md", line: 6, column: 9)
        #expect(d?.message(in: .zhCN).contains("signed") == true)
        #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    }

    @Test func aRequirementDeadlineWrittenWrongIsNotCheckedWithTheListsDeadline() throws {
        // The list's deadline has passed; the requirement's own (refused) one is what the officer meant.
        let site = try FixtureSite([
            Self.indexPath: Self.list("deadline: 2022-08-31"),
            "\(listPath)/need.md": requirement("deadline: 2023/5/1"),
        ])
        let diagnostics = try site.diagnostics().filter { $0.path == "\(listPath)/need.md" }
        let d = expectDiagnostic(diagnostics, .dateInvalid, path: "\(listPath)/need.md", line: 6, column: 11)
        #expect(d?.message(in: .zhCN).contains("2023-05-01") == true)
        #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    }

    @Test func aListFolderNameInCapitalsAndUnderscoresSaysWhichNameToUse() throws {
        let site = try FixtureSite(["content/lists/2018_MIIT_AI/_index.md": FixtureSite.base[Self.indexPath]!])
        let diagnostics = try site.diagnostics()
        let d = expectDiagnostic(diagnostics, .slugInvalid, path: "content/lists/2018_MIIT_AI", line: 1, column: 1)
        #expect(d?.message(in: .zhCN).hasSuffix("— 是否应为 '2018-miit-ai'？") == true)
        #expect(d?.message(in: .en).hasSuffix("— did you mean '2018-miit-ai'?") == true)
        #expect(diagnostics.count == 1, "\(describe(diagnostics))")
    }

    @Test func aListFolderNameInChineseGetsNoSuggestion() throws {
        // Chinese letters have no one spelling in Latin letters: the officer chooses it.
        let site = try FixtureSite(["content/lists/2022山东关键技术/_index.md": FixtureSite.base[Self.indexPath]!])
        let d = expectDiagnostic(
            try site.diagnostics(), .slugInvalid, path: "content/lists/2022山东关键技术", line: 1, column: 1)
        #expect(d?.message(in: .zhCN).contains("是否应为") == false)
    }

    @Test(arguments: [
        ("Mine_Truck", "mine-truck"), ("a--b", "a-b"), ("-a-", "a"), ("2022 Key.Tech", "2022-key-tech"),
    ])
    func suggestsASlugForALatinName(_ name: String, _ slug: String) {
        #expect(Problem.slugSuggestion(for: name) == slug)
    }

    @Test(arguments: ["mine-truck", "中文", "a/b", "", "---"])
    func suggestsNoSlugWhenNoneFollows(_ name: String) {
        #expect(Problem.slugSuggestion(for: name) == nil)
    }

    @Test func aVocabularyEntryWrittenAsANameSaysWhichMappingToWrite() throws {
        let regions = FixtureSite.base["content/regions.yml"]! + "\nchina: 全国\n"
        let site = try FixtureSite(["content/regions.yml": regions])
        let d = expectDiagnostic(try site.diagnostics(), .type, path: "content/regions.yml", line: 15, column: 8)
        #expect(d?.message(in: .zhCN).contains("如 {name: 全国}") == true)
    }

    @Test func aContactWrittenAsTextGetsNoNameSuggestion() throws {
        // A contact has no required name: only "a mapping" is asked for.
        let diagnostics = try FixtureSite(["\(listPath)/need.md": requirement("contact: 王老师")]).diagnostics()
        let d = diagnostics.first { $0.rule == .type }
        #expect(d?.message(in: .en).contains("{name:") == false, "\(describe(diagnostics))")
    }
}
