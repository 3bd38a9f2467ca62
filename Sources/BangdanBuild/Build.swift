import BangdanCore
import BangdanLoad
import BangdanRender
import BangdanSchema
import BangdanSite
import BangdanWrite
import Foundation

/// Runs the stages of docs/ARCHITECTURE.md in order. `check` stops after `resolve`; `build` goes on to write the site.
public enum Build {
    /// Everything `check` learned: the diagnostics (sorted) and, when content is sound enough, the resolved model.
    public struct Checked: Sendable {
        public var diagnostics: [Diagnostic]
        public var resolved: Resolved?
        public var language: Language
        public var timings = Timings()
        /// Everything the content folder holds, as one number (see `LoadedContent.fingerprint`).
        public var inputFingerprint: UInt64 = 0
        /// The lines the diagnostics point into, from the bytes read (`SourceLines.shown`), for the report.
        public var shownLines = ShownLines()
        /// What the next build may reuse of this one's decoding (`build` only; kept beside the output).
        var decoded: [DecodedFiles.Kept]?
        /// Content files checked without being read (`Built.filesLeftUnread`).
        var filesLeftUnread = 0

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// load → decode → resolve, and the theme parsed as `build` parses it (so that if `check` passes, `build`
    /// passes, SCHEMA.md §7). Throws only for the environment, a template that cannot be used included.
    public static func check(site: String, buildDate: Day, strict: Bool = false) throws -> Checked {
        var timings = Timings()
        let files = try timings.measure("read") { try Loader.read(site: site) }
        let theme = try timings.measure("theme") { try ThemeLoader.load(site: site) }
        try timings.measure("templates") { try Render.checkTheme(theme, language: siteLanguage(files)) }
        return try check(files, theme: theme, buildDate: buildDate, strict: strict, timings: timings)
    }

    /// `theme` adds the problems found in the site's `templates/` (a refused symbolic link). With `earlier` (what
    /// an earlier build decoded), the requirement files whose bytes are as they were then are not parsed again,
    /// and the result holds what the next build may reuse (`Checked.decoded`). Files left unread (`files.unread`,
    /// each one such a file) show the lines an earlier build showed (`earlierLines`) or are read from `site`.
    static func check(
        _ files: ContentFiles, theme: ThemeFiles, buildDate: Day, strict: Bool, timings: Timings,
        earlier: DecodedFiles? = nil, earlierLines: ShownLines = ShownLines(), site: String = ""
    ) throws -> Checked {
        var timings = timings, files = files
        var reused: [Int: DecodedFiles.Entry] = [:]
        if let earlier {
            for (index, text) in files.texts.enumerated() {
                if let entry = earlier.entries[text.path], entry.hash == files.hashes[index] { reused[index] = entry }
            }
        }
        var loaded = timings.measure("parse") {
            Loader.parse(files, reusing: reused.mapValues { ($0.bodyOffset, $0.bodyLine) })
        }
        var content = timings.measure("decode") { Decode.decode(loaded, reusing: earlier == nil ? nil : reused) }
        if content.reuseFailed {
            // A kept requirement that does not read: none of the kept ones is trusted, every file is read.
            reused = [:]
            try timings.measure("reread") { try Loader.readUnread(&files, site: site) }
            loaded = timings.measure("parse") { Loader.parse(files) }
            content = timings.measure("decode") { Decode.decode(loaded, reusing: [:]) }
        }
        // Decoded: the files' YAML trees are let go now, before resolve allocates, not at the end of the check.
        for index in loaded.files.indices { loaded.files[index].yaml = nil }
        let (resolved, resolveDiagnostics) = timings.measure("resolve") {
            Resolve.resolve(content, buildDate: buildDate)
        }
        // In order, promoted under --strict, with the lines they point at: 45,000 notices at 100,000 requirements.
        let (diagnostics, shownLines) = timings.measure("findings") {
            let diagnostics = promoted(
                (content.diagnostics + resolveDiagnostics + theme.diagnostics).sorted(), strict: strict)
            // The loader decoded every file but those it reported; the others are UTF-8 (a reused one was before).
            let notUTF8 = Set(loaded.diagnostics.lazy.filter { $0.rule == .encoding }.map(\.path))
            let unread = Set(files.unread)
            let read = files.texts.indices.lazy.filter { !unread.contains($0) }.map { files.texts[$0] }
            var shown = SourceLines.shown(diagnostics, in: read.map { ($0.path, $0.bytes) }, notUTF8: notUTF8)
            if !unread.isEmpty {
                // The same bytes as when an earlier build showed their lines; a line it did not show is read now.
                let paths = Set(unread.map { files.texts[$0].path })
                shown.lines.merge(
                    SourceLines.shown(
                        diagnostics.filter { paths.contains($0.path) }, site: site, known: earlierLines
                    ).lines
                ) { made, _ in made }
            }
            return (diagnostics, shown)
        }
        var checked = Checked(
            diagnostics: diagnostics, resolved: resolved, language: content.language, timings: timings,
            inputFingerprint: loaded.fingerprint, shownLines: shownLines)
        checked.filesLeftUnread = files.unread.count
        if earlier != nil {
            checked.decoded = kept(content.kept, loaded: loaded, hashes: files.hashes, reused: reused)
        }
        return checked
    }

