import BangdanCore
import BangdanLoad
import BangdanSite

/// Builds the view model of every page: display-ready strings only. A value that is absent is left out at the top
/// level and stated as `false` in nested items (see `item`), so no template section ever finds it elsewhere.
struct PageBuilder: Sendable {
    let model: SiteModel
    let format: Format
    let strings: [String: String]
    let base: String
    /// Each requirement's card, rendered once (by position in `model.requirements`).
    let cards: [String]
    /// Values that are the same on every page: the base of each page's view model. They are data (the site
    /// title comes from site.yml), rendered and escaped by the engine, never folded into template text.
    let siteValues: [String: String]

    init(model: SiteModel, cards: [String] = []) {
        let format = Format(language: model.settings.language, buildDate: model.buildDate)
        self.model = model
        self.format = format
        self.strings = format.strings
        self.base = model.settings.basePath
        self.cards = cards
        let language = model.settings.language
        self.siteValues = [
            "base": model.settings.basePath, "lang": language.rawValue, "site_title": model.settings.title,
            "og_locale": language == .zhCN ? "zh_CN" : "en_US", "built": format.date(model.buildDate),
            "built_iso": model.buildDate.description,
        ]
    }

    /// The context the card template is rendered in, once per requirement.
    func cardContext(_ index: Int) -> ViewModel {
        var vm = card(model.requirements[index])
        vm["t"] = strings
        vm["base"] = base
        return vm
    }

    /// A rendered card for a page's list of cards.
    func cardHTML(_ index: Int) -> ViewModel { ["html": cards[index]] }

    typealias ViewModel = [String: Any]

    var t: [String: String] { strings }
    var language: Language { model.settings.language }

    func url(_ route: String) -> String { base + Paths.encode(route) }

    /// A nested view model whose optional keys are always present: `false` where there is no value. Mustache
    /// looks a missing key up in the enclosing contexts, so a solver without a region would otherwise show the
    /// page's region.
    func item(_ values: ViewModel, optional: KeyValuePairs<String, Any?>) -> ViewModel {
        var vm = values
        for (key, value) in optional { vm[key] = value ?? false }
        return vm
    }

    /// The template and view model of one page.
    func build(_ page: Page) -> (template: String, context: ViewModel) {
        switch page.kind {
        case .home: ("home", home(page))
        case .lists: ("lists", lists(page))
        case .list(let index, let number): ("list", list(page, model.lists[index], number))
        case .requirement(let index): ("requirement", requirement(page, index))
        case .terms(let kind): ("terms", terms(page, kind))
        case .term(let kind, let id, let number): ("term", term(page, kind, id, number))
        case .search: ("search", search(page))
        case .notFound: ("not-found", layout(page, title: t["not_found_title"]!, column: t["column_home"]!))
        }
    }

    // MARK: Layout

    func layout(
        _ page: Page, title: String?, column: String, description: String? = nil, keywords: [String] = [],
        breadcrumb: [(String, String)] = [], article: ViewModel? = nil
    ) -> ViewModel {
        let settings = model.settings
        let nav: [ViewModel] = [
            ("", t["home"]!), ("lists/", t["lists"]!), ("industries/", t["industries"]!),
            ("regions/", t["regions"]!), ("search/", t["search"]!),
        ].map { route, name in
            let current = route.isEmpty ? page.route.isEmpty : page.route.hasPrefix(route)
            return ["name": name, "url": url(route), "current": current]
        }
        let fullTitle = title.map { "\($0) - \(settings.title)" } ?? settings.title
        var vm: ViewModel = siteValues
        vm["t"] = strings
        vm["page_title"] = fullTitle
        vm["heading"] = title ?? settings.title
        vm["column"] = column
        vm["canonical"] = Feeds.absolute(settings, page.route)
        vm["nav"] = nav
        vm["description"] = description ?? settings.description ?? settings.title
        vm["og_type"] = article == nil ? "website" : "article"
        // Sections test these flags; each is stated on every page so none is found in an outer context.
        for flag in [
            "has_cards", "has_files", "has_indicators", "has_texts", "has_targets", "has_solvers",
            "has_keywords", "has_attachments", "has_subterms", "has_lists_here", "has_neighbours",
        ] {
            vm[flag] = false
        }
        if !keywords.isEmpty { vm["meta_keywords"] = keywords.joined(separator: ",") }
        if let footer = settings.footer { vm["footer"] = footer }
        if let article { vm["article"] = article }
        if !breadcrumb.isEmpty {
            vm["breadcrumb"] = ["items": breadcrumb.map { ["name": $0.0, "url": $0.1] }, "current": title ?? ""]
        }
        return vm
    }

