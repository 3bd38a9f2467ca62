import BangdanCore
import BangdanLoad
import BangdanSite
import Foundation
import Mustache

/// A parsed template of the theme (the engine's type; `Theme` holds them by name).
typealias Template = MustacheTemplate

/// The `render` stage. `prepare` parses the theme and renders each requirement's card once for each language of
/// the site, and lists every file the site will hold (every page once per language), checking that no two of them
/// share a path; `SiteRendering.render` then makes one file at a time, so the write stage stages each file as it
/// comes and a build never holds the whole site's bytes. Pure: the theme's texts come from `load`, attachments are
/// copied by `write`.
public enum Render {
    /// With `inputs`, each planned file gets its dependency key (`DependencyKeys`), so the write stage can keep a
    /// file whose key is unchanged since the last build without rendering it. `searchTokens`: the last build's
    /// token groups of the search index (`SearchTokenCache`); those this build makes are `SiteRendering.searchTokens`.
    public static func prepare(
        _ model: SiteModel, theme files: ThemeFiles, inputs: RenderInputs? = nil,
        searchTokens: SearchTokenCache = SearchTokenCache(), sitemapURLLimit: Int? = nil, timings: inout Timings
    ) throws -> SiteRendering {
        let sitemapURLLimit = sitemapURLLimit ?? Feeds.sitemapURLLimit
        // Every language of the site (SCHEMA.md §5): its own theme (the interface strings are folded into the
        // templates), cards and pages, the main language at the root and the second under `en/` (or `zh/`).
        typealias Planned = SiteRendering.Planned
        var planned: [Planned] = []
        var languages: [SiteRendering.LanguageRendering] = []
        var madeTokens = SearchTokenCache()
        for (number, language) in model.settings.languages.enumerated() {
            let plain = PageBuilder(model: model, language: language)
            let theme = try Theme(files, language: language)
            // A requirement's card is the same on every page that shows it (its list, up to a dozen term pages,
            // the home page): rendered once per language, when the first page that shows it is made.
            let cards = Cards(count: model.requirements.count) { index in
                String(decoding: try theme.render("card", plain.cardContext(index)), as: UTF8.self)
            }
            languages.append(.init(builder: PageBuilder(model: model, language: language, cards: cards), theme: theme))
            planned += model.pages.map { Planned(path: plain.prefix + $0.file, source: .page($0, language: number)) }
            // The chunked search index (Data/SearchIndex.swift), one per language (its display strings and links
            // are the language's), made here: its number of files depends on it.
            let search = timings.measure("  search") { SearchIndex.planned(plain, earlier: searchTokens) }
            // Every language indexes the same text in the same order: one set of groups serves them all.
            madeTokens.groups.merge(search.tokens.groups) { kept, _ in kept }
            if number == 0 { madeTokens.index = search.tokens.index }
            planned += search.files.map { Planned(path: plain.prefix + $0.path, source: .generated($0.bytes)) }
            planned += search.fragments.enumerated().map { n, positions in
                Planned(
                    path: plain.prefix + SearchIndex.fragmentPath(n),
                    source: .searchFragment(positions, language: number))
            }
        }
        // Open data, feeds, sitemap and robots.txt are one set for every language. The CSV is planned last, away
        // from the JSON: the write stage makes a contiguous run of files at a time on each core (`Parallel.map`),
        // and inside it RowFile's own parallel map runs serially, so the two largest files in one run would be
        // made one after the other on one core while the other core has nothing left to do.
        planned += SiteRendering.DataFile.allCases.filter { $0 != .requirementsCSV }.map {
            Planned(path: $0.rawValue, source: .data($0))
        }
        let sitemapParts = Feeds.sitemapParts(model, limit: sitemapURLLimit)
        if sitemapParts > 0 {
            planned += (1...sitemapParts).map {
                Planned(path: Feeds.sitemapPartRoute($0), source: .sitemapPart($0))
            }
        }
        // The site's feed and one per list, industry and region (SCHEMA.md §8).
        planned += Feeds.channels(model).map { Planned(path: $0.route, source: .feed($0)) }
        planned += languages[0].theme.assets.keys.sorted().map { Planned(path: "assets/\($0)", source: .asset($0)) }
        for attachment in model.attachments where model.list(id: attachment.listID) != nil {
            planned.append(
                Planned(
                    path: "lists/\(attachment.listID)/\(attachment.name)", source: .attachment(from: attachment.path)))
        }
        planned.append(Planned(path: SiteRendering.DataFile.requirementsCSV.rawValue, source: .data(.requirementsCSV)))
        var rowKeys: [UInt64]? = nil
        if let inputs {
            (planned, rowKeys) = timings.measure("  keys") {
                let keys = DependencyKeys(model: model, inputs: inputs)
                let planned = Parallel.map(planned) { file in
                    var file = file
                    file.key = keys.key(of: file)
                    return file
                }
                return (planned, keys.rowKeys())
            }
        }
        let (files, conflicts) = conflictsRemoved(planned)
        var rendering = SiteRendering(
            languages: languages, pages: files.filter(\.isPage), data: files.filter { !$0.isPage },
            conflicts: conflicts, rowKeys: rowKeys)
        rendering.searchTokens = madeTokens
        rendering.sitemapURLLimit = sitemapURLLimit
        return rendering
    }