    /// The entries of the next `DecodedFiles`: each requirement file decoded without any problem (none from
    /// parsing it either), whose body lies in its bytes as written. An entry reused is kept as it was read.
    static func kept(
        _ kept: [Int: Content.Kept], loaded: LoadedContent, hashes: [UInt64], reused: [Int: DecodedFiles.Entry]
    ) -> [DecodedFiles.Kept] {
        let troubled = Set(loaded.diagnostics.map(\.path))
        var entries: [DecodedFiles.Kept] = []
        entries.reserveCapacity(kept.count)
        for (index, item) in kept.sorted(by: { $0.key < $1.key }) {
            let file = loaded.files[index]
            guard let offset = file.bodyOffset, !troubled.contains(file.path) else { continue }
            switch item {
            case .reused:
                if let entry = reused[index] { entries.append(.unchanged(entry)) }
            case .encoded(let requirement):
                entries.append(
                    .new(
                        path: file.path, hash: hashes[index], bodyOffset: offset, bodyLine: file.bodyLine,
                        requirement: requirement))
            }
        }
        return entries
    }

    /// What `build` did: the check's findings, and how many files it wrote (nil when it wrote nothing).
    public struct Built: Sendable {
        public var checked: Checked
        /// Files actually written by this build (not linked unchanged from the previous output; 0 when nothing
        /// changed); nil when nothing was written because of errors.
        public var filesWritten: Int?
        /// Files the output holds after the build (the marker file not counted).
        public var filesInOutput = 0
        /// True when nothing changed since the last build, and the output was left as it was.
        public var reused = false
        /// Files rendered (or read to be copied) by this build; the others were kept from the previous output by
        /// their unchanged dependency key, without being made.
        public var filesMade = 0
        /// Why this build made every file rather than keeping unchanged ones (no previous build, a change every
        /// file shows); nil when it kept some, or wrote nothing.
        public var fullBuild: String? = nil
        /// Rows of the open data copied from the previous output's files rather than made (`RowTable`).
        public var rowsReused = 0
        /// Content files this build did not read, their stamps vouching for bytes an earlier build decoded; a page
        /// that shows the body of one reads it (`ContentReader`).
        public var filesLeftUnread = 0
        /// The output folder, resolved (absolute, without `..` or linked parent folders).
        public var output = ""
        /// What the build made and used to its end (the site's model and rendering, the last build's state and
        /// rows, the content's stamps), handed to the caller instead of being freed when the build returns: a
        /// command that ends the process right after the build (`bangdan build`) leaves them to the kernel, which
        /// takes the memory back at once rather than object by object (about half a second at 100,000
        /// requirements; 10 ms of an edit at 10,000). A caller that goes on (`serve`, the tests) frees them with the
        /// `Built`. (What the build last uses earlier is freed then, and its memory reused: holding it here would
        /// raise the peak.)
        public var memory: (any Sendable)? = nil
    }

