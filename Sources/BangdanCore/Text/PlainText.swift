/// Plain text from Markdown for summaries, without a Markdown parser (that belongs to `Render`): the first
/// paragraph, with the common inline marks removed.
public enum PlainText {
    /// The characters of a summary made from a body, the ellipsis included.
    public static let summaryLimit = 500

    /// The characters of a page's description in its head (`<meta name="Description">` and `og:description`): about
    /// what search results and link previews show. The page itself and the JSON-LD keep the whole summary.
    public static let headDescriptionLimit = 120

    /// `text` as a page's head gives it: whole up to `limit` characters; past that, up to the last sentence end
    /// within the limit (。！？, or `.!?` before a space) when that keeps at least a third of it, else the first
    /// `limit − 1` characters and an ellipsis. Counted over the bytes while each scalar looked at is a character of
    /// its own (the usual text), else by characters.
    public static func headDescription(_ text: String, limit: Int = headDescriptionLimit) -> String {
        guard text.utf8.count > limit else { return text }
        var copy = text
        switch copy.withUTF8({ clipByScalars($0, limit: limit) }) {
        case .whole: return text
        case .byCharacters: return clipByCharacters(text, limit: limit)
        case .cut(let end, let sentence):
            // A part of the string, copied as it is (its bytes are known to be valid, so not checked again).
            let head = String(text[..<text.utf8.index(text.utf8.startIndex, offsetBy: end)])
            return sentence ? head : head.trimmingWhitespace + "…"
        }
    }

    private enum Clip {
        case whole
        /// A scalar that may not be a character of its own came first.
        case byCharacters
        /// The bytes to keep, and whether they end with a sentence.
        case cut(end: Int, sentence: Bool)
    }

    /// Where `headDescription` cuts `bytes`, scalar by scalar, looking at no more than `limit + 1` of them.
    private static func clipByScalars(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Clip {
        var count = 0, clip = 0
        var sentence: Int?
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            let value: UInt32
            if lead < 0x80 {
                value = UInt32(lead)
            } else if let three = threeByteScalar(in: bytes, at: i) {
                value = three
            } else {
                return .byCharacters  // two- and four-byte scalars are never characters on their own
            }
            guard isOneScalarACharacter(value: value) else { return .byCharacters }
            count += 1
            if count > limit {
                return sentence.map { .cut(end: $0, sentence: true) } ?? .cut(end: clip, sentence: false)
            }
            let next = i + (lead < 0x80 ? 1 : 3)
            if count == limit - 1 { clip = next }
            let ends: Bool =
                switch value {
                case 0x3002, 0xFF01, 0xFF1F: true  // 。！？
                case 0x21, 0x2E, 0x3F:  // ! . ? before a space or the end
                    next == bytes.count || bytes[next] == 0x20 || bytes[next] == 0x09 || bytes[next] == 0x0A
                default: false
                }
            if ends && count * 3 >= limit { sentence = next }
            i = next
        }
        return .whole
    }

