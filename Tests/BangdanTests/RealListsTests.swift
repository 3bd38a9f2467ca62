import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanRender
@testable import BangdanSchema
@testable import BangdanSite

/// ▲ Contract version 2, "Real lists" (SCHEMA.md §3–§5, §8): dates to the month or year, deadlines with a time,
/// dates written another way, several sources, joint issuers, several contacts and phones, solvers' roles and
/// `未公开`, the national region, and a list's declared totals.
@Suite struct RealListsTests {
    let path = "\(listPath)/need.md"
    let indexPath = "\(listPath)/_index.md"

    /// The base list with its `published` line replaced, and `extra` lines added before the closing `---`.
    func list(published: String = "2022-06-29", _ extra: String = "") -> String {
        var text = FixtureSite.base[indexPath]!.replacingOccurrences(
            of: "published: 2022-06-29", with: "published: \(published)")
        if !extra.isEmpty {
            text = text.replacingOccurrences(of: "category: key-technology", with: "category: key-technology\n" + extra)
        }
        return text
    }

    func check(_ files: [String: String], buildDate: Day = Day("2023-01-01")!) throws -> Build.Checked {
        try FixtureSite(files).check(buildDate: buildDate)
    }

    func resolved(_ checked: Build.Checked, _ slug: String = "need") throws -> ResolvedRequirement {
        #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty, "\(describe(checked.diagnostics))")
        return try #require(checked.resolved?.requirements.first { $0.requirement.slug == slug })
    }

    func openData(_ r: ResolvedRequirement, _ key: String) -> String? {
        let none = Vocabularies(
            industries: Vocabulary(kind: .industries, terms: []), regions: Vocabulary(kind: .regions, terms: []),
            categories: Vocabulary(kind: .categories, terms: []))
        return OpenData.requirementFields(r, none, SiteSettings(title: "t", baseURL: "https://example.org/")).first {
            $0.0 == key
        }?.1
    }

    // MARK: 1. Dates

    @Test func aListPublishedInAMonthOrYearSortsAsTheFirstDayAndRequirementsInheritThePrecision() throws {
        let month = try check(
            [indexPath: list(published: "2018-11"), path: requirement()], buildDate: Day("2018-12-01")!)
        let need = try resolved(month)
        #expect(need.published == Day("2018-11-01"))
        #expect(need.published.precision == .month)
        #expect(need.published.written == "2018-11")
        #expect(need.published.text(in: .zhCN) == "2018年11月")
        #expect(need.published.text(in: .en) == "November 2018")
        #expect(openData(need, "published") == "\"2018-11\"")

        let year = try check([indexPath: list(published: "2018"), path: requirement()], buildDate: Day("2018-12-01")!)
        let inYear = try resolved(year)
        #expect(inYear.published == Day("2018-01-01"))
        #expect(inYear.published.text(in: .zhCN) == "2018年")
        #expect(inYear.published.text(in: .en) == "2018")
        #expect(openData(inYear, "published") == "\"2018\"")
        #expect(Day("2018-11-05")!.text(in: .zhCN) == "2018年11月5日")
        #expect(Day("2018-11-05")!.text(in: .en) == "5 November 2018")
    }

    @Test func aListKnownOnlyToItsYearSortsBeforeOneOfTheSameYearsSummer() throws {
        let site = try FixtureSite([
            "content/lists/2022-early/_index.md": list(published: "2022").replacingOccurrences(
                of: "title: 测试榜单", with: "title: 早"),
            "content/lists/2022-early/one.md": requirement(),
        ])
        let checked = try site.check()
        #expect(checked.resolved?.lists.map(\.id) == ["2022-test", "2022-early"])
        // A deadline before the first day of the year is before publication.
        let early = try FixtureSite([indexPath: list(published: "2022"), path: requirement("deadline: 2021-12-31")])
        expectDiagnostic(try early.diagnostics(), .deadlineBeforePublished, path: path, line: 6, column: 1)
    }

    @Test(arguments: ["\"2023/5/1\"", "2023.5.1", "2023年5月1日", "2023-5-1", "\"２０２３-０５-０１\""])
    func aDateWrittenAnotherWayIsInvalidAndSaysWhatToWrite(_ value: String) throws {
        let d = expectDiagnostic(
            try check([path: requirement("deadline: \(value)")]).diagnostics, .dateInvalid, path: path, line: 6,
            column: 11)
        #expect(d?.message(in: .zhCN).contains("应写作 2023-05-01") == true, "\(d.map { $0.message(in: .zhCN) } ?? "")")
        #expect(d?.message(in: .en).contains("write 2023-05-01") == true)
    }

