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
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle(); continue }
            if inFence { continue }
            if trimmed.isEmpty {
                if !paragraph.isEmpty { break }
                continue
            }
            let isBlockStart = trimmed.hasPrefix("#") || trimmed.hasPrefix(">") || trimmed.hasPrefix("- ")
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

    /// `[text](url)` → text; `*`, `_`, `` ` `` emphasis marks dropped.
    static func stripInline(_ text: String) -> String {
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "!" , text.index(after: i) < text.endIndex, text[text.index(after: i)] == "[" {
                i = text.index(after: i)
                continue
            }
            if c == "[", let close = text[i...].firstIndex(of: "]"),
               text.index(after: close) < text.endIndex, text[text.index(after: close)] == "(",
               let end = text[close...].firstIndex(of: ")") {
                out += text[text.index(after: i)..<close]
                i = text.index(after: end)
                continue
            }
            if c != "*" && c != "`" && !(c == "_" && isEmphasisUnderscore(text, i)) { out.append(c) }
            i = text.index(after: i)
        }
        return out.trimmingWhitespace
    }

    private static func isEmphasisUnderscore(_ text: String, _ i: String.Index) -> Bool {
        let before = i > text.startIndex ? text[text.index(before: i)] : " "
        let afterIndex = text.index(after: i)
        let after = afterIndex < text.endIndex ? text[afterIndex] : " "
        return !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)
    }
}
