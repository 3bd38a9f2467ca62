import BangdanCore
import BangdanSite
import Mustache

extension PageBuilder {
    /// The index of one vocabulary and its name.
    private func vocabulary(_ kind: VocabularyKind) -> (index: TermIndex, name: String) {
        kind == .industries ? (model.industries, t[.industries]) : (model.regions, t[.regions])
    }

    func terms(_ page: Page, _ kind: VocabularyKind) -> MustacheValue {
        let (index, title) = vocabulary(kind)
        let roots = index.vocabulary.children(of: nil).filter { model.hasTermPage(kind, $0.id) }
        let bars = roots.map { term in
            let name = format.termName(term)
            return Charts.Bar(label: name, count: index.count(term.id), lang: format.contentLanguage(name))
        }
        // A requirement has one region, so the top regions split the whole; it may have several industries.
        let charts =
            bars.isEmpty
            ? []
            : [
                kind == .industries
                    ? chart(bars, title: t[.byIndustry], labelHeading: t[.industry], summed: false)
                    : chart(bars, title: t[.byRegion], labelHeading: t[.region], summed: true)
            ]
        return framed(
            TermsPage(
                intro: kind == .industries ? t[.industriesIntro] : t[.regionsIntro], nodes: tree(index, parent: nil),
                charts: charts),
            frame(page, title: title, column: title, breadcrumb: [homeCrumb]))
    }

    func term(_ page: Page, _ kind: VocabularyKind, _ id: String, _ number: Int) -> MustacheValue {
        let (index, section) = vocabulary(kind)
        var crumbs = [homeCrumb, Link(name: section, url: url("\(kind.rawValue)/"))]
        for ancestor in index.vocabulary.lineage(of: id).dropFirst().reversed() {
            crumbs.append(Link(name: termName(kind, ancestor), url: url(SiteModel.termRoute(kind, ancestor))))
        }
        // A region's lists on its first page only: later pages show the header briefly (SCHEMA.md §8).
        let listsHere = kind == .regions && number == 1 ? model.lists(inRegion: id) : []
        let content = TermPage(
            count: format.count(index.count(id)),
            countLabel: format.counted(index.count(id), one: .requirementCountOne, other: .requirementCountSuffix),
            subterms: tree(index, parent: id, depth: 1),
            listsHere: listsHere.map(listSummary))
        let cards = paged(index.members[id] ?? [], base: SiteModel.termRoute(kind, id), page: number)
        return framed(
            Framed(content: content, frame: cards),
            frame(page, title: termName(kind, id), column: section, breadcrumb: crumbs))
    }
}
