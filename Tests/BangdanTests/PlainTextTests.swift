import Foundation
import Testing

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

    @Test func theLimitCountsCharactersOnBothWays() {
        let chinese = String(repeating: "光", count: 600)
        #expect(PlainText.firstParagraph(of: chinese, limit: 500) == String(repeating: "光", count: 499) + "…")
        let combined = String(repeating: "e\u{301}", count: 600)
        #expect(PlainText.firstParagraph(of: combined, limit: 500)?.count == 500)
        #expect(PlainText.firstParagraph(of: combined, limit: 500)?.unicodeScalars.count == 499 * 2 + 1)
    }
}
