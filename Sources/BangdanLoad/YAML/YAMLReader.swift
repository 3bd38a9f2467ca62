import BangdanCore

/// Parses YAML text into a `YAMLNode`, turning every parser complaint into a positioned diagnostic.
///
/// `YAMLComposer` builds the nodes from libyaml's events, with no YAML 1.1 guessing (`no`, `012`, `1.10` stay
/// text); values are typed later from the schema. Problems libyaml reports badly, or too late, are handled here
/// first:
/// - characters no text may hold (`isForbiddenInText`) would stop libyaml's reader with a byte offset; they are
///   found, reported as `text-invalid` at the first one on each line, and blanked so the rest of the file is still
///   checked;
/// - anchors, aliases and deep nesting are refused before anything is composed (`YAMLPrescan`);
/// - a key given twice ends the composing of the whole document, naming only the first occurrence; the later one
///   is found, reported as `duplicate-key`, and masked so parsing can go on.
enum YAMLReader {
    /// Stands in for a masked duplicate key: private-use, so libyaml accepts it and no real key looks like it.
    /// The n-th masked key in a file is written with the n-th private-use character from here.
    static let maskScalar: Unicode.Scalar = "\u{E000}"

    /// The most duplicate keys reported in one file.
    static let duplicateLimit = 20

    /// How many times a document with duplicate keys is composed again after masking them.
    static let maskingRounds = 8

    struct Result {
        /// Nil for an empty document, or when parsing failed.
        var root: YAMLNode?
        var diagnostics: [Diagnostic]
        /// True when the text could not be parsed at all: the file's fields cannot be checked.
        var failed = false
    }

    static func read(_ text: String, path: String, firstLine: Int) -> Result {
        let shift = firstLine - 1
        var diagnostics: [Diagnostic] = []
        var lines: [[Unicode.Scalar]]?
        if text.containsForbiddenInText {
            var split = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
            for i in split.indices {
                var first: Int?
                for j in split[i].indices where split[i][j].isForbiddenInText {
                    if first == nil { first = j }
                    split[i][j] = " "
                }
                // One diagnostic per line, at the first such character: a line of a thousand of them is one problem.
                if let first {
                    diagnostics.append(
                        Diagnostic(
                            .textInvalid(field: fieldName(onLine: split[i])), path: path,
                            at: SourcePosition(line: i + 1 + shift, column: first + 1)))
                }
            }
            lines = split
        }
        if let finding = YAMLPrescan.firstFinding(in: text) {
            diagnostics.append(
                Diagnostic(
                    finding.kind.problem, path: path,
                    at: SourcePosition(line: finding.line + shift, column: finding.column)))
            return Result(root: nil, diagnostics: diagnostics, failed: true)
        }
        // The common case, nothing blanked: the text as it is. Otherwise (and after each round of masking) the lines.
        var masked = lines
        var yaml = lines.map(joined) ?? text
        // Each round masks every later occurrence of one duplicated key and composes again: a few rounds cover what
        // an officer does by mistake, and the bound keeps a file built to repeat keys from costing more than a few
        // parses. Past it, the file is reported with the duplicates found so far.
        var masks = 0
        for _ in 0..<maskingRounds {
            switch YAMLComposer.compose(yaml, shift: shift, isMask: isMask) {
            case .success(let root):
                return Result(root: root, diagnostics: diagnostics)
            case .failure(.duplicateKey(let key, let first)):
                let split = masked ?? splitLines(yaml)
                let later = laterOccurrences(of: key, after: first, in: split)
                guard !later.isEmpty else {
                    diagnostics.append(
                        Diagnostic(
                            .duplicateKey(key: key, firstLine: first.line + shift), path: path,
                            at: SourcePosition(line: first.line + shift, column: first.column)))
                    return Result(root: nil, diagnostics: diagnostics, failed: true)
                }
                var lines = split
                for occurrence in later.prefix(duplicateLimit - masks) {
                    diagnostics.append(
                        Diagnostic(
                            .duplicateKey(key: key, firstLine: first.line + shift), path: path,
                            at: SourcePosition(line: occurrence.line + 1 + shift, column: occurrence.column + 1)))
                    // Each masked key differs from every other, or the masks would be duplicates in their turn.
                    let mask = Unicode.Scalar(maskScalar.value + UInt32(masks)) ?? maskScalar
                    for k in 0..<key.unicodeScalars.count { lines[occurrence.line][occurrence.column + k] = mask }
                    masks += 1
                }
                masked = lines
                yaml = joined(lines)
                // A file that repeats keys by the thousand is not checked further: what was found is enough to act on.
                if masks >= duplicateLimit { return Result(root: nil, diagnostics: diagnostics, failed: true) }
            case .failure(.syntax(let context, let problem, let mark)):
                let detail = [context, problem].compactMap { $0 }.joined(separator: " ")
                diagnostics.append(
                    fullWidthColon(in: masked ?? splitLines(yaml), failedLine: mark.line, path: path, shift: shift)
                        ?? Diagnostic(
                            .yamlSyntax(detail: detail, hint: SyntaxProblem.hint(for: problem)), path: path,
                            at: SourcePosition(line: mark.line + shift, column: mark.column)))
                return Result(root: nil, diagnostics: diagnostics, failed: true)
            case .failure(.anchorOrAlias(let name, let isAlias, let mark)):
                let kind: YAMLPrescan.Finding.Kind = isAlias ? .alias(name) : .anchor(name)
                diagnostics.append(
                    Diagnostic(
                        kind.problem, path: path, at: SourcePosition(line: mark.line + shift, column: mark.column)))
                return Result(root: nil, diagnostics: diagnostics, failed: true)
            case .failure(.other(let detail)):
                diagnostics.append(
                    Diagnostic(.yamlSyntax(detail: detail), path: path, at: SourcePosition(line: firstLine, column: 1)))
                return Result(root: nil, diagnostics: diagnostics, failed: true)
            }
        }
        return Result(root: nil, diagnostics: diagnostics, failed: true)
    }