    /// Two things that would write one path are an error, never a silent overwrite: the first keeps the path,
    /// each later one is reported. Found from the paths alone, before anything is rendered or written.
    static func conflictsRemoved(_ files: [SiteRendering.Planned]) -> (
        files: [SiteRendering.Planned], diagnostics: [Diagnostic]
    ) {
        // Each path's first file, by its place in `files`; room for all at once (not grown and rehashed 14 times).
        var seen: [String: Int] = [:]
        seen.reserveCapacity(files.count)
        var kept: [SiteRendering.Planned] = []
        kept.reserveCapacity(files.count)
        var diagnostics: [Diagnostic] = []
        for (n, file) in files.enumerated() {
            if let earlier = seen[file.path] {
                diagnostics.append(
                    Diagnostic(.outputConflict(path: file.path, other: files[earlier].origin), path: file.origin))
            } else {
                seen[file.path] = n
                kept.append(file)
            }
        }
        return (kept, diagnostics)
    }
}

/// The site ready to render one file at a time (`Render.prepare`): what each file is, and the theme and cards
/// that make it.
public struct SiteRendering: Sendable {
    /// One file the site will hold: its path in the output and what makes it.
    public struct Planned: Sendable {
        public let path: String
        let source: Source
        /// What the file's bytes depend on, as one number (`DependencyKeys`): the same key as the last build's
        /// means the same bytes. Nil when unknown: the file is always rendered.
        public internal(set) var key: UInt64? = nil

        var isPage: Bool { if case .page = source { true } else { false } }

        /// What a conflict names: the attachment's own path, or the output path of what is generated.
        var origin: String { if case .attachment(let from) = source { from } else { path } }
    }

    enum Source: Sendable {
        /// A page in the language at this position of `languages`.
        case page(Page, language: Int)
        case data(DataFile)
        /// An Atom feed: the site's, or a list's, industry's or region's.
        case feed(Feeds.Channel)
        /// A file of the theme's `assets/`, by name.
        case asset(String)
        /// Copied as it is, by its path relative to the site folder.
        case attachment(from: String)
        /// Bytes made while planning (the search index's manifest, shards, facets and orders).
        case generated([UInt8])
        /// A fragment of the search index in the language at this position of `languages`: the rows of the
        /// requirements at these positions of the model (`SearchIndex.fragment`).
        case searchFragment([Int], language: Int)
        /// Part n (from 1) of a sitemap of more than `sitemapURLLimit` URLs (`Feeds.sitemap(_:part:limit:)`).
        case sitemapPart(Int)
    }

    /// The files made from the whole model, by path.
    enum DataFile: String, CaseIterable, Sendable {
        case requirementsJSON = "data/requirements.json"
        case requirementsCSV = "data/requirements.csv"
        case listsJSON = "data/lists.json"
        case sitemap = "sitemap.xml"
        case robots = "robots.txt"
    }

    /// What makes the pages of one language.
    struct LanguageRendering: Sendable {
        let builder: PageBuilder
        let theme: Theme
    }

