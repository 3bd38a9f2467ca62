/// Splits a Markdown file into its front matter and body (SCHEMA.md §2): the first line is `---`, the block
/// ends at the next line that is `---` or `...`. Works on UTF-8 offsets, so the body is never cut into lines.
struct FrontMatter {
    var yaml: String
    /// The file line on which the YAML text starts (always 2), so YAML marks can be shifted to file lines.
    var yamlLine: Int
    var body: String
    var bodyLine: Int

    enum Failure: Error {
        case missing
        case unclosed
    }

    static func split(_ text: String) -> Result<FrontMatter, Failure> {
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var lineNumber = 1
        var yamlStart: String.Index?
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            let line = utf8[lineStart..<lineEnd]
            let next = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
            if lineNumber == 1 {
                guard isFence(line, dash: true) else { return .failure(.missing) }
                yamlStart = next
            } else if isFence(line, dash: true) || isFence(line, dash: false), let yamlStart {
                // The newline before the closing fence belongs to neither part.
                let yamlEnd = lineStart > yamlStart ? utf8.index(before: lineStart) : lineStart
                return .success(
                    FrontMatter(
                        yaml: String(text[yamlStart..<yamlEnd]), yamlLine: 2,
                        body: String(text[next...]), bodyLine: lineNumber + 1))
            }
            lineStart = next
            lineNumber += 1
        }
        return .failure(lineNumber == 1 ? .missing : .unclosed)
    }

    /// `---` (or `...`) alone on its line; trailing spaces are forgiven, as editors add them.
    private static func isFence(_ line: Substring.UTF8View, dash: Bool) -> Bool {
        let mark: UInt8 = dash ? 0x2D : 0x2E
        var count = 0
        for byte in line {
            if count < 3 {
                guard byte == mark else { return false }
                count += 1
            } else if byte != 0x20 && byte != 0x09 {
                return false
            }
        }
        return count == 3
    }
}
