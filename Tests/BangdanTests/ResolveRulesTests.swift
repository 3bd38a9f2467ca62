import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanSchema
@testable import BangdanSite
@testable import Mustache

/// Cross-file rules, inheritance and the effective status (SCHEMA.md §4, §6).
@Suite struct ResolveRulesTests {
    @Test func reportsADuplicateCodeOnTheLaterFileNamingTheEarlier() throws {
        let site = try FixtureSite([
            "\(listPath)/a-first.md": requirement("code: SD-01"),
            "\(listPath)/b-second.md": requirement("code: SD-01"),
            "content/lists/2021-other/_index.md": FixtureSite.base["\(listPath)/_index.md"]!,
            "content/lists/2021-other/c-third.md": requirement("code: SD-01"),
        ])
        let d = expectDiagnostic(
            try site.diagnostics(), .duplicateCode, path: "\(listPath)/b-second.md", line: 6, column: 1)
        #expect(d?.message(in: .en) == "code 'SD-01' is already used by content/lists/2022-test/a-first.md")
    }

    @Test func rejectsAnAttachmentThatIsNotInTheListFolder() throws {
        let site = try FixtureSite([
            "\(listPath)/need.md": requirement(
                "attachments:\n  - {title: 申报书, url: form.docx}\n  - {title: 指南, url: guide.pdf}"),
            "\(listPath)/guide.pdf": "%PDF-1.4",
        ])
        let d = expectDiagnostic(
            try site.diagnostics(), .attachmentMissing, path: "\(listPath)/need.md", line: 7, column: 23)
        #expect(d?.message(in: .en).contains("form.docx") == true)
    }

    @Test func warnsAboutAnAttachmentNoRequirementNames() throws {
        let site = try FixtureSite(["\(listPath)/orphan.pdf": "%PDF-1.4"])
        let d = expectDiagnostic(
            try site.diagnostics(), .unusedAttachment, path: "\(listPath)/orphan.pdf", line: 1, column: 1)
        #expect(d?.severity == .warning)
    }

