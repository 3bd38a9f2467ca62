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
    /// The date and its time.
    let deadline: String?
    /// The days left while closing soon, and what `page.js` needs to keep them true; nil unless the call is open.
    let countdown: Countdown?

    enum Key: String, ViewModelKey {
        case title, url, issuer, industries, region, status
        case statusClass = "status_class"
        case published
        case closingSoon = "closing_soon"
        case code, bounty, deadline, countdown
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
        case .countdown: countdown.mustacheValue
        }
    }
}

/// An open call's deadline as `page.js` reads it (issue 12 item 3): the day, the closing-soon window of the build's
/// one rule (`Resolve.closingSoonDays`, never restated in the script), and the note the build wrote, which the
/// script rewrites with the reader's clock in China time.
struct Countdown: ViewModel {
    /// `2023-03-01`.
    let day: String
    let soonDays: Int
    /// `（剩余 12 天）`: the note as `note_format` writes it after the date; nil when the build shows none.
    let note: String?
    /// Days are shown for any open call (the requirement page), not only while closing soon (cards).
    let always: Bool

    enum Key: String, ViewModelKey {
        case day
        case soonDays = "soon_days"
        case note, always
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .day: .string(day)
        case .soonDays: .string("\(soonDays)")
        case .note: note.mustacheValue
        case .always: .bool(always)
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
