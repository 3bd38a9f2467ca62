import Testing

@testable import BangdanCore
@testable import BangdanSchema

/// SCHEMA.md §4 "Amounts": exact decimal 万元, with units, or 面议.
@Suite struct AmountTests {
    @Test(arguments: [
        ("9600", Int64(9_600_000_000)), ("0.5", 500_000), ("9600万元", 9_600_000_000), ("9600万", 9_600_000_000),
        ("8.7亿元", 87_000_000_000), ("8.7亿", 87_000_000_000), ("1200万", 1_200_000_000), ("0.5亿元", 5_000_000_000),
        (" 300 ", 300_000_000), ("0.000001", 1), ("1000亿", 10_000_000_000_000), ("10000000", 10_000_000_000_000),
        ("2.50", 2_500_000),
    ])
    func readsFigures(_ text: String, _ micro: Int64) {
        #expect(Amount(text: text) == .figure(Wan(micro: micro)))
    }

    @Test func readsNegotiable() {
        #expect(Amount(text: "面议") == .negotiable)
    }

    @Test(arguments: [
        "0", "0万元", "-5", "10000000.01", "1000.1亿", "abc", "9,600", "9600元", "1e3", ".5", "5.",
        "0.0000001", "", "万元", "约500万", "面议 500",
    ])
    func rejects(_ text: String) {
        #expect(Amount(text: text) == nil)
    }

    /// The plain forms are read over their bytes first; a leading space sends the same text through the general
    /// reading (which trims it), and both must agree on every figure, unit and edge of the range.
    @Test func plainFormsReadAsTheGeneralReadingReadsThem() {
        let wholes = [
            "0", "00", "1", "9", "12", "0500", "9999999", "10000000", "10000001", "999999999999", "1234567890123",
        ]
        let fractions = ["", ".0", ".00", ".5", ".50", ".05", ".123456", ".1234567", ".0000001", ".12345678901", "."]
        let units = ["", "元", "万", "亿", "万元", "亿元", "美元", "万美元", "亿欧元", "港元", "万港元", "千元", "万 元"]
        var compared = 0
        for whole in wholes {
            for fraction in fractions {
                for unit in units {
                    let text = whole + fraction + unit
                    #expect(Amount.read(text) == Amount.read(" " + text), "\(text)")
                    compared += 1
                }
            }
        }
        for text in ["面议", "面议面议", "面", "不设金额", "1面议"] {
            #expect(Amount.read(text) == Amount.read(" " + text), "\(text)")
        }
        #expect(compared == 1573)
    }

    @Test func sumsWithoutDrift() {
        let tenths = (0..<10).map { _ in Amount(text: "0.1")!.figure! }
        #expect(tenths.reduce(.zero, +) == Wan(whole: 1))
    }

    @Test func printsDecimalsWithoutTrailingZeros() {
        #expect(Wan(micro: 87_000_000_000).decimalString(unitPlaces: 4) == "8.7")
        #expect(Wan(micro: 9_600_000_000).decimalString() == "9600")
        #expect(Wan(micro: 500_000).decimalString() == "0.5")
        #expect(Wan(micro: 1).decimalString() == "0.000001")
    }

    /// A difference below zero keeps its sign in front, whatever its size: a fraction of a 万, a whole number,
    /// the least number there is (whose remainder's text is longer than the fraction's places).
    @Test func printsADifferenceBelowZero() {
        #expect((Wan(micro: 0) - Wan(micro: 500_000)).decimalString() == "-0.5")
        #expect((Wan(micro: 1_000_000) - Wan(micro: 2_500_000)).decimalString() == "-1.5")
        #expect(Wan(micro: -3_000_000).decimalString() == "-3")
        #expect(Wan(micro: -1).decimalString(unitPlaces: 4) == "-0.0000000001")
        #expect(Wan(micro: Int64.min).decimalString() == "-9223372036854.775808")
    }

    @Test func readsBountyFromFrontMatterAsWrittenNotAsFloat() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("bounty: 0.1")])
        let need = try #require(try site.check().resolved?.requirements.first { $0.requirement.slug == "need" })
        #expect(need.requirement.bounty == .figure(Wan(micro: 100_000)))
    }
}

/// 统一社会信用代码, GB 32100-2015.
@Suite struct CreditCodeTests {
    @Test(arguments: [
        "91350100M000100Y43", "91110108551385082Q", "12100000400000770U", "913700001630467895", "11100000000013127D",
    ])
    func acceptsValidCodes(_ code: String) {
        #expect(CreditCode.defect(in: code) == nil)
    }

    @Test(arguments: [
        ("91350100M000100Y44", CreditCode.Defect.checkCharacter(expected: "3")),
        ("91370000163046789X", .checkCharacter(expected: "5")),
        ("9135010", .length(7)),
        ("91350100M000100Y433", .length(19)),
        ("91350100I000100Y43", .character("I")),
        ("91350100m000100Y43", .character("m")),
    ])
    func reportsWhatIsWrong(_ code: String, _ defect: CreditCode.Defect) {
        #expect(CreditCode.defect(in: code) == defect)
    }
}
