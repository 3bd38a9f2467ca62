import Mustache

/// The search page (`search.mustache`): the filter form's choices and where the script and its index are.
struct SearchPage: ViewModel {
    let industryOptions: [SelectOption]
    let regionOptions: [SelectOption]
    let statusOptions: [SelectOption]
    let categoryOptions: [SelectOption]
    let indexURL: String
    let scriptURL: String
    /// The top-level industries and regions with pages: where the page leads without JavaScript.
    let industries: [TermNode]
    let regions: [TermNode]

    enum Key: String, ViewModelKey {
        case industryOptions = "industry_options"
        case regionOptions = "region_options"
        case statusOptions = "status_options"
        case categoryOptions = "category_options"
        case indexURL = "index_url"
        case scriptURL = "script_url"
        case industries, regions
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .industryOptions: industryOptions.mustacheValue
        case .regionOptions: regionOptions.mustacheValue
        case .statusOptions: statusOptions.mustacheValue
        case .categoryOptions: categoryOptions.mustacheValue
        case .indexURL: .string(indexURL)
        case .scriptURL: .string(scriptURL)
        case .industries: industries.mustacheValue
        case .regions: regions.mustacheValue
        }
    }
}

/// A choice of a filter: the id the script matches, the label shown (indented by depth in a tree).
struct SelectOption: ViewModel {
    let value: String
    let label: String
    /// `zh-CN` for a Chinese name on an English page (an `<option>` holds text only, so it carries the mark).
    let lang: String?

    enum Key: String, ViewModelKey {
        case value, label, lang
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .value: .string(value)
        case .label: .string(label)
        case .lang: lang.mustacheValue
        }
    }
}