    // MARK: Pieces

    func termName(_ kind: VocabularyKind, _ id: String) -> String {
        model.vocabularies[kind][id].map(format.termName) ?? id
    }

    func card(_ r: ResolvedRequirement) -> ViewModel {
        let closing = r.deadline.flatMap { d in
            r.effectiveStatus == .open && (0...14).contains(format.daysLeft(until: d)) ? d : nil
        }
        return item(
            [
                "title": r.requirement.title, "url": url(SiteModel.requirementRoute(r)),
                "issuer": r.requirement.issuer.name,
                "industries": r.requirement.industries.map { termName(.industries, $0) }.joined(separator: "、"),
                "region": termName(.regions, r.region),
                "status": format.effectiveStatus(r), "status_class": r.effectiveStatus.rawValue,
                "published": format.date(r.published), "closing_soon": closing != nil,
            ],
            optional: [
                "code": r.requirement.code, "bounty": format.amount(r.requirement.bounty),
                "deadline": r.deadline.map { format.withNote(format.date($0), closing.map(format.daysLeftText)) },
            ])
    }

    func pager(base route: String, page: Int, pagination: Pagination) -> ViewModel? {
        let count = pagination.pageCount
        guard count > 1 else { return nil }
        let pages = pagination.window(around: page).map { number -> ViewModel in
            guard let n = number else { return ["gap": true, "current": false, "number": "", "url": ""] }
            return [
                "gap": false, "number": "\(n)", "url": url(Pagination.route(base: route, page: n)),
                "current": n == page,
            ]
        }
        return item(
            ["pages": pages],
            optional: [
                "prev_url": page > 1 ? url(Pagination.route(base: route, page: page - 1)) : nil,
                "next_url": page < count ? url(Pagination.route(base: route, page: page + 1)) : nil,
            ])
    }

    /// Cards for one page of positions, and the pager around them.
    func paged(_ positions: [Int], base route: String, page: Int, into vm: inout ViewModel) {
        let pagination = Pagination(total: positions.count, size: model.settings.pageSize)
        vm["cards"] = positions[pagination.range(ofPage: page)].map(cardHTML)
        vm["has_cards"] = !positions.isEmpty
        if let pager = pager(base: route, page: page, pagination: pagination) { vm["pager"] = pager }
        if page > 1 {
            vm["page_note"] = format.phrase(
                "page_note_format", ["page": "\(page)", "count": "\(pagination.pageCount)"])
        }
    }

    func listSummary(_ entry: ListEntry) -> ViewModel {
        item(
            [
                "title": entry.list.title, "url": url(entry.route), "publisher": entry.list.publisher,
                "region": termName(.regions, entry.list.region), "published": format.date(entry.list.published),
                "count": format.count(entry.statistics.requirements),
            ],
            optional: [
                "summary": entry.list.summary,
                "bounty_total": entry.statistics.bountyDisclosed > 0 ? format.wan(entry.statistics.bountyTotal) : nil,
            ])
    }

    /// A tree of the used terms under `parent`, with roll-up counts. Every node states `has_children` and
    /// `nodes`, so a leaf never picks up its parent's children through Mustache's context lookup.
    func tree(_ index: TermIndex, parent: String?, depth: Int = .max) -> [ViewModel] {
        index.vocabulary.children(of: parent).filter { index.count($0.id) > 0 }.map { term in
            let children = depth > 1 ? tree(index, parent: term.id, depth: depth - 1) : []
            return [
                "name": format.termName(term), "url": url(SiteModel.termRoute(index.vocabulary.kind, term.id)),
                "count": format.count(index.count(term.id)), "has_children": !children.isEmpty, "nodes": children,
            ]
        }
    }

    // MARK: Pages

