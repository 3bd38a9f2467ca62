import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanRender
@testable import BangdanSchema
@testable import BangdanSite

/// ▲ Contract version 2 §4: the fields that say who may apply, how, until when and what else the notice says
/// (eligibility, how_to_apply, apply_url, ip, timeline, extra, title_en, summary_en), each end to end: read,
/// checked with the rule, path, line and column, and published as open data.
@Suite struct RequirementFieldsV2Tests {
    let path = "\(listPath)/need.md"

    func check(_ text: String) throws -> [Diagnostic] {
        try FixtureSite([path: text]).diagnostics()
    }

    static let everyField = """
        eligibility:
          - 在中国境内注册的独立法人
          - 近三年无不良信用记录
        how_to_apply: 登录 https://example.gov.cn/apply 在线填报
        apply_url: https://example.gov.cn/apply
        ip: 归揭榜单位所有
        timeline:
          - {date: 2023-01-05, event: 宣讲会, time: "09:30"}
          - date: 2023-01-10
            event: 申报截止
            time: 17:00
          - {date: 2023-02-01, event: 评审}
        extra:
          支持方式: 事后补助
          揭榜方式: 单位揭榜
        title_en: Ultra-low-power bulk conveying equipment
        summary_en: One paragraph in English.
        """

    @Test func readsEveryNewRequirementField() throws {
        let site = try FixtureSite([path: requirement(Self.everyField)])
        let checked = try site.check()
        #expect(checked.diagnostics.isEmpty, "\(describe(checked.diagnostics))")
        let need = try #require(checked.resolved?.requirements.first { $0.requirement.slug == "need" })
        let q = need.requirement
        #expect(q.eligibility == ["在中国境内注册的独立法人", "近三年无不良信用记录"])
        #expect(q.howToApply == "登录 https://example.gov.cn/apply 在线填报")
        #expect(q.applyURL == "https://example.gov.cn/apply")
        #expect(q.ip == "归揭榜单位所有")
        #expect(
            q.timeline == [
                TimelineEntry(date: Day("2023-01-05")!, event: "宣讲会", time: "09:30"),
                TimelineEntry(date: Day("2023-01-10")!, event: "申报截止", time: "17:00"),
                TimelineEntry(date: Day("2023-02-01")!, event: "评审"),
            ])
        // In the order written, not sorted.
        #expect(q.extra.facts.map(\.label) == ["支持方式", "揭榜方式"])
        #expect(q.titleEn == "Ultra-low-power bulk conveying equipment")
        #expect(q.summaryEn == "One paragraph in English.")
    }

    @Test func publishesTheNewFieldsAsOpenData() throws {
        let site = try FixtureSite([path: requirement(Self.everyField)])
        try site.build()
        let all = try #require(try site.json("data/requirements.json")["requirements"] as? [[String: Any]])
        let need = try #require(all.first { $0["id"] as? String == "2022-test/need" })
        #expect(need["eligibility"] as? [String] == ["在中国境内注册的独立法人", "近三年无不良信用记录"])
        #expect(need["apply_url"] as? String == "https://example.gov.cn/apply")
        #expect(need["how_to_apply"] as? String == "登录 https://example.gov.cn/apply 在线填报")
        #expect(need["ip"] as? String == "归揭榜单位所有")
        #expect(need["title_en"] as? String == "Ultra-low-power bulk conveying equipment")
        #expect(need["summary_en"] == nil, "SCHEMA.md §8 does not publish summary_en")
        let timeline = try #require(need["timeline"] as? [[String: Any]])
        #expect(timeline.count == 3)
        #expect(timeline[1]["date"] as? String == "2023-01-10")
        #expect(timeline[1]["event"] as? String == "申报截止")
        #expect(timeline[1]["time"] as? String == "17:00")
        #expect(timeline[2]["time"] is NSNull)
        #expect((need["extra"] as? [String: String]) == ["支持方式": "事后补助", "揭榜方式": "单位揭榜"])
        // The JSON object keeps the order written.
        let text = try site.read("data/requirements.json")
        let order = try #require(text.range(of: "\"extra\":{\"支持方式\":\"事后补助\",\"揭榜方式\":\"单位揭榜\"}"))
        #expect(!order.isEmpty)
        // Absent: null, or [] for arrays.
        let good = try #require(all.first { $0["id"] as? String == "2022-test/good" })
        #expect(good["extra"] is NSNull)
        #expect(good["eligibility"] as? [String] == [])
        #expect(good["timeline"] as? [Any] == nil || (good["timeline"] as? [Any])?.isEmpty == true)
        // The CSV holds the same, arrays joined with `;`.
        let csv = try site.read("data/requirements.csv")
        #expect(csv.contains("2023-01-05 09:30 宣讲会;2023-01-10 17:00 申报截止;2023-02-01 评审"))
        #expect(csv.contains("支持方式：事后补助;揭榜方式：单位揭榜"))
    }

    @Test func rejectsMoreThanTwentyEligibilityEntries() throws {
        let items = (1...21).map { "  - 条件\($0)" }.joined(separator: "\n")
        expectDiagnostic(
            try check(requirement("eligibility:\n" + items)), .tooManyValues, path: path, line: 27, column: 5)
    }

    @Test func rejectsAnEligibilityEntryOverThreeHundredCharacters() throws {
        let text = requirement("eligibility:\n  - " + String(repeating: "条", count: 301))
        let d = expectDiagnostic(try check(text), .textTooLong, path: path, line: 7, column: 5)
        #expect(d?.message(in: .en) == "field 'eligibility' is too long: 301 characters, at most 300")
    }

    @Test func rejectsHowToApplyAndIPOverTheirLimits() throws {
        let apply = expectDiagnostic(
            try check(requirement("how_to_apply: " + String(repeating: "申", count: 1001))), .textTooLong, path: path,
            line: 6, column: 15)
        #expect(apply?.message(in: .en).contains("at most 1000") == true)
        let ip = expectDiagnostic(
            try check(requirement("ip: " + String(repeating: "权", count: 501))), .textTooLong, path: path, line: 6,
            column: 5)
        #expect(ip?.message(in: .en).contains("'ip'") == true)
        let title = expectDiagnostic(
            try check(requirement("title_en: " + String(repeating: "a", count: 201))), .textTooLong, path: path,
            line: 6, column: 11)
        #expect(title?.message(in: .en).contains("at most 200") == true)
        expectDiagnostic(
            try check(requirement("summary_en: " + String(repeating: "a", count: 501))), .textTooLong, path: path,
            line: 6, column: 13)
    }

    @Test(arguments: ["javascript:alert(1)", "www.example.gov.cn/apply", "https://a@b.example/", "ftp://example.org/"])
    func rejectsAnApplyURLThatIsNotAWebAddress(_ url: String) throws {
        let d = expectDiagnostic(
            try check(requirement("apply_url: \"\(url)\"")), .urlInvalid, path: path, line: 6, column: 12)
        #expect(d?.message(in: .en).contains("'apply_url'") == true)
    }

    @Test func rejectsATimelineEntryWithoutAnEventOrWithABadTime() throws {
        let text = requirement(
            "timeline:\n  - date: 2023-01-05\n    time: \"25:00\"\n  - {date: 2023-13-01, event: 评审}")
        let all = try check(text)
        let missing = expectDiagnostic(all, .missingField, path: path, line: 7, column: 5)
        #expect(missing?.message(in: .en) == "missing required field 'timeline.event'")
        let time = expectDiagnostic(all, .type, path: path, line: 8, column: 11)
        #expect(time?.message(in: .en) == "field 'timeline.time': expected a time HH:MM (00:00–23:59), found '25:00'")
        expectDiagnostic(all, .dateInvalid, path: path, line: 9, column: 12)
    }

    @Test func rejectsMoreThanThirtyTimelineEntries() throws {
        let items = (1...31).map { "  - {date: 2023-01-\(String(format: "%02d", $0)), event: 第\($0)项}" }
        expectDiagnostic(
            try check(requirement("timeline:\n" + items.joined(separator: "\n"))), .tooManyValues, path: path,
            line: 37, column: 5)
    }

    @Test func rejectsExtraOverItsLimits() throws {
        let pairs = (1...21).map { "  事项\($0): 内容" }.joined(separator: "\n")
        let d = expectDiagnostic(
            try check(requirement("extra:\n" + pairs)), .tooManyValues, path: path, line: 27, column: 3)
        #expect(d?.message(in: .en) == "field 'extra' has too many values: 21, at most 20")
        let label = String(repeating: "标", count: 31)
        expectDiagnostic(
            try check(requirement("extra:\n  \(label): 内容")), .textTooLong, path: path, line: 7, column: 3)
        let long = expectDiagnostic(
            try check(requirement("extra:\n  揭榜方式: " + String(repeating: "长", count: 501))), .textTooLong,
            path: path, line: 7, column: 9)
        #expect(long?.message(in: .en).contains("'extra.揭榜方式'") == true)
        expectDiagnostic(try check(requirement("extra:\n  - 揭榜方式")), .type, path: path, line: 7, column: 3)
        expectDiagnostic(try check(requirement("extra:\n  揭榜方式: [a, b]")), .type, path: path, line: 7, column: 9)
    }

    @Test func warnsAtTheFirstTimelineEntryOutOfDateOrder() throws {
        let text = requirement(
            """
            timeline:
              - {date: 2023-02-01, event: 评审}
              - {date: 2023-01-10, event: 申报截止}
              - {date: 2023-01-05, event: 宣讲会}
            """)
        let all = try check(text)
        let d = expectDiagnostic(all, .timelineOrder, path: path, line: 8, column: 5)
        #expect(d?.severity == .warning)
        #expect(
            d?.message(in: .en)
                == "timeline is not in date order: 2023-01-10 comes after 2023-02-01; list the entries by date")
        #expect(d?.message(in: .zhCN).contains("未按日期排列") == true)
    }

    @Test func comparesTimesOfOneDayAndAcceptsEntriesInOrder() throws {
        let sameDay = requirement(
            "timeline:\n  - {date: 2023-01-10, event: 答辩, time: \"14:00\"}\n  - date: 2023-01-10\n    event: 报到\n    time: \"09:00\""
        )
        let d = expectDiagnostic(try check(sameDay), .timelineOrder, path: path, line: 8, column: 5)
        #expect(d?.message(in: .en).contains("2023-01-10 09:00 comes after 2023-01-10 14:00") == true)
        let inOrder = requirement(
            "timeline:\n  - {date: 2023-01-10, event: 报到}\n  - {date: 2023-01-10, event: 答辩, time: \"14:00\"}\n  - {date: 2023-01-11, event: 评审}"
        )
        #expect(try check(inOrder).isEmpty)
    }

    @Test func warnsAboutAListTimelineOutOfOrder() throws {
        let list = FixtureSite.base["\(listPath)/_index.md"]!.replacingOccurrences(
            of: "category: key-technology\n",
            with:
                "category: key-technology\ntimeline:\n  - {date: 2022-08-01, event: 评审}\n  - {date: 2022-07-01, event: 宣讲会}\n"
        )
        let site = try FixtureSite(["\(listPath)/_index.md": list])
        expectDiagnostic(try site.diagnostics(), .timelineOrder, path: "\(listPath)/_index.md", line: 9, column: 5)
    }

    @Test func theScaffoldAndTheJSONSchemaCarryTheNewFields() throws {
        let scaffold = Scaffold.requirement()
        for key in ["eligibility", "how_to_apply", "apply_url", "ip", "timeline", "extra", "title_en", "summary_en"] {
            #expect(scaffold.contains("# \(key):"), "bangdan new lacks \(key)")
        }
        let list = Scaffold.list()
        for key in ["status", "issuer", "contact", "eligibility", "apply_url", "timeline", "title_en", "summary_en"] {
            #expect(list.contains("# \(key):"), "the list scaffold lacks \(key)")
        }
        let schema = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONSchema.document().utf8)) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: [String: Any]])
        let requirement = try #require(defs["requirement"]?["properties"] as? [String: Any])
        #expect(Set(["eligibility", "timeline", "extra", "apply_url"]).isSubset(of: requirement.keys))
        #expect((defs["requirement"]?["required"] as? [String])?.contains("issuer") == false)
        let listFields = try #require(defs["list"]?["properties"] as? [String: Any])
        #expect(Set(["status", "issuer", "contact", "timeline", "title_en"]).isSubset(of: listFields.keys))
    }
}
