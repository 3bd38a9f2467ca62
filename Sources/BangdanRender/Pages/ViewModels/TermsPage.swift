import Mustache

/// The tree of every used industry or region with roll-up counts (`terms.mustache`, `term-tree.mustache`).
struct TermsPage: ViewModel {
    let intro: String
    let nodes: [TermNode]

    enum Key: String, ViewModelKey {
        case intro, nodes
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .intro: .string(intro)
        case .nodes: nodes.mustacheValue
        }
    }
}
