import Mustache

/// One requirement as `card.mustache` shows it. A card is rendered once (with the site frame for `t` and `base`)
/// and its HTML reused on every page that lists the requirement.
struct Card: ViewModel {
    let title: String
    let url: String
    /// Issuer names joined with `、`, the lead first.
    let issuer: String
    /// Industry names joined with `、`.
    let industries: String
    let region: String
    let status: String
    /// The effective status's id, for the badge's class.
    let statusClass: String
    let published: String
    /// `ResolvedRequirement.isClosingSoon`: the one closing-soon rule.
    let closingSoon: Bool
    let code: String?
    let bounty: String?
    /// The date and its time, with the days left while closing soon.
    let deadline: String?

    enum Key: String, ViewModelKey {
        case title, url, issuer, industries, region, status
        case statusClass = "status_class"
        case published
        case closingSoon = "closing_soon"
        case code, bounty, deadline
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .title: .string(title)
        case .url: .string(url)
        case .issuer: .string(issuer)
        case .industries: .string(industries)
        case .region: .string(region)
        case .status: .string(status)
        case .statusClass: .string(statusClass)
        case .published: .string(published)
        case .closingSoon: .bool(closingSoon)
        case .code: code.mustacheValue
        case .bounty: bounty.mustacheValue
        case .deadline: deadline.mustacheValue
        }
    }
}

/// A card already rendered, in a page's list of cards (`{{{html}}}`).
struct RenderedCard: ViewModel {
    let html: String

    enum Key: String, ViewModelKey {
        case html
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .html: .string(html)
        }
    }
}
