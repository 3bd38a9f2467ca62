import BangdanCore
import Yams

/// Parses YAML text into a `YAMLNode`, turning every parser complaint into a positioned diagnostic.
///
/// Composes with Yams' `.basic` resolver (no YAML 1.1 guessing: `no`, `012`, `1.10` stay text) and types values
/// later from the schema. Two problems Yams reports badly are handled here first:
/// - control characters would stop libyaml's reader with a byte offset; they are found, reported as
///   `text-invalid` at their line and column, and blanked so the rest of the file is still checked;
/// - a key given twice makes Yams give up on the whole document naming only the first occurrence; the later one
///   is found, reported as `duplicate-key`, and masked so parsing can go on.
enum YAMLReader {
    /// Stands in for a masked duplicate key: private-use, so libyaml accepts it and no real key looks like it.
    static let maskScalar: Unicode.Scalar = "\u{E000}"

    struct Result {
        /// Nil for an empty document, or when parsing failed.
        var root: YAMLNode?
        var diagnostics: [Diagnostic]
        /// True when the text could not be parsed at all: the file's fields cannot be checked.
        var failed = false
    }

    static func read(_ text: String, path: String, firstLine: Int) -> Result {
        // The common case, no control characters: compose the text as it is.
        if !text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) || $0 == 0x7F || $0 == 0xC2 }),
           let node = try? Yams.compose(yaml: text, .basic, .default, .utf8) {
            return Result(root: convert(node, shift: firstLine - 1), diagnostics: [])
        }
        var diagnostics: [Diagnostic] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let shift = firstLine - 1

        for (i, line) in lines.enumerated() {
            for (j, scalar) in line.enumerated() where isForbiddenControl(scalar) {
                diagnostics.append(Diagnostic(.textInvalid(field: fieldName(onLine: line)), path: path,
                                              at: SourcePosition(line: i + 1 + shift, column: j + 1)))
                lines[i][j] = " "
            }
        }

        for _ in 0..<64 {
            let yaml = lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
            do {
                let node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
                return Result(root: node.map { convert($0, shift: shift) }, diagnostics: diagnostics)
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                let key = duplicates.first ?? ""
                let first = context.mark
                guard let later = laterOccurrence(of: key, after: first, in: lines) else {
                    diagnostics.append(Diagnostic(.duplicateKey(key: key, firstLine: first.line + shift), path: path,
                                                  at: SourcePosition(line: first.line + shift, column: first.column)))
                    return Result(root: nil, diagnostics: diagnostics, failed: true)
                }
                diagnostics.append(Diagnostic(.duplicateKey(key: key, firstLine: first.line + shift), path: path,
                                              at: SourcePosition(line: later.line + 1 + shift, column: later.column + 1)))
                for k in 0..<key.unicodeScalars.count { lines[later.line][later.column + k] = maskScalar }
            } catch let error as YamlError {
                diagnostics.append(fullWidthColon(in: lines, near: error, path: path, shift: shift)
                    ?? syntaxDiagnostic(error, path: path, shift: shift))
                return Result(root: nil, diagnostics: diagnostics, failed: true)
            } catch {
                diagnostics.append(Diagnostic(.yamlSyntax(detail: "\(error)"), path: path,
                                              at: SourcePosition(line: firstLine, column: 1)))
                return Result(root: nil, diagnostics: diagnostics, failed: true)
            }
        }
        return Result(root: nil, diagnostics: diagnostics, failed: true)
    }

    /// C0 controls other than tab and line feed, DEL and C1 controls: never meaningful in content.
    private static func isForbiddenControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t" && s != "\n") || (0x7F...0x9F).contains(s.value)
    }

    private static func fieldName(onLine line: [Unicode.Scalar]) -> String {
        let text = String(String.UnicodeScalarView(line))
        guard let colon = text.firstIndex(of: ":") else { return "?" }
        let name = text[..<colon].trimmingWhitespace
        return name.hasPrefix("- ") ? String(name.dropFirst(2)).trimmingWhitespace : name
    }

    /// Finds the second occurrence of a block-mapping key at the first one's indentation, within the same
    /// mapping (scanning stops where the indentation falls below it). Zero-based line and column.
    static func laterOccurrence(of key: String, after mark: Mark, in lines: [[Unicode.Scalar]])
        -> (line: Int, column: Int)? {
        let column = mark.column - 1
        let keyScalars = Array(key.unicodeScalars)
        // A flow mapping (`{name: a, name: b}`): the later key follows a comma on the same line.
        if mark.line - 1 < lines.count {
            let line = lines[mark.line - 1]
            var j = column + keyScalars.count
            while j < line.count {
                if line[j] == "," {
                    let start = (j + 1..<line.count).first { line[$0] != " " } ?? line.count
                    if Array(line[start...]).starts(with: keyScalars),
                       line[(start + keyScalars.count)...].drop(while: { $0 == " " }).first == ":" {
                        return (mark.line - 1, start)
                    }
                }
                j += 1
            }
        }
        var i = mark.line  // zero-based index of the line after the first occurrence
        while i < lines.count {
            let line = lines[i]
            let indent = line.prefix { $0 == " " }.count
            let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" } || line.dropFirst(indent).first == "#"
            if !isBlank && indent < column && !(indent == column - 2 && line.dropFirst(indent).first == "-") {
                return nil
            }
            if indent == column || (indent < column && line.count > column) {
                let rest = Array(line.dropFirst(column))
                for (quote, candidate) in [(0, keyScalars), (1, [Unicode.Scalar("\"")] + keyScalars + ["\""]),
                                           (1, [Unicode.Scalar("'")] + keyScalars + ["'"])]
                where rest.starts(with: candidate) {
                    let after = rest.dropFirst(candidate.count).drop { $0 == " " }
                    if after.first == ":" { return (i, column + quote) }
                }
            }
            i += 1
        }
        return nil
    }

    /// `字段：值` with a full-width colon is the commonest slip when typing in a Chinese input method; libyaml
    /// notices only on the next line. Point at the colon itself, on the line where parsing failed or the one before.
    private static func fullWidthColon(in lines: [[Unicode.Scalar]], near error: YamlError, path: String, shift: Int) -> Diagnostic? {
        let failed: Int
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): failed = mark.line - 1
        default: return nil
        }
        for i in [failed - 1, failed] where lines.indices.contains(i) {
            let line = lines[i]
            let text = String(String.UnicodeScalarView(line))
            guard let colon = line.firstIndex(of: "\u{FF1A}"), !text.trimmingWhitespace.hasPrefix("#"),
                  !line[..<colon].contains(":") else { continue }
            return Diagnostic(.yamlSyntax(detail: "full-width colon '：' after a key; write ':'",
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
            return Diagnostic(.yamlSyntax(detail: detail, hint: SyntaxProblem.hint(for: problem)), path: path,
                              at: SourcePosition(line: mark.line + shift, column: mark.column))
        default:
            return Diagnostic(.yamlSyntax(detail: "\(error)"), path: path, at: SourcePosition(line: 1 + shift, column: 1))
        }
    }

    private static func convert(_ node: Node, shift: Int) -> YAMLNode {
        let mark = node.mark.map { SourcePosition(line: $0.line + shift, column: $0.column) }
            ?? SourcePosition(line: 1 + shift, column: 1)
        switch node {
        case .scalar(let scalar):
            return YAMLNode(.scalar(scalar.string, plain: scalar.style == .plain), at: mark)
        case .mapping(let mapping):
            let pairs = mapping.compactMap { key, value -> YAMLPair? in
                if case .scalar(let s) = key, !s.string.isEmpty, s.string.unicodeScalars.allSatisfy({ $0 == maskScalar }) {
                    return nil
                }
                return YAMLPair(key: convert(key, shift: shift), value: convert(value, shift: shift))
            }
            return YAMLNode(.mapping(pairs), at: mark)
        case .sequence(let sequence):
            return YAMLNode(.sequence(sequence.map { convert($0, shift: shift) }), at: mark)
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
