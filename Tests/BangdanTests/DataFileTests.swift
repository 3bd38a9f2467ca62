import Foundation
import FoundationXML
import Testing

@testable import BangdanCore
@testable import BangdanRender

/// The open data, the feed and the sitemap are written as bytes (`ByteWriter`): escaped exactly as the string
/// functions they replaced, and every file a fixture build writes parses back to what the content says.
@Suite struct DataFileTests {
    /// Every ASCII control character, the characters JSON, XML and CSV treat specially, and UTF-8 that starts
    /// like U+2028 without being it.
    static let awkward: [String] = [
        "", "plain", "中文", "\"quoted\"", "back\\slash", "<script>&</script>", "it's", "a\u{2028}b\u{2029}c",
        "—€\u{2027}\u{202A}\u{202F}", "😀 tail", "=1+2", "-5", "+86 10", "@x", "a,b;c", "line\r\nbreak",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}",
    ]

    @Test(arguments: awkward)
    func jsonStringsAreEscapedAsJSONTextEscapesThem(_ text: String) throws {
        var w = ByteWriter()
        w.jsonString(text)
        #expect(w.bytes == Array(JSONText.quote(text).utf8))
        let back = try JSONSerialization.jsonObject(with: Data(w.bytes), options: .fragmentsAllowed) as? String
        #expect(back == text)
    }

    @Test(arguments: awkward)
    func xmlTextIsEscapedAsFeedsEscapesIt(_ text: String) {
        var w = ByteWriter()
        w.xml(text)
        #expect(w.bytes == Array(Feeds.xml(text).utf8))
    }

    @Test func csvFieldsAreQuotedAndFormulasDisarmed() {
        let cases: [(String, String)] = [
            ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("a;b", "\"a;b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""), ("=1+2", "'=1+2"), ("-5", "-5"), ("+86 10", "'+86 10"),
            ("@home", "'@home"), ("=a,b", "\"'=a,b\""), ("中文", "中文"),
        ]
        for (text, expected) in cases {
            var w = ByteWriter()
            w.csvField(text)
            #expect(String(decoding: w.bytes, as: UTF8.self) == expected, "\(text)")
        }
    }

    @Test func everyDataFileOfAFixtureBuildParsesBackToTheContent() throws {
        let title = "标题 \"引号\" <b>&</b> a,b;c ' \u{2028} 尾"
        let site = try FixtureSite([
            "content/lists/2022-test/hostile.md": requirement(
                """
                title: "标题 \\"引号\\" <b>&</b> a,b;c ' \\u2028 尾"
                code: "=HYPERLINK(1)"
                keywords: ["<&>", "\\"", "x,y"]
                indicators:
                  - "良品率 > 99%"
                  - {name: "寿命", target: "≥ 10,000 小时"}
                """)
        ])
        try site.build()

        let requirements = try #require(try site.json("data/requirements.json")["requirements"] as? [[String: Any]])
        #expect(requirements.count == 2)
        let hostile = try #require(requirements.first { $0["slug"] as? String == "hostile" })
        #expect(hostile["title"] as? String == title)
        #expect(hostile["code"] as? String == "=HYPERLINK(1)")
        #expect(hostile["keywords"] as? [String] == ["<&>", "\"", "x,y"])
        #expect(hostile["bounty_wan"] is NSNull && hostile["negotiable"] as? Bool == false)
        let target = try #require((hostile["indicators"] as? [Any])?.last as? [String: String])
        #expect(target == ["name": "寿命", "target": "≥ 10,000 小时"])
        let lists = try #require(try site.json("data/lists.json")["lists"] as? [[String: Any]])
        let stats = try #require(lists.first?["stats"] as? [String: Any])
        #expect(stats["requirements"] as? Int == 2)
        #expect(stats["by_industry"] as? [String: Int] == ["high-end-equipment": 1, "new-materials": 1])

        // CSV (RFC 4180): BOM, CRLF, quoted fields; every row as wide as the header.
        let csv = try #require(FileManager.default.contents(atPath: site.output + "/data/requirements.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = Self.parseCSV(String(decoding: csv.dropFirst(3), as: UTF8.self))
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.count == OpenData.csvColumns.count })
        let row = try #require(rows.first { $0.contains("hostile") })
        let column = { (name: String) in row[OpenData.csvColumns.firstIndex(of: name)!] }  // the columns name them
        #expect(column("title") == title)
        #expect(column("code") == "'=HYPERLINK(1)")
        #expect(column("keywords") == "<&>;\";x,y")
        #expect(column("indicators") == "良品率 > 99%;寿命：≥ 10,000 小时")

        // XML: both files parse; the sitemap has one <loc> per page but the 404 page, the feed one entry each.
        for (name, element, count) in [("sitemap.xml", "loc", -1), ("feed.xml", "entry", 2)] {
            let data = try #require(FileManager.default.contents(atPath: site.output + "/" + name))
            let counter = ElementCounter(element)
            let parser = XMLParser(data: data)
            parser.delegate = counter
            #expect(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")")
            let pages = try site.snapshot().keys.filter { $0.hasSuffix("index.html") }.count
            #expect(counter.count == (count < 0 ? pages : count), "\(name)")
            if name == "feed.xml" { #expect(counter.texts.contains(title)) }
        }
    }

    /// Rows of RFC 4180 CSV with CRLF line ends.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        return rows
    }

    final class ElementCounter: NSObject, XMLParserDelegate {
        let name: String
        var count = 0
        var texts: [String] = []
        private var text = ""
        init(_ name: String) { self.name = name }
        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if element == name { count += 1 }
            text = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            texts.append(text)
        }
    }
}