    /// `headDescription` by characters, for text where a character may be more than one scalar.
    private static func clipByCharacters(_ text: String, limit: Int) -> String {
        var count = 0
        var sentence: String.Index?, clip = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            count += 1
            if count > limit {
                if let sentence { return String(text[..<sentence]) }
                return String(text[..<clip]).trimmingWhitespace + "…"
            }
            let character = text[index]
            let next = text.index(after: index)
            if count == limit - 1 { clip = next }
            let ends =
                character == "。" || character == "！" || character == "？"
                || ((character == "." || character == "!" || character == "?")
                    && (next == text.endIndex || text[next].isWhitespace))
            if ends && count * 3 >= limit { sentence = next }
            index = next
        }
        return text
    }

    public static func firstParagraph(of markdown: String, limit: Int) -> String? {
        firstParagraph(of: MarkdownText(markdown), limit: limit)
    }

    /// The same over a body's bytes: only the paragraph's lines become a string (`MarkdownText`).
    public static func firstParagraph(of markdown: MarkdownText, limit: Int) -> String? {
        let bytes = markdown.utf8.withUnsafeBufferPointer { body -> [UInt8] in
            var bytes: [UInt8] = []
            for range in firstParagraphLines(utf8: body) {
                if !bytes.isEmpty { bytes.append(0x20) }
                bytes += body[range]
            }
            return bytes
        }
        guard !bytes.isEmpty else { return nil }
        let joined = String(decoding: bytes, as: UTF8.self)
        // The stripped text is a part of the joined one: a scalar a character there, so here too.
        let oneScalarACharacter = isOneScalarACharacter(joined)
        let text = stripInline(joined, oneScalarACharacter: oneScalarACharacter)
        guard !text.isEmpty else { return nil }
        // Counted in characters, as a reader sees them; by scalars when each scalar is a character of its own,
        // found by the bytes that begin one (all but continuation bytes) rather than by decoding them.
        if oneScalarACharacter {
            var text = text
            let cut = text.withUTF8 { bytes -> String? in
                var count = 0, end = 0
                for index in bytes.indices where bytes[index] & 0xC0 != 0x80 {
                    if count == limit - 1 { end = index }
                    count += 1
                    // More than `limit` scalars: the first `limit - 1` of them, then the ellipsis.
                    if count > limit {
                        return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self) + "…"
                    }
                }
                return nil
            }
            return cut ?? text
        }
        return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    /// The lines of the first paragraph, each without its leading spaces: after any fenced code, headings, quotes,
    /// list items, HTML and table rows; the rest of the body is never looked at. Over the bytes, where each mark
    /// looked for is ASCII: a line where a character could be more than the bytes show (a space or mark followed
    /// by a non-ASCII scalar, which may combine with it) is judged by its characters, as `linesByCharacters` does.
    static func firstParagraphLines(of markdown: String) -> [Substring] {
        let utf8 = markdown.utf8
        var text = markdown
        return text.withUTF8(firstParagraphLines(utf8:)).map {
            markdown[
                utf8.index(
                    utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound)]
        }
    }

    /// `firstParagraphLines` as ranges of the UTF-8 `bytes`.
    static func firstParagraphLines(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var paragraph: [Range<Int>] = []
        var inFence = false
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            defer { start = end + 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            let kind = LineKind(line) ?? LineKind(Substring(String(decoding: line, as: UTF8.self)))
            switch kind {
            case .fence: inFence.toggle()
            case _ where inFence: continue
            case .blank, .blockStart: if !paragraph.isEmpty { return paragraph }
            case .text(let spaces): paragraph.append(start + spaces..<end)
            }
        }
        return paragraph
    }

    /// What a line is to `firstParagraphLines`.
    enum LineKind: Equatable {
        case fence, blank, blockStart
        /// A line of the paragraph, after its leading spaces (how many bytes they are).
        case text(spaces: Int)

        /// By characters: the reference, and the way for the lines the bytes cannot judge.
        init(_ line: Substring) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                self = .fence
            } else if trimmed.isEmpty {
                self = .blank
            } else if ["#", ">", "- ", "* ", "<", "|"].contains(where: { trimmed.hasPrefix($0) }) {
                self = .blockStart
            } else {
                self = .text(spaces: line.utf8.distance(from: line.startIndex, to: trimmed.startIndex))
            }
        }

        /// By bytes, as `init(_:)` judges the line; nil when the scalar after the spaces or after a mark found
        /// could combine with the space or mark into one character. A space or mark is ASCII, and ends a
        /// character when an ASCII scalar or one of the scripts in `isOneScalarACharacter` follows.
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            var at = 0
            while at < bytes.count, bytes[at] == 0x20 { at += 1 }
            func alone(_ index: Int) -> Bool {
                guard index < bytes.count, bytes[index] >= 0x80 else { return true }
                // A three-byte scalar (U+0800–U+FFFF) of those scripts; anything else is left to the characters.
                guard let value = PlainText.threeByteScalar(in: bytes, at: index) else { return false }
                return PlainText.isOneScalarACharacter(value: value)
            }
            func byte(_ offset: Int) -> UInt8 { at + offset < bytes.count ? bytes[at + offset] : 0 }
            guard at < bytes.count else {
                self = .blank
                return
            }
            if at > 0, !alone(at) { return nil }
            let (first, second, third) = (byte(0), byte(1), byte(2))
            if (first == UInt8(ascii: "`") || first == UInt8(ascii: "~")) && second == first && third == first {
                guard alone(at + 3) else { return nil }
                self = .fence
            } else if [UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "|")].contains(first) {
                guard alone(at + 1) else { return nil }
                self = .blockStart
            } else if (first == UInt8(ascii: "-") || first == UInt8(ascii: "*")) && second == 0x20 {
                guard alone(at + 2) else { return nil }
                self = .blockStart
            } else {
                self = .text(spaces: at)
            }
        }
    }

    /// `[text](url)` → text; `*`, `_`, `` ` `` emphasis marks dropped. One pass: the next `]` and `)` are found by
    /// two cursors that only move forward, so a line of unmatched `[` costs its length, not its length squared.
    /// Over the text's characters; over its UTF-8 bytes (the same marks, without finding grapheme clusters or
    /// decoding scalars) when each scalar is a character of its own, as in most Chinese and ASCII text.
    static func stripInline(_ text: String) -> String {
        stripInline(text, oneScalarACharacter: isOneScalarACharacter(text))
    }

    /// Where each scalar is a character of its own, over the UTF-8 bytes: every mark is one ASCII byte, which is
    /// never part of another scalar's bytes, so the same marks are found; a letter or digit beside an `_` is the
    /// scalar whose bytes end or begin there.
    private static func stripInline(_ text: String, oneScalarACharacter: Bool) -> String {
        if oneScalarACharacter {
            // Without a `[`, `*`, `` ` `` or `_` nothing is stripped (a `!` only goes before a `[`): as most
            // paragraphs are, taken as they are.
            var text = text
            let marked = text.withUTF8 { bytes in
                bytes.contains { $0 == 0x5B || $0 == 0x2A || $0 == 0x60 || $0 == 0x5F }
            }
            guard marked else { return text.trimmingWhitespace }
            let bytes = Array(text.utf8)
            let kept = strip(
                bytes, mark: { $0 },
                isWordy: { i, before in
                    guard let scalar = scalar(in: bytes, touching: i, before: before) else { return false }
                    return Character(scalar).isLetter || Character(scalar).isNumber
                })
            return String(decoding: kept, as: UTF8.self).trimmingWhitespace
        }
        let characters = Array(text)
        let kept = strip(
            characters, mark: { Character(Unicode.Scalar($0)) },
            isWordy: { i, _ in characters[i].isLetter || characters[i].isNumber })
        return String(kept).trimmingWhitespace
    }

    /// True when every scalar of `text` is sure to be a character (grapheme cluster) of its own, whatever its
    /// neighbours: printable ASCII and tab, and the Han, CJK punctuation, full-width and general punctuation
    /// blocks without their combining, joining or control scalars. Conservative: false sends the text the slow,
    /// always right way.
    static func isOneScalarACharacter(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isOneScalarACharacter(utf8:))
            ?? text.unicodeScalars.allSatisfy(isOneScalarACharacter)
    }

    /// The same over a text's UTF-8 bytes (valid, as a string's are), each scalar decoded in place. Only ASCII and
    /// three-byte scalars (U+0800–U+FFFF) are ever one of those characters (a test holds every other scalar to it).
    static func isOneScalarACharacter(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                guard isOneScalarACharacter(value: UInt32(lead)) else { return false }
                index += 1
                continue
            }
            guard let value = threeByteScalar(in: bytes, at: index), isOneScalarACharacter(value: value) else {
                return false
            }
            index += 3
        }
        return true
    }

    static func isOneScalarACharacter(_ scalar: Unicode.Scalar) -> Bool { isOneScalarACharacter(value: scalar.value) }

    /// The value of the three-byte UTF-8 scalar (U+0800–U+FFFF) whose bytes begin at `index`; nil when the byte
    /// there does not begin one or the bytes end first. The bytes are a string's, so valid UTF-8.
    public static func threeByteScalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 2 < bytes.count, bytes[index] & 0xF0 == 0xE0 else { return nil }
        return UInt32(bytes[index] & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
            | UInt32(bytes[index + 2] & 0x3F)
    }

    /// By the scalar's value, Han first (most of the text).
    private static func isOneScalarACharacter(value: UInt32) -> Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x09, 0x20...0x7E: true
        case 0x2010...0x2027, 0x2030...0x205E: true
        case 0x3000...0x3029, 0x3030...0x303F: true
        case 0x3400...0x4DBF: true
        case 0xFF01...0xFF60: true
        default: false
        }
    }

    /// The stripping, over characters or UTF-8 bytes: `mark` makes an ASCII mark in that element type, `isWordy`
    /// tells whether the character ending (`before`) or beginning at an index is a letter or digit (an `_` between
    /// two of them is not emphasis).
    private static func strip<C: Equatable>(
        _ c: [C], mark: (UInt8) -> C, isWordy: (_ index: Int, _ before: Bool) -> Bool
    ) -> [C] {
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
            let before = i > 0 ? isWordy(i - 1, true) : false
            let after = i + 1 < c.count ? isWordy(i + 1, false) : false
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

    /// The scalar whose UTF-8 bytes end at `index` (`before`) or begin there; nil for bytes that are not valid
    /// UTF-8 there (never so in a Swift string's bytes).
    private static func scalar(in bytes: [UInt8], touching index: Int, before: Bool) -> Unicode.Scalar? {
        var start = index
        if before {
            while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        }
        var end = start + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        var decoder = UTF8()
        var iterator = bytes[start..<end].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return scalar
    }
}
