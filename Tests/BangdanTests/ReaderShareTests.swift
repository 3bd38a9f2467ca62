import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender
@testable import BangdanSite

/// Passing a requirement on and keeping its dates true (issue 12 items 2 and 3): the page's link to copy, its QR
/// code made at build time, and `page.js`, which updates countdowns and open→closed with the reader's clock from
/// what the build writes in data attributes, in the page's language.
@Suite struct ReaderShareTests {
    let page = "lists/2022-test/need/index.html"
    let pageURL = "https://example.org/bangdan/lists/2022-test/need/"
    let english = ["content/site.yml": "title: Test\nbase_url: https://example.org/bangdan/\nlanguage: en"]

    func build(_ need: String, _ files: [String: String] = [:]) throws -> (site: FixtureSite, page: String) {
        var all = files
        all["\(listPath)/need.md"] = requirement(need)
        let site = try FixtureSite(all)
        try site.build(buildDate: Day("2023-01-01")!)
        return (site, try site.read(page))
    }

    /// The text between the first `start` and the next `end` after it (both excluded); nil when absent.
    func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let from = text.range(of: start), let to = text[from.upperBound...].range(of: end) else { return nil }
        return String(text[from.upperBound..<to.lowerBound])
    }

    /// The dark modules of an `<img>`'s PNG in a `data:` URL, as rows of 0 and 1 without the quiet zone.
    func matrix(ofImage image: String) throws -> String {
        let base64 = try #require(between(image, "src=\"data:image/png;base64,", "\""))
        let png = try #require(Data(base64Encoded: base64))
        let (side, dark) = try QRCodeTests.pixels(ofPNG: Array(png))
        return (4..<(side - 4)).map { y in String((4..<(side - 4)).map { dark[y * side + $0] ? "1" : "0" }) }
            .joined(separator: "\n")
    }

    func fnv(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    // MARK: QR code

    /// The code on the page is the reference encoder's code of the page's absolute URL (qrcodegen 1.8: version 4,
    /// mask 2), which zbarimg reads back as that URL.
    @Test func theRequirementPageCarriesAQRCodeOfItsAbsoluteURL() throws {
        let (_, html) = try build("deadline: 2023-03-01")
        let figure = try #require(between(html, "<figure class=\"qr\">", "</figure>"))
        #expect(figure.hasPrefix(#"<img class="qr-code" src="data:image/png;base64,"#))
        #expect(figure.contains(#"width="164" height="164" alt="本页链接的二维码">"#))
        #expect(figure.contains("<figcaption>用微信或手机扫码打开本页</figcaption>"))
        #expect(fnv(try matrix(ofImage: figure)) == 0x22e6_5846_f993_2508)
        #expect(figure.contains(String(decoding: try QRCode(pageURL).image(label: "本页链接的二维码").bytes, as: UTF8.self)))
    }

    @Test func inEnglishTheCodeAndTheLinkAreNamedInEnglish() throws {
        let (_, html) = try build("deadline: 2023-03-01", english)
        #expect(html.contains(#"alt="QR code of this page's link">"#))
        #expect(html.contains(">Copy link</button>"))
        #expect(html.contains(#"data-copied="Link copied""#))
        #expect(html.contains(#"<label for="page-url">Link to this page</label>"#))
        #expect(!html.contains("复制链接"))
        #expect(!html.contains("二维码"))
    }

    /// On a site in two languages, the English page passes on its own address (under `en/`), not the Chinese one.
    @Test func theEnglishPageOfABilingualSiteSharesItsOwnURL() throws {
        let bilingual = ["content/site.yml": "title: T\nbase_url: https://example.org/bangdan/\nlanguages: [zh-CN, en]"]
        let (site, html) = try build("deadline: 2023-03-01", bilingual)
        let englishURL = "https://example.org/bangdan/en/lists/2022-test/need/"
        let englishPage = try site.read("en/" + page)
        #expect(englishPage.contains(#"value="\#(englishURL)" readonly>"#))
        #expect(
            englishPage.contains(
                String(
                    decoding: try QRCode(englishURL).image(label: "QR code of this page's link").bytes, as: UTF8.self))
        )
        #expect(html.contains(#"value="\#(pageURL)" readonly>"#))
    }

    /// A URL too long for a code a phone reads off a page (more than `QRCode.pageMaxVersion`) gets no code; the
    /// link to copy stays.
    @Test func aURLTooLongForAReadableCodeGetsNoCode() throws {
        let base = "https://example.org/" + String(repeating: "a", count: 700) + "/"
        let (_, html) = try build("deadline: 2023-03-01", ["content/site.yml": "title: T\nbase_url: \(base)"])
        #expect(!html.contains("<figure class=\"qr\">"))
        #expect(html.contains(#"value="\#(base)lists/2022-test/need/" readonly>"#))
    }

    // MARK: Copy link

    /// Without a script the link is shown in a read-only field and the button stays hidden; `page.js` reveals it.
    @Test func theLinkToCopyIsAReadOnlyFieldAndAButtonTheScriptReveals() throws {
        let (_, html) = try build("")
        #expect(
            html.contains(
                #"<p class="share-link"><label for="page-url">本页链接</label> <input id="page-url" class="page-url" type="url" value="\#(pageURL)" readonly> <button type="button" class="copy-link" data-copied="链接已复制" data-copy-failed="未能复制，请选中链接后手动复制" hidden>复制链接</button> <span class="copy-status" role="status" aria-live="polite"></span></p>"#
            ))
        #expect(html.contains(#"<h2 id="share-heading">分享本页</h2>"#))
    }

    // MARK: page.js

    /// Every page links the one shared script once, deferred, with the build date and its texts; no page has a
    /// script of its own inline (JSON-LD is data, not a script).
    @Test(arguments: ["index.html", "lists/index.html", "lists/2022-test/index.html", "search/index.html"])
    func everyPageLinksPageJSOnceDeferredAndNoInlineScript(_ path: String) throws {
        let (site, requirementPage) = try build("deadline: 2023-03-01")
        for html in [try site.read(path), requirementPage] {
            #expect(html.components(separatedBy: "assets/page.js\"").count == 2, "\(path): once")
            #expect(
                html.contains(
                    #"<script src="/bangdan/assets/page.js" defer data-built="2023-01-01" data-note="{main}（{note}）" data-days-left="剩余 {n} 天" data-closes-today="今天截止" data-passed="已过截止日期" data-closed="征集已截止" data-soon="即将截止"></script>"#
                ), "\(path)")
            for tag in html.components(separatedBy: "<script").dropFirst() {
                let attributes = tag.prefix { $0 != ">" }
                #expect(
                    attributes.contains(" src=\"") || attributes.contains("type=\"application/ld+json\""),
                    "\(path): <script\(attributes)>")
            }
        }
    }

    @Test func inEnglishPageJSGetsEnglishTexts() throws {
        let (_, html) = try build("deadline: 2023-03-01", english)
        #expect(
            html.contains(
                #"data-note="{main} ({note})" data-days-left="{n} days left" data-closes-today="closes today" data-passed="deadline passed" data-closed="Call closed" data-soon="Closing soon"></script>"#
            ))
    }

    /// The script holds no interface text and no closing-soon threshold of its own: both come from the build.
    @Test func pageJSStatesNoTextOrThresholdOfItsOwn() throws {
        let script = String(decoding: try #require(ThemeLoader.defaults.assets["page.js"]), as: UTF8.self)
        let ascii = script.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii, "no Chinese (or other) interface text in page.js")
        #expect(!script.contains("\(Resolve.closingSoonDays)"), "the window is read from data-soon-days")
        #expect(script.contains("dataset.soonDays"))
        #expect(script.contains("8 * 3600000"), "the reader's clock in China time")
    }

    /// Cards carry their open call's deadline and the build's closing-soon window; the days left only while
    /// closing soon, as the build's one rule says; nothing for a call no longer open.
    @Test func cardsCarryTheDeadlineAndTheWindowForTheScript() throws {
        let soon = try build("deadline: 2023-01-10").site.read("lists/2022-test/index.html")
        #expect(
            soon.contains(
                #"<dd data-deadline="2023-01-10" data-soon-days="\#(Resolve.closingSoonDays)">2023年1月10日<span class="countdown">（剩余 9 天）</span></dd>"#
            ))
        let later = try build("deadline: 2023-03-01").site.read("lists/2022-test/index.html")
        #expect(later.contains(#"<dd data-deadline="2023-03-01" data-soon-days="14">2023年3月1日</dd>"#))
        let passed = try build("deadline: 2022-12-31").site.read("lists/2022-test/index.html")
        #expect(passed.contains("<dd>2022年12月31日</dd>"))
        #expect(!passed.contains("data-deadline"))
    }

    /// On the requirement page the days are shown for any open call (`data-always`); a closed call has none.
    @Test func theRequirementPageCarriesTheDeadlineForTheScriptWhileOpen() throws {
        let (_, open) = try build("deadline: 2023-03-01")
        #expect(
            open.contains(
                #"<dd data-deadline="2023-03-01" data-soon-days="14" data-always>2023年3月1日<span class="countdown">（剩余 59 天）</span></dd>"#
            ))
        let (_, matching) = try build("deadline: 2023-03-01\nstatus: matching")
        #expect(matching.contains("<dd>2023年3月1日</dd>"))
        #expect(!matching.contains("data-deadline"))
        #expect(open.contains("<p class=\"built\">状态截至 <time datetime=\"2023-01-01\">"), "without a script")
    }
}
