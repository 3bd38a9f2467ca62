import BangdanCore

/// Which requirements sit under each term of a vocabulary, with roll-ups: a requirement under 集成电路 is also
/// under 新一代信息技术; one in 中关村 is also in 北京 (SCHEMA.md §5).
public struct TermIndex: Sendable {
    public let vocabulary: Vocabulary
    /// Requirement positions (into `SiteModel.requirements`) per term, descendants included, newest first (the
    /// order of term pages), sorted once here rather than on every page of a term.
    public let members: [String: [Int]]

    init(vocabulary: Vocabulary, requirements: [ResolvedRequirement], terms: (ResolvedRequirement) -> [String]) {
        // Each term's lineage found once, not once for each requirement under it, as places in the vocabulary: a
        // requirement's terms are looked up once each, and its ancestors' lists reached by place (hashing a term
        // id for each ancestor of each requirement was 49,000 lookups at 10,000 requirements). A requirement's
        // few places kept in a small array, not a set made for each requirement.
        let lineages = vocabulary.terms.map { term in vocabulary.lineage(of: term.id).compactMap(vocabulary.place) }
        var byPlace = [[Int]](repeating: [], count: vocabulary.terms.count)
        var seen: [Int] = []
        for (i, r) in requirements.enumerated() {
            seen.removeAll(keepingCapacity: true)
            for id in terms(r) {
                guard let place = vocabulary.place(of: id) else { continue }
                for ancestor in lineages[place] where !seen.contains(ancestor) {
                    seen.append(ancestor)
                    byPlace[ancestor].append(i)
                }
            }
        }
        let members = byPlace.indices.filter { !byPlace[$0].isEmpty }.map { (vocabulary.terms[$0].id, byPlace[$0]) }
        self.vocabulary = vocabulary
        // Sort keys computed once: comparing the requirements themselves would copy them on every comparison.
        let keys = requirements.map { (published: $0.published, id: $0.id) }
        // Each term's sort on its own core: at 100,000 requirements a large industry holds tens of thousands.
        let sorted = Parallel.map(members, serialUpTo: 1) { term, positions in
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
