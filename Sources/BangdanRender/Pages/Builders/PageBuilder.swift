import BangdanCore
import BangdanLoad
import BangdanSite
import Mustache

/// Fills the typed view model of every page (`ViewModels/`) with display-ready strings. One file per page kind
/// (`PageBuilder+Home.swift`, …); this one holds what they share: the page frame and the rows several pages show.
/// A class of constants: handing it to a page's closures and view models counts one reference, where copying the
/// struct retained each of its fields (some 0.6 % of a 10k full build's time in a profile).
final class PageBuilder: Sendable {
    let model: SiteModel
    /// The language of the pages this builder makes: one of `languages` (SCHEMA.md §5).
    let language: Language
    let format: Format
    /// The path part of `base_url`: where the site's files (assets, open data, feeds, attachments) live.
    let base: String
    /// Where this language's pages live under `base`: `""` for the main language, `en/` (or `zh/`) for the second.
    let prefix: String
    /// Each requirement's card, rendered once (by position in `model.requirements`).
    let cards: Cards
    /// The values that are the same on every page and card.
    let site: SiteFrame

    convenience init(model: SiteModel, language: Language? = nil, cards: [String] = []) {
        self.init(model: model, language: language, cards: Cards(cards))
    }

    init(model: SiteModel, language: Language?, cards: Cards) {
        let language = language ?? model.settings.language
        let format = Format(language: language, buildDate: model.buildDate)
        let settings = model.settings
        let prefix = settings.pathPrefix(language)
        self.model = model
        self.language = language
        self.format = format
        self.base = settings.basePath
        self.prefix = prefix
        self.cards = cards
        // On a page in English, the site's English title where site.yml gives one.
        let siteTitle = language == .en ? (settings.titleEn ?? settings.title) : settings.title
        let others = settings.languages.filter { $0 != language }
        self.site = SiteFrame(
            base: settings.basePath, home: settings.basePath + prefix, lang: language.rawValue, siteTitle: siteTitle,
            ogLocale: Self.locale(language), ogLocaleAlternate: others.first.map(Self.locale),
            built: format.date(model.buildDate), builtISO: model.buildDate.description,
            siteDomain: Self.host(settings.baseURL), owner: settings.owner, siteCode: settings.siteCode,
            icp: settings.icp, strings: format.strings)
    }

    /// `og:locale`: `zh_CN`, `en_US`.
    static func locale(_ language: Language) -> String { language == .zhCN ? "zh_CN" : "en_US" }

    /// The host of `base_url` (`example.org`), the government-site meta tag `SiteDomain`.
    static func host(_ baseURL: String) -> String {
        let rest = baseURL.range(of: "://").map { baseURL[$0.upperBound...] } ?? Substring(baseURL)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // No user information is ever published: what follows the last `@` is the host (and port).
        return String(authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority)
    }

    /// The interface strings of the site's language.
    var t: InterfaceStrings { format.strings }

    /// A page of this language (`/en/lists/x/`).
    func url(_ route: String) -> String { base + prefix + Paths.encode(route) }

    /// A file the languages share, at the site's root whatever the page's language: an asset, open data, a feed,
    /// a list's attachment.
    func fileURL(_ route: String) -> String { base + Paths.encode(route) }

    /// Whether the pages are in English while the content is written in Chinese (the only pair: `title_en`,
    /// `summary_en` and `name_en` give the English).
    var english: Bool { language == .en }

    /// A list's or requirement's title on this language's pages: `title_en` on an English page where given.
    func title(_ chinese: String, en: String?) -> String { english ? (en ?? chinese) : chinese }

    /// The summary likewise: `summary_en` on an English page where given.
    func summary(_ chinese: String?, en: String?) -> String? { english ? (en ?? chinese) : chinese }

    /// The Chinese title shown beside the English one on an English page (nil when there is no English title).
    func originalTitle(_ chinese: String, en: String?) -> String? { english && en != nil ? chinese : nil }

    func termName(_ kind: VocabularyKind, _ id: String) -> String {
        model.vocabularies[kind][id].map(format.termName) ?? id
    }

    /// The template and view model of one page. A requirement's body that the build did not read (`MarkdownText`'s
    /// `unread`) is read by `reader`, which throws if its file changed; without a reader, it must have been read.
    func build(_ page: Page, reader: ContentReader? = nil) throws -> (template: String, context: MustacheValue) {
        switch page.kind {
        case .home: ("home", home(page))
        case .lists: ("lists", lists(page))
        case .list(let index, let number): ("list", list(page, model.lists[index], number))
        case .requirement(let index):
            (
                "requirement",
                requirement(page, index, body: try reader?.body(model.requirements[index].requirement.body))
            )
        case .terms(let kind): ("terms", terms(page, kind))
        case .term(let kind, let id, let number): ("term", term(page, kind, id, number))
        case .search: ("search", search(page))
        case .notFound:
            ("not-found", framed(NotFoundPage(), frame(page, title: t[.notFoundTitle], column: t[.columnHome])))
        }
    }

