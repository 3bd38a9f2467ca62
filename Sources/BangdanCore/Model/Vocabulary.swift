/// The three vocabularies of SCHEMA.md §5.
public enum VocabularyKind: String, Hashable, Sendable, CaseIterable {
    case industries, regions, categories

    public var fileName: String { "\(rawValue).yml" }

    public var unknownRule: Rule {
        switch self {
        case .industries: .unknownIndustry
        case .regions: .unknownRegion
        case .categories: .unknownCategory
        }
    }

    func name(_ l: Language) -> String {
        switch self {
        case .industries: l.pick("产业领域", "industry")
        case .regions: l.pick("地区", "region")
        case .categories: l.pick("榜单类别", "category")
        }
    }
}

/// One entry of a vocabulary: 集成电路 under 新一代信息技术, 中关村 under 北京. Declared in `Schema.term`.
public struct Term: Hashable, Sendable {
    public var id: String
    public var name: String
    public var nameEn: String?
    public var code: String?
    public var parent: String?
    /// ▲ Regions only (SCHEMA.md §5): the one region that stands for the whole country (全国). Its lists have no
    /// out-of-region solver count, and it is no region's province.
    public var national = false
    public init(
        id: String, name: String, nameEn: String? = nil, code: String? = nil, parent: String? = nil,
        national: Bool = false
    ) {
        self.id = id
        self.name = name
        self.nameEn = nameEn
        self.code = code
        self.parent = parent
        self.national = national
    }

    /// The name shown in `language`: the English name where there is one, else the Chinese.
    public func name(in language: Language) -> String { language == .en ? (nameEn ?? name) : name }
}

/// A vocabulary in file order (display order), with parent links checked to exist and to be acyclic.
///
/// Parent links are walked once, when the vocabulary is made (each term visited once, so a 50,000-deep chain
/// costs what a flat list does): lineages are then O(depth), children O(1), and the cycles decode reports are known.
public struct Vocabulary: Hashable, Sendable {
    public let kind: VocabularyKind
    public let terms: [Term]
    /// Each id's first position in `terms`: a `NameTable`, where a `Dictionary` hashed the whole id for each of a
    /// build's tens of thousands of lookups (a page's industries and region, the cards, the open data).
    private let index: NameTable<Int>
    /// Per term (by position in `terms`): how many ids `lineage(of:)` holds, the term included.
    private let lineageCounts: [Int]
    /// Per parent id (nil: the top level), the positions of its children in file order.
    private let childIndex: [String?: [Int]]
    /// Each parent cycle once, its members in parent order (a → its parent → …).
    private let cycles: [[String]]
    /// For a term on a cycle: which cycle, and the term's place in it.
    private let cyclePlace: [String: CyclePlace]

    private struct CyclePlace: Hashable, Sendable {
        var cycle: Int
        var offset: Int
    }

    public init(kind: VocabularyKind, terms: [Term]) {
        self.kind = kind
        self.terms = terms
        // A later repeat of an id is ignored, as the table does.
        let index = NameTable(terms.enumerated().map { ($0.element.id, $0.offset) })
        self.index = index
        var childIndex: [String?: [Int]] = [:]
        for (i, term) in terms.enumerated() { childIndex[term.parent, default: []].append(i) }
        self.childIndex = childIndex

        // One walk up from each term not yet seen, stopping at a seen term: every term is on one walk only.
        enum Mark { case unseen, onWalk, done }
        let parents = terms.map { $0.parent.flatMap { index[$0] } }
        var marks = [Mark](repeating: .unseen, count: terms.count)
        var counts = [Int](repeating: 0, count: terms.count)
        var cycles: [[String]] = []
        var cyclePlace: [String: CyclePlace] = [:]
        for start in terms.indices where marks[start] == .unseen {
            var walk: [Int] = []
            var next: Int? = start
            while let current = next, marks[current] == .unseen {
                marks[current] = .onWalk
                walk.append(current)
                next = parents[current]
            }
            var count = 0
            if let stop = next, marks[stop] == .onWalk, let first = walk.firstIndex(of: stop) {
                // The walk came back to itself: its tail from `stop` is a cycle; each member's lineage is the cycle.
                let members = walk[first...]
                for (offset, member) in members.enumerated() {
                    cyclePlace[terms[member].id] = CyclePlace(cycle: cycles.count, offset: offset)
                    counts[member] = members.count
                    marks[member] = .done
                }
                cycles.append(members.map { terms[$0].id })
                walk.removeSubrange(first...)
                count = members.count
            } else if let stop = next {
                count = counts[stop]
            }
            for member in walk.reversed() {
                count += 1
                counts[member] = count
                marks[member] = .done
            }
        }
        self.lineageCounts = counts
        self.cycles = cycles
        self.cyclePlace = cyclePlace
    }

