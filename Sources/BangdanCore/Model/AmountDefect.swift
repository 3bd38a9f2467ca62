/// What is wrong with a written bounty (`bounty-invalid`), with the value to write where one can be read.
/// Suggestions are in the Chinese canonical form in both languages: it is what the officer writes in the file.
public enum AmountDefect: Error, Hashable, Sendable {
    /// Not any written form, and nothing could be read from it.
    case unreadable
    /// A figure read from Chinese numerals (`伍佰万元`) or from words around one (`约500万`).
    case didYouMean(Amount, chineseNumerals: Bool)
    /// A bare number (万, as in version 1) too large for 万, but an amount in 元: `96000000`.
    case missingUnit(yuan: Amount, digits: String)
    /// An amount in 元 below 1万元 (`9600元`): almost always a missing 万.
    case yuanBelowOneWan(suggestion: Amount?)
    /// `500-300万元`.
    case reversedRange(suggestion: Amount)
    /// `500-500万元`.
    case equalBounds(suggestion: Amount)
    /// `9,600`: a bare number is 万, so a figure grouped like one copied in 元 needs its unit.
    case separatorWithoutUnit(suggestion: Amount?)
    case notPositive
    case tooLarge
    case tooPrecise

    /// The whole message for the value as written.
    public func message(value: String, _ l: Language) -> String {
        let invalid = l.pick("揭榜金额 '\(value)' 无效：", "invalid bounty '\(value)': ")
        return invalid + reason(l)
    }

    private static let forms = (
        zh: "如 9600、9600万元、8.7亿元、5000000元、500-1000万元、不低于1亿元、最高6500万元、300万美元，或 面议、不设金额",
        en: "such as 9600, 9600万元, 8.7亿元, 5000000元, 500-1000万元, 不低于1亿元, 最高6500万元, 300万美元, or 面议, 不设金额"
    )

    private func reason(_ l: Language) -> String {
        func didYouMean(_ a: Amount) -> String {
            l.pick(" — 是否应为 \(a.chineseText)？", " — did you mean \(a.chineseText)?")
        }
        switch self {
        case .unreadable:
            return l.pick(
                "应为正数（单位万元，最多精确到分，不超过 10000000万），\(Self.forms.zh)",
                "use a positive amount in 万元 (to the fen, at most 10000000万) \(Self.forms.en)")
        case .didYouMean(let amount, let numerals):
            let what =
                numerals
                ? l.pick("请用阿拉伯数字书写金额", "write the amount in Arabic numerals")
                : l.pick("只写金额本身，不加“约”“人民币”等字样", "write the amount alone, without words such as 约 or 人民币")
            return what + didYouMean(amount) + l.pick("（写法\(Self.forms.zh)）", " (forms \(Self.forms.en))")
        case .missingUnit(let yuan, let digits):
            return l.pick(
                "不带单位的数字按万元计，\(digits)万元 超过上限 10000000万元 — 是否应为 \(yuan.chineseText)（\(digits)元）？",
                "a number without a unit is read in 万元, and \(digits)万元 is above the limit of 10000000万元 — did you mean \(yuan.chineseText) (\(digits)元)?"
            )
        case .yuanBelowOneWan(let suggestion):
            return l.pick(
                "以元为单位的金额不足 1万元（10000元），多半是漏写了“万”", "an amount in 元 below 1万元 (10000元) is most likely a missing 万")
                + (suggestion.map(didYouMean) ?? "")
        case .reversedRange(let suggestion):
            return l.pick("区间的下限高于上限", "the range's lower bound is above its upper bound") + didYouMean(suggestion)
        case .equalBounds(let suggestion):
            return l.pick("区间的上下限相同", "the range's two bounds are equal") + didYouMean(suggestion)
        case .separatorWithoutUnit(let suggestion):
            return l.pick(
                "带千位分隔符的数字须写明单位（不带单位的数字按万元计）",
                "a figure with thousands separators needs its unit (a bare number is read in 万元)")
                + (suggestion.map(didYouMean) ?? "")
        case .notPositive:
            return l.pick(
                "金额应大于零（金额待定请写 面议，按设计不设金额请写 不设金额）",
                "an amount must be above zero (write 面议 when it is negotiable, 不设金额 when there is no bounty by design)")
        case .tooLarge:
            return l.pick("超过上限 10000000万（1000亿）", "above the limit of 10000000万 (1000亿)")
        case .tooPrecise:
            return l.pick("最多精确到分（0.000001万元，即 0.01元）", "more precise than one fen (0.000001万元, that is 0.01元)")
        }
    }
}
