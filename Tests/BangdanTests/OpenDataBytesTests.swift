import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender
@testable import BangdanSchema
@testable import BangdanSite

/// The open data and the feeds are written straight into their files' bytes (`JSONObject`, `CSVRow`,
/// `FieldValue.appendOpenJSON`): each piece gives exactly the text its string form gave, so the files keep their
/// bytes.
@Suite struct OpenDataBytesTests {
    @Test(arguments: DataFileTests.awkward)
    func appendQuotedWritesWhatQuoteWrites(_ text: String) {
        var json: [UInt8] = []
        JSONText.appendQuoted(text, to: &json)
        #expect(json == Array(JSONText.quote(text).utf8))
    }

    /// A text escaped in parts is the text escaped whole (the id `list/slug`, a URL after its origin).
    @Test(arguments: DataFileTests.awkward)
    func aTextEscapedInPartsIsTheTextEscapedWhole(_ text: String) {
        for cut in text.indices {
            var json: [UInt8] = [0x22]
            JSONText.appendEscaped(String(text[..<cut]), to: &json)
            JSONText.appendEscaped(String(text[cut...]), to: &json)
            json.append(0x22)
            #expect(json == Array(JSONText.quote(text).utf8), "cut at \(text.distance(from: text.startIndex, to: cut))")
        }
    }

    /// A CSV field written in parts (a list joined with `;`, a solver and its region) is quoted and disarmed as the
    /// whole text would be.
    @Test func aCSVFieldWrittenInPartsIsQuotedAsTheWhole() {
        let rows: [[[String]]] = [
            [["plain"], ["a", "b"], ["", ""]],
            [["=", "1+2"], ["-", "5"], ["+86", " 10"], ["@", "x"]],
            [["say \"", "hi\""], ["two", "\n", "lines"], ["a,", "b"]],
            [["中文", "（北京市）"], ["=a", ";b"], []],
        ]
        for row in rows {
            var w = ByteWriter()
            w.raw("before,")
            var csv = CSVRow(after: &w)
            for parts in row {
                csv.next()
                for part in parts { csv.writer.raw(part) }
            }
            w = csv.end()
            let expected =
                "before," + row.map { OpenDataBytesTests.csvField($0.joined()) }.joined(separator: ",") + "\r\n"
            #expect(String(decoding: w.bytes, as: UTF8.self) == expected, "\(row)")
        }
    }

