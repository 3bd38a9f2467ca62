import BangdanCore
import BangdanSite
import Mustache

extension PageBuilder {
    func home(_ page: Page) -> MustacheValue {
        let all = model.requirements
        let open = all.indices.filter { all[$0].effectiveStatus == .open }
        let figures = all.compactMap { $0.requirement.bounty?.figure }
        // Open requirements whose deadline is still to come, closing soonest first.
        let upcoming = open.compactMap { i in all[i].deadline.map { (day: $0, index: i) } }.filter {
            $0.day >= model.buildDate
        }
        let closing = upcoming.sorted { ($0.day, all[$0.index].id) < ($1.day, all[$1.index].id) }.prefix(10).map(
            \.index)
        // A stale open call (no deadline, published over a year ago) is never offered as open (SCHEMA.md §6).
        let recentOpen =
            closing.isEmpty
            ? open.filter { !all[$0].isStaleOpen }.sorted { SiteModel.newestFirst(all[$0], all[$1]) }.prefix(10) : []
        let content = HomePage(
            totals: [
                Figure(
                    value: format.count(model.lists.count),
                    label: t[model.lists.count == 1 ? .totalListsOne : .totalLists]),
                Figure(
                    value: format.count(all.count),
                    label: t[all.count == 1 ? .totalRequirementsOne : .totalRequirements]),
                Figure(
                    value: figures.isEmpty ? t[.bountyUndisclosed] : format.yi(figures.reduce(Wan.zero, +)),
                    label: t[.totalBounty]),
                Figure(value: format.count(open.count), label: t[.totalOpen]),
            ],
            closing: closing.map { RenderedCard(html: cards[$0]) },
            openRecent: recentOpen.map { RenderedCard(html: cards[$0]) },
            newestLists: model.lists.prefix(5).map(listSummary),
            industries: tree(model.industries, parent: nil, depth: 1),
            regions: tree(model.regions, parent: nil, depth: 1))
        return framed(content, frame(page, title: nil, column: t[.columnHome]))
    }
}
