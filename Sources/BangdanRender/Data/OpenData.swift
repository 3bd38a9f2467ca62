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

    /// ▲ The display names of a requirement's terms in the site's main language (`category_name`,
    /// `industry_names`, `region_name`); an id stands for itself where its term is missing.
    static func termNames(_ r: ResolvedRequirement, _ vocabularies: Vocabularies, _ language: Language)
        -> (category: String, industries: [String], region: String)
    {
        func name(_ kind: VocabularyKind, _ id: String) -> String { vocabularies[kind][id]?.name(in: language) ?? id }
        return (
            name(.categories, r.category), r.requirement.industries.map { name(.industries, $0) },
            name(.regions, r.region)
        )
    }

    static func requirementFields(
        _ r: ResolvedRequirement, _ vocabularies: Vocabularies, _ settings: SiteSettings
    ) -> [(String, String)] {
        let language = settings.language
        let q = r.requirement
        let names = termNames(r, vocabularies, language)
        let byHand: [(String, String)] = [
            ("id", JSONText.quote(r.id)),
            ("list", JSONText.quote(q.listID)),
            ("slug", JSONText.quote(q.slug)),
            ("url", JSONText.quote(url(settings, SiteModel.requirementRoute(r)))),
            ("title", JSONText.quote(q.title)),
            ("code", JSONText.optional(q.code)),
            ("category", JSONText.quote(r.category)),
            ("industries", JSONText.array(q.industries.map(JSONText.quote))),
            ("region", JSONText.quote(r.region)),
            ("issuer", q.issuer.openJSON),
            ("issuers", q.issuers.openJSON),
            ("bounty_wan", q.bounty?.figure.map { $0.decimalString() } ?? "null"),
            ("negotiable", q.bounty == .negotiable ? "true" : "false"),
            ("bounty", q.bounty.map(bountyJSON) ?? "null"),
            ("funding", JSONText.optional(q.funding)),
            ("published", JSONText.quote(r.published.written)),
            ("deadline", JSONText.optional(r.deadline?.description)),
            ("status", JSONText.quote(r.status.rawValue)),
            ("effective_status", JSONText.quote(r.effectiveStatus.rawValue)),
            ("closing_soon", r.isClosingSoon ? "true" : "false"),
            ("category_name", JSONText.quote(names.category)),
            ("industry_names", JSONText.array(names.industries.map(JSONText.quote))),
            ("region_name", JSONText.quote(names.region)),
            ("solvers", q.solvers.openJSON),
            ("solvers_undisclosed", q.solversUndisclosed ? "true" : "false"),
            ("keywords", JSONText.array(q.keywords.map(JSONText.quote))),
            (
                "indicators",
                JSONText.array(
                    q.indicators.map { indicator in
                        switch indicator {
                        case .text(let text): JSONText.quote(text)
                        case .target(let name, let target):
                            JSONText.object([("name", JSONText.quote(name)), ("target", JSONText.quote(target))])
                        }
                    })
            ),
            ("source", JSONText.optional(q.source)),
            ("sources", q.sources.openJSON),
            ("summary", JSONText.optional(r.summary)),
        ]
        return byHand + declaredColumns.map { ($0.name, $0.openJSON(q)) }
    }

    /// ▲ `bounty` (SCHEMA.md §8): the kind, the bounds in 万 of the currency (`min_wan` null for an upper bound
    /// alone, `max_wan` null for a lower bound alone), the currency (null for 面议 and 不设金额), and the canonical
    /// Chinese display, which is also how the amount is written.
    static func bountyJSON(_ amount: Amount) -> String { amount.openBountyJSON }

    static func requirementsJSON(_ model: SiteModel) -> [UInt8] {
        RowFile.bytes(model.requirements, prefix: "{\"requirements\":[\n", separator: ",\n", suffix: "\n]}\n") {
            JSONText.object(requirementFields($0, model.vocabularies, model.settings))
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
    /// spreadsheet programs open Chinese text correctly.
    static func requirementsCSV(_ model: SiteModel) -> [UInt8] {
        // The byte order mark, the header, then each row with its line end.
        let header = "\u{FEFF}" + csvColumns.joined(separator: ",") + "\r\n"
        return RowFile.bytes(model.requirements, prefix: header) { r -> String in
            let q = r.requirement
            let names = termNames(r, model.vocabularies, model.settings.language)
            let row: [String] = [
                r.id, q.listID, q.slug, url(model.settings, SiteModel.requirementRoute(r)), q.title, q.code ?? "",
                r.category,
                q.industries.joined(separator: ";"), r.region, q.issuer.name, q.issuer.type?.rawValue ?? "",
                q.issuer.creditCode ?? "", q.bounty?.figure?.decimalString() ?? "",
                q.bounty == .negotiable ? "true" : "false",
                q.bounty?.kind.rawValue ?? "", q.bounty?.lowerBound?.decimalString() ?? "",
                q.bounty?.upperBound?.decimalString() ?? "", q.bounty?.currency?.rawValue ?? "",
                q.bounty?.chineseText ?? "",
                q.funding ?? "", r.published.written, r.deadline?.description ?? "", r.status.rawValue,
                r.effectiveStatus.rawValue, r.isClosingSoon ? "true" : "false", names.category,
                names.industries.joined(separator: ";"), names.region,
                q.solvers.map { solver in solver.region.map { "\(solver.name)（\($0)）" } ?? solver.name }.joined(
                    separator: ";"),
                q.keywords.joined(separator: ";"),
                q.indicators.map { indicator -> String in
                    switch indicator {
                    case .text(let text): text
                    case .target(let name, let target): "\(name)：\(target)"
                    }
                }.joined(separator: ";"),
                q.source ?? "", r.summary ?? "", q.issuers.map(\.name).joined(separator: ";"),
                q.solversUndisclosed ? "true" : "false", q.sources.joined(separator: ";"),
            ]
            return (row + declaredColumns.map { $0.openCSV(q) }).map(csvField).joined(separator: ",") + "\r\n"
        }
    }

    /// Quotes a field when it holds a comma, quote, semicolon or line break; a leading `= + - @` is prefixed with
    /// an apostrophe so a spreadsheet never runs content as a formula.
    static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40,
            Double(value) == nil
        {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x3B || $0 == 0x0D || $0 == 0x0A }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
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