    /// The string form `ByteWriter.csvField` replaced (`OpenData.csvField`), as the specification of a field.
    static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40,
            Double(value) == nil
        {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x3B || $0 == 0x0D || $0 == 0x0A }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Each kind of declared value writes the JSON text it wrote as a string (`JSONText.object`, `array`, `quote`).
    @Test func declaredValuesWriteTheirJSONText() {
        let issuers = [
            Issuer(name: "力博重工 \"A\" <&>", type: .stateOwned, creditCode: "91370000"), Issuer(name: "第二"),
        ]
        let issuerObjects = issuers.map { issuer in
            JSONText.object(
                Schema.issuer.map { field in
                    let value: String =
                        switch field.name {
                        case "name": JSONText.quote(issuer.name)
                        case "type": JSONText.optional(issuer.type?.rawValue)
                        default: JSONText.optional(issuer.creditCode)
                        }
                    return (field.name, value)
                })
        }
        #expect(issuers.openJSON == JSONText.array(issuerObjects))
        #expect([String]().openJSON == "[]")
        #expect(Optional<String>.none.openJSON == "null")
        #expect(Optional("a\u{2028}").openJSON == JSONText.quote("a\u{2028}"))
        #expect(42.openJSON == "42")
        #expect(true.openJSON == "true")
        #expect(Day("2023-05-31")!.openJSON == "\"2023-05-31\"")
        #expect(Amount.exact(Wan(whole: 9600)).openJSON == "9600")
        #expect(Amount.negotiable.openJSON == "null")
        let indicators: [Indicator] = [.text("良品率 > 99%"), .target(name: "寿命", target: "≥ 10,000 小时")]
        #expect(
            indicators.openJSON
                == JSONText.array([
                    JSONText.quote("良品率 > 99%"),
                    JSONText.object([("name", JSONText.quote("寿命")), ("target", JSONText.quote("≥ 10,000 小时"))]),
                ]))
        #expect(ExtraFacts([]).openJSON == "null")
        let facts = ExtraFacts([ExtraFact(label: "揭榜方式", text: "单位\n揭榜"), ExtraFact(label: "a\"b", text: "<c>")])
        #expect(
            facts.openJSON
                == JSONText.object([("揭榜方式", JSONText.quote("单位\n揭榜")), ("a\"b", JSONText.quote("<c>"))]))
        let range = Amount.range(Wan(whole: 500), Wan(micro: 1_000_500_000), currency: .usd)
        #expect(
            range.openBountyJSON
                == JSONText.object([
                    ("kind", JSONText.quote("range")), ("min_wan", "500"), ("max_wan", "1000.5"),
                    ("currency", JSONText.quote("USD")), ("text", JSONText.quote(range.chineseText)),
                ]))
        let declared = DeclaredTotals(requirements: 41, bounty: .exact(Wan(micro: 524_200_000)))
        #expect(
            declared.openJSON
                == JSONText.object([
                    ("requirements", "41"), ("bounty_wan", "524.2"),
                    ("bounty", declared.bounty.map(\.openBountyJSON) ?? "null"),
                ]))
    }

    /// A figure's decimal string has no trailing zeros, whole or not.
    @Test func decimalStringsOfWholeAndFractionalFigures() {
        #expect(Wan(whole: 9600).decimalString() == "9600")
        #expect(Wan(micro: 0).decimalString() == "0")
        #expect(Wan(micro: 524_200_000).decimalString() == "524.2")
        #expect(Wan(micro: 1).decimalString() == "0.000001")
        #expect(Wan(whole: 52_420).decimalString(unitPlaces: 4) == "5.242")
        #expect(Wan(whole: 10_000).decimalString(unitPlaces: 4) == "1")
        #expect(Wan(whole: 3).decimalString(unitPlaces: -4) == "30000")
        // Trimmed from the number, as trimming the padded text character by character did.
        func byText(_ micro: Int64, _ places: Int) -> String {
            var divisor: Int64 = 1
            for _ in 0..<(6 + places) { divisor *= 10 }
            guard 6 + places > 0, micro % divisor != 0 else { return "\(micro / divisor)" }
            var fraction = String(micro % divisor)
            fraction = String(repeating: "0", count: 6 + places - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(micro / divisor).\(fraction)"
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let micro =
                Int64.random(in: 0...999_999_999_999, using: &generator)
                / [1, 10, 1_000, 100_000][Int.random(in: 0...3, using: &generator)]
            for places in [-4, -2, 0, 2, 4, 5] {
                #expect(
                    Wan(micro: micro).decimalString(unitPlaces: places) == byText(micro, places), "\(micro) \(places)")
            }
        }
        #expect(Wan(whole: -3).decimalString() == "-3")
    }

    /// Every row of requirements.json is the requirement's members (`requirementFields`) as one object, and each
    /// row's `url` and each feed entry's link is the page's absolute URL.
    @Test func everyRowIsItsMembersAsAnObjectAndLinksItsPage() throws {
        let site = try FixtureSite([
            "content/lists/2022-test/hostile.md": requirement(
                """
                title: "标题 \\"引号\\" <b>&</b> a,b;c ' \\u2028 尾"
                code: "=HYPERLINK(1)"
                keywords: ["<&>", "\\"", "x,y"]
                bounty: 500-1000.5万美元
                solvers: [{name: 甲, region: jinan}, 乙]
                indicators:
                  - "良品率 > 99%"
                  - {name: "寿命", target: "≥ 10,000 小时"}
                extra:
                  揭榜方式: 单位揭榜
                """)
        ])
        let checked = try site.check()
        let resolved = try #require(checked.resolved)
        try site.build()
        let json = try site.read("data/requirements.json")
        let rows = json.dropFirst("{\"requirements\":[\n".count).dropLast("\n]}\n".count)
            .components(separatedBy: ",\n")
        #expect(rows.count == resolved.requirements.count)
        let feed = try site.read("feed.xml")
        for (row, r) in zip(rows, resolved.requirements) {
            let fields = OpenData.requirementFields(r, resolved.vocabularies, resolved.site)
            #expect(row == JSONText.object(fields))
            let url = Feeds.absolute(resolved.site, SiteModel.requirementRoute(r))
            #expect(fields.first { $0.0 == "url" }?.1 == JSONText.quote(url))
            #expect(fields.first { $0.0 == "id" }?.1 == JSONText.quote(r.id))
            #expect(feed.contains("<id>\(Feeds.xml(url))</id>"))
        }
    }

    /// The write stage makes a contiguous run of files at a time on each core, and RowFile's own parallel map runs
    /// serially inside it: requirements.json is planned before the feeds and the CSV after everything else, so the
    /// two largest data files never share a run and are made on both cores at once.
    @Test func theTwoRowFilesArePlannedApart() throws {
        let site = try FixtureSite()
        let checked = try Build.check(site: site.root, buildDate: Day("2023-01-01")!)
        let model = SiteModel(try #require(checked.resolved))
        var timings = Timings()
        let rendering = try Render.prepare(model, theme: ThemeLoader.defaults, timings: &timings)
        let paths = rendering.data.map(\.path)
        let json = try #require(paths.firstIndex(of: "data/requirements.json"))
        let feeds = try #require(paths.firstIndex(of: "feed.xml"))
        #expect(json < feeds)
        #expect(paths.last == "data/requirements.csv")
    }
}
