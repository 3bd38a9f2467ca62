/// The three ways diagnostics are printed (SCHEMA.md §7).
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, github, json

    /// Renders diagnostics (already sorted) and, for `text`, the summary line. `sourceLine` gives a file's line
    /// for the caret display of the text format.
    public func render(_ diagnostics: [Diagnostic], language: Language,
                       sourceLine: (String, Int) -> String? = { _, _ in nil }) -> String {
        switch self {
        case .text:
            var out = ""
            for d in diagnostics {
                out += "\(d.path):\(d.line):\(d.column): \(d.severity.rawValue)[\(d.rule.rawValue)]: \(d.message(in: language))\n"
                if let line = sourceLine(d.path, d.line) { out += Self.excerpt(line: line, number: d.line, column: d.column) }
            }
            return out + Self.summary(diagnostics) + "\n"
        case .github:
            return diagnostics.map { d in
                "::\(d.severity.rawValue) file=\(Self.property(d.path)),line=\(d.line),col=\(d.column),title=\(d.rule.rawValue)::\(Self.data(d.message(in: language)))\n"
            }.joined()
        case .json:
            return JSONText.array(diagnostics.map { d in
                JSONText.object([
                    ("path", JSONText.quote(d.path)), ("line", "\(d.line)"), ("column", "\(d.column)"),
                    ("severity", JSONText.quote(d.severity.rawValue)), ("rule", JSONText.quote(d.rule.rawValue)),
                    ("message", JSONText.quote(d.message(in: language))),
                ])
            }) + "\n"
        }
    }

    /// `N errors, M warnings`.
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        "\(diagnostics.errorCount) errors, \(diagnostics.warningCount) warnings"
    }

    /// The offending line with a caret under the column, as compilers show it. The caret is indented by display
    /// width, so it lands under the right character after Chinese text (two columns per wide character).
    static func excerpt(line: String, number: Int, column: Int) -> String {
        let gutter = String(number)
        let pad = String(repeating: " ", count: gutter.count)
        var indent = ""
        for scalar in line.unicodeScalars.prefix(max(0, column - 1)) {
            indent += scalar == "\t" ? "\t" : String(repeating: " ", count: scalar.isWide ? 2 : 1)
        }
        return " \(gutter) | \(line)\n \(pad) | \(indent)^\n"
    }

    /// GitHub workflow command escaping (data part).
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// GitHub workflow command escaping (property values).
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
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
