import Foundation
import Testing

@testable import BangdanCore
@testable import BangdanSchema
@testable import BangdanSite

private func wan(_ text: String) -> Wan { Wan(decimal: Substring(text), shiftedBy: 0)! }

/// SCHEMA.md §4 "Amounts", version 2: the kinds of figure real notices write, kept apart, shown canonically.
@Suite struct AmountKindsTests {
    @Test(arguments: [
        // Exact, in 元, with separators, spaces and full-width characters.
        ("5000000元", Amount.exact(wan("500"))), ("1,000万元", .exact(wan("1000"))), ("1000 万元", .exact(wan("1000"))),
        ("９６００万元", .exact(wan("9600"))), ("１，０００．５万元", .exact(wan("1000.5"))),
        ("12,345,678.9元", .exact(wan("1234.56789"))), ("1.5亿元", .exact(wan("15000"))),
        // Ranges: the unit on the last figure applies to both.
        ("500-1000万元", .range(wan("500"), wan("1000"))), ("500～1000万元", .range(wan("500"), wan("1000"))),
        ("500至1000万", .range(wan("500"), wan("1000"))), ("0.5-1亿元", .range(wan("5000"), wan("10000"))),
        ("500–1000万元", .range(wan("500"), wan("1000"))), ("500—1000万元", .range(wan("500"), wan("1000"))),
        ("500~1000万元", .range(wan("500"), wan("1000"))), ("500 - 1000 万元", .range(wan("500"), wan("1000"))),
        ("5000万-1亿元", .range(wan("5000"), wan("10000"))), ("500-1000", .range(wan("500"), wan("1000"))),
        // At least, up to.
        ("不低于1亿元", .atLeast(wan("10000"))), ("不少于500万元", .atLeast(wan("500"))), ("至少500万", .atLeast(wan("500"))),
        ("≥500万元", .atLeast(wan("500"))), ("≧ 500万元", .atLeast(wan("500"))), ("1000万元以上", .atLeast(wan("1000"))),
        ("最高6500万元", .upTo(wan("6500"))), ("不超过500万元", .upTo(wan("500"))), ("至多500万元", .upTo(wan("500"))),
        ("≤500万元", .upTo(wan("500"))), ("500万元以内", .upTo(wan("500"))),
        // Negotiable, none.
        ("面议", .negotiable), ("不设金额", .noBounty), ("不设揭榜金额", .noBounty),
        // Foreign currencies, kept apart, with any kind.
        ("300万美元", .exact(wan("300"), currency: .usd)), ("50万欧元", .exact(wan("50"), currency: .eur)),
        ("100万港元", .exact(wan("100"), currency: .hkd)), ("3000000美元", .exact(wan("300"), currency: .usd)),
        ("200-300万美元", .range(wan("200"), wan("300"), currency: .usd)),
        ("不低于100万欧元", .atLeast(wan("100"), currency: .eur)), ("最高1亿港元", .upTo(wan("10000"), currency: .hkd)),
    ])
    func readsEveryWrittenForm(_ text: String, _ amount: Amount) throws {
        #expect(Amount.read(text) == .success(amount))
        // `bangdan schema` gives editors a pattern: it must not flag a value the checker accepts.
        let pattern = try NSRegularExpression(pattern: Amount.writtenPattern)
        #expect(pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
    }

    @Test(arguments: [
        ("9600", "9600"), ("0.5", "0.5"), ("9600万元", "9600"), ("8.7亿", "87000"), ("1200万", "1200"),
    ])
    func keepsVersionOneMeanings(_ text: String, _ figure: String) {
        #expect(Amount(text: text) == .exact(wan(figure)))
        #expect(Amount(text: text) == .figure(wan(figure)))
    }

