import BangdanCore
import BangdanLoad
import BangdanSite
import Foundation
import Mustache

/// A parsed template of the theme (the engine's type; `Theme` holds them by name).
typealias Template = MustacheTemplate

/// The `render` stage. `prepare` parses the theme, renders each requirement's card once and lists every file the
/// site will hold, checking that no two of them share a path; `SiteRendering.render` then makes one file at a
/// time, so the write stage stages each file as it comes and a build never holds the whole site's bytes. Pure:
/// the theme's texts come from `load`, attachments are copied by `write`.
public enum Render {
    /// With `inputs`, each planned file gets its dependency key (`DependencyKeys`), so the write stage can keep a
    /// file whose key is unchanged since the last build without rendering it.
    public static func prepare(
        _ model: SiteModel, theme files: ThemeFiles, inputs: RenderInputs? = nil, timings: inout Timings
    ) throws -> SiteRendering {
        let plain = PageBuilder(model: model)
        let theme = try Theme(files, language: model.settings.language)
        // A requirement's card is the same on every page that shows it (its list, up to a dozen term pages, the
        // home page): render it once.
        let cards = try timings.measure("  cards") {
            try Parallel.map(Array(model.requirements.indices)) { index in
                Result { String(decoding: try theme.render("card", plain.cardContext(index)), as: UTF8.self) }
            }.map { try $0.get() }
        }
        typealias Planned = SiteRendering.Planned
        var planned = model.pages.map { Planned(path: $0.file, source: .page($0)) }
        planned += SiteRendering.DataFile.allCases.map { Planned(path: $0.rawValue, source: .data($0)) }
        // The site's feed and one per list, industry and region (SCHEMA.md §8).
        planned += Feeds.channels(model).map { Planned(path: $0.route, source: .feed($0)) }
        planned += theme.assets.keys.sorted().map { Planned(path: "assets/\($0)", source: .asset($0)) }
        for attachment in model.attachments where model.list(id: attachment.listID) != nil {
            planned.append(
                Planned(
                    path: "lists/\(attachment.listID)/\(attachment.name)", source: .attachment(from: attachment.path)))
        }
        if let inputs {
            planned = timings.measure("  keys") {
                let keys = DependencyKeys(model: model, inputs: inputs)
                return Parallel.map(planned) { file in
                    var file = file
                    file.key = keys.key(of: file)
                    return file
                }
            }
        }
        let (files, conflicts) = conflictsRemoved(planned)
        return SiteRendering(
            builder: PageBuilder(model: model, cards: cards), theme: theme, pages: files.filter(\.isPage),
            data: files.filter { !$0.isPage }, conflicts: conflicts)
    }

