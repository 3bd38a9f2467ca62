import Mustache

/// One list as `list-summary.mustache` shows it: on the home page, the lists page and a region's page.
struct ListSummary: ViewModel {
    let title: String
    let url: String
    let publisher: String
    let region: String
    let published: String
    /// How many requirements it holds.
    let count: String
    /// The count with its noun: `15 项需求`, `1 requirement`.
    let countLabel: String
    let summary: String?
    /// Nil when no requirement of the list discloses its bounty.
    let bountyTotal: String?

    enum Key: String, ViewModelKey {
        case title, url, publisher, region, published, count, summary
        case countLabel = "count_label"
        case bountyTotal = "bounty_total"
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .title: .string(title)
        case .url: .string(url)
        case .publisher: .string(publisher)
        case .region: .string(region)
        case .published: .string(published)
        case .count: .string(count)
        case .countLabel: .string(countLabel)
        case .summary: summary.mustacheValue
        case .bountyTotal: bountyTotal.mustacheValue
        }
    }
}