    /// check → site → render and write. Writes nothing at all when there is any error. Refuses, before touching
    /// anything, an output folder a build must not replace (`OutputFolder.check`; `force` allows only a
    /// non-empty folder no Bangdan build wrote), and holds the output's lock for the whole build. `onChecked` is
    /// told what the checks found as soon as they end, before anything is rendered (not on a build that stops at
    /// "nothing changed"): the build's findings are those unless writing finds an output conflict.
    public static func build(
        site: String, output: String? = nil, buildDate: Day, strict: Bool = false,
        force: Bool = false, onChecked: (@Sendable (Checked) -> Void)? = nil
    ) throws -> Built {
        var timings = Timings()
        try Loader.requireContent(site: site)
        let theme = try timings.measure("theme") { try ThemeLoader.load(site: site) }
        let language = declaredLanguage(site: site) ?? .zhCN
        let output = try OutputFolder.check(
            output ?? (site as NSString).appendingPathComponent("public"),
            site: site, force: force, language: language)
        return try OutputFolder.withLock(output, language: language) {
            OutputFolder.removeStaleStaging(output)
            var built = try build(
                theme: theme, output: output, site: site, buildDate: buildDate, strict: strict, timings: timings,
                onChecked: onChecked)
            built.output = output
            return built
        }
    }