    private static func splitLines(_ text: String) -> [[Unicode.Scalar]] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
    }

    private static func joined(_ lines: [[Unicode.Scalar]]) -> String {
        lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    private static func fieldName(onLine line: [Unicode.Scalar]) -> String {
        let text = String(String.UnicodeScalarView(line))
        guard let colon = text.firstIndex(of: ":") else { return "?" }
        let name = text[..<colon].trimmingWhitespace
        return name.hasPrefix("- ") ? String(name.dropFirst(2)).trimmingWhitespace : name
    }

    /// Finds the later occurrences of a key given twice, after its first occurrence at `mark`: at the first one's
    /// indentation within the same block mapping (scanning stops where the indentation falls below it, or at the
    /// next item of the sequence it belongs to), or after a comma on the same line in a flow mapping. Zero-based
    /// line and column. One forward pass over the lines below `mark`.
    static func laterOccurrences(of key: String, after mark: YAMLMark, in lines: [[Unicode.Scalar]]) -> [(
        line: Int, column: Int
    )] {
        let column = mark.column - 1
        let keyScalars = Array(key.unicodeScalars)
        var found: [(line: Int, column: Int)] = []
        // A flow mapping (`{name: a, name: b}`): a later key follows a comma on the same line.
        if mark.line - 1 < lines.count {
            let line = lines[mark.line - 1]
            var j = column + keyScalars.count
            while j < line.count {
                if line[j] == "," {
                    let start = (j + 1..<line.count).first { line[$0] != " " } ?? line.count
                    if line[start...].starts(with: keyScalars),
                        line[(start + keyScalars.count)...].drop(while: { $0 == " " }).first == ":"
                    {
                        found.append((mark.line - 1, start))
                    }
                }
                j += 1
            }
            if !found.isEmpty { return found }
        }
        var i = mark.line  // zero-based index of the line after the first occurrence
        while i < lines.count {
            let line = lines[i]
            let indent = line.prefix { $0 == " " }.count
            let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" } || line.dropFirst(indent).first == "#"
            let isSiblingItem = indent == column - 2 && line.dropFirst(indent).first == "-"
            if !isBlank && indent < column && !isSiblingItem { break }
            if isSiblingItem && !found.isEmpty { break }
            if indent == column || (indent < column && line.count > column) {
                let rest = line[column...]
                for (quote, candidate) in [
                    (0, keyScalars), (1, [Unicode.Scalar("\"")] + keyScalars + ["\""]),
                    (1, [Unicode.Scalar("'")] + keyScalars + ["'"]),
                ]
                where rest.starts(with: candidate) {
                    let after = rest.dropFirst(candidate.count).drop { $0 == " " }
                    if after.first == ":" { found.append((i, column + quote)) }
                }
            }
            i += 1
        }
        return found
    }

    /// `字段：值` with a full-width colon is the commonest slip when typing in a Chinese input method; libyaml
    /// notices only on the next line. Point at the colon itself, on the line where parsing failed or the one before.
    private static func fullWidthColon(in lines: [[Unicode.Scalar]], failedLine: Int, path: String, shift: Int)
        -> Diagnostic?
    {
        let failed = failedLine - 1
        for i in [failed - 1, failed] where lines.indices.contains(i) {
            let line = lines[i]
            let text = String(String.UnicodeScalarView(line))
            guard let colon = line.firstIndex(of: "\u{FF1A}"), !text.trimmingWhitespace.hasPrefix("#"),
                !line[..<colon].contains(":")
            else { continue }
            return Diagnostic(
                .yamlSyntax(
                    detail: "full-width colon '：' after a key; write ':'",
                    hint: "这一行用了中文冒号“：”，请改为英文冒号“:”并在其后加一个空格"),
                path: path, at: SourcePosition(line: i + 1 + shift, column: colon + 1))
        }
        return nil
    }

    /// A key that `read` masked: one private-use character from `maskScalar` on, repeated.
    private static func isMask(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first,
            (maskScalar.value..<maskScalar.value + UInt32(duplicateLimit)).contains(first.value)
        else { return false }
        return key.unicodeScalars.allSatisfy { $0 == first }
    }
}

/// libyaml's problems are terse English; officers get a plain explanation (the original stays in brackets).
enum SyntaxProblem {
    static func hint(for problem: String) -> String? {
        let hints: [(String, String)] = [
            ("mapping values are not allowed", "这里不能再出现“: ”；如果值本身含有冒号，请给整个值加引号"),
            ("cannot start any plain token", "值不能以这个符号开头（如 @ ` % *），请给值加引号"),
            ("cannot start any token", "这里有不能出现的字符：常见原因是用 Tab 键缩进，请改用空格"),
            ("did not find expected key", "缩进不一致或缺少冒号，请检查这一行与上一行的缩进"),
            ("could not find expected ':'", "缺少冒号“:”，字段应写成“字段: 值”"),
            ("tab", "缩进不能使用 Tab，请改用空格"),
            ("unexpected end of stream", "文件意外结束：是否有引号或括号没有闭合？"),
            ("did not find expected node content", "这里缺少值"),
            ("did not find expected '-' indicator", "列表项应以“- ”开头，且缩进一致"),
            ("found unknown escape character", "双引号里的反斜杠 \\ 需要写成 \\\\，或改用单引号"),
        ]
        return hints.first { problem.contains($0.0) }?.1
    }
}
