import Mustache

/// Every list, newest first, after a chart of their requirements counted and declared (`lists.mustache`).
struct ListsPage: ViewModel {
    let lists: [ListSummary]
    /// None when the site has no list.
    let charts: [Chart]

    enum Key: String, ViewModelKey {
        case lists, charts
        case hasCharts = "has_charts"
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .lists: lists.mustacheValue
        case .charts: charts.mustacheValue
        case .hasCharts: .bool(!charts.isEmpty)
        }
    }
}
