import Mustache

/// A used industry or region with its roll-up count and, in a tree, the used terms under it
/// (`term-tree.mustache`; the chips of the home page and of a term's subterms have no children). Every node
/// states `has_children` and `nodes`, so a leaf never picks up its parent's children.
struct TermNode: ViewModel {
    let name: String
    let url: String
    let count: String
    let children: [TermNode]

    enum Key: String, ViewModelKey {
        case name, url, count
        case hasChildren = "has_children"
        case nodes
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .name: .string(name)
        case .url: .string(url)
        case .count: .string(count)
        case .hasChildren: .bool(!children.isEmpty)
        case .nodes: children.mustacheValue
        }
    }
}
