import Mustache

/// A requirement's page (`requirement.mustache`): status and lifecycle, facts, description, indicators, solvers,
/// contact, keywords, attachments, the requirements before and after it in its list, and its JSON-LD.
struct RequirementPage: ViewModel {
    let status: String
    let statusClass: String
    /// Open, with its deadline in the next 14 days.
    let closingSoon: Bool
    let code: String?
    let lifecycle: [LifecycleStep]
    /// The status, when the requirement was withdrawn or closed.
    let ended: String?
    /// The amount, or the word for not disclosed.
    let bounty: String
    let funding: String?
    let published: String
    /// The date, with the days left while the call is open.
    let deadline: String?
    let issuer: Issuer
    let industries: [Link]
    let region: Link
    let category: String
    /// Nil only for a requirement whose list is missing.
    let list: TitledLink?
    /// The Markdown body as HTML; nil when it has none.
    let body: String?
    let indicatorTexts: [IndicatorText]
    let indicatorTargets: [IndicatorTarget]
    let solvers: [Solver]
    let contact: Contact?
    let keywords: [Keyword]
    let attachments: [FileLink]
    /// The official notice's address.
    let source: String?
    let previousItem: TitledLink?
    let nextItem: TitledLink?
    /// The page's schema.org JSON-LD, written as is inside its script element.
    let jsonld: String

    enum Key: String, ViewModelKey {
        case status
        case statusClass = "status_class"
        case closingSoon = "closing_soon"
        case code, lifecycle, ended, bounty, funding, published, deadline, issuer, industries, region, category
        case list, body
        case indicatorTexts = "indicator_texts"
        case indicatorTargets = "indicator_targets"
        case hasTexts = "has_texts"
        case hasTargets = "has_targets"
        case hasIndicators = "has_indicators"
        case solvers
        case hasSolvers = "has_solvers"
        case contact, keywords
        case hasKeywords = "has_keywords"
        case attachments
        case hasAttachments = "has_attachments"
        case source
        case previousItem = "previous_item"
        case nextItem = "next_item"
        case hasNeighbours = "has_neighbours"
        case jsonld
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .status: .string(status)
        case .statusClass: .string(statusClass)
        case .closingSoon: .bool(closingSoon)
        case .code: code.mustacheValue
        case .lifecycle: lifecycle.mustacheValue
        case .ended: ended.mustacheValue
        case .bounty: .string(bounty)
        case .funding: funding.mustacheValue
        case .published: .string(published)
        case .deadline: deadline.mustacheValue
        case .issuer: issuer.mustacheValue
        case .industries: industries.mustacheValue
        case .region: region.mustacheValue
        case .category: .string(category)
        case .list: list.mustacheValue
        case .body: body.mustacheValue
        case .indicatorTexts: indicatorTexts.mustacheValue
        case .indicatorTargets: indicatorTargets.mustacheValue
        case .hasTexts: .bool(!indicatorTexts.isEmpty)
        case .hasTargets: .bool(!indicatorTargets.isEmpty)
        case .hasIndicators: .bool(!indicatorTexts.isEmpty || !indicatorTargets.isEmpty)
        case .solvers: solvers.mustacheValue
        case .hasSolvers: .bool(!solvers.isEmpty)
        case .contact: contact.mustacheValue
        case .keywords: keywords.mustacheValue
        case .hasKeywords: .bool(!keywords.isEmpty)
        case .attachments: attachments.mustacheValue
        case .hasAttachments: .bool(!attachments.isEmpty)
        case .source: source.mustacheValue
        case .previousItem: previousItem.mustacheValue
        case .nextItem: nextItem.mustacheValue
        case .hasNeighbours: .bool(previousItem != nil || nextItem != nil)
        case .jsonld: .string(jsonld)
        }
    }

    /// A step of 征集中 → 对接中 → 已签约 → 已完成.
    struct LifecycleStep: ViewModel {
        let label: String
        /// `done`, `current` or `todo`.
        let state: String

        enum Key: String, ViewModelKey {
            case label
            case state = "class"
            case current
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .label: .string(label)
            case .state: .string(state)
            case .current: .bool(state == "current")
            }
        }
    }

    struct Issuer: ViewModel {
        /// The name, with the kind of organisation as a note.
        let name: String
        let creditCode: String?

        enum Key: String, ViewModelKey {
            case name
            case creditCode = "credit_code"
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .name: .string(name)
            case .creditCode: creditCode.mustacheValue
            }
        }
    }

    struct IndicatorText: ViewModel {
        let text: String

        enum Key: String, ViewModelKey {
            case text
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .text: .string(text)
            }
        }
    }

    struct IndicatorTarget: ViewModel {
        let name: String
        let target: String

        enum Key: String, ViewModelKey {
            case name, target
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .name: .string(name)
            case .target: .string(target)
            }
        }
    }

    struct Solver: ViewModel {
        /// The name, with the solver's region as a note.
        let name: String

        enum Key: String, ViewModelKey {
            case name
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .name: .string(name)
            }
        }
    }

    /// How to reach the issuer; at least one field is set.
    struct Contact: ViewModel {
        let name: String?
        let phone: String?
        /// `tel:` with the phone's digits and `+` only.
        let tel: String?
        let email: String?
        let mailto: String?
        let address: String?

        enum Key: String, ViewModelKey {
            case name, phone, tel, email, mailto, address
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .name: name.mustacheValue
            case .phone: phone.mustacheValue
            case .tel: tel.mustacheValue
            case .email: email.mustacheValue
            case .mailto: mailto.mustacheValue
            case .address: address.mustacheValue
            }
        }
    }

    /// A keyword, linked to a search for it.
    struct Keyword: ViewModel {
        let text: String
        let url: String

        enum Key: String, ViewModelKey {
            case text, url
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .text: .string(text)
            case .url: .string(url)
            }
        }
    }
}
