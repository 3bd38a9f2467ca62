import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender
@testable import BangdanSchema
@testable import BangdanServe
@testable import BangdanSite
@testable import Mustache

/// Numbers from flags and the environment: a value out of range is refused with exit 2 and a message, never a trap.
@Suite struct FlagTests {
    /// Runs the built `bangdan`; a run that has not ended after 60 seconds (a server that started when it should
    /// have refused) is stopped and counts as a failure.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Binary.Run {
        try Binary.run(arguments, environment: environment)
    }

    static let badEpochs = [
        "-9223372036854775808", "-1", "9223372036854775807", "99999999999999999999999", "253402300800",
        "+1672531200", "1672531200.5", "1.6e9", "0x63B0CD00", "1672531200s", "abc", "１６７２５３１２００", "1 2",
    ]

    @Test(arguments: badEpochs)
    func refusesASourceDateEpochThatIsNotAPlainTimeInRange(_ value: String) throws {
        #expect(throws: BangdanError.self) { try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": value]) }
        let site = try FixtureSite()
        for command in [["check"], ["build"], ["serve", "--port", "0"]] {
            let result = try run(command + ["--site", site.root], environment: ["SOURCE_DATE_EPOCH": value])
            #expect(result.status == 2, "\(command) with SOURCE_DATE_EPOCH=\(value): \(result.stderr)")
            #expect(result.stderr.contains("SOURCE_DATE_EPOCH"), "\(result.stderr)")
            #expect(result.stderr.contains("253402300799"), "the message says the range: \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.absolute("public")), "nothing written")
    }

    @Test func acceptsTheWholeRangeOfBuildDates() throws {
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "0"]).description == "1970-01-01")
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "253402300799"]).description == "9999-12-31")
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": " 1672531200\n"]).description == "2023-01-01")
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "951782400"]).description == "2000-02-29")
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "4107542399"]).description == "2100-02-28")
        #expect(
            try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": ""]) == Build.buildDate(environment: [:]),
            "empty is unset")
        #expect(Day(unixSeconds: .min) == nil && Day(unixSeconds: .max) == nil && Day(unixSeconds: -1) == nil)

        let site = try FixtureSite()
        #expect(try run(["check", "--site", site.root], environment: ["SOURCE_DATE_EPOCH": "0"]).status == 0)
        #expect(
            try run(["check", "--site", site.root], environment: ["SOURCE_DATE_EPOCH": "253402300799"]).status == 0)
    }

    @Test(arguments: ["99999", "65536", "-1", "-9223372036854775808", "9223372036854775808", "1e3", "http", ""])
    func refusesAPortOutOfRange(_ port: String) throws {
        let site = try FixtureSite()
        let result = try run(["serve", "--site", site.root, "--port", port])
        #expect(result.status == 2, "--port \(port): \(result.stderr)")
        #expect(result.stderr.contains("port"), "\(result.stderr)")
    }

    @Test func saysWhichPortsAreAllowed() throws {
        let site = try FixtureSite()
        let result = try run(["serve", "--site", site.root, "--port", "99999"])
        #expect(result.stderr.contains("1 到 65535"), "the site is in Chinese: \(result.stderr)")
    }

    @Test func escapesControlCharactersOfARefusedValue() throws {
        let error = try #require(throws: BangdanError.self) {
            try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "12\u{1B}[31m\n::error::x"])
        }
        let text = "\(error)"
        #expect(!text.contains("\u{1B}") && !text.contains("\n"), "\(text)")
        #expect(text.contains("\\u{1B}"))
    }
}

