import BangdanCore
import BangdanSite
import Mustache

extension PageBuilder {
    func search(_ page: Page) -> MustacheValue {
        // The same facets as the index's manifest (SearchIndex.facets), counted over every requirement.
        let facets = SearchIndex.facets(self, document: Array(model.requirements.indices))
        func options(_ id: String) -> [SelectOption] {
            (facets.first { $0.id == id }?.values ?? []).map { value in
                SelectOption(
                    value: value.id, label: String(repeating: format.indent, count: value.depth) + value.name,
                    lang: format.contentLanguage(value.name), count: format.count(value.documents.count))
            }
        }
        let checks = facets.filter { $0.id != "industry" && $0.id != "region" }.map { facet in
            CheckFacet(id: facet.id, name: facet.name, values: options(facet.id))
        }
        let content = SearchPage(
            industryOptions: options("industry"), regionOptions: options("region"), checkFacets: checks,
            sortOptions: SearchIndex.Sort.allCases.map {
                SelectOption(value: $0.rawValue, label: t[$0.label], lang: nil)
            },
            manifestURL: url(SearchIndex.manifestPath), scriptURL: fileURL("assets/search.js"),
            industries: tree(model.industries, parent: nil, depth: 1),
            regions: tree(model.regions, parent: nil, depth: 1))
        return framed(content, frame(page, title: t[.search], column: t[.columnSearch], breadcrumb: [homeCrumb]))
    }
}
