import BangdanCore
import BangdanSite
import Mustache

extension PageBuilder {
    func lists(_ page: Page) -> MustacheValue {
        // Each list's counted requirements beside the total its notice declares; each requirement is in one list.
        let rows = model.lists.map { entry in
            let name = title(entry.list.title, en: entry.list.titleEn)
            return (
                bar: Charts.Bar(label: name, count: entry.statistics.requirements, lang: format.contentLanguage(name)),
                declared: entry.list.declared?.requirements.map(format.count) ?? t[.notDeclared]
            )
        }
        let charts =
            rows.isEmpty
            ? []
            : [
                chart(
                    rows.map(\.bar), title: t[.byList], labelHeading: t[.listColumn], summed: true,
                    declared: rows.map(\.declared))
            ]
        return framed(
            ListsPage(lists: model.lists.map(listSummary), charts: charts),
            frame(page, title: t[.allLists], column: t[.columnLists], breadcrumb: [homeCrumb]))
    }

    func list(_ page: Page, _ entry: ListEntry, _ number: Int) -> MustacheValue {
        let list = entry.list, s = entry.statistics
        let facts: [(String, String?, String?)] = [
            (t[.publisher], list.publisher, nil),
            (t[.issuer], issuerNames(list.issuers), nil),
            (t[.region], termName(.regions, list.region), termPageURL(.regions, list.region)),
            (t[.published], format.date(list.published), nil),
            (t[.deadline], list.deadline.map(format.date), nil),
            (t[.program], list.program, nil),
            (t[.batch], list.batch.map { format.phrase(.batchFormat, ["n": "\($0)"]) }, nil),
            (t[.category], list.category.map { termName(.categories, $0) }, nil),
        ]
        var charts: [Chart] = []
        if s.requirements > 0 {
            let industries = s.byIndustry.map {
                let name = termName(.industries, $0.id)
                return Charts.Bar(label: name, count: $0.count, lang: format.contentLanguage(name))
            }
            let statuses = s.byStatus.map { Charts.Bar(label: format.status($0.status), count: $0.count) }
            charts = [
                // A requirement may name several industries: no total row, which would count it twice.
                chart(industries, title: t[.byIndustry], labelHeading: t[.industry], summed: false),
                chart(statuses, title: t[.byStatus], labelHeading: t[.status], summed: true),
            ]
        }
        let body = Markdown.html(list.body)
        // The list's own defaults for taking part, on its first page; where to apply only while a call is open.
        let anyOpen = entry.members.contains { model.requirements[$0].effectiveStatus == .open }
        let listGuide =
            number > 1
            ? nil
            : guide(
                eligibility: list.eligibility, howToApply: list.howToApply, applyURL: anyOpen ? list.applyURL : nil,
                period: list.period, ip: list.ip, timeline: list.timeline, contacts: list.contacts)
        let content = ListPage(
            facts: facts.compactMap { label, value, link in value.map { Fact(label: label, value: $0, url: link) } },
            source: list.source, body: body.isEmpty ? nil : body, guide: listGuide,
            declared: declaredLines(list.declared, s),
            stats: [
                Figure(value: format.count(s.requirements), label: t[.statRequirements]),
                Figure(value: disclosedTotal(s.bountyTotal, count: s.bountyDisclosed), label: t[.statBountyTotal]),
                Figure(value: format.count(s.bountyDisclosed), label: t[.statDisclosed]),
                Figure(value: format.count(s.bountyAtLeast1000), label: t[.statAtLeast1000]),
                Figure(value: format.count(s.bountyNegotiable), label: t[.statNegotiable]),
                // A national list has no province to be outside of (SCHEMA.md §5).
                s.isNational
                    ? nil
                    : Figure(value: "\(s.solversOutOfRegion) / \(s.solversWithRegion)", label: t[.statOutOfRegion]),
            ].compactMap { $0 },
            charts: charts,
            files: list.attachmentFiles.keys.sorted().map { name in
                FileLink(
                    title: name, url: fileURL("lists/\(list.id)/\(name)"), type: fileType(name),
                    size: format.fileSize(list.attachmentFiles[name] ?? 0))
            })
        let cards = paged(entry.members, base: entry.route, page: number)
        let frame = frame(
            page, title: title(list.title, en: list.titleEn), column: t[.columnLists],
            description: summary(list.summary, en: list.summaryEn),
            breadcrumb: [homeCrumb, Link(name: t[.lists], url: url("lists/"))],
            article: ArticleMeta(
                title: title(list.title, en: list.titleEn), pubdate: list.published.description, source: list.publisher),
            originalTitle: originalTitle(list.title, en: list.titleEn))
        return framed(Framed(content: content, frame: cards), frame)
    }

    /// The totals the list's notice declares, each beside the one counted here (本站收录 15 项 · 通知公布 17 项),
    /// never added into it.
    private func declaredLines(_ declared: DeclaredTotals?, _ s: ListStatistics) -> [TextLine] {
        guard let declared else { return [] }
        var lines: [TextLine] = []
        if let n = declared.requirements {
            lines.append(
                TextLine(
                    text: format.phrase(
                        .declaredRequirementsFormat,
                        ["counted": format.count(s.requirements), "declared": format.count(n)]
                    )))
        }
        if let bounty = declared.bounty, let text = format.amount(bounty) {
            let counted = s.bountyDisclosed > 0 ? format.wan(s.bountyTotal) : t[.bountyUndisclosed]
            lines.append(
                TextLine(text: format.phrase(.declaredBountyFormat, ["counted": counted, "declared": text])))
        }
        return lines
    }

    /// Joint issuers, the lead first and marked (力博重工（牵头）、某研究院); nil when none is given.
    private func issuerNames(_ issuers: [Issuer]) -> String? {
        guard !issuers.isEmpty else { return nil }
        return format.joined(
            issuers.enumerated().map { i, issuer in
                i == 0 && issuers.count > 1 ? format.withNote(issuer.name, t[.leadIssuer]) : issuer.name
            })
    }

    /// A chart and its table: `summed` when each requirement falls in exactly one bar, so the table ends with a
    /// total row; `declared`, one per bar, adds the column of totals the notices declare.
    func chart(
        _ bars: [Charts.Bar], title: String, labelHeading: String, summed: Bool, declared: [String]? = nil
    ) -> Chart {
        Chart(
            title: title, labelHeading: labelHeading,
            countHeading: declared == nil ? t[.statRequirements] : t[.chartCounted],
            html: Charts.bars(bars, number: format.count),
            rows: bars.enumerated().map { i, bar in
                Chart.Row(label: bar.label, count: format.count(bar.count), declared: declared?[i] ?? "")
            },
            total: summed ? format.count(bars.reduce(0) { $0 + $1.count }) : nil, hasDeclared: declared != nil)
    }
}