    @Test(arguments: [
        (Amount.exact(wan("9600")), "9600万元", "RMB 96 million"),
        (.exact(wan("87000")), "8.7亿元", "RMB 870 million"),
        (.exact(wan("200000")), "20亿元", "RMB 2 billion"),
        (.exact(wan("0.5")), "0.5万元", "RMB 5,000"),
        (.exact(wan("1234.5678")), "1234.5678万元", "RMB 12.345678 million"),
        (.range(wan("500"), wan("1000")), "500–1000万元", "RMB 5–10 million"),
        (.range(wan("5000"), wan("10000")), "0.5–1亿元", "RMB 50–100 million"),
        (.atLeast(wan("10000")), "不低于1亿元", "at least RMB 100 million"),
        (.upTo(wan("6500")), "最高6500万元", "up to RMB 65 million"),
        (.negotiable, "面议", "negotiable"),
        (.noBounty, "不设揭榜金额", "no bounty"),
        (.exact(wan("300"), currency: .usd), "300万美元", "USD 3 million"),
        (.exact(wan("50"), currency: .eur), "50万欧元", "EUR 500,000"),
        (.range(wan("30"), wan("50"), currency: .hkd), "30–50万港元", "HKD 300,000–500,000"),
    ])
    func showsEachKindCanonically(_ amount: Amount, _ chinese: String, _ english: String) {
        #expect(amount.text(in: .zhCN) == chinese)
        #expect(amount.text(in: .en) == english)
        // The Chinese form is also a written form: it reads back as the same amount.
        #expect(Amount(text: chinese) == amount)
    }

    @Test(arguments: [
        (Amount.exact(wan("9600")), "9600" as String?), (.range(wan("500"), wan("1000")), "500"),
        (.atLeast(wan("10000")), "10000"), (.upTo(wan("6500")), "6500"), (.negotiable, nil), (.noBounty, nil),
        (.exact(wan("300"), currency: .usd), nil), (.range(wan("1"), wan("2"), currency: .eur), nil),
    ])
    func givesTheFigureForTotals(_ amount: Amount, _ figure: String?) {
        #expect(amount.figure == figure.map(wan))
    }

    @Test(arguments: [
        ("伍佰万元", AmountDefect.didYouMean(.exact(wan("500")), chineseNumerals: true)),
        ("九千万", .didYouMean(.exact(wan("9000")), chineseNumerals: true)),
        ("壹亿贰仟万元", .didYouMean(.exact(wan("12000")), chineseNumerals: true)),
        ("一点五亿", .didYouMean(.exact(wan("15000")), chineseNumerals: true)),
        ("5千万元", .didYouMean(.exact(wan("5000")), chineseNumerals: true)),
        ("五百至一千万元", .didYouMean(.range(wan("500"), wan("1000")), chineseNumerals: true)),
        ("不低于一亿元", .didYouMean(.atLeast(wan("10000")), chineseNumerals: true)),
        ("约500万", .didYouMean(.exact(wan("500")), chineseNumerals: false)),
        ("人民币500万元", .didYouMean(.exact(wan("500")), chineseNumerals: false)),
        ("96000000", .missingUnit(yuan: .exact(wan("9600")), digits: "96000000")),
        ("9600元", .yuanBelowOneWan(suggestion: .exact(wan("9600")))),
        ("500-300万元", .reversedRange(suggestion: .range(wan("300"), wan("500")))),
        ("500-500万元", .equalBounds(suggestion: .exact(wan("500")))),
        ("9,600", .separatorWithoutUnit(suggestion: .exact(wan("9600")))),
        ("5,000,000", .separatorWithoutUnit(suggestion: .exact(wan("500")))),
        ("0", .notPositive), ("0万元", .notPositive), ("-5", .notPositive), ("0-500万元", .notPositive),
        ("2000亿", .tooLarge), ("10000000.01", .tooLarge), ("0.0000001", .tooPrecise), ("0.001元", .tooPrecise),
        ("500万-1000", .unreadable), ("300万美元-500万欧元", .unreadable), ("不低于500-1000万元", .unreadable),
        ("1,00万元", .unreadable), ("面议 500", .unreadable), ("abc", .unreadable), ("1 000万元", .unreadable),
        (String(repeating: "9", count: 201), .unreadable), (String(repeating: " 伍", count: 10_000), .unreadable),
    ])
    func saysWhatItRead(_ text: String, _ defect: AmountDefect) {
        #expect(Amount.read(text) == .failure(defect))
    }
}

/// `bounty-invalid` in a requirement file: rule, path, line, column, and the value to write, in both languages.
@Suite struct BountyDiagnosticTests {
    let path = "\(listPath)/need.md"