    @Test func closesAnOpenRequirementPastItsDeadlineWithANotice() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("deadline: 2022-08-31")])
        let checked = try site.check(buildDate: Day("2022-09-01")!)
        let d = expectDiagnostic(checked.diagnostics, .deadlinePassed, path: "\(listPath)/need.md", line: 6, column: 1)
        #expect(d?.severity == .notice)
        let need = try #require(checked.resolved?.requirements.first { $0.requirement.slug == "need" })
        #expect(need.requirement.status == .open)
        #expect(need.effectiveStatus == .closed)
    }

    @Test func deadlinePassedNeverFailsAStrictCheck() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("deadline: 2022-08-31")])
        let strict = try site.check(buildDate: Day("2022-09-01")!, strict: true)
        #expect(!strict.hasErrors)
        #expect(strict.diagnostics.map(\.severity) == [.notice])
        // A warning beside it is still promoted; the notice is not.
        let both = try FixtureSite(["\(listPath)/need.md": requirement("deadline: 2022-08-31\nsolvers: [山东大学]")])
        let promoted = try both.check(buildDate: Day("2022-09-01")!, strict: true)
        #expect(
            promoted.diagnostics.map { "\($0.rule.rawValue) \($0.severity)" } == [
                "deadline-passed notice", "solvers-while-open error",
            ])
    }

    @Test func reportsAStaleOpenRequirementAtItsStatus() throws {
        // The list was published 2022-06-29: 365 days later it is not yet stale, 366 days later it is.
        let site = try FixtureSite(["\(listPath)/good.md": requirement("status: open")])
        #expect(try site.diagnostics(buildDate: Day("2023-06-29")!).isEmpty)
        let checked = try site.check(buildDate: Day("2023-06-30")!, strict: true)
        let d = expectDiagnostic(checked.diagnostics, .staleOpen, path: "\(listPath)/good.md", line: 6, column: 1)
        #expect(d?.severity == .notice)
        #expect(!checked.hasErrors, "a notice, never an error")
        #expect(d?.message(in: .zhCN).contains("发布日期 2022-06-29") == true)
        #expect(d?.message(in: .en).contains("set status (the list's or this requirement's)") == true)
        let good = try #require(checked.resolved?.requirements.first)
        #expect(good.isStaleOpen)
        #expect(good.effectiveStatus == .open)
    }

    @Test func reportsAStaleOpenRequirementAtItsPublishedDateOrAtTheStart() throws {
        let site = try FixtureSite([
            "\(listPath)/good.md": requirement(),
            "\(listPath)/own-date.md": requirement("published: 2021-03-01"),
        ])
        let stale = try site.diagnostics(buildDate: Day("2022-07-01")!).filter { $0.rule == .staleOpen }
        // own-date.md: its own published date (line 6) is over a year old; good.md inherits 2022-06-29, not stale.
        #expect(stale.map { "\($0.path):\($0.line):\($0.column)" } == ["\(listPath)/own-date.md:6:1"])
        let later = try site.diagnostics(buildDate: Day("2023-07-01")!).filter { $0.rule == .staleOpen }
        // good.md writes neither status nor published: the file as a whole, line 1 column 1.
        #expect(
            later.map { "\($0.path):\($0.line):\($0.column)" } == [
                "\(listPath)/good.md:1:1", "\(listPath)/own-date.md:6:1",
            ])
    }

    @Test func staleOpenNeedsOpenAndNoDeadline() throws {
        let listWithDeadline = FixtureSite.base["\(listPath)/_index.md"]!.replacingOccurrences(
            of: "category:", with: "deadline: 2022-09-30\ncategory:")
        for files in [
            ["\(listPath)/good.md": requirement("status: closed")],
            ["\(listPath)/good.md": requirement("deadline: 2022-07-30")],
            ["\(listPath)/_index.md": listWithDeadline],
        ] {
            let checked = try FixtureSite(files).check(buildDate: Day("2024-01-01")!)
            #expect(!checked.diagnostics.contains { $0.rule == .staleOpen }, "\(describe(checked.diagnostics))")
            #expect(checked.resolved?.requirements.allSatisfy { !$0.isStaleOpen } == true)
        }
    }

    @Test func warnsAboutTheSameCodeInAnotherList() throws {
        let site = try FixtureSite([
            "\(listPath)/good.md": requirement("code: SD-01"),
            "content/lists/2021-other/_index.md": FixtureSite.base["\(listPath)/_index.md"]!,
            "content/lists/2021-other/older.md": requirement("title: 另一项需求\ncode: SD-01"),
        ])
        let d = expectDiagnostic(
            try site.diagnostics(), .possibleDuplicate, path: "\(listPath)/good.md", line: 6, column: 1)
        #expect(d?.severity == .warning)
        #expect(
            d?.message(in: .en)
                == "code 'SD-01' is also used by content/lists/2021-other/older.md in another list: possibly the same requirement entered twice"
        )
    }

    @Test func warnsAboutTheSameTitleAndIssuerInAnotherList() throws {
        let site = try FixtureSite([
            "\(listPath)/good.md": requirement("title: 高端装备（一）\nissuer:\n  name: 力博 重工"),
            "content/lists/2023-again/_index.md": FixtureSite.base["\(listPath)/_index.md"]!,
            // Typed again with ASCII brackets and no space: still the same title and issuer.
            "content/lists/2023-again/copy.md": requirement(
                "industry: new-materials\ntitle:   高端装备(一)\nissuer:\n  name: 力博重工"),
        ])
        let d = expectDiagnostic(
            try site.diagnostics(), .possibleDuplicate, path: "content/lists/2023-again/copy.md", line: 3, column: 1)
        #expect(d?.message(in: .zhCN).contains("content/lists/2022-test/good.md") == true)
    }

    /// Two spellings of one text (a precomposed letter, and the letter with a combining mark) are one title.
    @Test func aTitleSpelledWithACombiningMarkIsTheSameTitle() throws {
        let site = try FixtureSite([
            "\(listPath)/good.md": requirement("title: Caf\u{E9} 装备\nissuer:\n  name: 力博重工"),
            "content/lists/2023-again/_index.md": FixtureSite.base["\(listPath)/_index.md"]!,
            "content/lists/2023-again/copy.md": requirement("title: Cafe\u{301} 装备\nissuer:\n  name: 力博重工"),
        ])
        let d = expectDiagnostic(
            try site.diagnostics(), .possibleDuplicate, path: "content/lists/2023-again/copy.md", line: 3, column: 1)
        #expect(d?.message(in: .zhCN).contains("content/lists/2022-test/good.md") == true)
    }

    @Test func noPossibleDuplicateWithinOneListOrForAnotherIssuer() throws {
        let site = try FixtureSite([
            "\(listPath)/same-list.md": requirement("title: 超低功耗散料输送高端装备\nissuer:\n  name: 力博重工"),
            "content/lists/2023-again/_index.md": FixtureSite.base["\(listPath)/_index.md"]!,
            "content/lists/2023-again/other-issuer.md": requirement("title: 超低功耗散料输送高端装备\nissuer:\n  name: 别的企业"),
        ])
        #expect(!(try site.diagnostics()).contains { $0.rule == .possibleDuplicate })
    }

    /// Lists number their items from 1: `code: 01` in two lists is two lists' first items, not one requirement.
    @Test func aListsOwnItemNumberIsNotComparedAcrossLists() throws {
        for code in ["01", "7", "１２", "123"] {
            let site = try FixtureSite([
                "\(listPath)/good.md": requirement("code: \"\(code)\""),
                "content/lists/2021-other/_index.md": FixtureSite.base["\(listPath)/_index.md"]!,
                "content/lists/2021-other/older.md": requirement("title: 另一项需求\ncode: \"\(code)\""),
            ])
            let diagnostics = try site.diagnostics()
            #expect(!diagnostics.contains { $0.rule == .possibleDuplicate }, "\(code): \(describe(diagnostics))")
        }
        let longer = try FixtureSite([
            "\(listPath)/good.md": requirement("code: \"0001\""),
            "content/lists/2021-other/_index.md": FixtureSite.base["\(listPath)/_index.md"]!,
            "content/lists/2021-other/older.md": requirement("title: 另一项需求\ncode: \"0001\""),
        ])
        expectDiagnostic(
            try longer.diagnostics(), .possibleDuplicate, path: "\(listPath)/good.md", line: 6, column: 1)
    }

    @Test func keepsARequirementOpenOnItsDeadlineDay() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("deadline: 2022-08-31")])
        let checked = try site.check(buildDate: Day("2022-08-31")!)
        #expect(checked.diagnostics.isEmpty)
        #expect(checked.resolved?.requirements.first { $0.requirement.slug == "need" }?.effectiveStatus == .open)
    }

    @Test func takesTheBuildDateFromSourceDateEpoch() throws {
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "1661990400"]) == Day("2022-09-01"))
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "1661990399"]) == Day("2022-08-31"))
    }

    @Test func warnsWhenASignedRequirementNamesNoSolvers() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("status: signed")])
        expectDiagnostic(try site.diagnostics(), .missingSolvers, path: "\(listPath)/need.md", line: 6, column: 1)
    }

    @Test func warnsWhenAnOpenRequirementNamesSolvers() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("solvers: [山东大学]")])
        expectDiagnostic(try site.diagnostics(), .solversWhileOpen, path: "\(listPath)/need.md", line: 6, column: 1)
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("solvers: [山东大学]")])
        #expect(try !site.check().hasErrors)
        let strict = try site.check(strict: true)
        #expect(strict.hasErrors)
        #expect(strict.diagnostics.map(\.severity) == [.error])
    }

    @Test func inheritsRegionCategoryAndDatesFromTheList() throws {
        let list = FixtureSite.base["\(listPath)/_index.md"]!.replacingOccurrences(
            of: "category:", with: "deadline: 2022-09-30\ncategory:")
        let site = try FixtureSite(["\(listPath)/_index.md": list])
        let good = try #require(try site.check().resolved?.requirements.first)
        #expect(good.region == "shandong")
        #expect(good.category == "key-technology")
        #expect(good.published == Day("2022-06-29"))
        #expect(good.deadline == Day("2022-09-30"))
        #expect(good.summary == "正文第一段。")
    }

    @Test func ordersRequirementsByListThenSlugAndListsNewestFirst() throws {
        let other = FixtureSite.base["\(listPath)/_index.md"]!.replacingOccurrences(
            of: "2022-06-29", with: "2023-03-01")
        let site = try FixtureSite([
            "\(listPath)/a.md": requirement(),
            "content/lists/2023-next/_index.md": other,
            "content/lists/2023-next/z.md": requirement(),
        ])
        let resolved = try #require(try site.check(buildDate: Day("2023-06-01")!).resolved)
        #expect(resolved.requirements.map(\.id) == ["2022-test/a", "2022-test/good", "2023-next/z"])
        #expect(resolved.lists.map(\.id) == ["2023-next", "2022-test"])
    }
}

