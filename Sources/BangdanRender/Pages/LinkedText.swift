import BangdanCore

/// Plain text whose web addresses become links (`how_to_apply`, SCHEMA.md §4: "URLs in it become links").
///
/// The text is split into paragraphs at line breaks; each paragraph is a sequence of runs, text or link, that the
/// template escapes like any other value, so nothing in the text is ever read as markup. Only an address that
/// starts with `http://` or `https://` and that `URLCheck` would publish becomes a link; anything else (a
/// `javascript:` address, a bare `www.…`, an address with a quote or a space in it) stays text.
enum LinkedText {
    static func paragraphs(_ text: String) -> [Paragraph] {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }.map {
            Paragraph(runs: runs($0))
        }
    }

    static func runs(_ line: String) -> [TextRun] {
        var runs: [TextRun] = []
        var pending = ""
        var i = line.startIndex
        while i < line.endIndex {
            if let (address, end) = link(in: line, at: i) {
                if !pending.isEmpty { runs.append(TextRun(text: pending, url: nil)) }
                pending = ""
                runs.append(TextRun(text: address, url: address))
                i = end
            } else {
                pending.append(line[i])
                i = line.index(after: i)
            }
        }
        if !pending.isEmpty { runs.append(TextRun(text: pending, url: nil)) }
        return runs
    }

    /// The address that starts at `start`, and where it ends: ASCII URL characters up to the first space, quote,
    /// angle bracket or Chinese character, without the punctuation that ends a sentence (`.` `,` `;` `:` `!` `?`)
    /// or a closing parenthesis that the address did not open.
    private static func link(in line: String, at start: String.Index) -> (String, String.Index)? {
        guard line[start] == "h" || line[start] == "H", URLCheck.hasWebScheme(line[start...]) else { return nil }
        // Not the tail of a word (`xhttp://…`).
        if start > line.startIndex, let before = line[line.index(before: start)].asciiValue,
            before.isLetterOrDigit
        {
            return nil
        }
        var end = start
        while end < line.endIndex, isAddressCharacter(line[end]) { end = line.index(after: end) }
        while end > start {
            let last = line[line.index(before: end)]
            let opened = line[start..<end].filter { $0 == "(" }.count
            let closed = line[start..<end].filter { $0 == ")" }.count
            guard ".,;:!?".contains(last) || (last == ")" && closed > opened) else { break }
            end = line.index(before: end)
        }
        let address = String(line[start..<end])
        guard URLCheck.isWebURL(address) else { return nil }
        return (address, end)
    }

    /// Letters, digits and the punctuation RFC 3986 allows in an address, less `'` (it ends an HTML attribute).
    private static func isAddressCharacter(_ c: Character) -> Bool {
        guard let ascii = c.asciiValue else { return false }
        return ascii.isLetterOrDigit || "-._~:/?#@!$&*+,;=%()".utf8.contains(ascii)
    }
}

extension UInt8 {
    fileprivate var isLetterOrDigit: Bool {
        (48...57).contains(self) || (65...90).contains(self) || (97...122).contains(self)
    }
}
