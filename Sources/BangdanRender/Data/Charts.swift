import BangdanSite

/// Horizontal bar charts drawn at build time as inline SVG: no chart library, no script. Every bar carries its
/// label and number as text, so the chart reads without colour; a table beside it gives the same figures.
enum Charts {
    struct Bar {
        var label: String
        var count: Int
        /// `zh-CN` for a Chinese label on an English page (`Format.contentLanguage`).
        var lang: String? = nil
    }

    static func bars(_ bars: [Bar], title: String, id: String) -> String {
        let rowHeight = 30, labelWidth = 150, width = 400
        let height = max(1, bars.count) * rowHeight + 8
        let maximum = max(1, bars.map(\.count).max() ?? 1)
        var svg =
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)\" viewBox=\"0 0 \(width) \(height)\" "
            + "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"\(id)\">\(Feeds.xml(title))</title>"
        for (i, bar) in bars.enumerated() {
            let y = i * rowHeight + 4
            let length = max(2, (width - labelWidth - 40) * bar.count / maximum)
            svg +=
                "<text x=\"\(labelWidth - 8)\" y=\"\(y + 19)\" text-anchor=\"end\" class=\"chart-label\"\(bar.lang.map { " lang=\"\($0)\"" } ?? "")>\(Feeds.xml(truncated(bar.label)))</text>"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"20\" rx=\"2\" class=\"chart-bar\"/>"
            svg += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 19)\" class=\"chart-value\">\(bar.count)</text>"
        }
        return svg + "</svg>"
    }

    private static func truncated(_ label: String) -> String {
        label.count > 10 ? String(label.prefix(9)) + "…" : label
    }
}
