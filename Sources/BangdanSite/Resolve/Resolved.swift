import BangdanCore
import BangdanSchema

/// A requirement with its list's defaults applied and its published status decided.
public struct ResolvedRequirement: Hashable, Sendable {
    /// The requirement with the list defaults of contract version 2 written in (SCHEMA.md §3: status, issuer,
    /// contact, eligibility, how_to_apply, apply_url, period, ip, timeline), so pages, feeds and open data that
    /// read it show what applies. The defaults of version 1 (category, region, published, deadline) are the
    /// properties beside it; `requirement` keeps those as written.
    public var requirement: Requirement
    public var category: String
    public var region: String
    public var published: Day
    public var deadline: Day?
    /// ▲ The time of the requirement's own deadline (China Standard Time), when one was written; a list's deadline
    /// has none. The effective status compares `deadline` alone with the build date: see `Moment`.
    public var deadlineTime: TimeOfDay? = nil
    /// The status as published: an `open` requirement past its deadline is `closed` (SCHEMA.md §4).
    public var effectiveStatus: Status
    /// Open, with no deadline, and published more than a year before the build date (`stale-open`, SCHEMA.md
    /// §6): pages show it as 征集中（未设截止日期） and never list it among the calls closing soonest.
    public var isStaleOpen: Bool = false
    /// ▲ Effective status open and the deadline within `Resolve.closingSoonDays` of the build date (SCHEMA.md §8
    /// `closing_soon`): the one rule pages, the search and the open data use.
    public var isClosingSoon: Bool = false
    /// The written summary, or the body's first paragraph as plain text.
    public var summary: String?

    public var id: String { requirement.id }

    /// The status that applies before the deadline rule: its own, else its list's, else `open`.
    public var status: Status { requirement.status ?? .open }

    /// `closing_soon`: open, with a deadline from the build date to `Resolve.closingSoonDays` after it.
    public static func isClosingSoon(effectiveStatus: Status, deadline: Day?, buildDate: Day) -> Bool {
        guard effectiveStatus == .open, let deadline else { return false }
        return (0...Resolve.closingSoonDays).contains(buildDate.days(until: deadline))
    }
}

/// The output of `resolve`: the whole content, cross-checked, ready for the site model.
public struct Resolved: Sendable {
    public var site: SiteSettings
    public var vocabularies: Vocabularies
    /// Newest `published` first, then by id.
    public var lists: [ChallengeList]
    /// By list id, then slug (the order of requirements.json).
    public var requirements: [ResolvedRequirement]
    public var attachments: [AttachmentFile]
    public var buildDate: Day
}
