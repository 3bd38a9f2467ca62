import BangdanCore
import BangdanLoad
import BangdanSite
import Foundation
import Mustache

/// A parsed template of the theme (the engine's type; `Theme` holds them by name).
typealias Template = MustacheTemplate

/// The `render` stage: every file of the site as bytes (or a copy instruction for attachments), sorted by path.
/// Pure: the theme's texts come from `load`, attachments are copied by `write`.
public enum Render {
    public static func render(_ model: SiteModel, theme files: ThemeFiles, timings: inout Timings) throws
        -> (files: [OutputFile], diagnostics: [Diagnostic])
    {
        let plain = PageBuilder(model: model)
        let theme = try Theme(files, language: model.settings.language)
        // A requirement's card is the same on every page that shows it (its list, up to a dozen term pages, the
        // home page): render it once.
        let cards = try timings.measure("  cards") {
            try Parallel.map(Array(model.requirements.indices)) { index in
                Result { String(decoding: try theme.render("card", plain.cardContext(index)), as: UTF8.self) }
            }.map { try $0.get() }
        }
        let builder = PageBuilder(model: model, cards: cards)
        var files: [OutputFile] = try timings.measure("  pages") {
            try Parallel.map(model.pages) { page in
                let (template, context) = builder.build(page)
                return Result { OutputFile(page.file, bytes: try theme.render(template, context)) }
            }.map { try $0.get() }
        }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { timings.record("  data", since: start) }
        files.append(OutputFile("data/requirements.json", OpenData.requirementsJSON(model)))
        files.append(OutputFile("data/requirements.csv", bytes: OpenData.requirementsCSV(model)))
        files.append(OutputFile("data/lists.json", OpenData.listsJSON(model)))
        files += Parallel.map(Feeds.channels(model)) { OutputFile($0.route, bytes: Feeds.atom(model, $0)) }
        files.append(OutputFile("sitemap.xml", bytes: Feeds.sitemap(model)))
        files.append(OutputFile("robots.txt", Feeds.robots(model)))
        files.append(OutputFile("search/index.json", SearchIndex.json(model, builder: builder)))
        for (name, bytes) in theme.assets { files.append(OutputFile("assets/\(name)", bytes: bytes)) }
        for attachment in model.attachments where model.list(id: attachment.listID) != nil {
            files.append(OutputFile("lists/\(attachment.listID)/\(attachment.name)", copyFrom: attachment.path))
        }
        return conflictsRemoved(files)
    }

    /// Two things that would write one path are an error, never a silent overwrite.
    static func conflictsRemoved(_ files: [OutputFile]) -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        var seen: [String: OutputFile] = [:]
        var diagnostics: [Diagnostic] = []
        for file in files {
            if let earlier = seen[file.path] {
                let source = { (f: OutputFile) -> String in if case .copy(let from) = f.content { from } else { f.path }
                }
                diagnostics.append(
                    Diagnostic(.outputConflict(path: file.path, other: source(earlier)), path: source(file)))
            } else {
                seen[file.path] = file
            }
        }
        return (seen.values.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }, diagnostics)
    }
}

/// The compact index the search page's script filters: one object per requirement with short keys, industry and
/// region ids including their ancestors (so filtering by 北京 finds 中关村), and display strings ready to show.
enum SearchIndex {
    static func json(_ model: SiteModel, builder: PageBuilder) -> String {
        let format = builder.format
        let rows = Parallel.map(model.requirements) { r -> String in
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
        return "{\"built\":\(JSONText.quote(model.buildDate.description)),\"requirements\":[\n"
            + rows.joined(separator: ",\n") + "\n]}\n"
    }
}