    func home(_ page: Page) -> ViewModel {
        var vm = layout(page, title: nil, column: t["column_home"]!)
        let all = model.requirements
        let open = all.indices.filter { all[$0].effectiveStatus == .open }
        let disclosed = all.compactMap { $0.requirement.bounty?.figure }.reduce(Wan.zero, +)
        vm["totals"] = [
            ["value": format.count(model.lists.count), "label": t["total_lists"]!],
            ["value": format.count(all.count), "label": t["total_requirements"]!],
            ["value": format.yi(disclosed), "label": t["total_bounty"]!],
            ["value": format.count(open.count), "label": t["total_open"]!],
        ]
        let closing = open.filter { all[$0].deadline.map { $0 >= model.buildDate } ?? false }
            .sorted { (all[$0].deadline!, all[$0].id) < (all[$1].deadline!, all[$1].id) }.prefix(10)
        vm["closing"] = closing.map(cardHTML)
        vm["has_closing"] = !closing.isEmpty
        let recentOpen =
            closing.isEmpty ? Array(open.sorted { SiteModel.newestFirst(all[$0], all[$1]) }.prefix(10)) : []
        vm["open_recent"] = recentOpen.map(cardHTML)
        vm["has_open_recent"] = !recentOpen.isEmpty
        vm["newest_lists"] = model.lists.prefix(5).map(listSummary)
        vm["industries"] = tree(model.industries, parent: nil, depth: 1)
        vm["regions"] = tree(model.regions, parent: nil, depth: 1)
        return vm
    }

    func lists(_ page: Page) -> ViewModel {
        var vm = layout(page, title: t["all_lists"]!, column: t["column_lists"]!, breadcrumb: [(t["home"]!, url(""))])
        vm["lists"] = model.lists.map(listSummary)
        return vm
    }

    func list(_ page: Page, _ entry: ListEntry, _ number: Int) -> ViewModel {
        let list = entry.list, s = entry.statistics
        var vm = layout(
            page, title: list.title, column: t["column_lists"]!, description: list.summary,
            breadcrumb: [(t["home"]!, url("")), (t["lists"]!, url("lists/"))],
            article: ["title": list.title, "pubdate": list.published.description, "source": list.publisher])
        let facts: [(String, String?, String?)] = [
            (t["publisher"]!, list.publisher, nil),
            (t["region"]!, termName(.regions, list.region), url(SiteModel.termRoute(.regions, list.region))),
            (t["published"]!, format.date(list.published), nil),
            (t["deadline"]!, list.deadline.map(format.date), nil),
            (t["program"]!, list.program, nil),
            (t["batch"]!, list.batch.map { format.phrase("batch_format", ["n": "\($0)"]) }, nil),
            (t["category"]!, list.category.map { termName(.categories, $0) }, nil),
        ]
        vm["facts"] = facts.compactMap { label, value, link in
            value.map { item(["label": label, "value": $0], optional: ["url": link]) }
        }
        if let source = list.source { vm["source"] = source }
        let bodyHTML = Markdown.html(list.body)
        if !bodyHTML.isEmpty { vm["body"] = bodyHTML }
        vm["stats"] = [
            ["value": format.count(s.requirements), "label": t["stat_requirements"]!],
            ["value": format.wan(s.bountyTotal), "label": t["stat_bounty_total"]!],
            ["value": format.count(s.bountyDisclosed), "label": t["stat_disclosed"]!],
            ["value": format.count(s.bountyAtLeast1000), "label": t["stat_at_least_1000"]!],
            ["value": format.count(s.bountyNegotiable), "label": t["stat_negotiable"]!],
            ["value": "\(s.solversOutOfRegion) / \(s.solversWithRegion)", "label": t["stat_out_of_region"]!],
        ]
        if s.requirements > 0 {
            let industries = s.byIndustry.map { Charts.Bar(label: termName(.industries, $0.id), count: $0.count) }
            let statuses = s.byStatus.map { Charts.Bar(label: format.status($0.status), count: $0.count) }
            vm["charts"] = [
                chart(industries, title: t["by_industry"]!, id: "chart-industry"),
                chart(statuses, title: t["by_status"]!, id: "chart-status"),
            ]
        }
        let files = list.attachmentFiles.keys.sorted()
        if !files.isEmpty {
            vm["has_files"] = true
            vm["files"] = files.map { name -> ViewModel in
                [
                    "title": name, "url": url("lists/\(list.id)/\(name)"), "type": fileType(name),
                    "size": format.fileSize(list.attachmentFiles[name] ?? 0),
                ]
            }
        }
        paged(entry.members, base: entry.route, page: number, into: &vm)
        return vm
    }

