import Testing

@testable import BangdanCore
@testable import BangdanSchema
@testable import BangdanSite
@testable import Mustache

/// SCHEMA.md §2–§4: front-matter fields, their types and limits. Each test plants one problem in an otherwise
/// valid requirement and asserts the rule, path and line (and column where the contract fixes it).
@Suite struct FieldRulesTests {
    let path = "\(listPath)/need.md"

    func check(_ text: String) throws -> [Diagnostic] {
        try FixtureSite(["\(listPath)/need.md": text]).diagnostics()
    }

    @Test func reportsYAMLSyntaxAtTheParserPosition() throws {
        let d = expectDiagnostic(try check(requirement("funding: a: b")), .yamlSyntax, path: path, line: 6, column: 11)
        #expect(d?.message(in: .zhCN).contains("引号") == true)
    }

    @Test func rejectsFrontMatterThatIsNotAMapping() throws {
        expectDiagnostic(try check("---\n- 列表\n---\n"), .type, path: path, line: 2, column: 1)
    }

    @Test func reportsTheLaterOfTwoEqualKeysAndKeepsChecking() throws {
        // requirement() drops the default title when one is given, so the duplicate is written by hand.
        let text =
            "---\ntitle: 一\nindustry: new-materials\ntitle: 二\nissuer:\n  name: 企业\n  name: 又一个\nstatus: opne\n---\n"
        let all = try check(text)
        let duplicates = all.filter { $0.rule == .duplicateKey }
        #expect(duplicates.map(\.line) == [4, 7])
        #expect(duplicates.map(\.column) == [1, 3])
        #expect(duplicates.first?.message(in: .en).contains("first on line 2") == true)
        // The rest of the file is still checked.
        expectDiagnostic(all, .unknownStatus, path: path, line: 8, column: 9)
    }

    @Test func reportsTheLaterKeyOfAFlowMapping() throws {
        let text = "---\ntitle: 一\nindustry: new-materials\nissuer: {name: 企业, name: 重复}\nstatus: opne\n---\n"
        let all = try check(text)
        expectDiagnostic(all, .duplicateKey, path: path, line: 4, column: 20)
        expectDiagnostic(all, .unknownStatus, path: path, line: 5, column: 9)
    }

    @Test func explainsATabUsedForIndentation() throws {
        let d = expectDiagnostic(
            try check("---\ntitle: 制表符\nissuer:\n\tname: 企业\n---\n"), .yamlSyntax, path: path, line: 4, column: 1)
        #expect(d?.message(in: .zhCN).contains("Tab") == true)
    }