    @Test(arguments: [
        ("伍佰万元", "是否应为 500万元？", "did you mean 500万元?"),
        ("壹仟贰佰万元", "是否应为 1200万元？", "did you mean 1200万元?"),
        ("\"96000000\"", "是否应为 9600万元（96000000元）？", "did you mean 9600万元 (96000000元)?"),
        ("500-300万元", "下限高于上限 — 是否应为 300–500万元？", "lower bound is above its upper bound — did you mean 300–500万元?"),
        ("500～500万元", "上下限相同 — 是否应为 500万元？", "bounds are equal — did you mean 500万元?"),
        ("9600元", "不足 1万元（10000元），多半是漏写了“万” — 是否应为 9600万元？", "most likely a missing 万 — did you mean 9600万元?"),
        ("\"5,000,000\"", "须写明单位（不带单位的数字按万元计） — 是否应为 500万元？", "needs its unit"),
        ("约500万", "不加“约”“人民币”等字样 — 是否应为 500万元？", "without words such as 约 or 人民币 — did you mean 500万元?"),
        ("\"0\"", "金额应大于零", "must be above zero"),
        ("2000亿元", "超过上限 10000000万", "above the limit of 10000000万"),
        ("500万-1000", "面议", "面议"),
    ])
    func reportsTheValueToWrite(_ value: String, _ chinese: String, _ english: String) throws {
        let diagnostics = try FixtureSite(["\(path)": requirement("bounty: \(value)")]).diagnostics()
        let d = expectDiagnostic(diagnostics, .bountyInvalid, path: path, line: 6, column: 9)
        #expect(d?.message(in: .zhCN).contains(chinese) == true, "\(d?.message(in: .zhCN) ?? "")")
        #expect(d?.message(in: .en).contains(english) == true, "\(d?.message(in: .en) ?? "")")
    }

    @Test func reportsABadBountyAtItsValueNotItsKey() throws {
        // The position is the value's, wherever the key sits.
        let text = "---\ntitle: 测试需求\nindustry: new-materials\nissuer: {name: 测试企业}\nbounty:   一千万元\n---\n"
        let d = expectDiagnostic(
            try FixtureSite([path: text]).diagnostics(), .bountyInvalid, path: path, line: 5, column: 11)
        #expect(d?.message(in: .zhCN).contains("是否应为 1000万元？") == true)
    }
}

/// Statistics and open data use the figure for totals; foreign amounts are counted apart (SCHEMA.md §8).
@Suite struct AmountStatisticsTests {
    static func site(language: String? = nil) throws -> FixtureSite {
        var files: [String: String] = [
            "content/lists/2022-test/good.md": requirement("bounty: 1200万"),
            "content/lists/2022-test/range.md": requirement("bounty: 500-1000万元"),
            "content/lists/2022-test/least.md": requirement("bounty: 不低于1亿元"),
            "content/lists/2022-test/most.md": requirement("bounty: 最高6500万元"),
            "content/lists/2022-test/usd.md": requirement("bounty: 300万美元"),
            "content/lists/2022-test/talk.md": requirement("bounty: 面议"),
            "content/lists/2022-test/zero.md": requirement("bounty: 不设金额"),
            "content/lists/2022-test/yuan.md": requirement("bounty: \"１２,３４５,６７８.９元\""),
            "content/lists/2022-test/quiet.md": requirement(),
        ]
        if let language {
            files["content/site.yml"] = "title: Test\nbase_url: https://example.org/\nlanguage: \(language)\n"
        }
        return try FixtureSite(files)
    }

    @Test func countsTheFigureForTotalsExactly() throws {
        let site = try Self.site()
        let checked = try site.check()
        #expect(checked.diagnostics.isEmpty, "\(describe(checked.diagnostics))")
        let resolved = try #require(checked.resolved)
        let list = try #require(resolved.lists.first { $0.id == "2022-test" })
        let s = ListStatistics(list: list, requirements: resolved.requirements, vocabularies: resolved.vocabularies)
        // 1200 + 500 (a range's lower bound) + 10000 + 6500 + 1234.56789; not 300万美元, 面议, 不设金额.
        #expect(s.bountyTotal == wan("19434.56789"))
        #expect(s.bountyDisclosed == 5)
        #expect(s.bountyForeign == 1)
        #expect(s.bountyNegotiable == 1)
        #expect(s.bountyAtLeast1000 == 4)
    }

