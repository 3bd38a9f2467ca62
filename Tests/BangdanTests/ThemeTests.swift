import Foundation
import Testing

@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender
@testable import BangdanSchema
@testable import BangdanSite
@testable import Mustache

/// The default theme: interface strings only from the language tables, and the pieces the public relies on.
@Suite struct ThemeTests {
    let theme: ThemeFiles

    init() { theme = ThemeLoader.defaults }

    @Test func templatesHardCodeNoChineseText() {
        for (name, text) in theme.templates {
            let cjk = text.unicodeScalars.filter { $0.isWide }
            #expect(cjk.isEmpty, "\(name).mustache hard-codes \(String(String.UnicodeScalarView(cjk)))")
        }
    }

    @Test func everyInterfaceStringExistsInBothLanguages() {
        let zh = UIStrings.table(.zhCN), en = UIStrings.table(.en)
        #expect(Set(zh.keys) == Set(en.keys))
        for (name, text) in theme.templates {
            for match in text.matches(of: /\{\{\{?t\.([a-z0-9_]+)/) {
                #expect(zh[String(match.1)] != nil, "\(name).mustache uses t.\(match.1), which no table defines")
            }
        }
    }

    /// The interface strings are folded into the templates over bytes; every default template, in each language,
    /// comes out as folding it character by character gives.
    @Test func foldingByBytesIsFoldingByCharacters() {
        for language in [Language.zhCN, .en] {
            let constants = Theme.interfaceConstants(language)
            var folded = 0
            for (name, text) in theme.templates {
                let bytes = Theme.fold(constants, into: text)
                #expect(bytes == Theme.foldByCharacters(constants, into: text), "\(name).mustache")
                if bytes != text { folded += 1 }
            }
            #expect(folded > 10)
        }
    }

    /// Texts made of braces, names, a change of delimiters, CJK text, and marks that join a brace into another
    /// character (a combining accent after it, a prepended mark before it): folded alike either way.
    @Test func foldingRandomTextsByBytesIsFoldingByCharacters() {
        let constants = ["t.a": "甲 & <乙>", "t.b": "B", "x": "\"x\""]
        let pieces = [
            "{{", "{{{", "}}", "}}}", "{", "}", "t.a", "t.b", "x", "t.c", " ", "=", "{{=", "揭榜", "é", "\u{301}",
            "\u{600}", "\u{200D}", "\n",
        ]
        var generator = SystemRandomNumberGenerator()
        var byCharacters = 0
        for _ in 0..<20_000 {
            let text = randomText(of: pieces, count: 0...12, using: &generator)
            let folded = Theme.fold(constants, into: text)
            #expect(folded == Theme.foldByCharacters(constants, into: text), "\(text.debugDescription)")
            if text.unicodeScalars.contains(where: { $0.value == 0x301 || $0.value == 0x600 }) { byCharacters += 1 }
        }
        #expect(byCharacters > 1_000)
        #expect(Theme.fold(constants, into: "前{{t.a}}中{{{t.a}}}后{{t.c}}") == "前甲 &amp; &lt;乙&gt;中甲 & <乙>后{{t.c}}")
    }

    @Test func everyPartialAndParentExists() throws {
        _ = try Theme(theme)
    }

    @Test func showsEverythingARequirementSays() throws {
        let text = requirement(
            """
            deadline: 2023-01-20
            contact: {name: 张工, phone: "0531-8888 6666", email: zhang@example.org}
            keywords: [节能 输送]
            indicators: [能耗降低30%, {name: 输送量, target: 5000 t/h}]
            attachments:
              - {title: 需求说明书, url: spec.pdf}
              - {title: 官方通知, url: "https://example.org/n"}
            issuer: {name: 力博重工, type: private, credit_code: 91350100M000100Y43}
            status: matching
            solvers: [{name: 山东大学, region: jinan}]
            """)
        let site = try FixtureSite([
            "\(listPath)/need.md": text, "\(listPath)/spec.pdf": String(repeating: "x", count: 2048),
        ])
        try site.build()
        let page = try site.read("lists/2022-test/need/index.html")
        #expect(
            page.contains("<a href=\"tel:0531-88886666\">0531-8888 6666</a>") == false, "tel: keeps digits and + only")
        #expect(page.contains("href=\"tel:053188886666\""))
        #expect(page.contains("href=\"mailto:zhang@example.org\""))
        #expect(page.contains("/bangdan/search/?q=%E8%8A%82%E8%83%BD%20%E8%BE%93%E9%80%81"))
        #expect(
            page.contains(
                "<a href=\"/bangdan/lists/2022-test/spec.pdf\">需求说明书</a> <span class=\"file-meta\">PDF · 2 KB</span>"))
        #expect(page.contains("<td>输送量</td><td>5000 t/h</td>"))
        #expect(page.contains("<li>能耗降低30%</li>"))
        #expect(page.contains("力博重工（民营企业）"))
        #expect(page.contains("山东大学（济南市）"))
        #expect(page.contains("<dd>2023年1月20日</dd>"), "days left only while open; this one is matching")
        #expect(page.contains("<li class=\"done\">征集中</li>"))
        #expect(page.contains("<li class=\"current\" aria-current=\"step\">对接中</li>"))
        #expect(page.contains("\"@type\":\"Demand\""))
        #expect(page.contains("\"propertyID\":\"统一社会信用代码\",\"value\":\"91350100M000100Y43\""))
        #expect(page.contains("<meta name=\"ArticleTitle\" content=\"测试需求\">"))
        #expect(page.contains("<meta property=\"og:type\" content=\"article\">"))
    }

    @Test func drawsListChartsWithTextEquivalents() throws {
        let site = try FixtureSite()
        try site.build()
        let page = try site.read("lists/2022-test/index.html")
        #expect(page.components(separatedBy: "<ol class=\"bar-chart\">").count - 1 == 2)
        #expect(page.contains("<figcaption>按产业领域</figcaption>"))
        #expect(page.contains("<span class=\"bar-label\">高端装备制造</span>"))
        #expect(page.contains("<tr><th scope=\"row\">高端装备制造</th><td>1</td></tr>"))
    }

    @Test func documentedFieldTablesMatchTheDeclaration() throws {
        // Tests run from the package root; the docs are regenerated with `make docs`.
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../docs/FIELDS.md"
        ).path
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == FieldTables.markdown(), "docs/FIELDS.md is stale: run make docs")
        for field in Schema.requirement { #expect(committed.contains("| `\(field.name)` |")) }
    }

    @Test func homeShowsTotalsInYi() throws {
        let site = try FixtureSite()
        try site.build()
        #expect(try site.read("index.html").contains("0.96亿元"))
    }
}
