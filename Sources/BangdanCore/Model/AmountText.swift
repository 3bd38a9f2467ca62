/// How amounts read on pages, in data and in messages: the one formatter of figures (SCHEMA.md §4, "Pages show
/// the amount as written in canonical form"). The Chinese form is also the form an officer writes: it reads back
/// as the same amount.
extension Amount {
    /// The canonical display in `language`: `500–1000万元` / `RMB 5–10 million`.
    public func text(in language: Language) -> String {
        language == .en ? englishText : chineseText
    }

    /// `9600万元`, `500–1000万元`, `0.5–1亿元`, `不低于1亿元`, `最高6500万元`, `300万美元`, `面议`, `不设揭榜金额`.
    public var chineseText: String {
        switch self {
        case .exact(let w, let c): w.chineseText(c)
        case .range(let lower, let upper, let c):
            // Both bounds in the upper bound's unit: 0.5–1亿元, not 5000万–1亿元.
            "\(lower.decimalString(unitPlaces: upper >= Wan.yi ? 4 : 0))–\(upper.chineseText(c))"
        case .atLeast(let w, let c): "不低于" + w.chineseText(c)
        case .upTo(let w, let c): "最高" + w.chineseText(c)
        case .negotiable: "面议"
        case .noBounty: "不设揭榜金额"
        }
    }

    /// `RMB 96 million`, `RMB 5–10 million`, `at least RMB 100 million`, `up to RMB 65 million`, `USD 3 million`,
    /// `negotiable`, `no bounty`.
    public var englishText: String {
        switch self {
        case .exact(let w, let c): w.englishText(c)
        case .range(let lower, let upper, let c):
            // Both bounds in the upper bound's scale: RMB 5–10 million.
            "\(c.englishCode) \(lower.englishNumber(Wan.englishScale(upper).places))–\(upper.englishFigure)"
        case .atLeast(let w, let c): "at least " + w.englishText(c)
        case .upTo(let w, let c): "up to " + w.englishText(c)
        case .negotiable: "negotiable"
        case .noBounty: "no bounty"
        }
    }
}

extension Wan {
    /// 1亿 in 万.
    public static let yi = Wan(whole: 10_000)

    /// `9600万元`, from 1亿 up in 亿 (`8.7亿元`); `300万美元` in another currency.
    public func chineseText(_ currency: Currency = .cny) -> String {
        self >= Wan.yi
            ? "\(decimalString(unitPlaces: 4))亿\(currency.unit)" : "\(decimalString())万\(currency.unit)"
    }

    /// Always in 亿元 (`8.7亿元`, `0.96亿元`): how officials quote a programme's total.
    public var yiText: String { "\(decimalString(unitPlaces: 4))亿元" }

    /// `RMB 96 million`, `RMB 1.2 billion`, `EUR 500,000`.
    public func englishText(_ currency: Currency = .cny) -> String {
        "\(currency.englishCode) " + englishFigure
    }

    /// The figure and its scale word without a currency: `96 million`.
    var englishFigure: String {
        let scale = Wan.englishScale(self)
        return englishNumber(scale.places) + scale.word
    }

    /// The English scale for figures up to `largest`: billions from 10亿, millions from 100万, else units.
    static func englishScale(_ largest: Wan) -> (places: Int, word: String) {
        if largest >= Wan(whole: 100_000) { return (5, " billion") }
        if largest >= Wan(whole: 100) { return (2, " million") }
        return (-4, "")
    }

    /// The figure in units of 10^places 万, its whole part grouped by thousands: `500,000`, `96`, `1.2`.
    func englishNumber(_ places: Int) -> String {
        let decimal = decimalString(unitPlaces: places)
        let parts = decimal.split(separator: ".", maxSplits: 1)
        var digits = Array(parts[0]), whole = ""
        while digits.count > 3 {
            whole = "," + String(digits.suffix(3)) + whole
            digits.removeLast(3)
        }
        whole = String(digits) + whole
        return whole + (parts.count == 2 ? "." + parts[1] : "")
    }
}
