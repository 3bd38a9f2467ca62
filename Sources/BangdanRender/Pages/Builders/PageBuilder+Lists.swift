import BangdanCore
import BangdanSite
import Mustache

extension PageBuilder {
    func lists(_ page: Page) -> MustacheValue {
        framed(
            ListsPage(lists: model.lists.map(listSummary)),
            frame(page, title: t[.allLists], column: t[.columnLists], breadcrumb: [homeCrumb]))
    }

    func list(_ page: Page, _ entry: ListEntry, _ number: Int) -> MustacheValue {
        let list = entry.list, s = entry.statistics
        let facts: [(String, String?, String?)] = [
            (t[.publisher], list.publisher, nil),
            (t[.region], termName(.regions, list.region), termPageURL(.regions, list.region)),
            (t[.published], format.date(list.published), nil),
            (t[.deadline], list.deadline.map(format.date), nil),
            (t[.program], list.program, nil),
            (t[.batch], list.batch.map { format.phrase(.batchFormat, ["n": "\($0)"]) }, nil),
            (t[.category], list.category.map { termName(.categories, $0) }, nil),
        ]
        var charts: [Chart] = []
        if s.requirements > 0 {
            let industries = s.byIndustry.map { Charts.Bar(label: termName(.industries, $0.id), count: $0.count) }
            let statuses = s.byStatus.map { Charts.Bar(label: format.status($0.status), count: $0.count) }
            charts = [
                chart(industries, title: t[.byIndustry], id: "chart-industry"),
                chart(statuses, title: t[.byStatus], id: "chart-status"),
            ]
        }
        let body = Markdown.html(list.body)
        let content = ListPage(
            facts: facts.compactMap { label, value, link in value.map { Fact(label: label, value: $0, url: link) } },
            source: list.source, body: body.isEmpty ? nil : body,
            stats: [
                Figure(value: format.count(s.requirements), label: t[.statRequirements]),
                Figure(value: disclosedTotal(s.bountyTotal, count: s.bountyDisclosed), label: t[.statBountyTotal]),
                Figure(value: format.count(s.bountyDisclosed), label: t[.statDisclosed]),
                Figure(value: format.count(s.bountyAtLeast1000), label: t[.statAtLeast1000]),
                Figure(value: format.count(s.bountyNegotiable), label: t[.statNegotiable]),
                Figure(value: "\(s.solversOutOfRegion) / \(s.solversWithRegion)", label: t[.statOutOfRegion]),
            ],
            charts: charts,
            files: list.attachmentFiles.keys.sorted().map { name in
                FileLink(
                    title: name, url: url("lists/\(list.id)/\(name)"), type: fileType(name),
                    size: format.fileSize(list.attachmentFiles[name] ?? 0))
            },
            paged: paged(entry.members, base: entry.route, page: number))
        let frame = frame(
            page, title: list.title, column: t[.columnLists], description: list.summary,
            breadcrumb: [homeCrumb, Link(name: t[.lists], url: url("lists/"))],
            article: ArticleMeta(title: list.title, pubdate: list.published.description, source: list.publisher))
        return framed(content, frame)
    }

    private func chart(_ bars: [Charts.Bar], title: String, id: String) -> Chart {
        Chart(
            title: title, svg: Charts.bars(bars, title: title, id: id),
            rows: bars.map { Chart.Row(label: $0.label, count: "\($0.count)") })
    }
}
