/// The site's language (site.yml `language`): chooses diagnostic messages and interface strings.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case zhCN = "zh-CN"
    case en

    /// Picks the text for this language; keeps the two translations side by side at every call site.
    public func pick(_ zh: String, _ en: String) -> String {
        self == .zhCN ? zh : en
    }
}

/// A text in both languages, for messages made before the language that shows them is known.
public struct Phrase: Sendable, Hashable {
    public let zh: String
    public let en: String

    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(in language: Language) -> String { language.pick(zh, en) }
}