    @Test func aPublishedMonthWrittenInChineseSaysWhatToWrite() throws {
        let d = expectDiagnostic(
            try check([indexPath: list(published: "2018年11月")]).diagnostics, .dateInvalid, path: indexPath, line: 5,
            column: 12)
        #expect(d?.message(in: .zhCN).contains("应写作 2018-11") == true)
    }

    @Test(arguments: ["1999", "2100-01", "2018-13", "2018-02-30", "2018-11-5-1"])
    func rejectsAPublishedDateOutsideTheForms(_ value: String) throws {
        let d = expectDiagnostic(
            try check([indexPath: list(published: value)]).diagnostics, .dateInvalid, path: indexPath, line: 5,
            column: 12)
        #expect(d?.message(in: .zhCN).contains("YYYY-MM") == true)
    }

    @Test func aDeadlineIsAlwaysAFullDate() throws {
        expectDiagnostic(
            try check([path: requirement("deadline: 2023-05")]).diagnostics, .dateInvalid, path: path, line: 6,
            column: 11)
    }

    @Test func aDeadlineWithATimeIsOpenAllOfItsLastDay() throws {
        let files = [path: requirement("deadline: 2023-05-31 17:00")]
        let need = try resolved(try check(files, buildDate: Day("2023-05-31")!))
        #expect(need.deadline == Day("2023-05-31"))
        #expect(need.deadlineTime == TimeOfDay(hour: 17, minute: 0))
        #expect(need.effectiveStatus == .open, "a deadline on the build date has not passed, whatever its time")
        #expect(Moment(day: need.deadline!, time: need.deadlineTime).text(in: .zhCN) == "2023年5月31日 17:00")
        #expect(Moment(day: need.deadline!, time: need.deadlineTime).text(in: .en) == "31 May 2023, 17:00")
        #expect(openData(need, "deadline") == "\"2023-05-31\"")
        let after = try FixtureSite(files).check(buildDate: Day("2023-06-01")!)
        let closed = try #require(after.resolved?.requirements.first { $0.requirement.slug == "need" })
        #expect(closed.effectiveStatus == .closed)
        expectDiagnostic(after.diagnostics, .deadlinePassed, path: path, line: 6, column: 1)
    }

    @Test func aListsDeadlineInheritedCarriesNoTime() throws {
        let files = [
            indexPath: list("deadline: 2022-08-31"), path: requirement(),
            "\(listPath)/timed.md": requirement("deadline: 2022-07-31 09:30"),
        ]
        let checked = try check(files, buildDate: Day("2022-07-01")!)
        #expect(try resolved(checked).deadlineTime == nil)
        #expect(try resolved(checked, "timed").deadlineTime == TimeOfDay("09:30"))
    }

    @Test(
        arguments: [
            ("2023-05-31 25:00", nil), ("\"2023/5/31 17:00\"", "2023-05-31 17:00"),
            ("2023-05-31T17:00", "2023-05-31 17:00"),
            ("2023-05-31 17:00:00", "2023-05-31 17:00"), ("2023-05-31 9:30", "2023-05-31 09:30"),
        ] as [(String, String?)])
    func rejectsADeadlineTimeWrittenAnotherWay(_ value: String, _ suggestion: String?) throws {
        let d = expectDiagnostic(
            try check([path: requirement("deadline: \(value)")]).diagnostics, .dateInvalid, path: path, line: 6,
            column: 11)
        if let suggestion {
            #expect(d?.message(in: .zhCN).contains("应写作 \(suggestion)") == true)
        } else {
            #expect(d?.message(in: .zhCN).contains("应写作") == false)
            #expect(d?.message(in: .zhCN).contains("HH:MM") == true)
        }
    }

    @Test func aListsDeadlineTakesNoTime() throws {
        let d = expectDiagnostic(
            try check([indexPath: list("deadline: 2022-08-31 17:00")]).diagnostics, .dateInvalid, path: indexPath,
            line: 7, column: 11)
        #expect(d?.message(in: .en).contains("write 2022-08-31") == true)
    }

