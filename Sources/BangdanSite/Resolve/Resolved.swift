import BangdanCore
import BangdanSchema

/// A requirement with its list's defaults applied and its published status decided.
///
/// A class of constants: made once by `resolve` and then only read, by the site model's indexes, every page, feed
/// and data file that shows it, so handing it on (into an array, a sort's comparison, a closure) costs one
/// reference count, not one for each of the dozens of strings and arrays a requirement holds. Compared by value.
public final class ResolvedRequirement: Hashable, Sendable {
    /// The requirement with the list defaults of contract version 2 written in (SCHEMA.md §3: status, issuer,
    /// contact, eligibility, how_to_apply, apply_url, period, ip, timeline), so pages, feeds and open data that
    /// read it show what applies. The defaults of version 1 (category, region, published, deadline) are the
    /// properties beside it; `requirement` keeps those as written.
    public let requirement: Requirement
    public let category: String
    public let region: String
    public let published: Day
    public let deadline: Day?
    /// ▲ The time of the requirement's own deadline (China Standard Time), when one was written; a list's deadline
    /// has none. The effective status compares `deadline` alone with the build date: see `Moment`.
    public let deadlineTime: TimeOfDay?
    /// The status as published: an `open` requirement past its deadline is `closed` (SCHEMA.md §4).
    public let effectiveStatus: Status
    /// Open, with no deadline, and published more than a year before the build date (`stale-open`, SCHEMA.md
    /// §6): pages show it as 征集中（未设截止日期） and never list it among the calls closing soonest.
    public let isStaleOpen: Bool
    /// ▲ Effective status open and the deadline within `Resolve.closingSoonDays` of the build date (SCHEMA.md §8
    /// `closing_soon`): the one rule pages, the search and the open data use.
    public let isClosingSoon: Bool
    /// The written summary, or the body's first paragraph as plain text.
    public let summary: String?

    public init(
        requirement: Requirement, category: String, region: String, published: Day, deadline: Day?,
        deadlineTime: TimeOfDay? = nil, effectiveStatus: Status, isStaleOpen: Bool = false,
        isClosingSoon: Bool = false, summary: String?
    ) {
        self.requirement = requirement
        self.category = category
        self.region = region
        self.published = published
        self.deadline = deadline
        self.deadlineTime = deadlineTime
        self.effectiveStatus = effectiveStatus
        self.isStaleOpen = isStaleOpen
        self.isClosingSoon = isClosingSoon
        self.summary = summary
        id = requirement.id
    }

    /// `list/slug`, made once: sorts, indexes, keys and feeds ask for it some 14 times a requirement a build, and
    /// `Requirement.id` joins the two strings each time.
    public let id: String

    /// The status that applies before the deadline rule: its own, else its list's, else `open`.
    public var status: Status { requirement.status ?? .open }

    /// `closing_soon`: open, with a deadline from the build date to `Resolve.closingSoonDays` after it.
    public static func isClosingSoon(effectiveStatus: Status, deadline: Day?, buildDate: Day) -> Bool {
        guard effectiveStatus == .open, let deadline else { return false }
        return (0...Resolve.closingSoonDays).contains(buildDate.days(until: deadline))
    }

    public static func == (a: ResolvedRequirement, b: ResolvedRequirement) -> Bool {
        a === b
            || (a.requirement == b.requirement && a.category == b.category && a.region == b.region
                && a.published == b.published && a.deadline == b.deadline && a.deadlineTime == b.deadlineTime
                && a.effectiveStatus == b.effectiveStatus && a.isStaleOpen == b.isStaleOpen
                && a.isClosingSoon == b.isClosingSoon && a.summary == b.summary)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(requirement)
        hasher.combine(category)
        hasher.combine(region)
        hasher.combine(published)
        hasher.combine(deadline)
        hasher.combine(deadlineTime)
        hasher.combine(effectiveStatus)
        hasher.combine(isStaleOpen)
        hasher.combine(isClosingSoon)
        hasher.combine(summary)
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