    private func chart(_ bars: [Charts.Bar], title: String, id: String) -> ViewModel {
        [
            "title": title, "svg": Charts.bars(bars, title: title, id: id),
            "rows": bars.map { ["label": $0.label, "count": "\($0.count)"] },
        ]
    }

    private func fileType(_ name: String) -> String {
        let ext = name.split(separator: ".").last.map { String($0).uppercased() } ?? ""
        return ext == "JPEG" ? "JPG" : ext
    }

    func requirement(_ page: Page, _ index: Int) -> ViewModel {
        let r = model.requirements[index], q = r.requirement
        let entry = model.list(id: q.listID)
        var crumbs = [(t["home"]!, url("")), (t["lists"]!, url("lists/"))]
        if let entry { crumbs.append((entry.list.title, url(entry.route))) }
        var vm = layout(
            page, title: q.title, column: t["column_requirement"]!, description: r.summary,
            keywords: q.keywords, breadcrumb: crumbs,
            article: ["title": q.title, "pubdate": r.published.description, "source": q.issuer.name])
        vm["status"] = format.effectiveStatus(r)
        vm["status_class"] = r.effectiveStatus.rawValue
        vm["lifecycle"] = lifecycle(r.effectiveStatus)
        if [.withdrawn, .closed].contains(r.effectiveStatus) { vm["ended"] = format.effectiveStatus(r) }
        vm["industries"] = q.industries.map {
            ["name": termName(.industries, $0), "url": url(SiteModel.termRoute(.industries, $0))]
        }
        vm["region"] = ["name": termName(.regions, r.region), "url": url(SiteModel.termRoute(.regions, r.region))]
        vm["category"] = termName(.categories, r.category)
        if let code = q.code { vm["code"] = code }
        if let entry { vm["list"] = ["title": entry.list.title, "url": url(entry.route)] }
        vm["issuer"] = item(
            ["name": format.withNote(q.issuer.name, q.issuer.type.map(format.issuerType))],
            optional: ["credit_code": q.issuer.creditCode])
        vm["bounty"] = format.amount(q.bounty) ?? t["bounty_undisclosed"]!
        if let funding = q.funding { vm["funding"] = funding }
        vm["published"] = format.date(r.published)
        if let deadline = r.deadline {
            let open = r.effectiveStatus == .open
            vm["deadline"] = format.withNote(format.date(deadline), open ? format.daysLeftText(until: deadline) : nil)
            if open && (0...14).contains(format.daysLeft(until: deadline)) { vm["closing_soon"] = true }
        }
        let body = Markdown.html(q.body)
        if !body.isEmpty { vm["body"] = body }
        let texts = q.indicators.compactMap { if case .text(let s) = $0 { s } else { nil } }
        let targets = q.indicators.compactMap { i -> ViewModel? in
            if case .target(let name, let target) = i { return ["name": name, "target": target] }
            return nil
        }
        vm["indicator_texts"] = texts.map { ["text": $0] }
        vm["indicator_targets"] = targets
        vm["has_texts"] = !texts.isEmpty
        vm["has_targets"] = !targets.isEmpty
        vm["has_indicators"] = !q.indicators.isEmpty
        if !q.solvers.isEmpty {
            vm["has_solvers"] = true
            vm["solvers"] = q.solvers.map { s in
                ["name": format.withNote(s.name, s.region.map { termName(.regions, $0) })]
            }
        }
        if let c = q.contact, c != Contact(name: nil, phone: nil, email: nil, address: nil) {
            vm["contact"] = item(
                [:],
                optional: [
                    "name": c.name, "phone": c.phone,
                    "tel": c.phone.map { "tel:" + $0.filter { $0.isASCIIDigit || $0 == "+" } },
                    "email": c.email, "mailto": c.email.map { "mailto:" + $0 }, "address": c.address,
                ])
        }
        if !q.keywords.isEmpty {
            vm["has_keywords"] = true
            vm["keywords"] = q.keywords.map {
                ["text": $0, "url": url("search/") + "?q=" + Paths.encode($0, keepSlash: false)]
            }
        }
        if !q.attachments.isEmpty {
            vm["has_attachments"] = true
            vm["attachments"] = q.attachments.map { a -> ViewModel in
                if a.isLocalFile, let entry {
                    return [
                        "title": a.title, "url": url("lists/\(q.listID)/\(a.url)"), "type": fileType(a.url),
                        "size": format.fileSize(entry.list.attachmentFiles[a.url] ?? 0),
                    ]
                }
                return ["title": a.title, "url": a.url, "type": format.phrase("link"), "size": false]
            }
        }
        if let source = q.source { vm["source"] = source }
        if let entry, let position = model.listPosition(ofRequirement: index) {
            if position > 0 { vm["previous_item"] = neighbour(entry.members[position - 1]) }
            if position + 1 < entry.members.count { vm["next_item"] = neighbour(entry.members[position + 1]) }
            vm["has_neighbours"] = entry.members.count > 1
        }
        vm["jsonld"] = JSONLD.demand(
            r, settings: model.settings, industryNames: q.industries.map { termName(.industries, $0) },
            regionName: termName(.regions, r.region))
        return vm
    }

