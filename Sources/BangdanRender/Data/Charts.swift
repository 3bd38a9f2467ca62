/// Horizontal bar charts drawn at build time as HTML with one small inline SVG per bar: no chart library, no
/// script. Each row puts its label on a line of its own above the bar, so a long label wraps on a 360 px phone
/// instead of being clipped, and the number stands beside the bar as text, so the chart reads without colour. The
/// template puts a table of the same figures beside it (`Chart`).
enum Charts {
    struct Bar: Equatable {
        var label: String
        var count: Int
        /// `zh-CN` for a Chinese label on an English page (`Format.contentLanguage`).
        var lang: String? = nil
    }

    /// An ordered list, one item per bar: `label` then the bar and its number. The bar's length is a share of the
    /// longest; a count above zero always shows at least a sliver. `number` writes a count as the page's language does.
    static func bars(_ bars: [Bar], number: (Int) -> String) -> String {
        let maximum = max(1, bars.map(\.count).max() ?? 1)
        var html = "<ol class=\"bar-chart\">"
        for bar in bars {
            let share = bar.count <= 0 ? 0 : max(1, 100 * bar.count / maximum)
            html +=
                "<li><span class=\"bar-label\"\(bar.lang.map { " lang=\"\($0)\"" } ?? "")>\(Feeds.xml(bar.label))</span>"
                + "<span class=\"bar-line\"><svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
                + "aria-hidden=\"true\"><rect width=\"\(share)\" height=\"10\"/></svg>"
                + "<span class=\"bar-value\">\(number(bar.count))</span></span></li>"
        }
        return html + "</ol>"
    }
}
