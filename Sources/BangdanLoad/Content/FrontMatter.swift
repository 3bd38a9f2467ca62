import Foundation

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
        // The lines found with `memchr` in the contiguous UTF-8 (the view's generic `firstIndex` took some 900
        // instructions a line); the parts are cut from `text` at the same offsets, so they are not checked as
        // UTF-8 again.
        var contiguous = text
        let found = contiguous.withUTF8(parts(utf8:))
        return found.map { parts in
            let utf8 = text.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            return FrontMatter(
                yaml: String(text[index(parts.yaml.lowerBound)..<index(parts.yaml.upperBound)]), yamlLine: 2,
                body: String(text[index(parts.body)...]), bodyLine: parts.bodyLine)
        }
    }

    /// Where the parts of a file's text lie, as byte offsets: the YAML between the fences, the body from `body` to
    /// the end, starting on file line `bodyLine`.
    static func parts(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Result<
        (yaml: Range<Int>, body: Int, bodyLine: Int), Failure
    > {
        var lineStart = 0
        var lineNumber = 1
        var yamlStart: Int?
        while lineStart < bytes.count {
            // Safe: `lineStart < bytes.count`, so the buffer is not empty and has a base address.
            let base = bytes.baseAddress!
            let lineEnd =
                memchr(base + lineStart, 0x0A, bytes.count - lineStart)
                .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            let next = lineEnd == bytes.count ? lineEnd : lineEnd + 1
            if lineNumber == 1 {
                guard isFence(line, dash: true) else { return .failure(.missing) }
                yamlStart = next
            } else if isFence(line, dash: true) || isFence(line, dash: false), let yamlStart {
                // The newline before the closing fence belongs to neither part.
                let yamlEnd = lineStart > yamlStart ? lineStart - 1 : lineStart
                return .success((yamlStart..<yamlEnd, next, lineNumber + 1))
            }
            lineStart = next
            lineNumber += 1
        }
        return .failure(lineNumber == 1 ? .missing : .unclosed)
    }

    /// `---` (or `...`) alone on its line; trailing spaces are forgiven, as editors add them.
    private static func isFence(_ line: UnsafeBufferPointer<UInt8>, dash: Bool) -> Bool {
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