/// SCHEMA.md §5: vocabularies and site.yml.
@Suite struct VocabularyAndSiteTests {
    @Test func rejectsAParentThatDoesNotExist() throws {
        let site = try FixtureSite(["content/industries.yml": "new-materials:\n  name: 新材料\n  parent: materials\n"])
        let d = expectDiagnostic(
            try site.diagnostics(), .vocabularyInvalid, path: "content/industries.yml", line: 3, column: 3)
        #expect(d?.message(in: .en) == "the parent 'materials' of 'new-materials' does not exist")
    }

    @Test func rejectsAParentCycle() throws {
        let text = "new-materials:\n  name: 新材料\na:\n  name: A\n  parent: b\nb:\n  name: B\n  parent: a\n"
        let site = try FixtureSite(["content/industries.yml": text])
        let cycles = try site.diagnostics().filter { $0.rule == .vocabularyInvalid }
        #expect(cycles.map(\.line) == [5, 8])
        #expect(cycles.first?.message(in: .en) == "the parents of 'a' form a cycle: a → b → a")
    }

    @Test func rejectsAMissingVocabularyFile() throws {
        let site = try FixtureSite(omit: ["content/categories.yml"])
        expectDiagnostic(try site.diagnostics(), .vocabularyInvalid, path: "content/categories.yml", line: 1, column: 1)
    }