/// One strict check for every published URL (SCHEMA.md §4 `url-invalid`) and for `base_url` (`site-invalid`):
/// nothing that could leave the site's host or break out of an HTML attribute is ever published.
@Suite struct URLTests {
    /// Bad as `base_url`, with what is wrong.
    static let badBases: [(String, URLCheck.Defect)] = [
        ("//evil.example/", .scheme), ("evil.example", .scheme), ("ftp://example.org/", .scheme),
        ("javascript:alert(1)//", .scheme), ("data:text/html,x", .scheme), ("https:evil.example", .scheme),
        ("https:/evil.example/", .scheme), ("https://", .host), ("https:///evil.example/", .host),
        ("https://example.org//evil.example/", .basePath), ("https://example.org/bangdan//", .basePath),
        ("https://example.org/a/../b/", .basePath), ("https://example.org/./", .basePath),
        ("https://example.org/%2F%2Fevil.example/", .basePath), ("https://example.org/榜单/", .basePath),
        ("https://example.org/a;b/", .basePath), ("https://example.org/a(b)/", .basePath),
        ("https://example.org\\@evil.example/", .character("\\")),
        ("https://example.org/\\evil.example/", .character("\\")),
        ("https://example.org\\\\evil.example", .character("\\")),
        ("https://user:pw@example.org/", .userInfo), ("https://example.org@evil.example/", .userInfo),
        ("https://example.org/\"onload=\"alert(1)", .character("\"")), ("https://example.org/'x", .character("'")),
        ("https://example.org/<script>", .character("<")), ("https://example.org/x>", .character(">")),
        ("https://example.org/ bangdan/", .character(" ")), ("https://exa\u{3000}mple.org/", .character("\u{3000}")),
        ("https://example.org/\u{202E}lmth", .character("\u{202E}")),
        ("https://example.org/\u{200B}x", .character("\u{200B}")),
        ("https://example.org/\u{2028}x", .character("\u{2028}")),
        ("https://example.org/\u{E000}", .character("\u{E000}")),
        ("https://example.org/{{x}}/", .character("{")), ("https://example.org/`x`/", .character("`")),
        ("https://example.org/a|b/", .character("|")), ("https://example.org/a^b/", .character("^")),
        ("https://example.org/?a=1", .queryOrFragment), ("https://example.org/#top", .queryOrFragment),
        ("https://example.org?a", .queryOrFragment),
        ("https://example.org:0/", .port), ("https://example.org:65536/", .port), ("https://example.org:/", .port),
        ("https://example.org:8o/", .port), ("https://example.org:-1/", .port), ("https://example.org:０/", .port),
        ("https://exa_mple.org/", .host), ("https://-example.org/", .host), ("https://example-.org/", .host),
        ("https://example..org/", .host), ("https://.example.org/", .host), ("https://example.org./", .host),
        ("https://[::1/", .host), ("https://[evil]/", .host), ("https://[::1]evil/", .host),
        ("https://exa%6Dple.org/", .host),
        ("https://example。org/", .host), ("https://example．org/", .host),
        ("https://example.org/a[0]/", .character("[")),
        ("https://example.org/%zz/", .percent), ("https://example.org/%4/", .percent),
        // Percent-escapes in base_url's path may spell text, never a path step or a character refused raw.
        ("https://example.org/a%2Fb/", .basePath), ("https://example.org/a%2fb/", .basePath),
        ("https://example.org/a%5Cb/", .basePath), ("https://example.org/a%00/", .basePath),
        ("https://example.org/a%1B/", .basePath), ("https://example.org/a%7F/", .basePath),
        ("https://example.org/%2E%2E/x/", .basePath), ("https://example.org/.%2e/", .basePath),
        ("https://example.org/%2E/", .basePath), ("https://example.org/%E6%A6/", .basePath),
        ("https://example.org/%FF/", .basePath), ("https://example.org/%C2%85/", .basePath),
        ("https://example.org/%E2%80%AE/", .basePath), ("https://example.org/%22%3E/", .basePath),
        ("https://example.org/%20/", .basePath), ("https://example.org/%E6%A6%9C//", .basePath),
        ("https://example.org/%E6%A6%9C单/", .basePath),
    ]

    /// Control characters cannot be written into YAML text without `text-invalid` catching them first, so they
    /// are checked against the validator only.
    static let controls: [String] = [
        "https://example.org/\u{0}", "https://example.org/\u{1B}[31m", "https://example.org/\t",
        "https://example.org/\n", "https://example.org/\r", "https://example.org/\u{7F}",
        "https://example.org/\u{85}", "https://example.org/\u{9B}",
    ]

