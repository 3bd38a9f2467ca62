import BangdanCore
import Yams

/// Parses YAML text into a `YAMLNode`, turning every parser complaint into a positioned diagnostic.
///
/// Composes with Yams' `.basic` resolver (no YAML 1.1 guessing: `no`, `012`, `1.10` stay text) and types values
/// later from the schema. Problems Yams reports badly, or too late, are handled here first:
/// - characters no text may hold (`isForbiddenInText`) would stop libyaml's reader with a byte offset; they are
///   found, reported as `text-invalid` at the first one on each line, and blanked so the rest of the file is still
///   checked;
/// - anchors, aliases and deep nesting are refused before Yams expands anything (`YAMLPrescan`);
/// - a key given twice makes Yams give up on the whole document naming only the first occurrence; the later one
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
        if text.unicodeScalars.contains(where: \.isForbiddenInText) {
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
        // The common case, nothing blanked: compose the text as it is.
        if lines == nil, let node = try? Yams.compose(yaml: text, .basic, .default, .utf8) {
            return converted(node, text: text, path: path, shift: shift, diagnostics: diagnostics)
        }
        var masked =
            lines ?? text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        // Each round masks every later occurrence of one duplicated key and composes again: a few rounds cover what
        // an officer does by mistake, and the bound keeps a file built to repeat keys from costing more than a few
        // parses. Past it, the file is reported with the duplicates found so far.
        var masks = 0
        for _ in 0..<maskingRounds {
            let yaml = masked.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
            do {
                let node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
                return converted(node, text: yaml, path: path, shift: shift, diagnostics: diagnostics)
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                let key = duplicates.first ?? ""
                let first = context.mark
                let later = laterOccurrences(of: key, after: first, in: masked)
                guard !later.isEmpty else {
                    diagnostics.append(
                        Diagnostic(
                            .duplicateKey(key: key, firstLine: first.line + shift), path: path,
                            at: SourcePosition(line: first.line + shift, column: first.column)))
                    return Result(root: nil, diagnostics: diagnostics, failed: true)
                }
                for occurrence in later.prefix(duplicateLimit - masks) {
                    diagnostics.append(
                        Diagnostic(
                            .duplicateKey(key: key, firstLine: first.line + shift), path: path,
                            at: SourcePosition(line: occurrence.line + 1 + shift, column: occurrence.column + 1)))
                    // Each masked key differs from every other, or the masks would be duplicates in their turn.
                    let mask = Unicode.Scalar(maskScalar.value + UInt32(masks)) ?? maskScalar
                    for k in 0..<key.unicodeScalars.count { masked[occurrence.line][occurrence.column + k] = mask }
                    masks += 1
                }
                // A file that repeats keys by the thousand is not checked further: what was found is enough to act on.
                if masks >= duplicateLimit { return Result(root: nil, diagnostics: diagnostics, failed: true) }
            } catch let error as YamlError {
                diagnostics.append(
                    fullWidthColon(in: masked, near: error, path: path, shift: shift)
                        ?? syntaxDiagnostic(error, path: path, shift: shift))
                return Result(root: nil, diagnostics: diagnostics, failed: true)
            } catch {
                diagnostics.append(
                    Diagnostic(
                        .yamlSyntax(detail: "\(error)"), path: path,
                        at: SourcePosition(line: firstLine, column: 1)))
                return Result(root: nil, diagnostics: diagnostics, failed: true)
            }
        }
        return Result(root: nil, diagnostics: diagnostics, failed: true)
    }

    /// Converts a composed document within a budget of nodes. Without aliases a document has fewer nodes than
    /// twice its bytes; the prescan refuses aliases, and the budget makes sure that no expansion it might miss costs
    /// more than the text's size.
    private static func converted(_ node: Node?, text: String, path: String, shift: Int, diagnostics: [Diagnostic])
        -> Result
    {
        guard let node else { return Result(root: nil, diagnostics: diagnostics) }
        var budget = 2 * text.utf8.count + 16
        if let root = convert(node, shift: shift, budget: &budget) {
            return Result(root: root, diagnostics: diagnostics)
        }
        let at = SourcePosition(line: (node.mark?.line ?? 1) + shift, column: node.mark?.column ?? 1)
        return Result(
            root: nil,
            diagnostics: diagnostics + [Diagnostic(YAMLPrescan.Finding.Kind.alias("").problem, path: path, at: at)],
            failed: true)
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
    static func laterOccurrences(of key: String, after mark: Mark, in lines: [[Unicode.Scalar]]) -> [(
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
    private static func fullWidthColon(in lines: [[Unicode.Scalar]], near error: YamlError, path: String, shift: Int)
        -> Diagnostic?
    {
        let failed: Int
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            failed = mark.line - 1
        default: return nil
        }
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

    private static func syntaxDiagnostic(_ error: YamlError, path: String, shift: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.joined(separator: " ")
            return Diagnostic(
                .yamlSyntax(detail: detail, hint: SyntaxProblem.hint(for: problem)), path: path,
                at: SourcePosition(line: mark.line + shift, column: mark.column))
        default:
            return Diagnostic(
                .yamlSyntax(detail: "\(error)"), path: path, at: SourcePosition(line: 1 + shift, column: 1))
        }
    }

    /// A key that `read` masked: one private-use character from `maskScalar` on, repeated.
    private static func isMask(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first,
            (maskScalar.value..<maskScalar.value + UInt32(duplicateLimit)).contains(first.value)
        else { return false }
        return key.unicodeScalars.allSatisfy { $0 == first }
    }

    /// Nil when the document holds more nodes than `budget` allows.
    private static func convert(_ node: Node, shift: Int, budget: inout Int) -> YAMLNode? {
        budget -= 1
        guard budget >= 0 else { return nil }
        let mark =
            node.mark.map { SourcePosition(line: $0.line + shift, column: $0.column) }
            ?? SourcePosition(line: 1 + shift, column: 1)
        switch node {
        case .scalar(let scalar):
            return YAMLNode(.scalar(scalar.string, plain: scalar.style == .plain), at: mark)
        case .mapping(let mapping):
            var pairs: [YAMLPair] = []
            for (key, value) in mapping {
                if case .scalar(let s) = key, isMask(s.string) {
                    continue
                }
                guard let key = convert(key, shift: shift, budget: &budget),
                    let value = convert(value, shift: shift, budget: &budget)
                else { return nil }
                pairs.append(YAMLPair(key: key, value: value))
            }
            return YAMLNode(.mapping(pairs), at: mark)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence {
                guard let item = convert(item, shift: shift, budget: &budget) else { return nil }
                items.append(item)
            }
            return YAMLNode(.sequence(items), at: mark)
        case .alias:
            return YAMLNode(.scalar("", plain: true), at: mark)
        }
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
