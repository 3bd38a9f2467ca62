import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanRender
@testable import BangdanSchema
@testable import BangdanSite

/// ▲ Contract version 2 §3: a list's `_index.md` sets defaults for its requirements (status, issuer, contact,
/// eligibility, how_to_apply, apply_url, period, ip, timeline); each requirement keeps its own value where it
/// gives one. The inherited status decides the effective status and every rule that reads the status.
@Suite struct ListDefaultsTests {
    static let defaults = """
        category: key-technology
        status: completed
        issuer:
          name: 山东省工业和信息化厅
          type: government
        contact: {name: 李工, phone: "0531-12345678"}
        eligibility: [在山东省内注册的企业]
        how_to_apply: 通过省工信厅平台申报
        apply_url: https://example.gov.cn/apply
        period: 3年
        ip: 归揭榜单位所有
        timeline:
          - {date: 2022-07-01, event: 宣讲会}
        title_en: Shandong key technology list 2022
        summary_en: The 2022 list.

        """

    /// The fixture list with `defaults` in place of its category line.
    static func list(_ defaults: String = defaults) -> String {
        FixtureSite.base["\(listPath)/_index.md"]!.replacingOccurrences(
            of: "category: key-technology\n", with: defaults)
    }

    /// A requirement that sets nothing the list sets (no issuer either), and solvers so `completed` is complete.
    static let bare = "---\ntitle: 继承一切\nindustry: new-materials\nsolvers: [山东大学]\n---\n正文。"

    @Test func aRequirementInheritsEveryDefaultOfItsList() throws {
        let site = try FixtureSite(["\(listPath)/_index.md": Self.list(), "\(listPath)/bare.md": Self.bare])
        let checked = try site.check()
        // good.md names no solvers, and the inherited status is completed: that is its only diagnostic.
        expectDiagnostic(checked.diagnostics, .missingSolvers, path: "\(listPath)/good.md", line: 1, column: 1)
        #expect(checked.diagnostics.count == 1, "\(describe(checked.diagnostics))")
        let list = try #require(checked.resolved?.lists.first)
        #expect(list.titleEn == "Shandong key technology list 2022")
        #expect(list.summaryEn == "The 2022 list.")
        let bare = try #require(checked.resolved?.requirements.first { $0.requirement.slug == "bare" })
        let q = bare.requirement
        #expect(bare.status == .completed)
        #expect(bare.effectiveStatus == .completed)
        #expect(q.issuer == Issuer(name: "山东省工业和信息化厅", type: .government))
        #expect(q.contact == Contact(name: "李工", phone: "0531-12345678"))
        #expect(q.eligibility == ["在山东省内注册的企业"])
        #expect(q.howToApply == "通过省工信厅平台申报")
        #expect(q.applyURL == "https://example.gov.cn/apply")
        #expect(q.period == "3年")
        #expect(q.ip == "归揭榜单位所有")
        #expect(q.timeline == [TimelineEntry(date: Day("2022-07-01")!, event: "宣讲会")])
        // A requirement's own issuer wins.
        let good = try #require(checked.resolved?.requirements.first { $0.requirement.slug == "good" })
        #expect(good.requirement.issuer.name == "力博重工")
    }

    @Test func aRequirementsOwnValuesWin() throws {
        let own = requirement(
            """
            status: open
            contact: {name: 张工}
            eligibility: [高校]
            how_to_apply: 邮件申报
            apply_url: https://example.org/own
            period: 1年
            ip: 双方共有
            timeline:
              - {date: 2022-08-01, event: 申报截止}
            """)
        let site = try FixtureSite(["\(listPath)/_index.md": Self.list(), "\(listPath)/own.md": own])
        let checked = try site.check()
        let r = try #require(checked.resolved?.requirements.first { $0.requirement.slug == "own" })
        #expect(r.status == .open)
        #expect(r.requirement.issuer.name == "测试企业")
        #expect(r.requirement.contact == Contact(name: "张工"))
        #expect(r.requirement.eligibility == ["高校"])
        #expect(r.requirement.howToApply == "邮件申报")
        #expect(r.requirement.applyURL == "https://example.org/own")
        #expect(r.requirement.period == "1年")
        #expect(r.requirement.ip == "双方共有")
        #expect(r.requirement.timeline.map(\.event) == ["申报截止"])
    }

