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
        // Counted in characters, as a reader sees them; by scalars when each scalar is a character of its own.
        if isOneScalarACharacter(text) {
            let scalars = text.unicodeScalars
            guard scalars.count > limit else { return text }
            return String(String.UnicodeScalarView(scalars.prefix(limit - 1))) + "…"
        }
        return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    /// `[text](url)` → text; `*`, `_`, `` ` `` emphasis marks dropped. One pass: the next `]` and `)` are found by
    /// two cursors that only move forward, so a line of unmatched `[` costs its length, not its length squared.
    /// Over the text's characters; over its scalars (the same sequence, without finding grapheme clusters) when
    /// each scalar is a character of its own, as in most Chinese and ASCII text.
    static func stripInline(_ text: String) -> String {
        if isOneScalarACharacter(text) {
            let kept = strip(
                Array(text.unicodeScalars), mark: { Unicode.Scalar($0) },
                isWordy: { Character($0).isLetter || Character($0).isNumber })
            return String(String.UnicodeScalarView(kept)).trimmingWhitespace
        }
        let kept = strip(Array(text), mark: { Character(Unicode.Scalar($0)) }, isWordy: { $0.isLetter || $0.isNumber })
        return String(kept).trimmingWhitespace
    }

    /// True when every scalar of `text` is sure to be a character (grapheme cluster) of its own, whatever its
    /// neighbours: printable ASCII and tab, and the Han, CJK punctuation, full-width and general punctuation
    /// blocks without their combining, joining or control scalars. Conservative: false sends the text the slow,
    /// always right way.
    static func isOneScalarACharacter(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x09, 0x20...0x7E: true
            case 0x2010...0x2027, 0x2030...0x205E: true
            case 0x3000...0x3029, 0x3030...0x303F: true
            case 0x3400...0x4DBF, 0x4E00...0x9FFF: true
            case 0xFF01...0xFF60: true
            default: false
            }
        }
    }

    /// The stripping, over characters or scalars: `mark` makes an ASCII mark in that element type, `isWordy`
    /// tells a letter or digit (an `_` between two of them is not emphasis).
    private static func strip<C: Equatable>(_ c: [C], mark: (UInt8) -> C, isWordy: (C) -> Bool) -> [C] {
        let (bang, open, shut, parenOpen, parenShut) = (mark(0x21), mark(0x5B), mark(0x5D), mark(0x28), mark(0x29))
        let (star, tick, underscore) = (mark(0x2A), mark(0x60), mark(0x5F))
        var out: [C] = []
        out.reserveCapacity(c.count)
        var close = -1  // the first `]` at or after the last position asked for (c.count when none)
        var paren = -1  // likewise for `)`
        func next(_ mark: C, from start: Int, cursor: inout Int) -> Int {
            if cursor < start {
                cursor = start
                while cursor < c.count && c[cursor] != mark { cursor += 1 }
            }
            return cursor
        }
        func isEmphasisUnderscore(_ i: Int) -> Bool {
            let before = i > 0 ? isWordy(c[i - 1]) : false
            let after = i + 1 < c.count ? isWordy(c[i + 1]) : false
            return !before || !after
        }
        var i = 0
        while i < c.count {
            let ch = c[i]
            if ch == bang, i + 1 < c.count, c[i + 1] == open {
                i += 1
                continue
            }
            if ch == open {
                let end = next(shut, from: i, cursor: &close)
                if end + 1 < c.count, c[end + 1] == parenOpen {
                    let target = next(parenShut, from: end, cursor: &paren)
                    if target < c.count {
                        out += c[(i + 1)..<end]
                        i = target + 1
                        continue
                    }
                }
            }
            if ch != star && ch != tick && !(ch == underscore && isEmphasisUnderscore(i)) { out.append(ch) }
            i += 1
        }
        return out
    }
}