    @Test func suggestsOnlyDatesThatExist() {
        #expect(DateForm.day.suggestion(for: "2023/2/30") == nil)
        #expect(DateForm.day.suggestion(for: "1999/5/1") == nil)
        #expect(DateForm.day.suggestion(for: "2023-05-01") == nil)
        #expect(DateForm.day.suggestion(for: "tomorrow") == nil)
        #expect(DateForm.day.suggestion(for: "2023年5月") == nil, "a month is not a deadline")
        #expect(DateForm.partial.suggestion(for: "2023年5月") == "2023-05")
        #expect(DateForm.partial.suggestion(for: "2023年") == "2023")
        #expect(DateForm.partial.suggestion(for: "2023.5") == "2023-05")
        #expect(DateForm.partial.suggestion(for: "2018-1") == "2018-01")
        #expect(DateForm.day.suggestion(for: "2023年5月1号") == "2023-05-01")
    }

    // MARK: 2. Sources

    @Test func takesOneSourceOrAListOfSources() throws {
        let text = requirement("source:\n  - https://example.org/notice\n  - https://example.org/report")
        let need = try resolved(try check([path: text]))
        #expect(need.requirement.source == "https://example.org/notice")
        #expect(need.requirement.sources == ["https://example.org/notice", "https://example.org/report"])
        #expect(openData(need, "source") == "\"https://example.org/notice\"")
        #expect(openData(need, "sources") == "[\"https://example.org/notice\",\"https://example.org/report\"]")
        let listed = try check([indexPath: list("source: [https://example.org/a, https://example.org/b]")])
        #expect(listed.resolved?.lists.first { $0.id == "2022-test" }?.source == "https://example.org/a")
    }

    @Test func rejectsMoreThanTenSourcesAndABadOne() throws {
        let many = (1...11).map { "  - https://example.org/\($0)" }.joined(separator: "\n")
        expectDiagnostic(
            try check([path: requirement("source:\n" + many)]).diagnostics, .tooManyValues, path: path, line: 17,
            column: 5)
        expectDiagnostic(
            try check([path: requirement("source:\n  - https://example.org/\n  - ftp://example.org/")]).diagnostics,
            .urlInvalid, path: path, line: 8, column: 5)
    }

    // MARK: 3. Joint issuers

    @Test func takesJointIssuersWithTheLeadFirst() throws {
        let text = requirement("issuer:\n  - {name: 牵头企业, type: private}\n  - name: 联合高校\n    type: university")
        let need = try resolved(try check([path: text]))
        #expect(need.requirement.issuer == Issuer(name: "牵头企业", type: .private))
        #expect(need.requirement.issuers.map(\.name) == ["牵头企业", "联合高校"])
        #expect(openData(need, "issuer") == "{\"name\":\"牵头企业\",\"type\":\"private\",\"credit_code\":null}")
        #expect(openData(need, "issuers")?.contains("\"name\":\"联合高校\",\"type\":\"university\"") == true)
    }

    @Test func rejectsSixIssuersAndAnIssuerWithoutAName() throws {
        let six = (1...6).map { "  - name: 企业\($0)" }.joined(separator: "\n")
        expectDiagnostic(
            try check([path: requirement("issuer:\n" + six)]).diagnostics, .tooManyValues, path: path, line: 10,
            column: 5)
        let d = expectDiagnostic(
            try check([path: requirement("issuer:\n  - name: 企业\n  - type: private")]).diagnostics, .missingField,
            path: path, line: 6, column: 5)
        #expect(d?.message(in: .en) == "missing required field 'issuer.name'")
        expectDiagnostic(
            try check([path: requirement("issuer: []")]).diagnostics, .missingField, path: path, line: 4, column: 1)
    }

    // MARK: 4. Contacts and phones

