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
        return framed(
            TermsPage(
                intro: kind == .industries ? t[.industriesIntro] : t[.regionsIntro], nodes: tree(index, parent: nil)),
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
            listsHere: listsHere.map(listSummary),
            paged: paged(index.members[id] ?? [], base: SiteModel.termRoute(kind, id), page: number))
        return framed(content, frame(page, title: termName(kind, id), column: section, breadcrumb: crumbs))
    }
}
