import Mustache

/// One page of a list (`list.mustache`): its facts, notice, how to take part (from the list's defaults), statistics
/// with the totals its notice declares, charts, attachments, and one page of its requirements' cards.
struct ListPage: ViewModel {
    let facts: [Fact]
    /// The official notice's address.
    let source: String?
    /// The list's Markdown body as HTML; nil when it has none.
    let body: String?
    /// The list's defaults for taking part (eligibility, how to apply, …), on its first page; nil when it sets none.
    let guide: Guide?
    /// Each declared total beside the counted one (本站收录 15 项 · 通知公布 17 项).
    let declared: [TextLine]
    let stats: [Figure]
    /// None when the list has no requirement.
    let charts: [Chart]
    let files: [FileLink]
    let paged: PagedCards

    enum Key: String, ViewModelKey {
        case facts, source, body, guide, declared
        case hasDeclared = "has_declared"
        case stats, charts, files
        case hasFiles = "has_files"
        case cards
        case hasCards = "has_cards"
        case pager
        case pageNote = "page_note"
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .facts: facts.mustacheValue
        case .source: source.mustacheValue
        case .body: body.mustacheValue
        case .guide: guide.mustacheValue
        case .declared: declared.mustacheValue
        case .hasDeclared: .bool(!declared.isEmpty)
        case .stats: stats.mustacheValue
        case .charts: charts.mustacheValue
        case .files: files.mustacheValue
        case .hasFiles: .bool(!files.isEmpty)
        case .cards: paged.value(for: .cards)
        case .hasCards: paged.value(for: .hasCards)
        case .pager: paged.value(for: .pager)
        case .pageNote: paged.value(for: .pageNote)
        }
    }
}

/// A labelled fact about a list, linked when it names a page of the site (its region).
struct Fact: ViewModel {
    let label: String
    let value: String
    let url: String?

    enum Key: String, ViewModelKey {
        case label, value, url
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .label: .string(label)
        case .value: .string(value)
        case .url: url.mustacheValue
        }
    }
}

/// A bar chart (SVG) and the table of its figures.
struct Chart: ViewModel {
    let title: String
    /// The chart's markup (`Charts.bars`).
    let svg: String
    let rows: [Row]

    struct Row: ViewModel {
        let label: String
        let count: String

        enum Key: String, ViewModelKey {
            case label, count
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .label: .string(label)
            case .count: .string(count)
            }
        }
    }

    enum Key: String, ViewModelKey {
        case title, svg, rows
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .title: .string(title)
        case .svg: .string(svg)
        case .rows: rows.mustacheValue
        }
    }
}