    @Test func rejectsAnInvalidTermID() throws {
        let site = try FixtureSite(["content/regions.yml": "shandong:\n  name: 山东\nShanDong_2:\n  name: 错误\n"])
        expectDiagnostic(try site.diagnostics(), .slugInvalid, path: "content/regions.yml", line: 3, column: 1)
    }

    @Test func rollsUpZhongguancunIntoBeijing() throws {
        let site = try FixtureSite()
        let regions = try #require(try site.check().resolved?.vocabularies.regions)
        #expect(regions.lineage(of: "zhongguancun") == ["zhongguancun", "beijing"])
        #expect(regions.root(of: "jinan") == "shandong")
    }

    @Test func reportsEverySiteProblemAsSiteInvalid() throws {
        let site = try FixtureSite(["content/site.yml": "title: 测试\nbase_url: example.org\npage_size: 0\nlanguge: en\n"]
        )
        let diagnostics = try site.diagnostics()
        #expect(diagnostics.map(\.rule) == [.siteInvalid, .siteInvalid, .siteInvalid])
        #expect(diagnostics.map(\.line) == [2, 3, 4])
        #expect(diagnostics.allSatisfy { $0.path == "content/site.yml" })
        #expect(diagnostics[2].message(in: .en) == "site.yml: unknown field 'languge' — did you mean 'language'?")
    }

    @Test func rejectsAMissingSiteFile() throws {
        let site = try FixtureSite(omit: ["content/site.yml"])
        expectDiagnostic(try site.diagnostics(), .siteInvalid, path: "content/site.yml", line: 1, column: 1)
    }

    @Test func speaksEnglishWhenTheSiteSaysSo() throws {
        let site = try FixtureSite([
            "content/site.yml": "title: Test\nbase_url: https://example.org/\nlanguage: en\n",
            "\(listPath)/need.md": requirement("status: opne"),
        ])
        let checked = try site.check()
        #expect(checked.language == .en)
        #expect(checked.diagnostics.first?.message(in: checked.language).hasPrefix("unknown status 'opne'") == true)
    }
}
