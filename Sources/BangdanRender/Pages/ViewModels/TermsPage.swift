import Mustache

/// The tree of every used industry or region with roll-up counts (`terms.mustache`, `term-tree.mustache`), and a
/// chart of the top-level terms' counts.
struct TermsPage: ViewModel {
    let intro: String
    let nodes: [TermNode]
    /// None when no term has a page.
    let charts: [Chart]

    enum Key: String, ViewModelKey {
        case intro, nodes, charts
        case hasCharts = "has_charts"
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .intro: .string(intro)
        case .nodes: nodes.mustacheValue
        case .charts: charts.mustacheValue
        case .hasCharts: .bool(!charts.isEmpty)
        }
    }
}
