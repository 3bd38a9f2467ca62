import BangdanCore
import BangdanSchema

/// The figures officials quote about a list (SCHEMA.md §8 `stats`), computed once for the page and lists.json.
public struct ListStatistics: Sendable {
    public var requirements = 0
    public var bountyTotal = Wan.zero
    /// Requirements with a figure for totals (SCHEMA.md §4): exact, range, at least or up to, in 元.
    public var bountyDisclosed = 0
    /// Requirements whose bounty is in 美元, 欧元 or 港元: never converted, never in the total.
    public var bountyForeign = 0
    public var bountyAtLeast1000 = 0
    public var bountyNegotiable = 0
    /// Own industry ids only (no roll-up), in vocabulary order.
    public var byIndustry: [(id: String, count: Int)] = []
    /// Effective statuses in lifecycle order; only those that occur.
    public var byStatus: [(status: Status, count: Int)] = []
    public var solversWithRegion = 0
    public var solversOutOfRegion = 0
    /// ▲ The list's region is the national one (SCHEMA.md §5): no solver is out of its region, and
    /// `solvers_out_of_region` is null in lists.json (`solversOutOfRegion` stays 0).
    public var isNational = false

    public init() {}

    public init(list: ChallengeList, requirements: [ResolvedRequirement], vocabularies: Vocabularies) {
        self.requirements = requirements.count
        var industryCounts: [String: Int] = [:]
        var statusCounts: [Status: Int] = [:]
        let province = vocabularies.regions.province(of: list.region)
        isNational = vocabularies.regions.isNational(list.region)
        for r in requirements {
            if let bounty = r.requirement.bounty {
                if let wan = bounty.figure {
                    bountyTotal = bountyTotal + wan
                    bountyDisclosed += 1
                    if wan >= Wan(whole: 1000) { bountyAtLeast1000 += 1 }
                }
                if bounty.isForeign { bountyForeign += 1 }
                if bounty == .negotiable { bountyNegotiable += 1 }
            }
            for id in r.requirement.industries { industryCounts[id, default: 0] += 1 }
            statusCounts[r.effectiveStatus, default: 0] += 1
            for solver in r.requirement.solvers {
                guard let region = solver.region else { continue }
                solversWithRegion += 1
                if !isNational, vocabularies.regions.province(of: region) != province { solversOutOfRegion += 1 }
            }
        }
        byIndustry = vocabularies.industries.terms.compactMap { t in industryCounts[t.id].map { (t.id, $0) } }
        byStatus = Status.allCases.compactMap { s in statusCounts[s].map { (s, $0) } }
    }
}
