/// The site's language (site.yml `language`): chooses diagnostic messages and interface strings.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case zhCN = "zh-CN"
    case en

    /// Picks the text for this language; keeps the two translations side by side at every call site.
    public func pick(_ zh: String, _ en: String) -> String {
        self == .zhCN ? zh : en
    }
}