    /// Reads the content (a file whose stamp the cache knows is not read unless the build goes on), then stops if
    /// nothing changed; else checks, renders and writes.
    private static func build(
        theme: ThemeFiles, output: String, site: String, buildDate: Day, strict: Bool, timings: Timings,
        onChecked: (@Sendable (Checked) -> Void)?
    ) throws -> Built {
        var timings = timings
        // The last build's state (its manifest, stamps and findings): read on every build, so timed like the rest.
        let cache = timings.measure("state") { BuildCache(output: output) }
        let readStarted = WallClock.now()
        var sources = try timings.measure("read") { try Loader.read(site: site, known: cache.known) }
        func inputFingerprint() -> UInt64 {
            var input = Fingerprint()
            input.add(sources.fingerprint)
            input.add(theme.fingerprint)
            input.add(buildDate.description)
            input.add(executableIdentity)
            return input.value
        }
        var input = inputFingerprint()
        // Nothing changed since a build that succeeded, and its output is intact: say what it said, write nothing.
        if cache.input == input, timings.measure("verify", { cache.outputMatches(output) }) {
            let checked = Checked(
                diagnostics: promoted(cache.diagnostics, strict: strict), resolved: nil,
                language: cache.language, timings: timings, inputFingerprint: sources.fingerprint,
                shownLines: cache.shownLines)
            let count = cache.manifest.keys.filter { $0 != OutputFolder.markerName }.count
            return Built(
                checked: checked, filesWritten: checked.hasErrors ? nil : 0, filesInOutput: count, reused: true,
                memory: (cache, sources))
        }
        // The spare generation swept on a thread of its own while the build reads, checks and renders
        // (`Writer.SpareSweep`): waited for before staging, and before this returns, however it returns.
        let sweep = Writer.SpareSweep.begin(output: output, previous: cache.manifest)
        defer { _ = sweep?.wait() }
        // What the last build decoded, for the files it read whose bytes are unchanged: the program and the
        // vocabularies a requirement is checked against (always read, never vouched for by a stamp) are the
        // context it holds for.
        var context = Fingerprint()
        context.add(executableIdentity)
        for (text, hash) in zip(sources.texts, sources.hashes) {
            guard case .vocabulary = text.role else { continue }
            context.add(text.path)
            context.add(hash)
        }
        let earlier = timings.measure("decoded") {
            cache.contents(of: "decoded").map { DecodedFiles(bytes: $0, context: context.value) } ?? DecodedFiles()
        }
        if !sources.unread.isEmpty {
            // A file whose stamp vouches for bytes the last build decoded is not read: its requirement is read back
            // (`DecodedFiles`), its body only if a page shows it (`ContentReader`), its lines as last shown.
            let leaving = Set(
                sources.unread.filter { index in
                    guard case .requirement = sources.texts[index].role else { return false }
                    return earlier.entries[sources.texts[index].path]?.hash == sources.hashes[index]
                })
            try timings.measure("reread") { try Loader.readUnread(&sources, site: site, leaving: leaving) }
            input = inputFingerprint()
        }
        let content = zip(sources.texts, sources.stamps).enumerated().compactMap { index, file in
            file.1.map { (path: file.0.path, file: KnownFile(stamp: $0, hash: sources.hashes[index])) }
        }
        var checked = try check(
            sources, theme: theme, buildDate: buildDate, strict: strict, timings: timings, earlier: earlier,
            earlierLines: cache.shownLines, site: site)
        onChecked?(checked)
        let inputs = checked.timings.measure("keys") {
            renderInputs(sources, theme: theme, buildDate: buildDate)
        }
        // Parsed and decoded: the files' bytes are not needed again (280 MB of a 100,000-requirement site).
        sources.texts = []
        guard !checked.hasErrors, let resolved = checked.resolved else {
            return Built(checked: checked, filesWritten: nil)
        }
        // What was decoded is kept for the next build beside the site model, which is made on one core.
        let model: SiteModel, keepSeconds: Double?
        do {
            // Let go once written (50 MB at 100,000 requirements), not kept to the end of the build.
            let decoded = checked.decoded.take(), decodedContext = context.value
            (model, keepSeconds) = checked.timings.measure("site") {
                Parallel.both({ SiteModel(resolved) }) { () -> Double? in
                    guard let decoded else { return nil }
                    let started = DispatchTime.now().uptimeNanoseconds
                    cache.keep(DecodedFiles.pieces(decoded, context: decodedContext), as: "decoded")
                    return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                }
            }
        }
        // The records just written were 100,000 small allocations among the model's: their pages are handed back
        // rather than carried to the end of the build (60 MB of the peak at 100,000 requirements).
        if keepSeconds != nil { Memory.releaseFree() }
        // Its own wall time, within the stage's; the CPU time of the two is the stage's.
        if let keepSeconds { checked.timings.stages.append(("  keep", keepSeconds, .nan)) }
        var renderTimings = Timings()
        // The search index's token groups as the last build made them (`SearchTokenCache`): for the same program.
        var program = Fingerprint()
        program.add(executableIdentity)
        let tokensContext = program.value
        var rendering = try checked.timings.measure("render") {
            let searchTokens = renderTimings.measure("  tokens") {
                cache.contents(of: "tokens").map { SearchTokenCache(bytes: $0, context: tokensContext) }
                    ?? SearchTokenCache()
            }
            return try Render.prepare(
                model, theme: theme, inputs: inputs, searchTokens: searchTokens, timings: &renderTimings)
        }
        checked.timings.stages += renderTimings.stages
        rendering.contentReader = ContentReader(site: site)
        if !rendering.conflicts.isEmpty {
            checked.diagnostics = (checked.diagnostics + rendering.conflicts).sorted()
            return Built(checked: checked, filesWritten: nil)
        }
        let previous = cache.manifest
        // The open data's rows as the last build wrote them, for the rows whose key is unchanged: only from a file
        // the previous manifest records with the hash the table describes, read again only if it is needed.
        let earlierRows = cache.contents(of: "rows").map(RowTables.decode) ?? [:]
        for path in SiteRendering.rowFiles {
            guard let table = earlierRows[path], let entry = previous[path], entry.hash == table.hash,
                entry.identity.size <= EarlierRows.largestFile
            else { continue }
            rendering.earlierRows[path] = EarlierRows(table: table) {
                Writer.previousBytes(at: path, entry, output: output)
            }
        }
        cache.clear()
        let written = try write(
            rendering, to: output, site: site, previous: previous, swept: sweep, timings: &checked.timings)
        let (diagnostics, language, shown) = (checked.diagnostics, checked.language, checked.shownLines)
        checked.timings.measure("cache") {
            cache.save(
                input: input, global: inputs.global, manifest: written.manifest, order: written.paths,
                diagnostics: diagnostics,
                shownLines: shown, language: language, content: content, readStarted: readStarted)
            cache.keep(
                RowTables.encode(rowTables(made: rendering.madeRows.all, earlier: earlierRows, written.manifest)),
                as: "rows")
            cache.keep(rendering.searchTokens.pieces(context: tokensContext), as: "tokens")
        }
        let total = rendering.pages.count + rendering.data.count
        return Built(
            checked: checked, filesWritten: written.written, filesInOutput: total, filesMade: written.made,
            fullBuild: fullBuildReason(cache, global: inputs.global, made: written.made, total: total),
            rowsReused: rendering.madeRows.reused, filesLeftUnread: checked.filesLeftUnread,
            memory: (model, rendering, cache, earlierRows, content, inputs))
    }