    /// One per language of the site, the main language first.
    let languages: [LanguageRendering]
    /// The main language's builder: for the files every language shares.
    var builder: PageBuilder { languages[0].builder }
    /// Every page, in the model's order.
    public let pages: [Planned]
    /// The open data, the feeds, the sitemap, robots.txt, the search index's files, the theme's assets and the attachments.
    public let data: [Planned]
    /// Files that would have written a path another file already has; none is written when there is any.
    public let conflicts: [Diagnostic]
    /// The key of each requirement's row in the open data (`DependencyKeys.rowKeys`); nil when unknown, and then
    /// no row is copied from an earlier file and no row table is made.
    let rowKeys: [UInt64]?
    /// The row files (`rowFiles`) as the last build wrote them, by path: their rows whose key is unchanged are
    /// copied rather than made.
    public var earlierRows: [String: EarlierRows] = [:]
    /// Reads the body of a requirement whose file the build left unread, for the page that shows it.
    public var contentReader: ContentReader? = nil
    /// The row tables of the row files this build makes, for the next build.
    public let madeRows = MadeRows()
    /// The search index's token groups this build made, for the next build (`SearchTokenCache`).
    public internal(set) var searchTokens = SearchTokenCache()
    /// The most URLs a sitemap file lists (`Feeds.sitemapURLLimit`; smaller in tests).
    var sitemapURLLimit = Feeds.sitemapURLLimit
    /// The files made of one row per requirement.
    public static let rowFiles = [DataFile.requirementsJSON.rawValue, DataFile.requirementsCSV.rawValue]

    /// One file's bytes (or, for an attachment, where to copy it from).
    public func render(_ file: Planned) throws -> OutputFile {
        switch file.source {
        case .page(let page, let language):
            let (template, context) = try languages[language].builder.build(page, reader: contentReader)
            try languages[language].builder.cards.check()
            return OutputFile(file.path, bytes: try languages[language].theme.render(template, context))
        case .data(let data):
            let model = builder.model
            switch data {
            case .requirementsJSON, .requirementsCSV:
                // Written as it is made: the largest files of the site are never held whole.
                let (path, keys, earlier, madeRows) = (file.path, rowKeys, earlierRows[file.path], madeRows)
                return OutputFile(
                    path,
                    streamed: StreamedBytes { sink in
                        let made =
                            data == .requirementsJSON
                            ? try OpenData.requirementsJSON(model, keys: keys, earlier: earlier, into: sink)
                            : try OpenData.requirementsCSV(model, keys: keys, earlier: earlier, into: sink)
                        if let rows = made.rows { madeRows.record(path, rows, reused: made.reused) }
                    })
            case .listsJSON: return OutputFile(file.path, OpenData.listsJSON(model))
            case .sitemap: return OutputFile(file.path, bytes: Feeds.sitemap(model, limit: sitemapURLLimit))
            case .robots: return OutputFile(file.path, Feeds.robots(model))
            }
        case .feed(let channel):
            return OutputFile(file.path, bytes: Feeds.atom(builder.model, channel))
        case .asset(let name):
            return OutputFile(file.path, bytes: languages[0].theme.assets[name] ?? [])
        case .attachment(let from):
            return OutputFile(file.path, copyFrom: from)
        case .generated(let bytes):
            return OutputFile(file.path, bytes: bytes)
        case .searchFragment(let positions, let language):
            return OutputFile(file.path, bytes: SearchIndex.fragment(languages[language].builder, positions))
        case .sitemapPart(let part):
            return OutputFile(file.path, bytes: Feeds.sitemap(builder.model, part: part, limit: sitemapURLLimit))
        }
    }
}

/// A data file with a row for each requirement (the open data): `prefix`, the rows joined by `separator`, `suffix`,
/// as bytes handed to a sink part by part. Rows are made on every core, a chunk of them at a time, each appended to
/// its chunk's bytes as soon as it is made; a group of chunks at a time is handed over, so the file is never held
/// whole, only one group of chunks (a few MB; requirements.json is 170 MB at 100,000 requirements). With `keys`,
/// each row's length is recorded (`RowTable`), and a row whose key `earlier` holds is copied from the earlier file
/// rather than made.
enum RowFile {
    /// Rows per chunk: about 100 KB of open data.
    static let chunkSize = 64
    /// Chunks made at once: more than `Parallel.map` needs to use every core, a few MB.
    static let groupSize = 64