    /// The context the card template is rendered in, once per requirement.
    func cardContext(_ index: Int) -> MustacheValue {
        marked(Framed(content: card(model.requirements[index]), frame: site))
    }

    /// A view model as the template sees it: on an English page, its Chinese texts marked (`LanguageMarked`).
    func marked(_ object: some MustacheObject) -> MustacheValue {
        english ? .object(LanguageMarked(inner: object)) : .object(object)
    }

    // MARK: Frame

    /// A page's view model on top of its frame and the site's values.
    func framed(_ content: some MustacheObject, _ frame: PageFrame) -> MustacheValue {
        marked(Framed(content: content, frame: Framed(content: frame, frame: site)))
    }

    func frame(
        _ page: Page, title: String?, column: String, description: String? = nil, keywords: [String] = [],
        breadcrumb: [Link] = [], article: ArticleMeta? = nil, originalTitle: String? = nil
    ) -> PageFrame {
        let settings = model.settings
        let nav = [
            ("", t[.home]), ("lists/", t[.lists]), ("industries/", t[.industries]), ("regions/", t[.regions]),
            ("search/", t[.search]),
        ].map { route, name in
            NavLink(
                name: name, url: url(route), current: route.isEmpty ? page.route.isEmpty : page.route.hasPrefix(route))
        }
        // Page 2 on of a list or term: its own <title> (第N页), and in the breadcrumb the first page as a step.
        let later = laterPage(page)
        let named = title.map { name in
            later.map { format.phrase(.pageTitleFormat, ["title": name, "page": "\($0.number)"]) } ?? name
        }
        var crumbs = breadcrumb
        if let later, let title { crumbs.append(Link(name: title, url: later.firstURL)) }
        let siteTitle = site.siteTitle
        let description = description ?? settings.description ?? siteTitle
        return PageFrame(
            pageTitle: named.map { "\($0) - \(siteTitle)" } ?? siteTitle,
            heading: title ?? siteTitle, column: column, canonical: Feeds.absolute(settings, prefix + page.route),
            nav: nav, description: description, headDescription: PlainText.headDescription(description),
            ogType: article == nil ? "website" : "article",
            metaKeywords: keywords.isEmpty ? nil : keywords.joined(separator: ","), footer: settings.footer,
            article: article,
            breadcrumb: crumbs.isEmpty
                ? nil
                : Breadcrumb(
                    items: crumbs,
                    current: later.map { format.phrase(.pageLabelFormat, ["page": "\($0.number)"]) } ?? title ?? ""),
            firstPageURL: later?.firstURL, feed: feed(page), originalTitle: originalTitle,
            alternates: alternates(page), languageSwitch: languageSwitch(page))
    }

    /// This page in each language of a site in two (SCHEMA.md §5), and `x-default`, the main language's; none on
    /// a site in one language.
    func alternates(_ page: Page) -> [Alternate] {
        let settings = model.settings
        guard settings.languages.count > 1 else { return [] }
        let links = settings.languages.map {
            Alternate(hreflang: $0.rawValue, url: Feeds.absolute(settings, settings.pathPrefix($0) + page.route))
        }
        return links + [Alternate(hreflang: "x-default", url: links[0].url)]
    }

    /// The same page in the other language, named in that language.
    func languageSwitch(_ page: Page) -> LanguageSwitch? {
        let settings = model.settings
        guard let other = settings.languages.first(where: { $0 != language }) else { return nil }
        return LanguageSwitch(
            name: other.pick("中文", "English"), url: base + settings.pathPrefix(other) + Paths.encode(page.route),
            lang: other.rawValue)
    }

    /// The number of a list's or term's page from 2 on, and the address of its first page; nil on a first page
    /// and on every other kind of page.
    func laterPage(_ page: Page) -> (number: Int, firstURL: String)? {
        switch page.kind {
        case .list(let index, let number) where number > 1: (number, url(model.lists[index].route))
        case .term(let kind, let id, let number) where number > 1: (number, url(SiteModel.termRoute(kind, id)))
        default: nil
        }
    }

    /// The Atom feed of a list, industry or region (SCHEMA.md §8), for the page's `<link rel="alternate">`.
    func feed(_ page: Page) -> TitledLink? {
        switch page.kind {
        case .list(let index, _): feedLink(Feeds.listChannel(model, index))
        case .term(let kind, let id, _): feedLink(Feeds.termChannel(model, kind, id))
        default: nil
        }
    }

