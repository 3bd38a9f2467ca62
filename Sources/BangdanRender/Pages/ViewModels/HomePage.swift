import Mustache

/// The home page (`home.mustache`): totals, the requirements closing soonest (or else the newest open ones), the
/// newest lists, and the top-level industries and regions.
struct HomePage: ViewModel {
    let totals: [Figure]
    /// Open requirements whose deadline has not passed, closing soonest first.
    let closing: [RenderedCard]
    /// The newest open requirements, when none has a deadline to come.
    let openRecent: [RenderedCard]
    let newestLists: [ListSummary]
    let industries: [TermNode]
    let regions: [TermNode]

    enum Key: String, ViewModelKey {
        case totals, closing
        case hasClosing = "has_closing"
        case openRecent = "open_recent"
        case hasOpenRecent = "has_open_recent"
        case newestLists = "newest_lists"
        case industries, regions
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .totals: totals.mustacheValue
        case .closing: closing.mustacheValue
        case .hasClosing: .bool(!closing.isEmpty)
        case .openRecent: openRecent.mustacheValue
        case .hasOpenRecent: .bool(!openRecent.isEmpty)
        case .newestLists: newestLists.mustacheValue
        case .industries: industries.mustacheValue
        case .regions: regions.mustacheValue
        }
    }
}
