import Mustache

/// A requirement's page (`requirement.mustache`): status and lifecycle, the call to apply while open, facts, extra
/// facts, description, indicators, how to take part (the guide), solvers, keywords, attachments, the requirements
/// before and after it in its list, and its JSON-LD.
struct RequirementPage: ViewModel {
    let status: String
    let statusClass: String
    /// `ResolvedRequirement.isClosingSoon`: the one closing-soon rule.
    let closingSoon: Bool
    /// Where to apply, while the effective status is open: the page's main call to action.
    let applyURL: String?
    let code: String?
    let lifecycle: [LifecycleStep]
    /// The status, when the requirement was withdrawn or closed.
    let ended: String?
    /// The amount, or the word for not disclosed.
    let bounty: String
    let funding: String?
    let published: String
    /// The date (and its time when one was written).
    let deadline: String?
    /// The days left while the call is open, kept true by `page.js`.
    let countdown: Countdown?
    /// 截止时间 when the deadline has a time, else 截止日期.
    let deadlineLabel: String
    /// Joint issuers, the lead first (and marked as the lead when there are several).
    let issuers: [Issuer]
    let industries: [Link]
    let region: Link
    let category: String
    /// Nil only for a requirement whose list is missing.
    let list: TitledLink?
    /// The Markdown body as HTML; nil when it has none.
    let body: UTF8Text?
    let indicatorTexts: [TextLine]
    let indicatorTargets: [IndicatorTarget]
    let solvers: [Solver]
    /// `solvers: 未公开`: the solvers exist but were not published.
    let solversUndisclosed: Bool
    /// Eligibility, how to apply, period, IP, timeline and contacts; nil when it has none of them.
    let guide: Guide?
    /// Facts with no field of their own (`extra`), in the order written.
    let extra: [ExtraRow]
    let keywords: [Keyword]
    let attachments: [FileLink]
    /// The official notice's address.
    let source: String?
    let previousItem: TitledLink?
    let nextItem: TitledLink?
    /// The page's schema.org JSON-LD, written as is inside its script element.
    let jsonld: UTF8Text
    /// The page's absolute URL, to copy and pass on.
    let pageURL: String
    /// The QR code of `pageURL`, an `<img>` of a PNG (`QRCode.image`); nil when the URL is too long for a readable
    /// code.
    let qrCode: UTF8Text?

    enum Key: String, ViewModelKey {
        case status
        case statusClass = "status_class"
        case closingSoon = "closing_soon"
        case applyURL = "apply_url"
        case code, lifecycle, ended, bounty, funding, published, deadline, countdown
        case deadlineLabel = "deadline_label"
        case issuers, industries, region, category
        case list, body
        case indicatorTexts = "indicator_texts"
        case indicatorTargets = "indicator_targets"
        case hasTexts = "has_texts"
        case hasTargets = "has_targets"
        case hasIndicators = "has_indicators"
        case solvers
        case hasSolvers = "has_solvers"
        case hasNamedSolvers = "has_named_solvers"
        case solversUndisclosed = "solvers_undisclosed"
        case guide, extra
        case hasExtra = "has_extra"
        case keywords
        case hasKeywords = "has_keywords"
        case attachments
        case hasAttachments = "has_attachments"
        case source
        case previousItem = "previous_item"
        case nextItem = "next_item"
        case hasNeighbours = "has_neighbours"
        case jsonld
        case pageURL = "page_url"
        case qrCode = "qr_code"
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .status: .string(status)
        case .statusClass: .string(statusClass)
        case .closingSoon: .bool(closingSoon)
        case .applyURL: applyURL.mustacheValue
        case .code: code.mustacheValue
        case .lifecycle: lifecycle.mustacheValue
        case .ended: ended.mustacheValue
        case .bounty: .string(bounty)
        case .funding: funding.mustacheValue
        case .published: .string(published)
        case .deadline: deadline.mustacheValue
        case .countdown: countdown.mustacheValue
        case .deadlineLabel: .string(deadlineLabel)
        case .issuers: issuers.mustacheValue
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
        case .hasSolvers: .bool(!solvers.isEmpty || solversUndisclosed)
        case .hasNamedSolvers: .bool(!solvers.isEmpty)
        case .solversUndisclosed: .bool(solversUndisclosed)
        case .guide: guide.mustacheValue
        case .extra: extra.mustacheValue
        case .hasExtra: .bool(!extra.isEmpty)
        case .keywords: keywords.mustacheValue
        case .hasKeywords: .bool(!keywords.isEmpty)
        case .attachments: attachments.mustacheValue
        case .hasAttachments: .bool(!attachments.isEmpty)
        case .source: source.mustacheValue
        case .previousItem: previousItem.mustacheValue
        case .nextItem: nextItem.mustacheValue
        case .hasNeighbours: .bool(previousItem != nil || nextItem != nil)
        case .jsonld: jsonld.mustacheValue
        case .pageURL: .string(pageURL)
        case .qrCode: qrCode.mustacheValue
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
        /// The first of joint issuers (牵头); false when there is only one.
        let lead: Bool

        enum Key: String, ViewModelKey {
            case name
            case creditCode = "credit_code"
            case lead
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .name: .string(name)
            case .creditCode: creditCode.mustacheValue
            case .lead: .bool(lead)
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
        /// 牵头 or 联合, in a consortium.
        let role: String?
        /// `项目：…`, the solver's project.
        let project: String?
        /// e.g. 揭榜优胜单位.
        let note: String?

        enum Key: String, ViewModelKey {
            case name, role, project, note
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .name: .string(name)
            case .role: role.mustacheValue
            case .project: project.mustacheValue
            case .note: note.mustacheValue
            }
        }
    }

    /// A fact of `extra`: a label and its text, a row of a table.
    struct ExtraRow: ViewModel {
        let label: String
        let text: String

        enum Key: String, ViewModelKey {
            case label, text
            static let byName = index()
        }

        func value(for key: Key) -> MustacheValue {
            switch key {
            case .label: .string(label)
            case .text: .string(text)
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
