import Foundation

/// Runs the stages of DESIGN.md in order. `check` stops after `resolve`; `build` goes on to write the site.
public enum Build {
    /// Everything `check` learned: the diagnostics (sorted) and, when content is sound enough, the resolved model.
    public struct Checked: Sendable {
        public var diagnostics: [Diagnostic]
        public var resolved: Resolved?
        public var language: Language

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// load → decode → resolve. Throws only for the environment.
    public static func check(site: String, buildDate: Day, strict: Bool = false) throws -> Checked {
        let loaded = try Loader.load(site: site)
        let content = Decode.decode(loaded)
        let (resolved, resolveDiagnostics) = Resolve.resolve(content, buildDate: buildDate)
        var diagnostics = (content.diagnostics + resolveDiagnostics).sorted()
        if strict {
            for i in diagnostics.indices { diagnostics[i].severity = .error }
        }
        return Checked(diagnostics: diagnostics, resolved: resolved, language: content.language)
    }

    /// What `build` did: the check's findings, and how many files it wrote (nil when it wrote nothing).
    public struct Built: Sendable {
        public var checked: Checked
        public var filesWritten: Int?
    }

    /// check → site → render → write. Writes nothing at all when there is any error.
    public static func build(site: String, output: String? = nil, buildDate: Day, strict: Bool = false) throws -> Built {
        var checked = try check(site: site, buildDate: buildDate, strict: strict)
        guard !checked.hasErrors, let resolved = checked.resolved else { return Built(checked: checked, filesWritten: nil) }
        let theme = try ThemeLoader.load(site: site)
        let model = SiteModel(resolved)
        let (files, conflicts) = try Render.render(model, theme: theme)
        if !conflicts.isEmpty {
            checked.diagnostics = (checked.diagnostics + conflicts).sorted()
            return Built(checked: checked, filesWritten: nil)
        }
        try Writer.write(files, to: output ?? (site as NSString).appendingPathComponent("public"), site: site)
        return Built(checked: checked, filesWritten: files.count)
    }

    /// The build date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else today in UTC, read once.
    public static func buildDate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Day {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap({ Int64($0.trimmingWhitespace) }) {
            return Day(unixSeconds: epoch)
        }
        return Day(unixSeconds: Int64(Date().timeIntervalSince1970))
    }
}

/// Reads a file's lines again for the caret display of the text format (only for files with diagnostics).
public struct SourceLines {
    let site: String
    private var cache: [String: [String]] = [:]

    public init(site: String) { self.site = site }

    public mutating func line(_ path: String, _ number: Int) -> String? {
        if cache[path] == nil {
            let bytes = FileManager.default.contents(atPath: (site as NSString).appendingPathComponent(path)).map { [UInt8]($0) }
            guard let bytes, case .success(let text) = TextDecoding.decode(bytes) else { cache[path] = []; return nil }
            cache[path] = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let lines = cache[path]!
        return number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }
}
