import Mustache

/// One page of a list of cards (`cards.mustache`, `pager.mustache`), on a list page or a term page: the builder
/// frames the page's own view model with it, so its names are stated once, here.
struct PagedCards: ViewModel {
    /// The cards of this page.
    let cards: [RenderedCard]
    /// Whether the whole list has any card (on any page).
    let hasCards: Bool
    /// Nil when everything fits on one page.
    let pager: Pager?
    /// `第 2 / 5 页` from the second page on.
    let pageNote: String?

    enum Key: String, ViewModelKey {
        case cards
        case hasCards = "has_cards"
        case pager
        case pageNote = "page_note"
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .cards: cards.mustacheValue
        case .hasCards: .bool(hasCards)
        case .pager: pager.mustacheValue
        case .pageNote: pageNote.mustacheValue
        }
    }
}

/// Links to the pages of a paginated list: previous, a window of numbers with gaps, next.
struct Pager: ViewModel {
    let previousURL: String?
    let nextURL: String?
    let pages: [PagerItem]

    enum Key: String, ViewModelKey {
        case prevURL = "prev_url"
        case nextURL = "next_url"
        case pages
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .prevURL: previousURL.mustacheValue
        case .nextURL: nextURL.mustacheValue
        case .pages: pages.mustacheValue
        }
    }
}

/// A page number in the pager, or the gap (`…`) between two runs of numbers.
enum PagerItem: ViewModel {
    case gap
    case page(number: String, url: String, current: Bool)

    enum Key: String, ViewModelKey {
        case gap, number, url, current
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch (self, key) {
        case (.gap, .gap): .bool(true)
        case (.gap, .current): .bool(false)
        case (.gap, .number), (.gap, .url): .string("")
        case (.page, .gap): .bool(false)
        case (.page(let number, _, _), .number): .string(number)
        case (.page(_, let url, _), .url): .string(url)
        case (.page(_, _, let current), .current): .bool(current)
        }
    }
}
