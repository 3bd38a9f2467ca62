import BangdanCore
import BangdanLoad

/// The `decode` stage: typed values from YAML nodes, driven by `Schema`, with positioned diagnostics.
/// Pure: no file system, no clock.
public enum Decode {
    /// `reusing` holds, by index in `loaded.files`, the requirement files an earlier build decoded (`DecodedFiles`)
    /// whose bytes are unchanged: those were not parsed (`Loader.parse`), and their requirement is read back as it
    /// was decoded (`RequirementCoding`). With it (even empty), `Content.kept` says what the next build may reuse;
    /// `Content.reuseFailed` is set when a kept requirement did not read.
    public static func decode(_ loaded: LoadedContent, reusing: [Int: DecodedFiles.Entry]? = nil) -> Content {
        var diagnostics = loaded.diagnostics
        let files = loaded.files

        var present: [VocabularyKind: Vocabulary] = [:]
        for file in files {
            guard case .vocabulary(let kind) = file.role, let yaml = file.yaml else { continue }
            let (vocabulary, problems) = vocabulary(kind, yaml.root, path: file.path)
            present[kind] = vocabulary
            diagnostics += problems
        }
        let vocabularies = Vocabularies(
            industries: present[.industries] ?? Vocabulary(kind: .industries, terms: []),
            regions: present[.regions] ?? Vocabulary(kind: .regions, terms: []),
            categories: present[.categories] ?? Vocabulary(kind: .categories, terms: [])
        )

        var site: SiteSettings?
        var lists: [ChallengeList] = []
        let attachmentsByList = Dictionary(grouping: loaded.attachments, by: \.listID)
        for file in files {
            guard let yaml = file.yaml else { continue }
            var decoder = FieldDecoder(path: file.path, vocabularies: present)
            switch file.role {
            case .vocabulary, .requirement:
                continue
            case .site:
                // `text-invalid` keeps its own rule, as in every other file (SCHEMA.md §2).
                decoder.wrap = { problem in
                    if case .textInvalid = problem { return problem }
                    if case .siteInvalid = problem { return problem }
                    return .siteInvalid(detail: .field(problem))
                }
                site = siteSettings(yaml.root, decoder: &decoder)
            case .listIndex(let id):
                let files = attachmentsByList[id, default: []]
                if let list = list(id: id, file: file, root: yaml.root, attachments: files, decoder: &decoder) {
                    lists.append(list)
                }
            }
            diagnostics += decoder.diagnostics
        }
        // Requirements are independent of each other here: decode them on all cores.
        let known = present
        // The key positions' tables read back, shared (`RequirementCoding.PositionTables`).
        let tables = RequirementCoding.PositionTables()
        struct Decoded: Sendable {
            var requirement: Requirement?
            var diagnostics: [Diagnostic] = []
            var kept: Content.Kept?
            var reuseFailed = false
        }
        var decoded = Parallel.map(Array(files.indices)) { index -> Decoded in
            let file = files[index]
            guard case .requirement(let listID, let slug) = file.role else { return Decoded() }
            if let entry = reusing?[index] {
                // Decoded by the last build from the same bytes, under the same vocabularies and program, without a
                // problem: the same requirement again, with what the file gives now.
                guard
                    let requirement = entry.requirement(
                        listID: listID, slug: slug, path: file.path, body: file.body, bodyLine: file.bodyLine,
                        tables: tables)
                else { return Decoded(reuseFailed: true) }
                return Decoded(requirement: requirement, kept: .reused)
            }
            var decoder = FieldDecoder(path: file.path, vocabularies: known)
            let record = file.yaml.flatMap {
                decoder.record($0.root, specs: Schema.requirementSpecs, prefix: "", missingAt: .start)
            }
            guard let r = record else { return Decoded(diagnostics: decoder.diagnostics) }
            let requirement = requirement(listID: listID, slug: slug, file: file, record: r, decoder: &decoder)
            // Kept for the next build only when nothing at all was found in it, as its bytes.
            var kept: Content.Kept?
            if reusing != nil, let requirement, decoder.diagnostics.isEmpty {
                kept = .encoded(RequirementCoding.bytes(requirement))
            }
            return Decoded(requirement: requirement, diagnostics: decoder.diagnostics, kept: kept)
        }
        var content = Content(
            site: site, vocabularies: vocabularies, lists: lists, listIDs: loaded.listIDs,
            // Each moved out of its result, not copied.
            requirements: decoded.indices.compactMap { decoded[$0].requirement.take() },
            attachments: loaded.attachments,
            diagnostics: diagnostics + decoded.flatMap(\.diagnostics))
        for (index, item) in decoded.enumerated() {
            if let kept = item.kept { content.kept[index] = kept }
            if item.reuseFailed { content.reuseFailed = true }
        }
        return content
    }

