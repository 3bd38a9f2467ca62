import Mustache

/// One page of a list (`list.mustache`): its facts, notice, how to take part (from the list's defaults), statistics
/// with the totals its notice declares, charts, attachments, and, from `PagedCards` framed around it, one page
/// of its requirements' cards.
struct ListPage: ViewModel {
    let facts: [Fact]
    /// The official notice's address.
    let source: String?
    /// The list's Markdown body as HTML; nil when it has none.
    let body: UTF8Text?
    /// The list's defaults for taking part (eligibility, how to apply, …), on its first page; nil when it sets none.
    let guide: Guide?
    /// Each declared total beside the counted one (本站收录 15 项 · 通知公布 17 项).
    let declared: [TextLine]
    let stats: [Figure]
    /// None when the list has no requirement.
    let charts: [Chart]
    let files: [FileLink]

    enum Key: String, ViewModelKey {
        case facts, source, body, guide, declared
        case hasDeclared = "has_declared"
        case stats, charts, files
        case hasFiles = "has_files"
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

/// A bar chart (`Charts.bars`) and its table alternative (`chart.mustache`): the same figures, under a caption,
/// with column and row headers, and a total row where the rows split one whole.
struct Chart: ViewModel {
    let title: String
    /// The heading of the table's first column: what each bar counts by (产业领域, 状态, 榜单, 地区).
    let labelHeading: String
    /// The heading of the counts' column: 需求数, or 本站收录 beside 通知公布 when the chart `hasDeclared`.
    let countHeading: String
    /// The chart's markup (`Charts.bars`).
    let html: String
    let rows: [Row]
    /// The rows' sum, when each requirement falls in exactly one row; nil when rows overlap (a requirement may have
    /// several industries), where a sum would count some twice.
    let total: String?
    /// Whether the rows carry the totals their notices declare (the lists chart), shown in a column of their own.
    let hasDeclared: Bool

    struct Row: ViewModel {
        let label: String
        let count: String
        /// The total its notice declares, beside the counted one, or words saying it declares none; unused unless
        /// the chart `hasDeclared`.
        let declared: String

        enum Key: String, ViewModelKey {
            case label, count, declared
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .label: .string(label)
            case .count: .string(count)
            case .declared: .string(declared)
            }
        }
    }

    enum Key: String, ViewModelKey {
        case title
        case labelHeading = "label_heading"
        case countHeading = "count_heading"
        case html, rows, total
        case hasDeclared = "has_declared"
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .title: .string(title)
        case .labelHeading: .string(labelHeading)
        case .countHeading: .string(countHeading)
        case .html: .string(html)
        case .rows: rows.mustacheValue
        case .total: total.mustacheValue
        case .hasDeclared: .bool(hasDeclared)
        }
    }
}
