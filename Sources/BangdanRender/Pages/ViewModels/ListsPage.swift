import Mustache

/// Every list, newest first (`lists.mustache`).
struct ListsPage: ViewModel {
    let lists: [ListSummary]

    enum Key: String, ViewModelKey {
        case lists
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .lists: lists.mustacheValue
        }
    }
}
