import BangdanSchema

/// Plain text from Markdown for summaries, without a Markdown parser (that belongs to `Render`): the first
/// paragraph, with the common inline marks removed.
enum PlainText {
    static func firstParagraph(of markdown: String, limit: Int) -> String? {
        var paragraph: [Substring] = []
        var inFence = false
        // Line by line, stopping at the end of the first paragraph: the rest of the body is never looked at.
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
        guard !paragraph.isEmpty else { return nil }
        let text = stripInline(paragraph.joined(separator: " "))
        guard !text.isEmpty else { return nil }
        return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    /// `[text](url)` → text; `*`, `_`, `` ` `` emphasis marks dropped. One pass: the next `]` and `)` are found by
    /// two cursors that only move forward, so a line of unmatched `[` costs its length, not its length squared.
    static func stripInline(_ text: String) -> String {
        let c = Array(text)
        var out = ""
        var close = -1  // the first `]` at or after the last position asked for (c.count when none)
        var paren = -1  // likewise for `)`
        func next(_ mark: Character, from start: Int, cursor: inout Int) -> Int {
            if cursor < start {
                cursor = start
                while cursor < c.count && c[cursor] != mark { cursor += 1 }
            }
            return cursor
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
            if ch != "*" && ch != "`" && !(ch == "_" && isEmphasisUnderscore(c, i)) { out.append(ch) }
            i += 1
        }
        return out.trimmingWhitespace
    }

    private static func isEmphasisUnderscore(_ c: [Character], _ i: Int) -> Bool {
        let before = i > 0 ? c[i - 1] : " "
        let after = i + 1 < c.count ? c[i + 1] : " "
        return !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)
    }
}
