import Mustache

/// The search page (`search.mustache`): the query, the facets with their counts over every requirement (the script
/// recounts them for each query), the orders, and where the script and its index's manifest are.
struct SearchPage: ViewModel {
    /// Industry and region: a choice of one value in a tree, a `<select>`.
    let industryOptions: [SelectOption]
    let regionOptions: [SelectOption]
    /// Status, category, bounty band, deadline window: any number of values, a fieldset of checkboxes.
    let checkFacets: [CheckFacet]
    let sortOptions: [SelectOption]
    let manifestURL: String
    let scriptURL: String
    /// The top-level industries and regions with pages: where the page leads without JavaScript.
    let industries: [TermNode]
    let regions: [TermNode]

    enum Key: String, ViewModelKey {
        case industryOptions = "industry_options"
        case regionOptions = "region_options"
        case checkFacets = "check_facets"
        case sortOptions = "sort_options"
        case manifestURL = "manifest_url"
        case scriptURL = "script_url"
        case industries, regions
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .industryOptions: industryOptions.mustacheValue
        case .regionOptions: regionOptions.mustacheValue
        case .checkFacets: checkFacets.mustacheValue
        case .sortOptions: sortOptions.mustacheValue
        case .manifestURL: .string(manifestURL)
        case .scriptURL: .string(scriptURL)
        case .industries: industries.mustacheValue
        case .regions: regions.mustacheValue
        }
    }
}

/// A choice of a filter or order: the id the script matches, the label shown (indented by depth in a tree) and,
/// for a facet value, how many requirements have it.
struct SelectOption: ViewModel {
    let value: String
    let label: String
    /// `zh-CN` for a Chinese name on an English page (an `<option>` holds text only, so it carries the mark).
    let lang: String?
    var count: String? = nil

    enum Key: String, ViewModelKey {
        case value, label, lang, count
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .value: .string(value)
        case .label: .string(label)
        case .lang: lang.mustacheValue
        case .count: count.mustacheValue
        }
    }
}

/// A facet shown as a fieldset of checkboxes: its id (the form field's name), its legend and its values.
struct CheckFacet: ViewModel {
    let id: String
    let name: String
    let values: [SelectOption]

    enum Key: String, ViewModelKey {
        case id, name, values
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .id: .string(id)
        case .name: .string(name)
        case .values: values.mustacheValue
        }
    }
}