    static let goodBases = [
        "https://kjt.example.gov.cn/bangdan/", "https://example.org", "http://example.org/", "HTTPS://Example.ORG/x/",
        "https://example.org:8443/a-b_c.d~e/", "http://127.0.0.1:1313/", "https://[2001:db8::1]/",
        "https://[::1]:8080/bangdan",
        "https://政府.中国/bangdan/", "https://xn--mxq.cn/", "https://example.org/bangdan",
        "https://example.gov.cn/%E6%A6%9C%E5%8D%95/", "https://example.gov.cn/kjt/%e6%a6%9c%e5%8d%95",
        "https://example.org/a%2Db%7E/", "https://example.org/%25/", "https://example.org/%3F%23/",
    ]

    /// Good in `source` and attachment links (queries, fragments, escapes and non-ASCII paths are fine there).
    static let goodLinks =
        goodBases + [
            "https://www.gov.cn/zhengce/2022-06/29/content_1.htm?id=3&x=y#part", "https://example.org/附件/申报书.pdf",
            "https://example.org/a%20b.pdf", "https://example.org/search?q=%E6%A6%9C", "https://example.org/a(1).pdf",
            "https://example.org/;jsessionid=1", "https://example.org/a+b,c=d!$&*", "https://example.org//x//y",
            "https://example.org/a/../b", "https://example.org?x=1",
        ]

    static let badLinks: [String] = badBases.compactMap { value, defect in
        [.basePath, .queryOrFragment].contains(defect) ? nil : value
    }

    @Test func theValidatorNamesWhatIsWrong() {
        for (value, defect) in Self.badBases {
            #expect(URLCheck.defect(in: value, asBase: true) == defect, "\(value.debugDescription)")
        }
        for value in Self.badLinks {
            #expect(URLCheck.defect(in: value) != nil, "\(value.debugDescription)")
        }
        for value in Self.controls {
            #expect(
                URLCheck.defect(in: value) != nil && URLCheck.defect(in: value, asBase: true) != nil,
                "\(value.debugDescription)")
        }
        for value in Self.goodBases { #expect(URLCheck.defect(in: value, asBase: true) == nil, "\(value)") }
        for value in Self.goodLinks { #expect(URLCheck.defect(in: value) == nil, "\(value)") }
    }

    /// A YAML double-quoted scalar that reads back as `text`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{2028}": out += "\\L"
            case "\u{E000}", "\u{200B}", "\u{202E}": out += "\\u" + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test(arguments: badBases.map(\.0))
    func refusesABadBaseURLAtItsValue(_ value: String) throws {
        let site = try FixtureSite(["content/site.yml": "title: 测试榜单网\nbase_url: \(Self.quoted(value))\n"])
        let d = expectDiagnostic(try site.diagnostics(), .siteInvalid, path: "content/site.yml", line: 2, column: 11)
        let message = d?.message(in: .zhCN) ?? ""
        #expect(message.hasPrefix("site.yml 有误：字段 'base_url' 的网址"), "\(message)")
        #expect(message.contains("应写完整的网址，如 https://kjt.example.gov.cn/bangdan/"), "\(message)")
        #expect(d?.message(in: .en).contains("such as https://kjt.example.gov.cn/bangdan/") == true)
    }

    @Test(arguments: goodBases)
    func acceptsAGoodBaseURL(_ value: String) throws {
        let site = try FixtureSite(["content/site.yml": "title: 测试榜单网\nbase_url: \(Self.quoted(value))\n"])
        let d = try site.diagnostics()
        #expect(d.isEmpty, "\(describe(d))")
    }

    @Test func saysWhatIsWrongInChinese() throws {
        let cases = [
            ("//evil.example/", "应以 http:// 或 https:// 开头"),
            ("https://example.org//evil.example/", "路径只能由字母、数字、- . _ ~ 和 %编码（如 %E6%A6%9C）组成，用单个 / 分隔"),
            ("https://example.org\\@evil.example/", "含有不允许的字符 '\\'"),
            ("https://user@example.org/", "不能有用户名或密码"),
            ("https://example.org/?a=1", "网站地址不能含 ? 或 #"),
            ("https://example.org/\u{202E}x", "含有不允许的字符 U+202E"),
        ]
        for (value, phrase) in cases {
            let message = Problem.siteInvalid(detail: .field(.urlInvalid(field: "base_url", value: value))).message(
                in: .zhCN)
            #expect(message.contains(phrase), "\(message)")
        }
    }

    @Test(arguments: badLinks)
    func refusesABadSourceURL(_ value: String) throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("source: \(Self.quoted(value))")])
        let d = expectDiagnostic(try site.diagnostics(), .urlInvalid, path: "\(listPath)/need.md", line: 6, column: 9)
        #expect(d?.message(in: .zhCN).contains("如 https://") == true)
    }

    @Test(arguments: badLinks.filter { $0.contains(":") || $0.hasPrefix("//") })
    func refusesABadAttachmentURL(_ value: String) throws {
        let site = try FixtureSite([
            "\(listPath)/need.md": requirement("attachments:\n  - title: 附件\n    url: \(Self.quoted(value))")
        ])
        expectDiagnostic(try site.diagnostics(), .urlInvalid, path: "\(listPath)/need.md", line: 8, column: 10)
    }

    @Test func acceptsGoodLinksAndPublishesThemAsWritten() throws {
        var lines = ["source: \(Self.quoted(Self.goodLinks[0]))", "attachments:"]
        for link in Self.goodLinks { lines += ["  - title: 附件", "    url: \(Self.quoted(link))"] }
        let site = try FixtureSite(["\(listPath)/need.md": requirement(lines.joined(separator: "\n"))])
        let d = try site.diagnostics()
        #expect(d.isEmpty, "\(describe(d))")
        let built = try site.build()
        #expect(built.filesWritten != nil)
        let page = try site.read("lists/2022-test/need/index.html")
        #expect(page.contains("href=\"HTTPS://Example.ORG/x/\""), "an upper-case scheme is a link, not a missing file")
    }
}