    @Test func takesSeveralContactsPhonesAndExtensions() throws {
        let text = requirement(
            """
            contact:
              - name: 张工
                phone: ["0531-88886666 转542", "０５３１－８８８８６６６６", "+86 (531) 8888-6666-542"]
              - {name: 李工, phone: "0531-88886666 ext. 12"}
            """)
        let need = try resolved(try check([path: text]))
        #expect(need.requirement.contacts.count == 2)
        #expect(need.requirement.contact?.name == "张工")
        #expect(
            need.requirement.contact?.phones == ["0531-88886666 转542", "0531-88886666", "+86 (531) 8888-6666-542"])
        #expect(need.requirement.contact?.phone == "0531-88886666 转542")
        #expect(Phone("0531-88886666 转542")?.telURI == "tel:053188886666;ext=542")
        #expect(Phone("+86 (531) 8888-6666-542")?.extension == "542")
        #expect(Phone("0531-88886666 ext. 12")?.telURI == "tel:053188886666;ext=12")
    }

    @Test(arguments: ["\"12345 转542\"", "\"0531-88886666 转\"", "\"0531-88886666 转 1234567\"", "电话号码"])
    func rejectsAPhoneOutsideTheForms(_ value: String) throws {
        let d = expectDiagnostic(
            try check([path: requirement("contact:\n  phone: \(value)")]).diagnostics, .contactInvalid, path: path,
            line: 7, column: 10)
        #expect(d?.message(in: .zhCN).contains("转542") == true)
    }

    @Test func rejectsSixPhonesAndSixContacts() throws {
        let phones = (1...6).map { "\"0531-8888666\($0)\"" }.joined(separator: ", ")
        expectDiagnostic(
            try check([path: requirement("contact:\n  phone: [\(phones)]")]).diagnostics, .tooManyValues, path: path,
            line: 7, column: 96)
        let contacts = (1...6).map { "  - name: 联系人\($0)" }.joined(separator: "\n")
        expectDiagnostic(
            try check([path: requirement("contact:\n" + contacts)]).diagnostics, .tooManyValues, path: path, line: 12,
            column: 5)
    }

    // MARK: 5. Solvers

    @Test func takesSolversRolesProjectsAndNotes() throws {
        let text = requirement(
            """
            status: completed
            solvers:
              - {name: 山东大学, region: jinan, role: lead, project: 智能感知系统, note: 揭榜优胜单位}
              - {name: 清华大学, role: member}
            """)
        let need = try resolved(try check([path: text]))
        #expect(
            need.requirement.solvers == [
                Solver(name: "山东大学", region: "jinan", role: .lead, project: "智能感知系统", note: "揭榜优胜单位"),
                Solver(name: "清华大学", role: .member),
            ])
        #expect(
            openData(need, "solvers")?.hasPrefix(
                "[{\"name\":\"山东大学\",\"region\":\"jinan\",\"role\":\"lead\",\"project\":\"智能感知系统\",\"note\":\"揭榜优胜单位\"}"
            )
                == true)
        #expect(openData(need, "solvers_undisclosed") == "false")
    }

    @Test func aRoleOutsideLeadAndMemberIsATypeErrorThatSaysWhichToWrite() throws {
        let text = requirement("status: completed\nsolvers:\n  - {name: 山东大学, role: 牵头}")
        let d = expectDiagnostic(try check([path: text]).diagnostics, .type, path: path, line: 8, column: 24)
        #expect(d?.message(in: .zhCN).contains("是否应为 'lead'") == true)
        #expect(d?.message(in: .en).contains("lead or member") == true)
    }

    @Test func rejectsALongProjectOrNote() throws {
        let project = String(repeating: "项", count: 101)
        expectDiagnostic(
            try check([path: requirement("status: signed\nsolvers:\n  - {name: 大学, project: \(project)}")]).diagnostics,
            .textTooLong, path: path, line: 8, column: 25)
        let note = String(repeating: "注", count: 51)
        expectDiagnostic(
            try check([path: requirement("status: signed\nsolvers:\n  - {name: 大学, note: \(note)}")]).diagnostics,
            .textTooLong, path: path, line: 8, column: 22)
    }

    @Test func undisclosedSolversAreNotMissing() throws {
        let checked = try check([path: requirement("status: completed\nsolvers: 未公开")])
        #expect(checked.diagnostics.isEmpty, "\(describe(checked.diagnostics))")
        let need = try resolved(checked)
        #expect(need.requirement.solversUndisclosed)
        #expect(openData(need, "solvers_undisclosed") == "true")
        #expect(openData(need, "solvers") == "[]")
        // Without it, the same requirement is warned about.
        expectDiagnostic(
            try check([path: requirement("status: completed")]).diagnostics, .missingSolvers, path: path, line: 6,
            column: 1)
    }

    @Test func solversAsOtherTextAreATypeError() throws {
        let d = expectDiagnostic(
            try check([path: requirement("status: completed\nsolvers: 不详")]).diagnostics, .type, path: path, line: 7,
            column: 10)
        #expect(d?.message(in: .zhCN).contains("未公开") == true)
    }

    // MARK: 6. The national region

    static let regions = """
        china:
          name: 全国
          national: true
        beijing:
          name: 北京市
          parent: china
        zhongguancun:
          name: 中关村
          parent: beijing
        shandong:
          name: 山东省
          parent: china
        jinan:
          name: 济南市
          parent: shandong
        jiangxi:
          name: 江西省
        """

    @Test func aNationalListHasNoOutOfRegionCountAndProvincesBelowItStayProvinces() throws {
        let solvers =
            "status: signed\nsolvers:\n  - {name: 清华大学, region: zhongguancun}\n  - {name: 山东大学, region: jinan}"
        let site = try FixtureSite([
            "content/regions.yml": Self.regions,
            "content/lists/2023-national/_index.md": list().replacingOccurrences(
                of: "region: shandong", with: "region: china"),
            "content/lists/2023-national/need.md": requirement(solvers),
            path: requirement(solvers),
        ])
        try site.build()
        let lists = try #require(try site.json("data/lists.json")["lists"] as? [[String: Any]])
        let national = try #require(lists.first { $0["id"] as? String == "2023-national" }?["stats"] as? [String: Any])
        #expect(national["solvers_out_of_region"] is NSNull)
        #expect(national["solvers_with_region"] as? Int == 2)
        let shandong = try #require(lists.first { $0["id"] as? String == "2022-test" }?["stats"] as? [String: Any])
        // 中关村 is in 北京, not in 山东, although both are under 全国.
        #expect(shandong["solvers_out_of_region"] as? Int == 1)
    }

    @Test func atMostOneRegionIsNational() throws {
        let regions = Self.regions.replacingOccurrences(of: "  name: 江西省", with: "  name: 江西省\n  national: true")
        let d = expectDiagnostic(
            try FixtureSite(["content/regions.yml": regions]).diagnostics(), .vocabularyInvalid,
            path: "content/regions.yml", line: 18, column: 3)
        #expect(d?.message(in: .en).contains("'china' is already the national region") == true)
    }

    @Test func nationalIsTrueOrFalseAndOnlyForRegions() throws {
        let yes = Self.regions.replacingOccurrences(of: "national: true", with: "national: yes")
        expectDiagnostic(
            try FixtureSite(["content/regions.yml": yes]).diagnostics(), .type, path: "content/regions.yml", line: 3,
            column: 13)
        let industries = FixtureSite.base["content/industries.yml"]! + "\n  national: true"
        expectDiagnostic(
            try FixtureSite(["content/industries.yml": industries]).diagnostics(), .unknownField,
            path: "content/industries.yml", line: 10, column: 3)
    }

    // MARK: 7. Declared totals

    @Test func declaredTotalsArePublishedBesideTheCountedOnes() throws {
        let site = try FixtureSite([indexPath: list("declared: {requirements: 41, bounty: 52.42亿元}")])
        try site.build()
        let lists = try #require(try site.json("data/lists.json")["lists"] as? [[String: Any]])
        let stats = try #require(lists.first?["stats"] as? [String: Any])
        #expect(stats["requirements"] as? Int == 1, "declared totals are never added into the counted ones")
        #expect(stats["bounty_total_wan"] as? Int == 9600)
        let declared = try #require(stats["declared"] as? [String: Any])
        #expect(declared["requirements"] as? Int == 41)
        #expect(declared["bounty_wan"] as? Int == 524_200)
        #expect((declared["bounty"] as? [String: Any])?["text"] as? String == "52.42亿元")
        let plain = try FixtureSite()
        try plain.build()
        let none = try #require(try plain.json("data/lists.json")["lists"] as? [[String: Any]])
        #expect((none.first?["stats"] as? [String: Any])?["declared"] is NSNull)
    }

    @Test func rejectsBadDeclaredTotals() throws {
        expectDiagnostic(
            try check([indexPath: list("declared: {requirements: 0}")]).diagnostics, .type, path: indexPath, line: 7,
            column: 26)
        expectDiagnostic(
            try check([indexPath: list("declared:\n  bounty: 很多")]).diagnostics, .bountyInvalid, path: indexPath,
            line: 8, column: 11)
        let d = expectDiagnostic(
            try check([indexPath: list("declared:\n  requirement: 41")]).diagnostics, .unknownField, path: indexPath,
            line: 8, column: 3)
        #expect(d?.message(in: .en).contains("did you mean 'declared.requirements'") == true)
    }

    // MARK: The documents

    @Test func theScaffoldAndTheJSONSchemaKnowTheNewForms() {
        let scaffold = Scaffold.requirement()
        #expect(scaffold.contains("# deadline: 2022-08-31 17:00"))
        #expect(Scaffold.list().contains("# declared:"))
        let schema = JSONSchema.document()
        #expect(schema.contains("\"const\":\"未公开\""))
        #expect(schema.contains("( [0-2][0-9]:[0-5][0-9])?"))
    }
}
