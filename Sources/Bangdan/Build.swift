import Foundation

/// How long each stage took, in the order they ran (`bangdan build --timings`), as Zola logs its steps.
public struct Timings: Sendable {
    public internal(set) var stages: [(name: String, seconds: Double)] = []

    public init() {}

    mutating func measure<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try work()
    }

    mutating func record(_ name: String, since start: UInt64) {
        stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
    }

    public var report: String {
        let total = stages.filter { !$0.name.hasPrefix(" ") }.map(\.seconds).reduce(0, +)
        return (stages + [("total", total)]).map { name, seconds in
            name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", seconds * 1000)
        }.joined(separator: "\n")
    }
}

/// Runs the stages of DESIGN.md in order. `check` stops after `resolve`; `build` goes on to write the site.
public enum Build {
    /// Everything `check` learned: the diagnostics (sorted) and, when content is sound enough, the resolved model.
    public struct Checked: Sendable {
        public var diagnostics: [Diagnostic]
        public var resolved: Resolved?
        public var language: Language
        public var timings = Timings()
        /// Everything the content folder holds, as one number (see `LoadedContent.fingerprint`).
        public var inputFingerprint: UInt64 = 0

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// load → decode → resolve. Throws only for the environment.
    public static func check(site: String, buildDate: Day, strict: Bool = false) throws -> Checked {
        var timings = Timings()
        let files = try timings.measure("read") { try Loader.read(site: site) }
        return check(files, buildDate: buildDate, strict: strict, timings: timings)
    }

    static func check(_ files: ContentFiles, buildDate: Day, strict: Bool, timings: Timings) -> Checked {
        var timings = timings
        let loaded = timings.measure("parse") { Loader.parse(files) }
        let content = timings.measure("decode") { Decode.decode(loaded) }
        let (resolved, resolveDiagnostics) = timings.measure("resolve") { Resolve.resolve(content, buildDate: buildDate) }
        let diagnostics = promoted((content.diagnostics + resolveDiagnostics).sorted(), strict: strict)
        return Checked(diagnostics: diagnostics, resolved: resolved, language: content.language, timings: timings,
                       inputFingerprint: loaded.fingerprint)
    }

    /// What `build` did: the check's findings, and how many files it wrote (nil when it wrote nothing).
    public struct Built: Sendable {
        public var checked: Checked
        /// Files in the new output; nil when nothing was written because of errors.
        public var filesWritten: Int?
        /// True when nothing changed since the last build, and the output was left as it was.
        public var reused = false
    }

    /// check → site → render → write. Writes nothing at all when there is any error.
    public static func build(site: String, output: String? = nil, buildDate: Day, strict: Bool = false) throws -> Built {
        var timings = Timings()
        let sources = try timings.measure("read") { try Loader.read(site: site) }
        let theme = try timings.measure("theme") { try ThemeLoader.load(site: site) }
        let output = output ?? (site as NSString).appendingPathComponent("public")
        let cache = BuildCache(output: output)
        var input = Fingerprint()
        input.add(sources.fingerprint)
        input.add(theme.fingerprint)
        input.add(buildDate.description)
        input.add(executableIdentity)
        // Nothing changed since a build that succeeded, and its output is intact: say what it said, write nothing.
        if cache.input == input.value, timings.measure("verify", { cache.outputMatches(output) }) {
            let checked = Checked(diagnostics: promoted(cache.diagnostics, strict: strict), resolved: nil,
                                  language: cache.language, timings: timings, inputFingerprint: sources.fingerprint)
            return Built(checked: checked, filesWritten: checked.hasErrors ? nil : cache.manifest.count, reused: true)
        }
        var checked = check(sources, buildDate: buildDate, strict: strict, timings: timings)
        guard !checked.hasErrors, let resolved = checked.resolved else { return Built(checked: checked, filesWritten: nil) }
        let model = checked.timings.measure("site") { SiteModel(resolved) }
        var renderTimings = Timings()
        let (files, conflicts) = try checked.timings.measure("render") { try Render.render(model, theme: theme, timings: &renderTimings) }
        for stage in renderTimings.stages { checked.timings.stages.append(stage) }
        if !conflicts.isEmpty {
            checked.diagnostics = (checked.diagnostics + conflicts).sorted()
            return Built(checked: checked, filesWritten: nil)
        }
        let previous = cache.manifest
        cache.clear()
        let manifest = try checked.timings.measure("write") {
            try Writer.write(files, to: output, site: site, previous: previous)
        }
        cache.save(input: input.value, manifest: manifest, diagnostics: checked.diagnostics, language: checked.language)
        return Built(checked: checked, filesWritten: files.count)
    }

    /// Under `--strict` every warning counts as an error.
    static func promoted(_ diagnostics: [Diagnostic], strict: Bool) -> [Diagnostic] {
        guard strict else { return diagnostics }
        return diagnostics.map { var d = $0; d.severity = .error; return d }
    }

    /// The running program's path, size and time: a rebuilt Bangdan never reuses an older one's output.
    static let executableIdentity: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }()

    /// The build date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else today in UTC, read once.
    public static func buildDate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Day {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap({ Int64($0.trimmingWhitespace) }) {
            return Day(unixSeconds: epoch)
        }
        return Day(unixSeconds: Int64(Date().timeIntervalSince1970))
    }
}

/// Reads a file's lines again for the caret display of the text format (only for files with diagnostics).
///
/// A diagnostic never shows bytes from outside `content/` (SCHEMA.md §7): only the text files Bangdan reads itself
/// are shown (`.md` and `.yml` under `content/`), only when they are regular files reached without a symbolic link
/// at any step (`RegularFile`), and never a pipe or a device, which could hang the report.
public struct SourceLines {
    let site: String
    private var cache: [String: [String]] = [:]

    /// The largest file shown: more than any file `load` accepts.
    static let sizeLimit = 16 << 20

    public init(site: String) { self.site = site }

    public mutating func line(_ path: String, _ number: Int) -> String? {
        let lines = cache[path] ?? Self.read(site: site, path: path)
        cache[path] = lines
        return number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    private static func read(site: String, path: String) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "content", let name = parts.last,
              name.hasSuffix(".md") || name.hasSuffix(".yml"),
              case .bytes(let bytes) = RegularFile.read(under: (site as NSString).appendingPathComponent("content"),
                                                        Array(parts.dropFirst()), limit: sizeLimit),
              case .success(let text) = TextDecoding.decode(bytes) else { return [] }
        return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
    }
}
