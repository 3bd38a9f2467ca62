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
    public init(id: String, name: String, nameEn: String? = nil, code: String? = nil, parent: String? = nil) {
        self.id = id
        self.name = name
        self.nameEn = nameEn
        self.code = code
        self.parent = parent
    }

    /// The name shown in `language`: the English name where there is one, else the Chinese.
    public func name(in language: Language) -> String { language == .en ? (nameEn ?? name) : name }
}

/// A vocabulary in file order (display order), with parent links checked to exist and to be acyclic.
public struct Vocabulary: Hashable, Sendable {
    public let kind: VocabularyKind
    public let terms: [Term]
    private let index: [String: Int]

    public init(kind: VocabularyKind, terms: [Term]) {
        self.kind = kind
        self.terms = terms
        var index: [String: Int] = [:]
        for (i, term) in terms.enumerated() where index[term.id] == nil { index[term.id] = i }
        self.index = index
    }

    public subscript(id: String) -> Term? { index[id].map { terms[$0] } }
    public func contains(_ id: String) -> Bool { index[id] != nil }

    /// The term and its ancestors, nearest first. Stops at a cycle (decode has already reported it).
    public func lineage(of id: String) -> [String] {
        var chain: [String] = []
        var next: String? = id
        while let current = next, contains(current), !chain.contains(current) {
            chain.append(current)
            next = self[current]?.parent
        }
        return chain
    }

    /// The outermost ancestor (for a region: its province).
    public func root(of id: String) -> String { lineage(of: id).last ?? id }

    public func children(of id: String?) -> [Term] { terms.filter { $0.parent == id } }

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
        }
    }
}