    static func siteSettings(_ root: YAMLNode, decoder: inout FieldDecoder) -> SiteSettings? {
        guard let r = decoder.record(root, fields: Schema.site, missingAt: .start) else { return nil }
        guard var site = Schema.site.build(r, from: SiteSettings(title: "", baseURL: "")) else { return nil }
        // ▲ `languages` names the main language first; `language` alone is a one-language site. Both may stand
        // (a version-1 site that adds `languages`) when they agree on the main language; otherwise which one
        // was meant is unknowable, and the site is refused rather than published in the wrong language.
        let written = r.list("languages")
        if written.isEmpty {
            site.languages = [site.language]
        } else {
            if site.languages.count == 2, site.languages[0] == site.languages[1] {
                decoder.report(
                    .siteInvalid(detail: .languageRepeated(site.languages[1])),
                    at: r.valuePositions["languages"] ?? r.position)
                return nil
            }
            if r.values["language"] != nil, let main = site.languages.first, main != site.language {
                decoder.report(
                    .siteInvalid(detail: .languagesDisagree(language: site.language, main: main)),
                    at: r.valuePositions["language"] ?? r.position)
                return nil
            }
            // A list whose every word was refused is empty: reported already.
            guard let main = site.languages.first else { return nil }
            site.language = main
        }
        return site
    }

    static func list(
        id: String, file: SourceFile, root: YAMLNode, attachments: [AttachmentFile],
        decoder: inout FieldDecoder
    ) -> ChallengeList? {
        guard let r = decoder.record(root, fields: Schema.list, missingAt: .start) else { return nil }
        checkTimelineOrder(r, decoder: &decoder)
        if let published = r.date("published"), let deadline = r.date("deadline"), deadline < published {
            decoder.report(
                .deadlineBeforePublished(deadline: deadline, published: published), at: r.position(of: "deadline"))
        }
        let blank = ChallengeList(
            id: id, path: file.path, title: "", publisher: "", region: "", published: .epoch,
            body: file.body.text, bodyLine: file.bodyLine,
            attachmentFiles: Dictionary(uniqueKeysWithValues: attachments.map { ($0.name, $0.size) }),
            positions: r.keyPositions)
        guard let list = Schema.list.build(r, from: blank) else { return nil }
        // A default its requirements inherit (SCHEMA.md §3) that is written but refused (`issuer: 工信部`,
        // `status: 已完成`, an issuer without its name) is reported once, at its key. The list is then left out as
        // an invalid `_index.md` is: what its requirements inherit is unknown, so they are not checked against it
        // (no `missing-field issuer`, `solvers-while-open` or `stale-open` in every file of the list).
        if !r.invalid.isDisjoint(with: listDefaults) { return nil }
        let writtenIssuers: Int =
            switch r.values["issuer"] {
            case .list(let items)?: items.count
            case .record?: 1
            default: 0
            }
        return list.issuers.count == writtenIssuers ? list : nil
    }

    /// The requirement fields `resolve` reads, or fills from the list when the requirement has none.
    static let resolvedFields: Set<String> = [
        "category", "deadline", "status", "solvers", "published", "region",
    ]

    /// The `_index.md` fields a requirement inherits when it does not write its own (SCHEMA.md §3).
    static let listDefaults: Set<String> = [
        "category", "deadline", "status", "issuer", "contact", "eligibility", "how_to_apply", "apply_url",
        "period", "ip", "timeline", "published", "region", "source",
    ]

    /// The requirement a file's front matter, decoded as `r`, describes; nil when it is left out (reported).
    static func requirement(
        listID: String, slug: String, file: SourceFile, record r: Record, decoder: inout FieldDecoder
    ) -> Requirement? {
        checkTimelineOrder(r, decoder: &decoder)
        var blank = Requirement(
            listID: listID, slug: slug, path: file.path, title: "", industries: [], issuer: .blank, status: nil,
            solvers: [], keywords: [], indicators: [], attachments: [], body: file.body, bodyLine: file.bodyLine,
            positions: r.keyPositions.merging(attachmentPositions(r)) { a, _ in a })
        // No issuer until the file names one: resolve then gives it its list's (SCHEMA.md §3).
        blank.issuers = []
        guard var requirement = Schema.requirement.build(r, from: blank) else { return nil }
        // An issuer written without a name, or as something other than a mapping (`issuer: 威智医药`), is reported at
        // its key and drops the requirement, as in version 1: it must not fall back to the list's issuer, nor be
        // reported again as missing.
        if r.invalid.contains("issuer") { return nil }
        // Likewise a refused value the cross-file rules read (`status: 已签约`, `deadline: 2023/5/1`,
        // `solvers: 不公开`, solvers each without a name): reported once at its key, and the requirement is not
        // checked again with its list's value in its place (`solvers-while-open`, `missing-solvers`, `stale-open`…).
        if !r.invalid.isDisjoint(with: resolvedFields) { return nil }
        if case .list? = r.values["solvers"], requirement.solvers.isEmpty { return nil }
        let written: Int =
            switch r.values["issuer"] {
            case .list(let items)?: items.count
            case .record?: 1
            default: 0
            }
        guard requirement.issuers.count == written else { return nil }
        if requirement.summary == nil {
            requirement.bodySummary = PlainText.firstParagraph(of: requirement.body, limit: PlainText.summaryLimit)
        }
        return requirement
    }

