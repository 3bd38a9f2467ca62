import Mustache

/// One page of an industry or region (`term.mustache`): its count, the used terms under it, the lists published
/// there (regions only), and, from `PagedCards` framed around it, one page
/// of its requirements' cards.
struct TermPage: ViewModel {
    let count: String
    /// The count with its noun: `15 项需求`, `1 requirement`.
    let countLabel: String
    let subterms: [TermNode]
    /// Always empty for an industry.
    let listsHere: [ListSummary]

    enum Key: String, ViewModelKey {
        case count, subterms
        case countLabel = "count_label"
        case hasSubterms = "has_subterms"
        case listsHere = "lists_here"
        case hasListsHere = "has_lists_here"
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .count: .string(count)
        case .countLabel: .string(countLabel)
        case .subterms: subterms.mustacheValue
        case .hasSubterms: .bool(!subterms.isEmpty)
        case .listsHere: listsHere.mustacheValue
        case .hasListsHere: .bool(!listsHere.isEmpty)
        }
    }
}