    /// The row table of each row file the output now holds: the one made for it by this build, or the earlier one
    /// when the file was kept as it was (the same bytes).
    private static func rowTables(made: [String: RowTable], earlier: [String: RowTable], _ manifest: Writer.Manifest)
        -> [String: RowTable]
    {
        var tables: [String: RowTable] = [:]
        for path in SiteRendering.rowFiles {
            guard let entry = manifest[path] else { continue }
            if var table = made[path] {
                table.hash = entry.hash
                tables[path] = table
            } else if let table = earlier[path], table.hash == entry.hash {
                tables[path] = table
            }
        }
        return tables
    }

    /// Why every page and data file was made again (attachments unchanged since may still be kept), or nil when
    /// files whose inputs did not change were kept.
    private static func fullBuildReason(_ cache: BuildCache, global: UInt64, made: Int, total: Int) -> String? {
        if cache.manifest.isEmpty { return "no record of a previous build beside the output" }
        if cache.global != global {
            return "site settings, vocabularies, templates, the build date or bangdan itself changed"
        }
        return made == total ? "no file of the previous output could be kept" : nil
    }

    /// The fingerprints the render stage keys each file with (`RenderInputs`): each requirement's file with its
    /// list's, each list's `_index.md` and attachments, and everything else (site settings, vocabularies, theme, build date,
    /// the program, the problems the walk found) in `global`. In doubt an input goes into `global`, which every
    /// key holds.
    static func renderInputs(_ sources: ContentFiles, theme: ThemeFiles, buildDate: Day) -> RenderInputs {
        var global = Fingerprint()
        global.add(theme.fingerprint)
        global.add(buildDate.description)
        global.add(executableIdentity)
        var own: [(id: String, listID: String, fingerprint: Fingerprint)] = [], lists: [String: Fingerprint] = [:]
        own.reserveCapacity(sources.texts.count)
        // The hashes `Loader.read` made of each file's bytes: the content is not hashed a second time.
        for (text, hash) in zip(sources.texts, sources.hashes) {
            switch text.role {
            case .requirement(let listID, let slug):
                var fingerprint = Fingerprint()
                fingerprint.add(text.path)
                fingerprint.add(hash)
                own.append(("\(listID)/\(slug)", listID, fingerprint))
            case .listIndex(let listID):
                lists[listID, default: Fingerprint()].add(text.path)
                lists[listID, default: Fingerprint()].add(hash)
            default:
                global.add(text.path)
                global.add(hash)
            }
        }
        var attachments: [String: UInt64] = [:]
        for attachment in sources.attachments {
            var fingerprint = Fingerprint()
            fingerprint.add(attachment.path)
            fingerprint.add(UInt64(attachment.size))
            fingerprint.add(attachment.modified.bitPattern)
            attachments[attachment.path] = fingerprint.value
            lists[attachment.listID, default: Fingerprint()].add(attachment.path)
            lists[attachment.listID, default: Fingerprint()].add(fingerprint.value)
        }
        for diagnostic in sources.diagnostics { global.add(diagnostic.path) }
        // A requirement's values hold its list's defaults (SCHEMA.md §3): its fingerprint holds its list's, so
        // every file showing it (a card on a term page, a feed entry) changes with them.
        var requirements: [String: UInt64] = [:]
        requirements.reserveCapacity(own.count)
        for requirement in own {
            var fingerprint = requirement.fingerprint
            fingerprint.add(lists[requirement.listID]?.value ?? 0)
            requirements[requirement.id] = fingerprint.value
        }
        return RenderInputs(
            global: global.value, requirements: requirements, lists: lists.mapValues(\.value),
            attachments: attachments)
    }