    /// Two things that would write one path are an error, never a silent overwrite: the first keeps the path,
    /// each later one is reported. Found from the paths alone, before anything is rendered or written.
    static func conflictsRemoved(_ files: [SiteRendering.Planned]) -> (
        files: [SiteRendering.Planned], diagnostics: [Diagnostic]
    ) {
        var seen: [String: SiteRendering.Planned] = [:]
        var kept: [SiteRendering.Planned] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            if let earlier = seen[file.path] {
                diagnostics.append(
                    Diagnostic(.outputConflict(path: file.path, other: earlier.origin), path: file.origin))
            } else {
                seen[file.path] = file
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
        case page(Page)
        case data(DataFile)
        /// An Atom feed: the site's, or a list's, industry's or region's.
        case feed(Feeds.Channel)
        /// A file of the theme's `assets/`, by name.
        case asset(String)
        /// Copied as it is, by its path relative to the site folder.
        case attachment(from: String)
    }

    /// The files made from the whole model, by path.
    enum DataFile: String, CaseIterable, Sendable {
        case requirementsJSON = "data/requirements.json"
        case requirementsCSV = "data/requirements.csv"
        case listsJSON = "data/lists.json"
        case sitemap = "sitemap.xml"
        case robots = "robots.txt"
        case searchIndex = "search/index.json"
    }

    let builder: PageBuilder
    let theme: Theme
    /// Every page, in the model's order.
    public let pages: [Planned]
    /// The open data, the feed, the sitemap, robots.txt, the search index, the theme's assets and the attachments.
    public let data: [Planned]
    /// Files that would have written a path another file already has; none is written when there is any.
    public let conflicts: [Diagnostic]

    /// One file's bytes (or, for an attachment, where to copy it from).
    public func render(_ file: Planned) throws -> OutputFile {
        switch file.source {
        case .page(let page):
            let (template, context) = builder.build(page)
            return OutputFile(file.path, bytes: try theme.render(template, context))
        case .data(let data):
            let model = builder.model
            switch data {
            case .requirementsJSON: return OutputFile(file.path, bytes: OpenData.requirementsJSON(model))
            case .requirementsCSV: return OutputFile(file.path, bytes: OpenData.requirementsCSV(model))
            case .listsJSON: return OutputFile(file.path, OpenData.listsJSON(model))
            case .sitemap: return OutputFile(file.path, bytes: Feeds.sitemap(model))
            case .robots: return OutputFile(file.path, Feeds.robots(model))
            case .searchIndex: return OutputFile(file.path, bytes: SearchIndex.json(model, builder: builder))
            }
        case .feed(let channel):
            return OutputFile(file.path, bytes: Feeds.atom(builder.model, channel))
        case .asset(let name):
            return OutputFile(file.path, bytes: theme.assets[name] ?? [])
        case .attachment(let from):
            return OutputFile(file.path, copyFrom: from)
        }
    }
}

/// The compact index the search page's script filters: one object per requirement with short keys, industry and
/// region ids including their ancestors (so filtering by 北京 finds 中关村), and display strings ready to show.
enum SearchIndex {
    static func json(_ model: SiteModel, builder: PageBuilder) -> [UInt8] {
        let format = builder.format
        let prefix = "{\"built\":\(JSONText.quote(model.buildDate.description)),\"requirements\":[\n"
        return RowFile.bytes(model.requirements, prefix: prefix, separator: ",\n", suffix: "\n]}\n") { r -> String in
            let q = r.requirement
            let industries = Array(Set(q.industries.flatMap { model.vocabularies.industries.lineage(of: $0) })).sorted()
            // Title and issuer are searched from their own fields; `x` carries only the rest of the searchable text.
            let text =
                ([q.code ?? ""] + q.keywords
                + q.indicators.map { i -> String in
                    switch i {
                    case .text(let s): s
                    case .target(let n, let t): "\(n) \(t)"
                    }
                }).joined(separator: " ")
            var fields: [(String, String)] = [
                ("t", JSONText.quote(q.title)), ("u", JSONText.quote(builder.url(SiteModel.requirementRoute(r)))),
                ("i", JSONText.quote(q.issuer.name)),
                ("ind", JSONText.array(industries.map(JSONText.quote))),
                ("reg", JSONText.array(model.vocabularies.regions.lineage(of: r.region).map(JSONText.quote))),
                ("s", JSONText.quote(r.effectiveStatus.rawValue)), ("c", JSONText.quote(r.category)),
                ("p", JSONText.quote(r.published.description)), ("x", JSONText.quote(text)),
                ("sl", JSONText.quote(format.effectiveStatus(r))),
                ("in", JSONText.quote(q.industries.map { builder.termName(.industries, $0) }.joined(separator: "、"))),
                ("rn", JSONText.quote(builder.termName(.regions, r.region))),
            ]
            // `b`, the figure for totals, sorts and bands; `bd` is the display.
            if let wan = q.bounty?.figure { fields.append(("b", wan.decimalString())) }
            if q.bounty == .negotiable { fields.append(("n", "true")) }
            // `cs`: closing soon by the build's one rule (SCHEMA.md §8 `closing_soon`), as the pages and open data say.
            if r.isClosingSoon { fields.append(("cs", "true")) }
            if let display = format.amount(q.bounty) { fields.append(("bd", JSONText.quote(display))) }
            if let deadline = r.deadline {
                fields.append(("d", JSONText.quote(deadline.description)))
                fields.append(("dd", JSONText.quote(format.date(deadline))))
            }
            return JSONText.object(fields)
        }
    }
}

/// A data file with a row for each requirement (the open data, the search index): `prefix`, the rows joined by
/// `separator`, `suffix`, as bytes. Rows are made on every core, a chunk of them at a time, each appended to its
/// chunk's bytes as soon as it is made; a group of chunks at a time is appended to the file, whose size is
/// foreseen from the first group. So the file is held once, plus one group of chunks, never as a string a row
/// plus a joined string plus its bytes (four times the file: 670 MB for requirements.json at 100,000).
enum RowFile {
    /// Rows per chunk: about 100 KB of open data.
    static let chunkSize = 64
    /// Chunks made at once: more than `Parallel.map` needs to use every core, a few MB.
    static let groupSize = 64

    static func bytes<Item: Sendable>(
        _ items: [Item], prefix: String, separator: String = "", suffix: String = "",
        row: @Sendable (Item) -> String
    ) -> [UInt8] {
        var file = Array(prefix.utf8)
        let starts = Array(stride(from: 0, to: items.count, by: chunkSize))
        for group in stride(from: 0, to: starts.count, by: groupSize) {
            let chunks = Parallel.map(Array(starts[group..<min(starts.count, group + groupSize)])) { start in
                var bytes: [UInt8] = []
                for index in start..<min(items.count, start + chunkSize) {
                    if index > 0 { bytes.append(contentsOf: separator.utf8) }
                    var text = row(items[index])
                    text.withUTF8 { bytes.append(contentsOf: $0) }
                }
                return bytes
            }
            for chunk in chunks { file.append(contentsOf: chunk) }
            if group == 0 && starts.count > groupSize {
                // The rows so far foretell the rest: room for them and a tenth more, so the file is not copied
                // as it grows.
                let rows = groupSize * chunkSize
                file.reserveCapacity(file.count / rows * items.count * 11 / 10 + suffix.utf8.count)
            }
        }
        file.append(contentsOf: suffix.utf8)
        return file
    }
}
