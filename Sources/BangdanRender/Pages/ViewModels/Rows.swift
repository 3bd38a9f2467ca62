import Mustache

// Small rows that more than one page shows.

/// A link by name: a breadcrumb step, a requirement's industry or region.
struct Link: ViewModel {
    let name: String
    let url: String

    enum Key: String, ViewModelKey {
        case name, url
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .name: .string(name)
        case .url: .string(url)
        }
    }
}

/// A link by title: a requirement's list, the requirements before and after it.
struct TitledLink: ViewModel {
    let title: String
    let url: String

    enum Key: String, ViewModelKey {
        case title, url
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .title: .string(title)
        case .url: .string(url)
        }
    }
}

/// A figure with its label: the home page's totals, a list's statistics.
struct Figure: ViewModel {
    let value: String
    let label: String

    enum Key: String, ViewModelKey {
        case value, label
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .value: .string(value)
        case .label: .string(label)
        }
    }
}

/// A file to download: an attachment of a list, or of a requirement (which may also be a link elsewhere, with no
/// size).
struct FileLink: ViewModel {
    let title: String
    let url: String
    /// `PDF`, `DOCX`, … or the word for a link.
    let type: String
    let size: String?

    enum Key: String, ViewModelKey {
        case title, url, type, size
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .title: .string(title)
        case .url: .string(url)
        case .type: .string(type)
        case .size: size.mustacheValue
        }
    }
}