    private func feedLink(_ channel: Feeds.Channel) -> TitledLink {
        TitledLink(title: channel.title, url: fileURL(channel.route))
    }

    /// A term's page, or nil when it has none (SCHEMA.md §8: every link to a term page points at one that exists).
    func termPageURL(_ kind: VocabularyKind, _ id: String) -> String? {
        model.hasTermPage(kind, id) ? url(SiteModel.termRoute(kind, id)) : nil
    }

    /// The first step of every breadcrumb.
    var homeCrumb: Link { Link(name: t[.home], url: url("")) }

    // MARK: Rows

    /// A requirement's card: joint issuers lead first, closing soon by `isClosingSoon` (the one rule), a stale open call labelled as such
    /// (`Format.effectiveStatus`), the deadline with its time, and the days left only while closing soon (kept true
    /// by `page.js`).
    func card(_ r: ResolvedRequirement) -> Card {
        Card(
            title: title(r.requirement.title, en: r.requirement.titleEn), url: url(SiteModel.requirementRoute(r)),
            issuer: format.joined(r.requirement.issuers.map(\.name)),
            industries: format.joined(r.requirement.industries.map { termName(.industries, $0) }),
            region: termName(.regions, r.region), status: format.effectiveStatus(r),
            statusClass: r.effectiveStatus.rawValue, published: format.date(r.published),
            closingSoon: r.isClosingSoon, code: r.requirement.code, bounty: format.amount(r.requirement.bounty),
            deadline: r.deadline.map { format.moment(Moment(day: $0, time: r.deadlineTime)) },
            countdown: countdown(r, always: false))
    }

    /// Cards for one page of positions, and the pager around them.
    func paged(_ positions: [Int], base route: String, page: Int) -> PagedCards {
        let pagination = Pagination(total: positions.count, size: model.settings.pageSize)
        return PagedCards(
            cards: positions[pagination.range(ofPage: page)].map { RenderedCard(html: cards[$0]) },
            hasCards: !positions.isEmpty, pager: pager(base: route, page: page, pagination: pagination),
            pageNote: page > 1
                ? format.phrase(.pageNoteFormat, ["page": "\(page)", "count": "\(pagination.pageCount)"]) : nil)
    }

    func pager(base route: String, page: Int, pagination: Pagination) -> Pager? {
        let count = pagination.pageCount
        guard count > 1 else { return nil }
        func link(_ n: Int) -> String { url(Pagination.route(base: route, page: n)) }
        return Pager(
            previousURL: page > 1 ? link(page - 1) : nil, nextURL: page < count ? link(page + 1) : nil,
            pages: pagination.window(around: page).map { number in
                number.map { .page(number: "\($0)", url: link($0), current: $0 == page) } ?? .gap
            })
    }

    /// A total of disclosed bounties, or 未披露 when no requirement disclosed one: `0万元` would say they are free.
    func disclosedTotal(_ total: Wan, count: Int) -> String { count > 0 ? format.wan(total) : t[.bountyUndisclosed] }

    func listSummary(_ entry: ListEntry) -> ListSummary {
        ListSummary(
            title: title(entry.list.title, en: entry.list.titleEn), url: url(entry.route),
            publisher: entry.list.publisher,
            region: termName(.regions, entry.list.region), published: format.date(entry.list.published),
            count: format.count(entry.statistics.requirements),
            countLabel: format.counted(
                entry.statistics.requirements, one: .requirementCountOne, other: .requirementCountSuffix),
            summary: summary(entry.list.summary, en: entry.list.summaryEn),
            bountyTotal: entry.statistics.bountyDisclosed > 0 ? format.wan(entry.statistics.bountyTotal) : nil)
    }

    /// A tree of the terms under `parent` that have a page, with roll-up counts, `depth` levels deep.
    func tree(_ index: TermIndex, parent: String?, depth: Int = .max) -> [TermNode] {
        let kind = index.vocabulary.kind
        return index.vocabulary.children(of: parent).filter { model.hasTermPage(kind, $0.id) }.map { term in
            TermNode(
                name: format.termName(term), url: url(SiteModel.termRoute(kind, term.id)),
                count: format.count(index.count(term.id)),
                children: depth > 1 ? tree(index, parent: term.id, depth: depth - 1) : [])
        }
    }

    /// `PDF`, `DOCX`, … from a file name (`JPEG` shown as `JPG`).
    func fileType(_ name: String) -> String {
        let ext = name.split(separator: ".").last.map { String($0).uppercased() } ?? ""
        return ext == "JPEG" ? "JPG" : ext
    }
}