    private func neighbour(_ index: Int) -> ViewModel {
        let r = model.requirements[index]
        return ["title": r.requirement.title, "url": url(SiteModel.requirementRoute(r))]
    }

    /// 征集中 → 对接中 → 已签约 → 已完成, each step done, current or to come.
    private func lifecycle(_ status: Status) -> [ViewModel] {
        let steps: [Status] = [.open, .matching, .signed, .completed]
        let position = steps.firstIndex(of: status)
        return steps.enumerated().map { i, step in
            let state = position.map { i < $0 ? "done" : i == $0 ? "current" : "todo" } ?? "todo"
            return ["label": format.status(step), "class": state, "current": state == "current"]
        }
    }

    func terms(_ page: Page, _ kind: VocabularyKind) -> ViewModel {
        let index = kind == .industries ? model.industries : model.regions
        let title = kind == .industries ? t["industries"]! : t["regions"]!
        var vm = layout(page, title: title, column: title, breadcrumb: [(t["home"]!, url(""))])
        vm["intro"] = kind == .industries ? t["industries_intro"]! : t["regions_intro"]!
        vm["nodes"] = tree(index, parent: nil)
        return vm
    }

    func term(_ page: Page, _ kind: VocabularyKind, _ id: String, _ number: Int) -> ViewModel {
        let index = kind == .industries ? model.industries : model.regions
        let term = index.vocabulary[id]!
        let section = kind == .industries ? t["industries"]! : t["regions"]!
        var crumbs = [(t["home"]!, url("")), (section, url("\(kind.rawValue)/"))]
        for ancestor in index.vocabulary.lineage(of: id).dropFirst().reversed() {
            crumbs.append((termName(kind, ancestor), url(SiteModel.termRoute(kind, ancestor))))
        }
        let name = format.termName(term)
        var vm = layout(page, title: name, column: section, breadcrumb: crumbs)
        vm["count"] = format.count(index.count(id))
        let children = tree(index, parent: id, depth: 1)
        vm["subterms"] = children
        vm["has_subterms"] = !children.isEmpty
        if kind == .regions {
            let here = number == 1 ? model.lists(inRegion: id) : []
            vm["lists_here"] = here.map(listSummary)
            vm["has_lists_here"] = !here.isEmpty
        }
        paged(index.members[id] ?? [], base: SiteModel.termRoute(kind, id), page: number, into: &vm)
        return vm
    }

    func search(_ page: Page) -> ViewModel {
        var vm = layout(page, title: t["search"]!, column: t["column_search"]!, breadcrumb: [(t["home"]!, url(""))])
        func options(_ index: TermIndex) -> [ViewModel] {
            index.usedTerms.map { term in
                let depth = index.vocabulary.lineage(of: term.id).count - 1
                return ["value": term.id, "label": String(repeating: "　", count: depth) + format.termName(term)]
            }
        }
        vm["industry_options"] = options(model.industries)
        vm["region_options"] = options(model.regions)
        vm["status_options"] = Status.allCases.map { ["value": $0.rawValue, "label": format.status($0)] }
        vm["category_options"] = model.vocabularies.categories.terms.map {
            ["value": $0.id, "label": format.termName($0)]
        }
        vm["index_url"] = url("search/index.json")
        vm["script_url"] = url("assets/search.js")
        return vm
    }
}