    @Test func inheritedValuesReachTheOpenData() throws {
        let site = try FixtureSite(["\(listPath)/_index.md": Self.list(), "\(listPath)/bare.md": Self.bare])
        try site.build()
        let all = try #require(try site.json("data/requirements.json")["requirements"] as? [[String: Any]])
        let bare = try #require(all.first { $0["id"] as? String == "2022-test/bare" })
        #expect(bare["status"] as? String == "completed")
        #expect(bare["effective_status"] as? String == "completed")
        #expect((bare["issuer"] as? [String: Any])?["name"] as? String == "山东省工业和信息化厅")
        #expect(bare["eligibility"] as? [String] == ["在山东省内注册的企业"])
        #expect(bare["how_to_apply"] as? String == "通过省工信厅平台申报")
        #expect(bare["apply_url"] as? String == "https://example.gov.cn/apply")
        #expect(bare["period"] as? String == "3年")
        #expect(bare["ip"] as? String == "归揭榜单位所有")
        #expect((bare["timeline"] as? [[String: Any]])?.first?["event"] as? String == "宣讲会")
        let csv = try site.read("data/requirements.csv")
        let row = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix("2022-test/bare,") })
        #expect(row.contains("山东省工业和信息化厅,government"))
        #expect(row.contains(",completed,completed,false,"))
    }

    @Test func reportsAMissingIssuerWhenNeitherTheRequirementNorItsListGivesOne() throws {
        let path = "\(listPath)/need.md"
        let site = try FixtureSite([path: requirement(dropping: ["issuer"])])
        let d = expectDiagnostic(try site.diagnostics(), .missingField, path: path, line: 1, column: 1)
        #expect(d?.message(in: .en) == "missing required field 'issuer'")
        // Written but empty: at its key, as for every required field.
        let empty = try FixtureSite([path: requirement("issuer:")])
        expectDiagnostic(try empty.diagnostics(), .missingField, path: path, line: 4, column: 1)
        // An issuer without its name is reported once, by decode, even where the list has one.
        let nameless = try FixtureSite([
            "\(listPath)/_index.md": Self.list(),
            path: requirement("status: completed\nsolvers: [甲]\nissuer:\n  type: private"),
        ])
        let all = try nameless.diagnostics().filter { $0.path == path }
        let only = expectDiagnostic(all, .missingField, path: path, line: 6, column: 1)
        #expect(only?.message(in: .en) == "missing required field 'issuer.name'")
    }

    @Test func theInheritedStatusDecidesTheDeadlineNotice() throws {
        // The list says open and its deadline has passed: the notice, and the published status closed.
        let open = Self.list("category: key-technology\nstatus: open\ndeadline: 2022-08-31\n")
        let site = try FixtureSite(["\(listPath)/_index.md": open])
        let checked = try site.check(buildDate: Day("2022-09-01")!)
        let d = expectDiagnostic(
            checked.diagnostics, .deadlinePassed, path: "\(listPath)/good.md", line: 1, column: 1)
        #expect(d?.severity == .notice)
        #expect(checked.resolved?.requirements.first?.effectiveStatus == .closed)
        // The list says completed: neither deadline-passed nor stale-open, years later.
        let done = Self.list("category: key-technology\nstatus: completed\ndeadline: 2022-08-31\n")
        let finished = try FixtureSite([
            "\(listPath)/_index.md": done, "\(listPath)/good.md": requirement("solvers: [山东大学]"),
        ])
        let later = try finished.check(buildDate: Day("2025-01-01")!)
        #expect(later.diagnostics.isEmpty, "\(describe(later.diagnostics))")
        #expect(later.resolved?.requirements.first?.effectiveStatus == .completed)
    }

    @Test func theInheritedStatusDecidesStaleOpen() throws {
        // Published 2022-06-29, no deadline, the list says matching: not stale two years later.
        let matching = try FixtureSite([
            "\(listPath)/_index.md": Self.list("category: key-technology\nstatus: matching\n")
        ])
        #expect(try matching.diagnostics(buildDate: Day("2024-07-01")!).isEmpty)
        // Without a status anywhere: stale, at the start of the file (nothing written to point at).
        let plain = try FixtureSite()
        expectDiagnostic(
            try plain.diagnostics(buildDate: Day("2024-07-01")!), .staleOpen, path: "\(listPath)/good.md", line: 1,
            column: 1)
    }

    @Test func rejectsBadListDefaultsAtTheirPosition() throws {
        let bad = Self.list(
            "category: key-technology\nstatus: done\nissuer:\n  type: private\napply_url: www.example.org\ncontact: {email: nobody}\n"
        )
        let site = try FixtureSite(["\(listPath)/_index.md": bad])
        let all = try site.diagnostics()
        let path = "\(listPath)/_index.md"
        expectDiagnostic(all, .unknownStatus, path: path, line: 7, column: 9)
        expectDiagnostic(all, .missingField, path: path, line: 8, column: 1)
        expectDiagnostic(all, .urlInvalid, path: path, line: 10, column: 12)
        expectDiagnostic(all, .contactInvalid, path: path, line: 11, column: 18)
    }

    @Test func closingSoonIsOpenWithTheDeadlineWithinFourteenDays() throws {
        let build = Day("2023-01-01")!
        func soon(_ status: Status, _ deadline: String?) -> Bool {
            ResolvedRequirement.isClosingSoon(
                effectiveStatus: status, deadline: deadline.flatMap { Day($0) }, buildDate: build)
        }
        #expect(soon(.open, "2023-01-01"))
        #expect(soon(.open, "2023-01-15"))
        #expect(!soon(.open, "2023-01-16"))
        #expect(!soon(.open, nil))
        #expect(!soon(.matching, "2023-01-10"))
        // Through resolve, from the list's deadline, into the open data.
        let list = Self.list("category: key-technology\ndeadline: 2023-01-10\n")
        let site = try FixtureSite([
            "\(listPath)/_index.md": list, "\(listPath)/later.md": requirement("deadline: 2023-02-01"),
        ])
        try site.build(buildDate: build)
        let all = try #require(try site.json("data/requirements.json")["requirements"] as? [[String: Any]])
        #expect(all.map { $0["closing_soon"] as? Bool } == [true, false])
    }

    @Test func publishesTermNamesInTheMainLanguage() throws {
        let site = try FixtureSite()
        try site.build()
        let good = try #require(
            (try site.json("data/requirements.json")["requirements"] as? [[String: Any]])?.first)
        #expect(good["category_name"] as? String == "关键技术类")
        #expect(good["industry_names"] as? [String] == ["高端装备制造"])
        #expect(good["region_name"] as? String == "山东省")
        let english = try FixtureSite([
            "content/site.yml": "title: Test\nbase_url: https://example.org/\nlanguages: [en, zh-CN]\n",
            "content/regions.yml": FixtureSite.base["content/regions.yml"]!.replacingOccurrences(
                of: "  name: 山东省\n", with: "  name: 山东省\n  name_en: Shandong\n"),
        ])
        try english.build()
        let first = try #require(
            (try english.json("data/requirements.json")["requirements"] as? [[String: Any]])?.first)
        #expect(first["region_name"] as? String == "Shandong")
        #expect(first["category_name"] as? String == "关键技术类", "no English name: the Chinese one")
    }
}
