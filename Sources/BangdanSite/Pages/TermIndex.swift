import BangdanCore

/// Which requirements sit under each term of a vocabulary, with roll-ups: a requirement under 集成电路 is also
/// under 新一代信息技术; one in 中关村 is also in 北京 (SCHEMA.md §5).
public struct TermIndex: Sendable {
    public let vocabulary: Vocabulary
    /// Requirement positions (into `SiteModel.requirements`) per term, descendants included, newest first (the
    /// order of term pages), sorted once here rather than on every page of a term.
    public let members: [String: [Int]]

    init(vocabulary: Vocabulary, requirements: [ResolvedRequirement], terms: (ResolvedRequirement) -> [String]) {
        var members: [String: [Int]] = [:]
        // Each term's lineage found once, not once for each requirement under it; a requirement's few terms and
        // their ancestors kept in a small array, not a set made for each requirement.
        var lineages: [String: [String]] = [:]
        lineages.reserveCapacity(vocabulary.terms.count)
        for term in vocabulary.terms { lineages[term.id] = vocabulary.lineage(of: term.id) }
        var seen: [String] = []
        for (i, r) in requirements.enumerated() {
            seen.removeAll(keepingCapacity: true)
            for id in terms(r) {
                for ancestor in lineages[id] ?? vocabulary.lineage(of: id) where !seen.contains(ancestor) {
                    seen.append(ancestor)
                    members[ancestor, default: []].append(i)
                }
            }
        }
        self.vocabulary = vocabulary
        // Sort keys computed once: comparing the requirements themselves would copy them on every comparison.
        let keys = requirements.map { (published: $0.published, id: $0.id) }
        // Each term's sort on its own core: at 100,000 requirements a large industry holds tens of thousands.
        let sorted = Parallel.map(Array(members), serialUpTo: 1) { term, positions in
            (
                term,
                positions.sorted {
                    keys[$0].published != keys[$1].published
                        ? keys[$0].published > keys[$1].published : keys[$0].id < keys[$1].id
                }
            )
        }
        self.members = Dictionary(uniqueKeysWithValues: sorted)
    }

    public func count(_ id: String) -> Int { members[id]?.count ?? 0 }

    /// Terms with at least one requirement, in vocabulary order: these get pages.
    public var usedTerms: [Term] { vocabulary.terms.filter { members[$0.id] != nil } }
}
