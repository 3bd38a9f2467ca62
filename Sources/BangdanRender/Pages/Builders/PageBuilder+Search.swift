import BangdanCore
import BangdanSite
import Mustache

extension PageBuilder {
    func search(_ page: Page) -> MustacheValue {
        func options(_ index: TermIndex) -> [SelectOption] {
            index.usedTerms.map { term in
                let depth = index.vocabulary.lineage(of: term.id).count - 1
                return SelectOption(
                    value: term.id, label: String(repeating: format.indent, count: depth) + format.termName(term),
                    lang: format.contentLanguage(format.termName(term)))
            }
        }
        let content = SearchPage(
            industryOptions: options(model.industries), regionOptions: options(model.regions),
            statusOptions: Status.allCases.map {
                SelectOption(value: $0.rawValue, label: format.status($0), lang: nil)
            },
            categoryOptions: model.vocabularies.categories.terms.map {
                SelectOption(
                    value: $0.id, label: format.termName($0), lang: format.contentLanguage(format.termName($0)))
            },
            indexURL: url("search/index.json"), scriptURL: fileURL("assets/search.js"),
            industries: tree(model.industries, parent: nil, depth: 1),
            regions: tree(model.regions, parent: nil, depth: 1))
        return framed(content, frame(page, title: t[.search], column: t[.columnSearch], breadcrumb: [homeCrumb]))
    }
}