    @Test func writesTheBountyObjectAndForeignCount() throws {
        let site = try Self.site()
        try site.build()
        let lists = try #require(try site.json("data/lists.json")["lists"] as? [[String: Any]])
        let stats = try #require(lists.first?["stats"] as? [String: Any])
        #expect(stats["bounty_total_wan"] as? Double == 19434.56789)
        #expect(stats["bounty_disclosed"] as? Int == 5)
        #expect(stats["bounty_foreign"] as? Int == 1)
        #expect(stats["bounty_negotiable"] as? Int == 1)
        #expect(stats["bounty_at_least_1000"] as? Int == 4)

        let all = try #require(try site.json("data/requirements.json")["requirements"] as? [[String: Any]])
        func row(_ slug: String) throws -> [String: Any] { try #require(all.first { $0["slug"] as? String == slug }) }
        func bounty(_ slug: String) throws -> [String: Any]? { try row(slug)["bounty"] as? [String: Any] }

        let range = try #require(try bounty("range"))
        #expect(range["kind"] as? String == "range")
        #expect(range["min_wan"] as? Int == 500)
        #expect(range["max_wan"] as? Int == 1000)
        #expect(range["currency"] as? String == "CNY")
        #expect(range["text"] as? String == "500–1000万元")
        #expect(try row("range")["bounty_wan"] as? Int == 500)

        let least = try #require(try bounty("least"))
        #expect(least["kind"] as? String == "at_least")
        #expect(least["max_wan"] is NSNull)
        #expect(try row("least")["bounty_wan"] as? Int == 10000)
        let most = try #require(try bounty("most"))
        #expect(most["kind"] as? String == "up_to")
        #expect(most["min_wan"] is NSNull)
        #expect(most["max_wan"] as? Int == 6500)

        let usd = try #require(try bounty("usd"))
        #expect(usd["currency"] as? String == "USD")
        #expect(usd["text"] as? String == "300万美元")
        #expect(try row("usd")["bounty_wan"] is NSNull)

        let zero = try #require(try bounty("zero"))
        #expect(zero["kind"] as? String == "none")
        #expect(zero["currency"] is NSNull)
        #expect(zero["text"] as? String == "不设揭榜金额")
        #expect(try row("zero")["negotiable"] as? Bool == false)
        #expect(try bounty("talk")?["kind"] as? String == "negotiable")
        #expect(try row("talk")["negotiable"] as? Bool == true)
        #expect(try bounty("yuan")?["min_wan"] as? Double == 1234.56789)
        #expect(try row("quiet")["bounty"] is NSNull)
    }

    @Test func pagesShowTheCanonicalFormAndNeverCallNoBountyUndisclosed() throws {
        let site = try Self.site()
        try site.build()
        let page = { (slug: String) in try site.read("lists/2022-test/\(slug)/index.html") }
        #expect(try page("range").contains("500–1000万元"))
        #expect(try page("least").contains("不低于1亿元"))
        #expect(try page("most").contains("最高6500万元"))
        #expect(try page("usd").contains("300万美元"))
        #expect(try page("zero").contains("不设揭榜金额"))
        #expect(try !page("zero").contains("未披露"))
        #expect(try page("quiet").contains("未披露"))
    }

    @Test func englishPagesShowEnglishAmounts() throws {
        let site = try Self.site(language: "en")
        try site.build()
        let page = { (slug: String) in try site.read("lists/2022-test/\(slug)/index.html") }
        #expect(try page("range").contains("RMB 5–10 million"))
        #expect(try page("least").contains("at least RMB 100 million"))
        #expect(try page("usd").contains("USD 3 million"))
        #expect(try page("zero").contains("no bounty"))
        // Totals too: 1200 + 500 + 10000 + 6500 + 1234.56789 万元.
        #expect(try site.read("lists/2022-test/index.html").contains("RMB 194.3456789 million"))
        #expect(try site.read("index.html").contains("RMB 194.3456789 million"))
    }
}

/// `bangdan schema`: editors must not flag a bounty that `bangdan check` accepts.
@Suite struct AmountSchemaTests {
    @Test func theJSONSchemaAcceptsEveryVersionTwoForm() throws {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONSchema.document().utf8)) as? [String: Any])
        let defs = try #require(document["$defs"] as? [String: Any])
        let requirement = try #require(defs["requirement"] as? [String: Any])
        let properties = try #require(requirement["properties"] as? [String: Any])
        let bounty = try #require(properties["bounty"] as? [String: Any])
        let forms = try #require(bounty["anyOf"] as? [[String: Any]])
        let pattern = try #require(forms.compactMap { $0["pattern"] as? String }.first)
        let regex = try NSRegularExpression(pattern: pattern)
        for text in [
            "5000000元", "1,000万元", "1000 万元", "９６００万元", "500-1000万元", "500～1000万元", "0.5-1亿元", "不低于1亿元",
            "1000万元以上", "最高6500万元", "500万元以内", "面议", "不设金额", "300万美元", "50万欧元", "100万港元",
        ] {
            #expect(Amount(text: text) != nil)
            #expect(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil, "\(text)")
        }
    }
}