    @Test func suggestsTheIDWhenANameWasWritten() throws {
        let all = try check(requirement("industry: 新材料\nregion: 山东"))
        #expect(
            expectDiagnostic(all, .unknownIndustry, path: path, line: 5, column: 11)?.message(in: .en).hasSuffix(
                "did you mean 'new-materials'?") == true)
        #expect(
            expectDiagnostic(all, .unknownRegion, path: path, line: 6, column: 9)?.message(in: .zhCN).hasSuffix(
                "是否应为 'shandong'？") == true)
    }

    @Test func suggestsTheIDForAChineseStatusOrIssuerType() throws {
        let all = try check(requirement("issuer:\n  name: 企业\n  type: 民营企业\nstatus: 征集中"))
        #expect(
            expectDiagnostic(all, .unknownIssuerType, path: path, line: 6, column: 9)?.message(in: .en).contains(
                "did you mean 'private'?") == true)
        #expect(
            expectDiagnostic(all, .unknownStatus, path: path, line: 7, column: 9)?.message(in: .en).contains(
                "did you mean 'open'?") == true)
    }

    @Test func pointsAtAFullWidthColon() throws {
        let d = expectDiagnostic(
            try check("---\ntitle: 标题\nregion：shandong\nindustry: new-materials\n---\n"), .yamlSyntax,
            path: path, line: 3, column: 7)
        #expect(d?.message(in: .zhCN).contains("中文冒号") == true)
    }

    @Test func suggestsTheNearestKnownField() throws {
        let d = expectDiagnostic(
            try check(requirement("dealine: 2022-08-01")), .unknownField, path: path, line: 6, column: 1)
        #expect(d?.message(in: .en) == "unknown field 'dealine' — did you mean 'deadline'?")
        #expect(d?.message(in: .zhCN) == "未知字段 'dealine' — 是否应为 'deadline'？")
    }

    /// ▲ Contract version 2 §4: a requirement has `extra` for facts without a field, so a key far from every
    /// known field is pointed there (version 1 suggested nothing).
    @Test func suggestsExtraForAFieldFarFromAnyKnownOne() throws {
        let d = expectDiagnostic(try check(requirement("colour: red")), .unknownField, path: path, line: 6, column: 1)
        #expect(
            d?.message(in: .en)
                == "unknown field 'colour' — facts with no field of their own go under 'extra' (e.g. extra: {揭榜方式: 单位揭榜})"
        )
        #expect(d?.message(in: .zhCN).contains("'extra'") == true)
    }

    @Test func suggestsNothingWhereThereIsNoExtra() throws {
        // A list and a nested mapping have no `extra`: nothing to suggest.
        let list = FixtureSite.base["\(listPath)/_index.md"]!.replacingOccurrences(
            of: "category:", with: "colour: red\ncategory:")
        let site = try FixtureSite(["\(listPath)/_index.md": list])
        let d = expectDiagnostic(
            try site.diagnostics(), .unknownField, path: "\(listPath)/_index.md", line: 6, column: 1)
        #expect(d?.message(in: .en) == "unknown field 'colour'")
        let nested = expectDiagnostic(
            try check(requirement("contact:\n  colour: red")), .unknownField, path: path, line: 7, column: 3)
        #expect(nested?.message(in: .en) == "unknown field 'contact.colour'")
    }

    @Test func reportsUnknownNestedFieldsWithTheirPath() throws {
        let d = expectDiagnostic(
            try check(requirement("contact:\n  phnoe: \"0531-1234567\"")), .unknownField, path: path, line: 7, column: 3
        )
        #expect(d?.message(in: .en) == "unknown field 'contact.phnoe' — did you mean 'contact.phone'?")
    }

    @Test func reportsAMissingTopLevelFieldAtLineOne() throws {
        expectDiagnostic(try check(requirement(dropping: ["title"])), .missingField, path: path, line: 1, column: 1)
    }

    @Test func reportsAnEmptyRequiredStringAsMissingAtItsKey() throws {
        expectDiagnostic(try check(requirement("title: \"  \"")), .missingField, path: path, line: 5, column: 1)
    }

    @Test func reportsAMissingNestedFieldAtItsParentKey() throws {
        let text = requirement("issuer:\n  type: private")
        let d = expectDiagnostic(try check(text), .missingField, path: path, line: 4, column: 1)
        #expect(d?.message(in: .en) == "missing required field 'issuer.name'")
    }

    @Test func requiresACategoryWhenTheListSetsNone() throws {
        let list = FixtureSite.base["\(listPath)/_index.md"]!.replacingOccurrences(
            of: "category: key-technology\n", with: "")
        let site = try FixtureSite(["\(listPath)/_index.md": list])
        let d = expectDiagnostic(try site.diagnostics(), .missingField, path: "\(listPath)/good.md", line: 1, column: 1)
        #expect(d?.message(in: .en).contains("category") == true)
    }

    @Test func rejectsControlCharacters() throws {
        expectDiagnostic(
            try check(requirement("funding: \"按\\u0007研发投入\"")), .textInvalid, path: path, line: 6, column: 10)
        expectDiagnostic(try check(requirement("funding: 按\u{7}研发投入")), .textInvalid, path: path, line: 6, column: 11)
    }

    @Test func rejectsTextOverItsLimit() throws {
        let d = expectDiagnostic(
            try check(requirement("title: " + String(repeating: "榜", count: 201))), .textTooLong,
            path: path, line: 5, column: 8)
        #expect(d?.message(in: .en) == "field 'title' is too long: 201 characters, at most 200")
    }

    @Test func acceptsTextAtItsLimit() throws {
        #expect(try check(requirement("title: " + String(repeating: "榜", count: 200))).isEmpty)
    }

    @Test func rejectsMoreThanThreeIndustries() throws {
        let text = requirement("industry: [new-materials, high-end-equipment, integrated-circuits, new-generation-it]")
        expectDiagnostic(try check(text), .tooManyValues, path: path, line: 5, column: 68)
    }

    @Test func rejectsMoreThanTwentyKeywords() throws {
        let keywords = (1...21).map { "  - 关键词\($0)" }.joined(separator: "\n")
        expectDiagnostic(
            try check(requirement("keywords:\n" + keywords)), .tooManyValues, path: path, line: 27, column: 5)
    }

    @Test func rejectsAKeywordOverThirtyCharacters() throws {
        expectDiagnostic(
            try check(requirement("keywords: [\(String(repeating: "长", count: 31))]")), .textTooLong, path: path,
            line: 6)
    }

    @Test func rejectsValuesOfTheWrongType() throws {
        let d = expectDiagnostic(
            try check(requirement("deadline: [2022-08-01]")), .type, path: path, line: 6, column: 11)
        #expect(d?.message(in: .en) == "field 'deadline': expected a date, found a list")
        expectDiagnostic(try check(requirement("issuer: 力博重工")), .type, path: path, line: 4, column: 9)
        expectDiagnostic(try check(requirement("keywords: 储能")), .type, path: path, line: 6, column: 11)
    }

    /// An officer's usual slip: the issuer's name written as text. One problem, said once, at the value — not a
    /// `type` and then a `missing-field` for the same key.
    @Test func anIssuerWrittenAsTextIsReportedOnce() throws {
        let diagnostics = try check(requirement("issuer: 威智医药"))
        #expect(diagnostics.count == 1, "\(describe(diagnostics))")
        let d = expectDiagnostic(diagnostics, .type, path: path, line: 4, column: 9)
        #expect(d?.message(in: .en) == "field 'issuer': expected a mapping such as {name: 威智医药}, found text")
    }

    @Test func readsYAML11LookalikesAsText() throws {
        let text = requirement("title: no\ncode: 012\nfunding: on\nkeywords: [1.10, yes]")
        let site = try FixtureSite(["\(listPath)/need.md": text])
        let checked = try site.check()
        #expect(checked.diagnostics.isEmpty, "\(describe(checked.diagnostics))")
        let need = try #require(checked.resolved?.requirements.first { $0.requirement.slug == "need" })
        #expect(need.requirement.title == "no")
        #expect(need.requirement.code == "012")
        #expect(need.requirement.funding == "on")
        #expect(need.requirement.keywords == ["1.10", "yes"])
    }

    @Test func rejectsAnUnknownRegion() throws {
        let d = expectDiagnostic(
            try check(requirement("region: shandnog")), .unknownRegion, path: path, line: 6, column: 9)
        #expect(d?.message(in: .en).contains("did you mean 'shandong'") == true)
    }

    @Test func rejectsAnUnknownIndustryInAList() throws {
        expectDiagnostic(
            try check(requirement("industry:\n  - new-materials\n  - robots")), .unknownIndustry, path: path, line: 7,
            column: 5)
    }

    @Test func rejectsAnUnknownCategory() throws {
        expectDiagnostic(
            try check(requirement("category: key-tech")), .unknownCategory, path: path, line: 6, column: 11)
    }

    @Test func rejectsAnUnknownSolverRegion() throws {
        let text = requirement("status: signed\nsolvers:\n  - {name: 山东大学, region: atlantis}")
        expectDiagnostic(try check(text), .unknownRegion, path: path, line: 8, column: 26)
    }

    @Test func rejectsAnUnknownStatus() throws {
        expectDiagnostic(try check(requirement("status: done")), .unknownStatus, path: path, line: 6, column: 9)
    }

    @Test func rejectsAnUnknownIssuerType() throws {
        expectDiagnostic(
            try check(requirement("issuer:\n  name: 企业\n  type: company")), .unknownIssuerType, path: path, line: 6,
            column: 9)
    }

    @Test(arguments: [
        ("2022-02-30", 11), ("2022-13-01", 11), ("1999-12-31", 11), ("2100-01-01", 11), ("2022-6-29", 11),
        ("\"2022/06/29\"", 11), ("tomorrow", 11),
    ])
    func rejectsInvalidDates(_ value: String, _ column: Int) throws {
        expectDiagnostic(
            try check(requirement("deadline: \(value)")), .dateInvalid, path: path, line: 6, column: column)
    }

    @Test func acceptsDatesAsYAMLDatesOrStrings() throws {
        #expect(try check(requirement("published: 2022-07-01\ndeadline: \"2024-02-29\"")).isEmpty)
    }

    @Test func rejectsADeadlineBeforePublication() throws {
        let text = requirement("published: 2022-07-01\ndeadline: 2022-06-30")
        let d = expectDiagnostic(try check(text), .deadlineBeforePublished, path: path, line: 7, column: 1)
        #expect(d?.message(in: .en) == "deadline 2022-06-30 is before the publication date 2022-07-01")
    }

    @Test func rejectsARequirementDeadlineBeforeTheListsPublication() throws {
        expectDiagnostic(
            try check(requirement("deadline: 2022-06-01")), .deadlineBeforePublished, path: path, line: 6, column: 1)
    }

    @Test func rejectsAListDeadlineBeforeItsPublication() throws {
        let list = FixtureSite.base["\(listPath)/_index.md"]!.replacingOccurrences(
            of: "category:", with: "deadline: 2022-01-01\ncategory:")
        let site = try FixtureSite(["\(listPath)/_index.md": list])
        expectDiagnostic(
            try site.diagnostics(), .deadlineBeforePublished, path: "\(listPath)/_index.md", line: 6, column: 1)
    }

    @Test func rejectsAnInvalidBounty() throws {
        let d = expectDiagnostic(try check(requirement("bounty: 九千万")), .bountyInvalid, path: path, line: 6, column: 9)
        #expect(d?.message(in: .zhCN).contains("面议") == true)
    }

    @Test(arguments: [
        "ftp://example.org/a.pdf", "javascript:alert(1)", "www.example.org", "https://", "http://exa mple.org",
    ])
    func rejectsURLsThatAreNotWebAddresses(_ url: String) throws {
        expectDiagnostic(try check(requirement("source: \"\(url)\"")), .urlInvalid, path: path, line: 6, column: 9)
    }

    @Test func rejectsANonWebAttachmentURL() throws {
        let text = requirement("attachments:\n  - title: 附件\n    url: javascript:alert(1)")
        expectDiagnostic(try check(text), .urlInvalid, path: path, line: 8, column: 10)
    }

    @Test func rejectsABadEmailAndPhone() throws {
        let text = requirement("contact:\n  email: zhang at example.org\n  phone: \"12345\"")
        let diagnostics = try check(text).filter { $0.rule == .contactInvalid }
        #expect(diagnostics.map(\.line) == [7, 8])
        #expect(diagnostics.allSatisfy { $0.column == 10 && $0.path == path })
    }

    @Test func acceptsAFullContact() throws {
        let text = requirement(
            "contact:\n  name: 张工\n  email: zhang@example.org.cn\n  phone: \"+86 (531) 8888-6666\"\n  address: 济南市")
        #expect(try check(text).isEmpty)
    }

    @Test func rejectsACreditCodeWithAWrongCheckCharacter() throws {
        let text = requirement("issuer:\n  name: 企业\n  credit_code: 91370000163046789X")
        let d = expectDiagnostic(try check(text), .creditCodeInvalid, path: path, line: 6, column: 16)
        #expect(d?.message(in: .en).contains("gives 5") == true)
    }

    @Test func acceptsEveryFieldForm() throws {
        let text = requirement(
            """
            code: SD-01
            category: enterprise-demand
            industry: [integrated-circuits, new-materials]
            region: zhongguancun
            issuer:
              name: 力博重工
              type: private
              credit_code: "913700001630467895"
            bounty: 0.5亿元
            funding: 按研发投入30%补助，最高1000万元
            published: 2022-07-01
            deadline: 2022-12-31
            status: signed
            solvers:
              - 山东大学
              - {name: 清华大学, region: beijing}
            contact: {name: 张工, phone: "0531-88886666", email: a@b.cn, address: 济南}
            keywords: [输送, 节能]
            indicators:
              - 功耗降低30%
              - {name: 输送量, target: ≥ 5000 t/h}
            attachments:
              - {title: 通知, url: "https://example.org/notice.pdf"}
            source: https://example.org/notice
            summary: 一句话。
            """)
        let site = try FixtureSite(["\(listPath)/need.md": text])
        let checked = try site.check()
        #expect(checked.diagnostics.isEmpty, "\(describe(checked.diagnostics))")
        let need = try #require(checked.resolved?.requirements.first { $0.requirement.slug == "need" }?.requirement)
        #expect(need.bounty == .figure(Wan(whole: 5000)))
        #expect(need.solvers == [Solver(name: "山东大学", region: nil), Solver(name: "清华大学", region: "beijing")])
        #expect(need.indicators == [.text("功耗降低30%"), .target(name: "输送量", target: "≥ 5000 t/h")])
        #expect(need.issuer == Issuer(name: "力博重工", type: .private, creditCode: "913700001630467895"))
        #expect(need.industries == ["integrated-circuits", "new-materials"])
    }
}
