/// The three ways diagnostics are printed (SCHEMA.md §7).
///
/// Paths, keys and values in messages come from the content, so they may hold line breaks, escape sequences or
/// bidirectional overrides. None reaches a terminal or a CI log raw: each format escapes them its own way (visible
/// `\n`, `\u{1B}` in text; GitHub's percent-encoding in workflow commands; JSON escapes), so a value can neither
/// forge another `::error` line nor recolour a terminal.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, github, json

    /// Renders diagnostics (already sorted) and, for `text`, the summary line. `sourceLine` gives a file's line
    /// for the caret display of the text format; it is asked once per line with diagnostics. `repositoryPrefix`
    /// is the site folder's path inside its git work tree (`site/`, or empty), put before each path of the
    /// `github` format: GitHub resolves annotation paths from the repository root. `onEveryCore`: false to write
    /// the text on this thread alone (for work beside a build's stages, `IdleWork`).
    public func render(
        _ diagnostics: [Diagnostic], language: Language, repositoryPrefix: String = "", onEveryCore: Bool = true,
        sourceLine: (String, Int) -> String? = { _, _ in nil }
    ) -> String {
        switch self {
        case .text:
            // Diagnostics come sorted, so those on one line are neighbours: each line is read and split once, here
            // (`sourceLine` may read a file), then each diagnostic is written on any core (a daily build prints
            // thousands of notices).
            var shown: (path: String, line: Int, scalars: [Unicode.Scalar]?)?
            let lines = diagnostics.map { d -> [Unicode.Scalar]? in
                guard d.rule.pointsIntoText else { return nil }
                if shown?.path != d.path || shown?.line != d.line {
                    shown = (d.path, d.line, sourceLine(d.path, d.line).map { Array($0.unicodeScalars) })
                }
                return shown?.scalars
            }
            // Written as bytes (`appendExcerpt`; `visible` hands back text with nothing to escape as it is): 28,000
            // instructions a notice through `String` interpolation and appends, 13,000 so (4,000 of them its message).
            let text = { @Sendable (n: Int) -> [UInt8] in
                let d = diagnostics[n]
                var out: [UInt8] = []
                out.reserveCapacity(256)
                out += Self.visible(d.path).utf8
                out.append(0x3A)
                out.append(decimal: d.line)
                out.append(0x3A)
                out.append(decimal: d.column)
                out += ": \(d.severity.rawValue)[\(d.rule.rawValue)]: ".utf8
                out += Self.visible(d.message(in: language)).utf8
                out.append(0x0A)
                if let scalars = lines[n] {
                    Self.appendExcerpt(line: scalars, number: d.line, column: d.column, to: &out)
                }
                return out
            }
            let texts = onEveryCore ? Parallel.map(Array(diagnostics.indices), text) : diagnostics.indices.map(text)
            var joined: [UInt8] = []
            joined.reserveCapacity(texts.reduce(0) { $0 + $1.count })
            for text in texts { joined += text }
            return String(decoding: joined, as: UTF8.self) + Self.summary(diagnostics, language: language) + "\n"
        case .github:
            return diagnostics.map { d in
                "::\(d.severity.rawValue) file=\(Self.property(repositoryPrefix + d.path)),line=\(d.line),col=\(d.column),title=\(d.rule.rawValue)::\(Self.data(d.message(in: language)))\n"
            }.joined()
        case .json:
            return JSONText.array(
                diagnostics.map { d in
                    JSONText.object([
                        ("path", Self.jsonString(d.path)), ("line", "\(d.line)"), ("column", "\(d.column)"),
                        ("severity", Self.jsonString(d.severity.rawValue)), ("rule", Self.jsonString(d.rule.rawValue)),
                        ("message", Self.jsonString(d.message(in: language))),
                    ])
                }) + "\n"
        }
    }

    /// `N errors, M warnings, K notices` (SCHEMA.md §7), the same in every language so that scripts can read it;
    /// in Chinese the counts are said in Chinese first, with that line after them in brackets.
    public static func summary(_ diagnostics: [Diagnostic], language: Language) -> String {
        let (errors, warnings, notices) = (diagnostics.errorCount, diagnostics.warningCount, diagnostics.noticeCount)
        let line = "\(errors) errors, \(warnings) warnings, \(notices) notices"
        return language.pick("\(errors) 个错误，\(warnings) 个警告，\(notices) 条提示（\(line)）", line)
    }

    /// The largest step summary GitHub accepts is 1 MiB; the table stops short of it, so that the summary is
    /// shown at all, and says how many rows it left out (every one is still in the log).
    public static let stepSummaryLimit = 1_000_000

    /// Every diagnostic as a Markdown table, for `$GITHUB_STEP_SUMMARY` (GitHub shows only the first few
    /// annotations of a step). Each cell is escaped so content cannot break out of it: control characters as
    /// visible escapes, then every ASCII punctuation character backslash-escaped, so no `|`, `<`, `[` or `` ` ``
    /// from a value acts as Markdown or HTML. `title` heads the section (`bangdan check`).
    public static func stepSummary(
        _ diagnostics: [Diagnostic], language: Language, title: String, repositoryPrefix: String = "",
        limit: Int = stepSummaryLimit
    ) -> String {
        var out = "### \(markdownCell(title))\n\n\(summary(diagnostics, language: language))\n"
        guard !diagnostics.isEmpty else { return out + "\n" }
        out += "\n| " + language.pick("位置 | 级别 | 规则 | 说明", "Location | Severity | Rule | Message") + " |\n"
        out += "| --- | --- | --- | --- |\n"
        var size = out.utf8.count
        for (k, d) in diagnostics.enumerated() {
            let row =
                "| " + markdownCell("\(repositoryPrefix)\(d.path):\(d.line):\(d.column)") + " | "
                + d.severity.rawValue + " | " + markdownCell(d.rule.rawValue) + " | "
                + markdownCell(d.message(in: language)) + " |\n"
            let left = diagnostics.count - k
            let note = language.pick(
                "\n另有 \(left) 条未列出（摘要最大 1 MiB），完整内容见日志。\n",
                "\n\(left) more not listed (a summary holds at most 1 MiB); the log has every one.\n")
            if size + row.utf8.count + note.utf8.count + 1 > limit {
                return out + note + "\n"
            }
            out += row
            size += row.utf8.count
        }
        return out + "\n"
    }

    /// One Markdown table cell's text: control characters as visible escapes, every ASCII punctuation character
    /// backslash-escaped (CommonMark shows `\x` as `x` for any of them).
    static func markdownCell(_ text: String) -> String {
        var out = ""
        for scalar in visible(text).unicodeScalars {
            switch scalar.value {
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: out += "\\"
            default: break
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// At most this many characters of a long line are shown, around the caret.
    static let excerptWidth = 160

    /// The offending line with a caret under the column, as compilers show it. The caret is indented by display
    /// width, so it lands under the right character after Chinese text (two columns per wide character) and after
    /// escaped control characters. A long line is cut to a window around the column, so a thousand diagnostics on
    /// one long line cost a thousand windows, not a thousand copies of the line. Its UTF-8 is appended to `out`.
    static func appendExcerpt(line: [Unicode.Scalar], number: Int, column: Int, to out: inout [UInt8]) {
        let caret = min(max(0, column - 1), line.count)
        var start = 0
        var end = line.count
        if line.count > excerptWidth {
            start = max(0, min(caret - excerptWidth / 2, line.count - excerptWidth))
            end = min(line.count, start + excerptWidth)
        }
        out.append(0x20)
        let gutterStart = out.count
        out.append(decimal: number)
        let gutter = out.count - gutterStart
        out += " | ".utf8
        if start > 0 { out += "…".utf8 }
        // The caret's indent in columns: each scalar before it as wide as it is shown.
        var indent = start > 0 ? 1 : 0
        for (k, scalar) in line[start..<end].enumerated() {
            if scalar.needsEscapeInDiagnostics {
                let escape = scalar.visibleEscape
                out += escape.utf8
                if start + k < caret { indent += escape.count }
            } else {
                UTF8.encode(scalar) { out.append($0) }
                if start + k < caret { indent += scalar.isWide ? 2 : 1 }
            }
        }
        if end < line.count { out += "…".utf8 }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: gutter + 2))
        out += "| ".utf8
        out.append(contentsOf: repeatElement(0x20, count: indent))
        out += "^\n".utf8
    }

    /// Whether `text` holds a scalar `needsEscapeInDiagnostics` (a line feed not counted when `butLineFeeds`):
    /// found in its bytes (`holdsEscapes`) when they are contiguous, as a native string's are.
    static func holdsEscapes(_ text: String, butLineFeeds: Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { holdsEscapes($0, butLineFeeds: butLineFeeds) }
            ?? text.unicodeScalars.contains { (!butLineFeeds || $0 != "\n") && $0.needsEscapeInDiagnostics }
    }

    /// Whether the UTF-8 `bytes` (valid) hold a scalar `needsEscapeInDiagnostics` (a line feed not counted when
    /// `butLineFeeds`), seen in the bytes themselves, about 8 instructions a byte where the scalar view took 12: a
    /// byte below 0x20; 0x7F; C2 80–9F (C1); D8 9C (U+061C); E2 80 8E–8F, E2 80 A8–AE, E2 81 A6–A9 (the marks,
    /// separators, embeddings and isolates). A lead byte is never a continuation byte, so each is met at a scalar.
    static func holdsEscapes(_ bytes: UnsafeBufferPointer<UInt8>, butLineFeeds: Bool) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x0A: if !butLineFeeds { return true }
            case 0x00...0x1F, 0x7F: return true
            case 0xC2: if index + 1 < count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
            case 0xD8: if index + 1 < count, bytes[index + 1] == 0x9C { return true }
            case 0xE2 where index + 2 < count:
                let (second, third) = (bytes[index + 1], bytes[index + 2])
                if second == 0x80, (0x8E...0x8F).contains(third) || (0xA8...0xAE).contains(third) { return true }
                if second == 0x81, (0xA6...0xA9).contains(third) { return true }
            default: break
            }
            index += 1
        }
        return false
    }

    /// Text with every control character written as a visible escape (`\n`, `\t`, `\u{1B}`): the one escaping of
    /// everything Bangdan prints for a person (diagnostics in text, environment errors, the command's own lines).
    /// True when `text` holds nothing `visible` would escape but line feeds: printed as it is, line by line.
    public static func isVisibleAsLines(_ text: String) -> Bool { !holdsEscapes(text, butLineFeeds: true) }

    public static func visible(_ text: String) -> String {
        guard holdsEscapes(text, butLineFeeds: false) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.needsEscapeInDiagnostics {
                out += scalar.visibleEscape
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// GitHub workflow command escaping (data part): its own percent-encoding for `%`, CR and LF (the runner
    /// decodes those), other control characters as visible escapes.
    static func data(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default:
                if scalar.needsEscapeInDiagnostics {
                    out += scalar.visibleEscape
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// GitHub workflow command escaping (property values): also `:` and `,`, which separate properties.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// A JSON string with every control character escaped: C0 (as JSON requires) and also DEL, C1, the line
    /// separators and bidirectional overrides, which JSON allows raw but a terminal would act on.
    static func jsonString(_ text: String) -> String {
        JSONText.quote(text) { $0.needsEscapeInDiagnostics }
    }
}

extension Rule {
    /// Whether the diagnostic points into a file's text, so that the caret display may show its line. Rules about
    /// a file as a whole do not: a refused symbolic link above all, whose target must never be read (SCHEMA.md §7).
    public var pointsIntoText: Bool {
        switch self {
        case .symlinkRefused, .misplacedFile, .listMissingIndex, .unsupportedFile, .fileTooLarge, .outputConflict: false
        default: true
        }
    }
}

extension Unicode.Scalar {
    /// Control characters (C0, DEL, C1), the Unicode line and paragraph separators, and the bidirectional
    /// formatting characters: what a terminal or log viewer would act on instead of showing.
    var needsEscapeInDiagnostics: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `\n`, `\r`, `\t`, or `\u{1B}`.
    var visibleEscape: String {
        switch self {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{" + String(value, radix: 16, uppercase: true) + "}"
        }
    }
}

extension Unicode.Scalar {
    /// East Asian wide and full-width characters take two terminal columns.
    var isWide: Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
