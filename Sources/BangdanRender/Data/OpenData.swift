import BangdanCore
import BangdanLoad
import BangdanSchema
import BangdanSite

/// `/data/requirements.json`, `/data/requirements.csv` and `/data/lists.json`, with exactly the keys of
/// SCHEMA.md §8, in a fixed order so two builds give the same bytes.
enum OpenData {
    /// ▲ The absolute URL of a page, as open data gives it: `base_url` joined with the page's path (SCHEMA.md §8),
    /// so it still works when the site lives in a subfolder (`https://example.org/bangdan/lists/x/y/`).
    static func url(_ settings: SiteSettings, _ route: String) -> String { Feeds.absolute(settings, route) }

    /// Declared requirement fields written here by hand (resolved from the list, renamed or split) or not published
    /// at all (`contact`, `attachments`, `summary_en`: SCHEMA.md §8 does not list them). Every other field of
    /// `Schema.requirement` follows them in the JSON and the CSV under its own name, in declaration order, so a new
    /// field reaches the open data with no edit here. They are read from the resolved requirement, which holds its
    /// list's defaults (eligibility, how_to_apply, apply_url, period, ip, timeline) where it sets none.
    static let requirementFieldsByHand: Set<String> = [
        "title", "code", "category", "industry", "region", "issuer", "bounty", "funding", "published", "deadline",
        "status", "solvers", "contact", "keywords", "indicators", "attachments", "source", "summary", "summary_en",
    ]
    static let declaredColumns = Schema.requirement.filter { !requirementFieldsByHand.contains($0.name) }

    /// What every row of the open data shares, looked up once per file: the display name of each term in the
    /// site's main language (`category_name`, `industry_names`, `region_name`; an id stands for itself where its
    /// term is missing) and the start of every page's URL.
    struct Rows: Sendable {
        let names: [VocabularyKind: [String: String]]
        /// `base_url`'s origin and `/`, as it is (CSV) and escaped as a JSON string's content.
        let origin: [UInt8]
        let originJSON: [UInt8]

        init(_ vocabularies: Vocabularies, _ settings: SiteSettings) {
            var names: [VocabularyKind: [String: String]] = [:]
            for kind in [VocabularyKind.categories, .industries, .regions] {
                let vocabulary = vocabularies[kind]
                var byID: [String: String] = [:]
                for term in vocabulary.terms where byID[term.id] == nil {
                    byID[term.id] = vocabulary[term.id]?.name(in: settings.language)
                }
                names[kind] = byID
            }
            self.names = names
            origin = Array((settings.origin + "/").utf8)
            var json: [UInt8] = []
            JSONText.appendEscaped(settings.origin + "/", to: &json)
            originJSON = json
        }

        func name(_ kind: VocabularyKind, _ id: String) -> String { names[kind]?[id] ?? id }
    }

    /// The members of a requirement's object in requirements.json, in order, by name.
    static func requirementFields(
        _ r: ResolvedRequirement, _ vocabularies: Vocabularies, _ settings: SiteSettings
    ) -> [(String, String)] {
        var pairs = JSONPairs()
        requirementMembers(r, Rows(vocabularies, settings), into: &pairs)
        return pairs.pairs
    }