    /// Equal when kind and terms are: everything else is made from them.
    public static func == (a: Vocabulary, b: Vocabulary) -> Bool { a.kind == b.kind && a.terms == b.terms }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(terms)
    }

    public subscript(id: String) -> Term? { index[id].map { terms[$0] } }
    public func contains(_ id: String) -> Bool { index[id] != nil }
    /// The position in `terms` of the first term with this id.
    public func place(of id: String) -> Int? { index[id] }

    /// The term and its ancestors, nearest first. Stops at a cycle (decode has already reported it).
    public func lineage(of id: String) -> [String] {
        guard let start = index[id] else { return [] }
        var chain: [String] = []
        chain.reserveCapacity(lineageCounts[start])
        var next: String? = id
        while chain.count < lineageCounts[start], let current = next {
            chain.append(current)
            next = self[current]?.parent
        }
        return chain
    }

    /// How many ancestors the term has (0 at the top level), without listing them.
    /// The most levels a vocabulary may have (a top-level term is level 1).
    public static let maximumLevels = 8

    public func depth(of id: String) -> Int { index[id].map { lineageCounts[$0] - 1 } ?? 0 }

    /// The cycle a term's parents make, from the term back to it (`a → b → a`), for `vocabulary-invalid`;
    /// nil when the term is not on one. A long cycle is shortened in the middle (`…`), so that reporting each of
    /// its members stays linear.
    public func parentCycle(of id: String) -> [String]? {
        guard let place = cyclePlace[id] else { return nil }
        let members = cycles[place.cycle]
        let shown = 4
        func member(_ step: Int) -> String { members[(place.offset + step) % members.count] }
        guard members.count > 2 * shown + 1 else { return (0...members.count).map(member) }
        return (0..<shown).map(member) + ["…"] + (members.count - shown + 1...members.count).map(member)
    }

    /// The outermost ancestor (for a region: its province).
    public func root(of id: String) -> String { lineage(of: id).last ?? id }

    /// ▲ A region's province: its outermost ancestor below the national region (a province needs no parent, but
    /// one whose parent is 全国 is still its own province). The national region is its own.
    public func province(of id: String) -> String {
        lineage(of: id).last { self[$0]?.national != true } ?? id
    }

    /// ▲ Whether `id` is the national region (SCHEMA.md §5).
    public func isNational(_ id: String) -> Bool { self[id]?.national == true }

    public func children(of id: String?) -> [Term] { childIndex[id, default: []].map { terms[$0] } }

    /// The id an officer most likely meant: the term whose name was written instead of its id (`新材料产业`,
    /// or a shortened `山东` for 山东省), else the id closest to a mistyped one.
    public func suggestion(for value: String) -> String? {
        if let term = terms.first(where: { $0.name == value || $0.nameEn?.lowercased() == value.lowercased() }) {
            return term.id
        }
        if !value.isEmpty, !value.unicodeScalars.allSatisfy(\.isASCII),
            let term = terms.first(where: { $0.name.hasPrefix(value) || value.hasPrefix($0.name) })
        {
            return term.id
        }
        return nearest(to: value, among: terms.map(\.id))
    }
}

/// What is wrong with a vocabulary file as a whole.
public enum VocabularyDefect: Hashable, Sendable {
    case missingFile(VocabularyKind)
    case parentUnknown(term: String, parent: String)
    case parentCycle(term: String, cycle: [String])
    /// ▲ A second region with `national: true` (at most one, SCHEMA.md §5), naming the first.
    case secondNational(term: String, first: String)
    /// A term more than `Vocabulary.maximumLevels` levels down: pages nest one level per step, and no real
    /// vocabulary needs more (全国 → 省 → 市 → 区 → 园区 is five).
    case tooDeep(term: String, chain: [String])

    func message(_ l: Language) -> String {
        switch self {
        case .missingFile(let kind):
            return l.pick("缺少词表文件 content/\(kind.fileName)", "the vocabulary content/\(kind.fileName) is missing")
        case .parentUnknown(let term, let parent):
            return l.pick("'\(term)' 的上级 '\(parent)' 不存在", "the parent '\(parent)' of '\(term)' does not exist")
        case .parentCycle(let term, let cycle):
            return l.pick(
                "'\(term)' 的上级形成循环：\(cycle.joined(separator: " → "))",
                "the parents of '\(term)' form a cycle: \(cycle.joined(separator: " → "))")
        case .secondNational(let term, let first):
            return l.pick(
                "'\(term)' 设置了 national: true，但 '\(first)' 已是全国范围的地区：national 最多只能有一个",
                "'\(term)' sets national: true, but '\(first)' is already the national region: at most one may")
        case .tooDeep(let term, let chain):
            let shown = chain.count > 4 ? [chain[0], chain[1], "…", chain[chain.count - 1]] : chain
            return l.pick(
                "'\(term)' 位于第 \(chain.count) 层（\(shown.joined(separator: " → "))）：词表最多 \(Vocabulary.maximumLevels) 层，请把它和它的下级挂到更高一层",
                "'\(term)' is \(chain.count) levels down (\(shown.joined(separator: " → "))): a vocabulary has at most \(Vocabulary.maximumLevels) levels; attach it and its children higher up"
            )
        }
    }
}