    /// Renders and stages the pages, then the data files, each file written as soon as it is made (so the site's
    /// bytes are never all in memory at once), and swaps the staged tree in: all of it, or nothing on any failure.
    private static func write(
        _ rendering: SiteRendering, to output: String, site: String, previous: Writer.Manifest,
        swept: Writer.SpareSweep?, timings: inout Timings
    ) throws -> Writer.Written {
        // The previous generation, swept to stage into (`Writer.recycleSpare`), or an empty folder.
        var staging = try timings.measure("stage") {
            try Writer.Staging(output: output, site: site, previous: previous, swept: swept)
        }
        let keyed: @Sendable (SiteRendering.Planned) -> (path: String, key: UInt64)? = { file in
            file.key.map { (file.path, $0) }
        }
        try timings.measure("pages") { try staging.add(rendering.pages, keyed: keyed, rendering.render) }
        try timings.measure("data") { try staging.add(rendering.data, keyed: keyed, rendering.render) }
        return try timings.measure("write") { try staging.publish() }
    }

    /// The site's language as `site.yml` gives it (zh-CN when it is missing or unreadable), read before the
    /// build proper so that a refused output folder is reported in the site's language.
    static func siteLanguage(_ sources: ContentFiles) -> Language {
        guard let site = sources.texts.first(where: { $0.role == .site }) else { return .zhCN }
        return declaredLanguage(site.bytes, path: site.path) ?? .zhCN
    }

    /// The language `SITE/content/site.yml` declares (`language`, or the first of `languages`), or zh-CN when it
    /// declares none; nil when there is no readable site.yml there. Read on its own (at most 1 MiB, never through a
    /// link), for texts printed before a site is loaded: help and usage errors.
    public static func declaredLanguage(site: String) -> Language? {
        guard case .bytes(let bytes) = RegularFile.read(under: site, ["content", "site.yml"], limit: 1 << 20) else {
            return nil
        }
        return declaredLanguage(bytes, path: "content/site.yml") ?? .zhCN
    }

    private static func declaredLanguage(_ bytes: [UInt8], path: String) -> Language? {
        guard case .mapping(let pairs)? = Loader.parse(bytes: bytes, path: path, role: .site).file.yaml?.root.content
        else { return nil }
        for pair in pairs {
            switch (pair.name, pair.value.content) {
            case ("language", .scalar(let text, _)): return Language(rawValue: text)
            case ("languages", .sequence(let items)):
                if case .scalar(let text, _)? = items.first?.content { return Language(rawValue: text) }
            default: continue
            }
        }
        return nil
    }

    /// Under `--strict` every warning counts as an error; a notice never does (SCHEMA.md §6: time alone raises
    /// it, and a daily rebuild must still publish).
    static func promoted(_ diagnostics: [Diagnostic], strict: Bool) -> [Diagnostic] {
        guard strict else { return diagnostics }
        return diagnostics.map {
            var d = $0
            if d.severity == .warning { d.severity = .error }
            return d
        }
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
    /// `SOURCE_DATE_EPOCH` must be a plain decimal count of seconds (digits only, surrounding whitespace allowed)
    /// whose day lies in 1970…9999; anything else is refused rather than guessed (exit 2). Set but empty counts as
    /// unset, as most tools that read it do.
    public static func buildDate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Day {
        if let text = environment["SOURCE_DATE_EPOCH"]?.trimmingWhitespace, !text.isEmpty {
            let digits = text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            guard digits, let seconds = Int64(text), let day = Day(unixSeconds: seconds) else {
                throw BangdanError.invalidSetting(
                    name: "SOURCE_DATE_EPOCH", value: text,
                    expected: Phrase(
                        "自 1970-01-01 UTC 起的整秒数，只写数字，从 0 到 \(Day.unixSecondsRange.upperBound)（1970 至 9999 年），如 1672531200",
                        "whole seconds since 1970-01-01 UTC as plain digits, from 0 to \(Day.unixSecondsRange.upperBound) (years 1970 to 9999), e.g. 1672531200"
                    )
                )
            }
            return day
        }
        // A clock set before 1970 (or past 9999) gives 1970-01-01 rather than a trap.
        let now = Date().timeIntervalSince1970
        return Day(unixSeconds: now > 0 && now < 253_402_300_800 ? Int64(now) : 0) ?? Day.epoch
    }
}