/// An agency may publish under a path of Chinese words, written as percent-escapes in `base_url`.
@Suite struct PercentEncodedBaseTests {
    static let base = "https://example.gov.cn/%E6%A6%9C%E5%8D%95/"

    @Test func buildsLinksUnderAPercentEncodedBasePath() throws {
        let site = try FixtureSite(["content/site.yml": "title: 测试榜单网\nbase_url: \(Self.base)\n"])
        #expect(try site.diagnostics().isEmpty)
        try site.build()
        let page = try site.read("lists/2022-test/good/index.html")
        #expect(page.contains("href=\"/%E6%A6%9C%E5%8D%95/lists/2022-test/\""), "\(page)")
        let sitemap = try site.read("sitemap.xml")
        #expect(sitemap.contains("<loc>\(Self.base)lists/2022-test/good/</loc>"), "\(sitemap)")
    }

    @Test func servesThePreviewUnderTheDecodedBasePath() throws {
        let site = try FixtureSite(["content/site.yml": "title: 测试榜单网\nbase_url: \(Self.base)\n"])
        let server = try PreviewServer(site: site.root, port: 0) { _ in }
        defer { server.stop() }
        #expect(server.rebuild())
        Thread.detachNewThread { server.acceptLoop() }
        let client = PreviewServerTests()
        let page = try client.get(server.port, "/%E6%A6%9C%E5%8D%95/lists/2022-test/good/")
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>超低功耗散料输送高端装备</h1>"))
        let bare = try client.get(server.port, "/%E6%A6%9C%E5%8D%95")
        #expect(bare.status == 301)
        #expect(bare.header("Location") == "/%E6%A6%9C%E5%8D%95/")
    }
}

/// `Paths.encode`, which makes every address of the site, against percent-encoding written out byte by byte.
@Suite struct PathEncodingTests {
    static func reference(_ text: String, keepSlash: Bool) -> String {
        let plain = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-._~".utf8)
        return text.utf8.map { byte in
            plain.contains(byte) || (keepSlash && byte == 0x2F)
                ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }.joined()
    }

    @Test func everyByteButTheUnreservedIsEncoded() {
        let pieces = ["lists", "/", "2022-test", "需求", " ", "%", "a.b_c~d", "é", "\u{1F600}", "?", "#", "=", "&", "Z9"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = randomText(of: pieces, count: 0...8, using: &generator)
            for keepSlash in [true, false] {
                #expect(Paths.encode(text, keepSlash: keepSlash) == Self.reference(text, keepSlash: keepSlash))
            }
        }
        #expect(Paths.encode("lists/2022-test/a.pdf") == "lists/2022-test/a.pdf")
        #expect(Paths.encode("lists/a b", keepSlash: false) == "lists%2Fa%20b")
    }
}