    /// The file's bytes; with `keys` (one per item), its rows' keys and lengths and how many rows were copied.
    struct Made: Sendable {
        var bytes: [UInt8]
        var rows: RowTable?
        var reused = 0
    }

    /// `write`, joined into one array (for tests and small files).
    static func bytes<Item: Sendable>(
        _ items: [Item], prefix: String, separator: String = "", suffix: String = "", keys: [UInt64]? = nil,
        earlier: EarlierRows? = nil, row: @Sendable (Item, inout ByteWriter) -> Void
    ) -> Made {
        var file: [UInt8] = []
        let (rows, reused) = write(
            items, prefix: prefix, separator: separator, suffix: suffix, keys: keys, earlier: earlier,
            into: { file.append(contentsOf: $0) }, row: row)
        return Made(bytes: file, rows: rows, reused: reused)
    }

    /// Hands the file's bytes to `sink` part by part (rows that `row` appends to the bytes of their chunk, with
    /// no string of their own); with `keys` (one per item), gives its rows' keys and lengths and how many rows were
    /// copied. What `sink` throws stops the file and is thrown.
    static func write<Item: Sendable>(
        _ items: [Item], prefix: String, separator: String = "", suffix: String = "", keys: [UInt64]? = nil,
        earlier: EarlierRows? = nil, into sink: StreamedBytes.Sink, row: @Sendable (Item, inout ByteWriter) -> Void
    ) rethrows -> (rows: RowTable?, reused: Int) {
        let keys = keys.flatMap { $0.count == items.count ? $0 : nil }
        let separatorBytes = Array(separator.utf8)
        // Where each earlier row lies in the earlier file, by key; nothing when it cannot be read or its rows do
        // not add up to it.
        let old =
            keys == nil
            ? nil : earlier?.rows(prefix: prefix.utf8.count, separator: separatorBytes, suffix: suffix.utf8.count)
        try Array(prefix.utf8).withUnsafeBytes { try sink($0) }
        var lengths: [UInt32] = []
        var reused = 0
        if keys != nil { lengths.reserveCapacity(items.count) }
        let starts = Array(stride(from: 0, to: items.count, by: chunkSize))
        // Room in each chunk for rows as long as the first group's, once that is known.
        var rowBytes = 0
        for group in stride(from: 0, to: starts.count, by: groupSize) {
            let capacity = rowBytes * chunkSize
            let chunks = Parallel.map(Array(starts[group..<min(starts.count, group + groupSize)]), serialUpTo: 1) {
                start -> (bytes: [UInt8], lengths: [UInt32], reused: Int) in
                var w = ByteWriter(capacity: capacity)
                var lengths: [UInt32] = []
                var reused = 0
                // Each item read in place, not copied out of the array.
                items.withUnsafeBufferPointer { items in
                    for index in start..<min(items.count, start + chunkSize) {
                        if index > 0 { w.raw(separatorBytes) }
                        let before = w.bytes.count
                        if let old, let keys, let range = old.ranges[keys[index]] {
                            w.raw(old.bytes[range])
                            reused += 1
                        } else {
                            row(items[index], &w)
                        }
                        if keys != nil { lengths.append(UInt32(truncatingIfNeeded: w.bytes.count - before)) }
                    }
                }
                return (w.bytes, lengths, reused)
            }
            var groupBytes = 0
            for chunk in chunks {
                try chunk.bytes.withUnsafeBytes { try sink($0) }
                groupBytes += chunk.bytes.count
                lengths += chunk.lengths
                reused += chunk.reused
            }
            // The first group's rows foretell the rest: each chunk gets room for rows a tenth longer.
            if group == 0 { rowBytes = groupBytes / max(1, min(items.count, groupSize * chunkSize)) * 11 / 10 }
        }
        try Array(suffix.utf8).withUnsafeBytes { try sink($0) }
        return (keys.map { RowTable(hash: 0, keys: $0, lengths: lengths) }, reused)
    }
}