    /// Writes a requirement's members (SCHEMA.md §8): those written by hand, then each of `declaredColumns`.
    static func requirementMembers<Members: JSONMembers>(
        _ r: ResolvedRequirement, _ rows: Rows, into o: inout Members
    ) {
        let q = r.requirement
        o.member("id")
        o.writer.byte(0x22)
        o.writer.jsonEscaped(q.listID)
        o.writer.byte(0x2F)
        o.writer.jsonEscaped(q.slug)
        o.writer.byte(0x22)
        o.string("list", q.listID)
        o.string("slug", q.slug)
        o.member("url")
        o.writer.byte(0x22)
        o.writer.raw(rows.originJSON)
        // Percent-encoded: nothing in it needs escaping in JSON.
        o.writer.requirementRoute(q)
        o.writer.byte(0x22)
        o.string("title", q.title)
        o.optional("code", q.code)
        o.string("category", r.category)
        o.strings("industries", q.industries)
        o.string("region", r.region)
        o.open("issuer", q.issuer)
        o.open("issuers", q.issuers)
        o.raw("bounty_wan", q.bounty?.figure.map { $0.decimalString() } ?? "null")
        o.bool("negotiable", q.bounty == .negotiable)
        o.member("bounty")
        o.writer.openBountyJSON(q.bounty)
        o.optional("funding", q.funding)
        o.string("published", r.published.written)
        o.optional("deadline", r.deadline?.description)
        o.string("status", r.status.rawValue)
        o.string("effective_status", r.effectiveStatus.rawValue)
        o.bool("closing_soon", r.isClosingSoon)
        o.string("category_name", rows.name(.categories, r.category))
        o.member("industry_names")
        o.writer.jsonArray(q.industries) { $0.jsonString(rows.name(.industries, $1)) }
        o.string("region_name", rows.name(.regions, r.region))
        o.open("solvers", q.solvers)
        o.bool("solvers_undisclosed", q.solversUndisclosed)
        o.strings("keywords", q.keywords)
        o.open("indicators", q.indicators)
        o.optional("source", q.source)
        o.open("sources", q.sources)
        o.optional("summary", r.summary)
        for field in declaredColumns {
            o.member(named: field.name)
            o.writer.openJSON(field, of: q)
        }
    }

    /// Handed to `sink` part by part (`RowFile.write`); with `keys`, a row whose key `earlier` holds is copied
    /// from the earlier file.
    static func requirementsJSON(
        _ model: SiteModel, keys: [UInt64]? = nil, earlier: EarlierRows? = nil, into sink: StreamedBytes.Sink
    ) rethrows -> (rows: RowTable?, reused: Int) {
        let rows = Rows(model.vocabularies, model.settings)
        return try RowFile.write(
            model.requirements, prefix: "{\"requirements\":[\n", separator: ",\n", suffix: "\n]}\n", keys: keys,
            earlier: earlier, into: sink
        ) { r, w in
            var object = JSONObject(after: &w)
            requirementMembers(r, rows, into: &object)
            w = object.end()
        }
    }

    static let csvColumns = csvColumnsByHand + declaredColumns.map(\.name)
    static let csvColumnsByHand = [
        "id", "list", "slug", "url", "title", "code", "category", "industries", "region", "issuer_name", "issuer_type",
        "issuer_credit_code", "bounty_wan", "negotiable", "bounty_kind", "bounty_min_wan", "bounty_max_wan",
        "bounty_currency", "bounty_text", "funding", "published", "deadline", "status",
        "effective_status", "closing_soon", "category_name", "industry_names", "region_name", "solvers", "keywords",
        "indicators", "source", "summary", "issuers", "solvers_undisclosed", "sources",
    ]

    /// The same rows as the JSON, arrays joined with `;`, UTF-8 with a BOM and CRLF line ends (RFC 4180) so that
    /// spreadsheet programs open Chinese text correctly. Each field is quoted and disarmed as
    /// `ByteWriter.csvField` says.
    static func requirementsCSV(
        _ model: SiteModel, keys: [UInt64]? = nil, earlier: EarlierRows? = nil, into sink: StreamedBytes.Sink
    ) rethrows -> (rows: RowTable?, reused: Int) {
        // The byte order mark, the header, then each row with its line end.
        let header = "\u{FEFF}" + csvColumns.joined(separator: ",") + "\r\n"
        let rows = Rows(model.vocabularies, model.settings)
        return try RowFile.write(model.requirements, prefix: header, keys: keys, earlier: earlier, into: sink) { r, w in
            var row = CSVRow(after: &w)
            requirementCells(r, rows, into: &row)
            w = row.end()
        }
    }

