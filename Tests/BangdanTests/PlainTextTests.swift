import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanSite

/// Summaries are taken from a body's first paragraph by `PlainText`, over scalars when each scalar is a character
/// of its own: the result must be what the character-by-character way gives, for any text.
@Suite struct PlainTextTests {
    /// The character-by-character way (the implementation before the scalar path), kept as the reference.
    func reference(_ text: String) -> String {
        let c = Array(text)
        var out = ""
        var close = -1, paren = -1
        func next(_ mark: Character, from start: Int, cursor: inout Int) -> Int {
            if cursor < start {
                cursor = start
                while cursor < c.count && c[cursor] != mark { cursor += 1 }
            }
            return cursor
        }
        func isEmphasisUnderscore(_ i: Int) -> Bool {
            let before = i > 0 ? c[i - 1] : " "
            let after = i + 1 < c.count ? c[i + 1] : " "
            return !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)
        }
        var i = 0
        while i < c.count {
            let ch = c[i]
            if ch == "!", i + 1 < c.count, c[i + 1] == "[" {
                i += 1
                continue
            }
            if ch == "[" {
                let end = next("]", from: i, cursor: &close)
                if end + 1 < c.count, c[end + 1] == "(" {
                    let target = next(")", from: end, cursor: &paren)
                    if target < c.count {
                        out += String(c[(i + 1)..<end])
                        i = target + 1
                        continue
                    }
                }
            }
            if ch != "*" && ch != "`" && !(ch == "_" && isEmphasisUnderscore(i)) { out.append(ch) }
            i += 1
        }
        return out.trimmingWhitespace
    }

    static let pieces = [
        "[", "]", "(", ")", "!", "*", "`", "_", " ", "a", "9", "光", "刻", "，", "。", "“", "”", "—", "…", "Ａ", "１",
        "\u{301}", "\u{200D}", "\u{FE0F}", "👍", "🇨🇳", "\u{302A}", "é", "\t", "‼", "ﾞ", "\u{2028}",
    ]

    @Test func theScalarWayGivesWhatTheCharacterWayGives() {
        // A fixed sequence of texts (a linear congruential generator), so a failure can be replayed.
        var seed: UInt64 = 20_261_201
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<next() % 16 + 1 { text += Self.pieces[next() % Self.pieces.count] }
            #expect(PlainText.stripInline(text) == reference(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test(arguments: [
        "见[公告](https://example.org/a)与**重点**、`代码`和 snake_case_name 以及 _强调_。", "a_b _c_ 光_刻 [x](y", "[́a](b)",
        "é_1", "光\u{302A}_刻", "👍🏽_x", "",
    ])
    func knownTexts(_ text: String) {
        #expect(PlainText.stripInline(text) == reference(text))
    }

    /// The first paragraph's lines, line by line over characters (the implementation before the byte path).
    func referenceLines(_ markdown: String) -> [Substring] {
        var paragraph: [Substring] = []
        var inFence = false
        var rest = Substring(markdown)
        while !rest.isEmpty {
            let end = rest.utf8.firstIndex(of: 0x0A) ?? rest.endIndex
            let line = rest[..<end]
            rest = end == rest.endIndex ? "" : rest[rest.utf8.index(after: end)...]
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            if inFence { continue }
            if trimmed.isEmpty {
                if !paragraph.isEmpty { break }
                continue
            }
            let isBlockStart =
                trimmed.hasPrefix("#") || trimmed.hasPrefix(">") || trimmed.hasPrefix("- ")
                || trimmed.hasPrefix("* ") || trimmed.hasPrefix("<") || trimmed.hasPrefix("|")
            if isBlockStart {
                if !paragraph.isEmpty { break }
                continue
            }
            paragraph.append(trimmed)
        }
        return paragraph
    }

    static let linePieces = [
        "\n", "\n", "\n", " ", " ", "`", "```", "~~~", "~", "#", ">", "-", "- ", "*", "* ", "<", "|", "a", "光", "，",
        "\u{301}", "\u{302A}", "\u{200D}", "\u{FE0F}", "👍", "\r", "\r\n", "\t", "é", "Ａ", "\u{0E33}", "\u{093F}",
    ]

    @Test func theByteWayFindsTheLinesTheCharacterWayFinds() {
        var seed: UInt64 = 20_261_202
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        var found = 0
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<next() % 24 + 1 { text += Self.linePieces[next() % Self.linePieces.count] }
            let lines = PlainText.firstParagraphLines(of: text)
            found += lines.count
            #expect(lines == referenceLines(text), "\(text.unicodeScalars.map { $0.value })")
        }
        // The texts are varied enough to have paragraphs, not only blocks and blank lines.
        #expect(found > 2_000)
    }

    @Test(arguments: [
        "## 背景\n\n光刻胶是关键材料。\n  第二行\n\n第二段", "```\n代码\n```\n正文", "- 光\n正文\n> 引用", "  \u{301}正文\n",
        "#\u{301} 标题\n", "``\u{301}`\n正文", "-\u{301} 项\n", " 光\n 刻\n",
    ])
    func knownLines(_ text: String) {
        #expect(PlainText.firstParagraphLines(of: text) == referenceLines(text))
    }

    /// The summary as it was made before the scalars were counted and checked over bytes.
    func referenceFirstParagraph(_ markdown: String, limit: Int) -> String? {
        let paragraph = PlainText.firstParagraphLines(of: markdown)
        guard !paragraph.isEmpty else { return nil }
        let joined = paragraph.joined(separator: " ")
        let oneScalarACharacter = joined.unicodeScalars.allSatisfy(PlainText.isOneScalarACharacter)
        let text = PlainText.stripInline(joined)
        guard !text.isEmpty else { return nil }
        if oneScalarACharacter {
            let scalars = text.unicodeScalars
            guard scalars.count > limit else { return text }
            return String(String.UnicodeScalarView(scalars.prefix(limit - 1))) + "…"
        }
        return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    @Test func summariesAreWhatTheScalarWayMadeThem() {
        var seed: UInt64 = 20_261_202
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        let all = Self.pieces + ["\n", "\n\n", "# ", "Ω", "\u{10FFFF}"]
        // Half the texts only of pieces whose every scalar is a character (and line breaks), so that the byte way
        // is taken often.
        let plain = all.filter { $0.unicodeScalars.allSatisfy(PlainText.isOneScalarACharacter) || $0.hasPrefix("\n") }
        var byBytes = 0
        for round in 0..<5_000 {
            let from = round % 2 == 0 ? plain : all
            var text = ""
            for _ in 0..<next() % 24 + 1 { text += from[next() % from.count] }
            let lines = PlainText.firstParagraphLines(of: text).joined(separator: " ")
            for sample in [text, lines] {
                #expect(
                    PlainText.isOneScalarACharacter(sample)
                        == sample.unicodeScalars.allSatisfy(PlainText.isOneScalarACharacter),
                    "\(sample.unicodeScalars.map { $0.value })")
            }
            if !lines.isEmpty && PlainText.isOneScalarACharacter(lines) { byBytes += 1 }
            let limit = next() % 12 + 1
            #expect(
                PlainText.firstParagraph(of: text, limit: limit) == referenceFirstParagraph(text, limit: limit),
                "\(text.unicodeScalars.map { $0.value }), limit \(limit)")
        }
        #expect(byBytes > 1_000)
    }

    /// What the byte way takes for granted: no scalar of two or four UTF-8 bytes is a character on its own there.
    @Test func onlyASCIIAndThreeByteScalarsAreCharactersOnTheirOwn() {
        for value in Array(0x80...0x7FF) + Array(0x10000...0x10FFFF) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            #expect(!PlainText.isOneScalarACharacter(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test func theLimitCountsCharactersOnBothWays() {
        let chinese = String(repeating: "光", count: 600)
        #expect(PlainText.firstParagraph(of: chinese, limit: 500) == String(repeating: "光", count: 499) + "…")
        let combined = String(repeating: "e\u{301}", count: 600)
        #expect(PlainText.firstParagraph(of: combined, limit: 500)?.count == 500)
        #expect(PlainText.firstParagraph(of: combined, limit: 500)?.unicodeScalars.count == 499 * 2 + 1)
    }

    /// The summary from the body is made when the file is decoded and kept with it (`bodySummary`); a `summary`
    /// written in the front matter wins, and then the body is not looked through at all.
    @Test func theBodysSummaryIsMadeWhenTheFileIsDecoded() throws {
        let site = try FixtureSite([
            "\(listPath)/made.md": requirement().replacingOccurrences(
                of: "正文。", with: "## 背景\n\n第一段**要点**，见[说明](a.pdf)。\n第二行。\n\n第二段。\n"),
            "\(listPath)/given.md": requirement("summary: 写明的摘要"),
        ])
        let checked = try site.check()
        let made = try #require(checked.resolved?.requirements.first { $0.requirement.slug == "made" })
        #expect(made.requirement.bodySummary == "第一段要点，见说明。 第二行。")
        #expect(made.summary == made.requirement.bodySummary)
        let given = try #require(checked.resolved?.requirements.first { $0.requirement.slug == "given" })
        #expect(given.requirement.bodySummary == nil && given.summary == "写明的摘要")
    }

    // MARK: The head's description

    /// Whole up to 120 characters; past that, to the last sentence end that keeps a third, else 119 characters
    /// and an ellipsis. Characters, not bytes or scalars, are counted.
    @Test func theHeadsDescriptionIsClippedAtASentenceOrTheLimit() {
        let short = String(repeating: "字", count: 120)
        #expect(PlainText.headDescription(short) == short, "120 characters (360 bytes) stay whole")
        let sentence = String(repeating: "甲", count: 59) + "。"
        let long = sentence + sentence + "乙"
        #expect(PlainText.headDescription(long) == sentence + sentence, "121 characters: to the sentence end at 120")
        let twoSentences = String(repeating: "甲", count: 49) + "！" + String(repeating: "乙", count: 100)
        #expect(PlainText.headDescription(twoSentences) == String(repeating: "甲", count: 49) + "！")
        let early = "短句。" + String(repeating: "丙", count: 200)
        #expect(PlainText.headDescription(early) == "短句。" + String(repeating: "丙", count: 116) + "…", "too early")
        let decimals = String(repeating: "3.5 kg, ", count: 20)
        #expect(PlainText.headDescription(decimals) == String(decimals.prefix(119)) + "…", "a point before a digit")
        let spaced = String(repeating: "a", count: 60) + ". " + String(repeating: "b", count: 100)
        #expect(PlainText.headDescription(spaced) == String(repeating: "a", count: 60) + ".")
        let combining = String(repeating: "e\u{301}", count: 130)
        #expect(PlainText.headDescription(combining) == String(repeating: "e\u{301}", count: 119) + "…")
        #expect(PlainText.headDescription(combining).count == 120)
    }

    /// The meta description and `og:description` are clipped; the JSON-LD keeps the whole summary.
    @Test func theRequirementPageClipsOnlyItsHeadsDescription() throws {
        let summary = String(repeating: "说明文字", count: 20) + "。" + String(repeating: "补充", count: 40)
        let site = try FixtureSite(["\(listPath)/need.md": requirement("summary: \(summary)")])
        try site.build(buildDate: Day("2023-01-01")!)
        let page = try site.read("lists/2022-test/need/index.html")
        let head = String(repeating: "说明文字", count: 20) + "。"
        #expect(page.contains(#"<meta name="Description" content="\#(head)">"#))
        #expect(page.contains(#"<meta property="og:description" content="\#(head)">"#))
        #expect(page.contains(#""description":"\#(summary)""#))
    }
}