    /// ▲ `timeline-order` (SCHEMA.md §6): the first entry dated before the entry above it, at that entry. Entries
    /// of one day compare by time when both give one.
    static func checkTimelineOrder(_ r: Record, decoder: inout FieldDecoder) {
        var previous: (date: Day, time: String?)?
        for entry in r.records("timeline") {
            guard let date = entry.date("date") else { continue }
            var time: String?
            if case .text(let t)? = entry.values["time"] { time = t }
            if let previous,
                date < previous.date || (date == previous.date && (time ?? "99:99") < (previous.time ?? "00:00"))
            {
                let shown = { (day: Day, time: String?) in
                    [day.description, time].compactMap { $0 }.joined(separator: " ")
                }
                decoder.report(
                    .timelineOrder(entry: shown(date, time), previous: shown(previous.date, previous.time)),
                    at: entry.position)
                return
            }
            previous = (date, time)
        }
    }

    /// `attachments[i]` positions, so resolve can point at the exact entry that names a missing file.
    private static func attachmentPositions(_ r: Record) -> [String: SourcePosition] {
        var positions: [String: SourcePosition] = [:]
        for (i, a) in r.records("attachments").enumerated() {
            positions["attachments.\(i)"] = a.valuePositions["url"] ?? a.position
        }
        return positions
    }

    /// A vocabulary file: a mapping from slug ids to terms, parents existing and acyclic.
    static func vocabulary(_ kind: VocabularyKind, _ root: YAMLNode, path: String) -> (Vocabulary, [Diagnostic]) {
        var decoder = FieldDecoder(path: path, vocabularies: [:])
        guard case .mapping(let pairs) = root.content else {
            decoder.report(
                .type(field: kind.fileName, expected: .mapping, found: root.content.valueKind), at: root.position)
            return (Vocabulary(kind: kind, terms: []), decoder.diagnostics)
        }
        var terms: [Term] = []
        var parentPositions: [String: SourcePosition] = [:]
        var national: String?
        let fields = Schema.terms(kind)
        for pair in pairs {
            guard let id = pair.name else { continue }
            if !Loader.isSlug(id) { decoder.report(.slugInvalid(name: id), at: pair.key.position) }
            guard
                let r = decoder.record(pair.value, fields: fields, prefix: "\(id).", missingAt: pair.key.position),
                var term = fields.build(r, from: Term(id: id, name: ""))
            else { continue }
            // ▲ At most one national region (SCHEMA.md §5): a second is reported, at its key, and not taken.
            if term.national, let first = national {
                decoder.report(
                    .vocabularyInvalid(detail: .secondNational(term: id, first: first)), at: r.position(of: "national"))
                term.national = false
            } else if term.national {
                national = id
            }
            terms.append(term)
            parentPositions[id] = r.position(of: "parent")
        }
        let vocabulary = Vocabulary(kind: kind, terms: terms)
        for term in terms {
            guard let parent = term.parent else { continue }
            let at = parentPositions[term.id] ?? root.position
            if !vocabulary.contains(parent) {
                decoder.report(.vocabularyInvalid(detail: .parentUnknown(term: term.id, parent: parent)), at: at)
                continue
            }
            // The vocabulary found its cycles in one walk; each member is reported, with the cycle from itself.
            if let cycle = vocabulary.parentCycle(of: term.id) {
                decoder.report(.vocabularyInvalid(detail: .parentCycle(term: term.id, cycle: cycle)), at: at)
            } else if vocabulary.depth(of: term.id) == Vocabulary.maximumLevels {
                // Only the first level too deep is reported: the terms below it move with it.
                let chain = Array(vocabulary.lineage(of: term.id).reversed())
                decoder.report(.vocabularyInvalid(detail: .tooDeep(term: term.id, chain: chain)), at: at)
            }
        }
        return (vocabulary, decoder.diagnostics)
    }
}

extension YAMLNode.Content {
    var valueKind: ValueKind {
        switch self {
        case .scalar: .text
        case .mapping: .mapping
        case .sequence: .list
        }
    }
}