    /// The cells of a requirement's row, in the order of `csvColumns`.
    static func requirementCells(_ r: ResolvedRequirement, _ rows: Rows, into row: inout CSVRow) {
        let q = r.requirement
        let bounty = q.bounty
        row.next()
        row.writer.raw(q.listID)
        row.writer.byte(0x2F)
        row.writer.raw(q.slug)
        row.field(q.listID)
        row.field(q.slug)
        row.next()
        row.writer.raw(rows.origin)
        row.writer.requirementRoute(q)
        row.field(q.title)
        row.field(q.code ?? "")
        row.field(r.category)
        row.field(joining: q.industries)
        row.field(r.region)
        let issuer = q.issuer
        row.field(issuer.name)
        row.field(issuer.type?.rawValue ?? "")
        row.field(issuer.creditCode ?? "")
        row.field(bounty?.figure?.decimalString() ?? "")
        row.field(bounty == .negotiable ? "true" : "false")
        row.field(bounty?.kind.rawValue ?? "")
        row.field(bounty?.lowerBound?.decimalString() ?? "")
        row.field(bounty?.upperBound?.decimalString() ?? "")
        row.field(bounty?.currency?.rawValue ?? "")
        row.field(bounty?.chineseText ?? "")
        row.field(q.funding ?? "")
        row.field(r.published.written)
        row.field(r.deadline?.description ?? "")
        row.field(r.status.rawValue)
        row.field(r.effectiveStatus.rawValue)
        row.field(r.isClosingSoon ? "true" : "false")
        row.field(rows.name(.categories, r.category))
        row.next()
        for (position, id) in q.industries.enumerated() {
            if position > 0 { row.writer.byte(0x3B) }
            row.writer.raw(rows.name(.industries, id))
        }
        row.field(rows.name(.regions, r.region))
        // `名称（地区）`, as `Solver.openCSV`.
        row.next()
        for (position, solver) in q.solvers.enumerated() {
            if position > 0 { row.writer.byte(0x3B) }
            row.writer.raw(solver.name)
            if let region = solver.region {
                row.writer.raw("（")
                row.writer.raw(region)
                row.writer.raw("）")
            }
        }
        row.field(joining: q.keywords)
        row.next()
        for (position, indicator) in q.indicators.enumerated() {
            if position > 0 { row.writer.byte(0x3B) }
            switch indicator {
            case .text(let text): row.writer.raw(text)
            case .target(let name, let target):
                row.writer.raw(name)
                row.writer.raw("：")
                row.writer.raw(target)
            }
        }
        row.field(q.source ?? "")
        row.field(r.summary ?? "")
        row.next()
        for (position, issuer) in q.issuers.enumerated() {
            if position > 0 { row.writer.byte(0x3B) }
            row.writer.raw(issuer.name)
        }
        row.field(q.solversUndisclosed ? "true" : "false")
        row.field(joining: q.sources)
        for field in declaredColumns { row.field(field.openCSV(q)) }
    }

    static func listsJSON(_ model: SiteModel) -> String {
        let items = model.lists.map { entry -> String in
            let list = entry.list, s = entry.statistics
            return JSONText.object([
                ("id", JSONText.quote(list.id)),
                ("url", JSONText.quote(url(model.settings, entry.route))),
                ("title", JSONText.quote(list.title)),
                ("publisher", JSONText.quote(list.publisher)),
                ("region", JSONText.quote(list.region)),
                ("published", JSONText.quote(list.published.written)),
                ("deadline", JSONText.optional(list.deadline?.description)),
                ("program", JSONText.optional(list.program)),
                ("batch", list.batch.map { "\($0)" } ?? "null"),
                (
                    "stats",
                    JSONText.object([
                        ("requirements", "\(s.requirements)"),
                        ("bounty_total_wan", s.bountyTotal.decimalString()),
                        ("bounty_disclosed", "\(s.bountyDisclosed)"),
                        ("bounty_foreign", "\(s.bountyForeign)"),
                        ("declared", list.declared.flatMap { $0.isEmpty ? nil : $0.openJSON } ?? "null"),
                        ("bounty_at_least_1000", "\(s.bountyAtLeast1000)"),
                        ("bounty_negotiable", "\(s.bountyNegotiable)"),
                        ("by_industry", JSONText.object(s.byIndustry.map { ($0.id, "\($0.count)") })),
                        ("by_status", JSONText.object(s.byStatus.map { ($0.status.rawValue, "\($0.count)") })),
                        ("solvers_with_region", "\(s.solversWithRegion)"),
                        ("solvers_out_of_region", s.isNational ? "null" : "\(s.solversOutOfRegion)"),
                    ])
                ),
            ])
        }
        return "{\"lists\":[\n" + items.joined(separator: ",\n") + "\n]}\n"
    }
}
