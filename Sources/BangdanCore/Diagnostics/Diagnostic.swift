/// A position in a source file: 1-based line and column (columns count Unicode scalars, as libyaml does).
public struct SourcePosition: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Line 1, column 1: where file-level problems and missing top-level fields are reported.
    public static let start = SourcePosition(line: 1, column: 1)

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// SCHEMA.md §6–7: errors stop a build; warnings do not, unless `--strict` makes them errors; notices never do,
/// not even under `--strict` (time alone raises them, so a daily rebuild must still publish).
public enum Severity: String, Sendable, Hashable, CaseIterable {
    case error
    case warning
    case notice
}

/// One content problem, a value: collected across all files, never thrown (docs/ARCHITECTURE.md).
public struct Diagnostic: Hashable, Sendable {
    /// Relative to the site folder, with `/` separators: `content/lists/x/y.md`.
    public var path: String
    public var position: SourcePosition
    public var problem: Problem
    /// The rule's severity, unless `--strict` promoted a warning to an error (never a notice).
    public var severity: Severity

    public init(_ problem: Problem, path: String, at position: SourcePosition = .start) {
        self.path = path
        self.position = position
        self.problem = problem
        self.severity = problem.severity
    }

    public var rule: Rule { problem.rule }
    public var line: Int { position.line }
    public var column: Int { position.column }

    public func message(in language: Language) -> String { problem.message(in: language) }
}

extension Diagnostic: Comparable {
    /// SCHEMA.md §7: sorted by path, line, column; the rule id breaks ties so the order never depends on scheduling.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path.bytesPrecede(b.path) }
        if a.position != b.position { return a.position < b.position }
        return a.rule.rawValue < b.rule.rawValue
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
    public var noticeCount: Int { count { $0.severity == .notice } }
}
