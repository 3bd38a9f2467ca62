import BangdanCore
import BangdanSchema

/// One page of the published site: where it goes and what it shows.
public struct Page: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case home
        case lists
        case list(index: Int, page: Int)
        case requirement(index: Int)
        case terms(VocabularyKind)
        case term(VocabularyKind, id: String, page: Int)
        case search
        case notFound
    }

    /// Folder route relative to the site root, ending in `/` (`lists/x/`), or a file (`404.html`).
    public var route: String
    public var kind: Kind

    /// The file written for this page.
    public var file: String { route.isEmpty ? "index.html" : route.hasSuffix("/") ? route + "index.html" : route }
}

/// A list with its requirements (in display order) and statistics.
public struct ListEntry: Sendable {
    public var list: ChallengeList
    /// Positions into `SiteModel.requirements`.
    public var members: [Int]
    public var statistics: ListStatistics
    public var route: String { "lists/\(list.id)/" }
}

/// The `site` stage's output: the published model with every route decided (SCHEMA.md §8). Pure.
public struct SiteModel: Sendable {
    public var settings: SiteSettings
    public var vocabularies: Vocabularies
    public var buildDate: Day
    /// Ordered by list id, then slug (the order of the open data).
    public private(set) var requirements: [ResolvedRequirement]
    /// Newest first.
    public private(set) var lists: [ListEntry]
    /// Position in `lists` by list id: a page looks its list up in constant time, not by a scan of every list.
    private var listPositions: [String: Int] = [:]
    /// Positions into `lists` of the lists whose region is the term or lies under it, newest first, by region id.
    private var listsByRegion: [String: [Int]] = [:]
    /// Each requirement's position within its list's `members` (by position in `requirements`), or -1.
    private var listPositionOfRequirement: [Int] = []
    /// Each requirement's list as a position in `lists` (by position in `requirements`), or -1.
    private var listOfRequirement: [Int] = []
    public var industries: TermIndex
    public var regions: TermIndex
    public var attachments: [AttachmentFile]
    public var pages: [Page]

    public static func requirementRoute(_ r: ResolvedRequirement) -> String {
        // Joined rather than interpolated, which costs more (callgrind): made for every requirement page.
        let (list, slug) = (r.requirement.listID, r.requirement.slug)
        var route = "lists/"
        route.reserveCapacity(8 + list.utf8.count + slug.utf8.count)
        route += list
        route += "/"
        route += slug
        route += "/"
        return route
    }

    public static func termRoute(_ kind: VocabularyKind, _ id: String) -> String { "\(kind.rawValue)/\(id)/" }

    public init(_ resolved: Resolved) {
        settings = resolved.site
        vocabularies = resolved.vocabularies
        buildDate = resolved.buildDate
        requirements = resolved.requirements
        attachments = resolved.attachments
        industries = TermIndex(vocabulary: resolved.vocabularies.industries, requirements: requirements) {
            $0.requirement.industries
        }
        regions = TermIndex(vocabulary: resolved.vocabularies.regions, requirements: requirements) { [$0.region] }

        var byList: [String: [Int]] = [:]
        for (i, r) in requirements.enumerated() { byList[r.requirement.listID, default: []].append(i) }
        let reqs = requirements, members = byList, vocabularies = resolved.vocabularies
        // Each list's order and statistics on every core.
        lists = Parallel.map(resolved.lists) { list in
            let ordered = (members[list.id] ?? []).sorted { Self.listOrder(reqs[$0], reqs[$1]) }
            return ListEntry(
                list: list, members: ordered,
                statistics: ListStatistics(
                    list: list, requirements: ordered.map { reqs[$0] }, vocabularies: vocabularies))
        }
        listPositionOfRequirement = Array(repeating: -1, count: requirements.count)
        listOfRequirement = listPositionOfRequirement
        for (i, entry) in lists.enumerated() {
            for (position, member) in entry.members.enumerated() {
                listPositionOfRequirement[member] = position
                listOfRequirement[member] = i
            }
            // Ids are unique (the list is its folder); the first wins, as a scan from the start would find it.
            if listPositions[entry.list.id] == nil { listPositions[entry.list.id] = i }
            for region in resolved.vocabularies.regions.lineage(of: entry.list.region) {
                listsByRegion[region, default: []].append(i)
            }
        }

        var pages: [Page] = [Page(route: "", kind: .home), Page(route: "lists/", kind: .lists)]
        let size = settings.pageSize
        for (i, entry) in lists.enumerated() {
            for page in 1...Pagination(total: entry.members.count, size: size).pageCount {
                pages.append(
                    Page(route: Pagination.route(base: entry.route, page: page), kind: .list(index: i, page: page)))
            }
        }
        for (i, r) in requirements.enumerated() {
            pages.append(Page(route: Self.requirementRoute(r), kind: .requirement(index: i)))
        }
        for index in [industries, regions] {
            let kind = index.vocabulary.kind
            pages.append(Page(route: "\(kind.rawValue)/", kind: .terms(kind)))
            // As `hasTermPage`, which cannot be called before every property is set.
            for term in index.vocabulary.terms
            where index.count(term.id) > 0 || (kind == .regions && listsByRegion[term.id] != nil) {
                let base = Self.termRoute(kind, term.id)
                for page in 1...Pagination(total: index.count(term.id), size: size).pageCount {
                    pages.append(
                        Page(
                            route: Pagination.route(base: base, page: page), kind: .term(kind, id: term.id, page: page))
                    )
                }
            }
        }
        pages.append(Page(route: "search/", kind: .search))
        pages.append(Page(route: "404.html", kind: .notFound))
        self.pages = pages
    }

    /// Within a list: by code where given (the official order), then by slug.
    static func listOrder(_ a: ResolvedRequirement, _ b: ResolvedRequirement) -> Bool {
        switch (a.requirement.code, b.requirement.code) {
        case (let x?, let y?) where x != y: return x.localizedStandardCompareLess(y)
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.requirement.slug < b.requirement.slug
        }
    }

    /// Newest first, then by id: the order of term pages, the feed and "latest" sections.
    public static func newestFirst(_ a: ResolvedRequirement, _ b: ResolvedRequirement) -> Bool {
        a.published != b.published ? a.published > b.published : a.id < b.id
    }

    /// The list with this id, if it is published.
    public func list(id: String) -> ListEntry? { listPositions[id].map { lists[$0] } }

    /// Where the requirement at `index` (in `requirements`) stands in its list's `members`: its neighbours on
    /// its page are the members before and after it.
    public func listPosition(ofRequirement index: Int) -> Int? {
        let position = listPositionOfRequirement[index]
        return position >= 0 ? position : nil
    }

    /// The list of the requirement at `index` (in `requirements`), as a position in `lists`: the list `list(id:)`
    /// finds by the requirement's `listID`, without hashing the id.
    public func listIndex(ofRequirement index: Int) -> Int? {
        let list = listOfRequirement[index]
        return list >= 0 ? list : nil
    }

    /// Whether the industry or region `id` has a page (SCHEMA.md §8): it has a requirement, or (a region) a list
    /// published there or under it. Every link to a term page asks this first, so none points at a missing page.
    public func hasTermPage(_ kind: VocabularyKind, _ id: String) -> Bool {
        switch kind {
        case .industries: industries.count(id) > 0
        case .regions: regions.count(id) > 0 || listsByRegion[id] != nil
        case .categories: false
        }
    }

    /// The lists whose region is `region` or lies under it (a list in 中关村 is also in 北京), newest first.
    public func lists(inRegion region: String) -> [ListEntry] { listsByRegion[region, default: []].map { lists[$0] } }
}

extension String {
    /// Numeric-aware ordering without Foundation's locale: `ZGC-2` before `ZGC-10`. Codes are ASCII (`B0115-050`):
    /// those are compared over their bytes, where each is a character (not a carriage return, which joins a line
    /// feed after it); any other text character by character (`numericCharactersLess`), with the same result.
    func localizedStandardCompareLess(_ other: String) -> Bool {
        let byBytes = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in Self.numericBytesLess(a, b) }
        }
        if let inPlace = byBytes, let ascii = inPlace, let result = ascii { return result }
        return numericCharactersLess(other)
    }

    /// The order of `localizedStandardCompareLess` over two ASCII texts' bytes; nil when either is not ASCII or
    /// holds a carriage return.
    static func numericBytesLess(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        func isPlain(_ text: UnsafeBufferPointer<UInt8>) -> Bool { !text.contains { $0 >= 0x80 || $0 == 0x0D } }
        guard isPlain(a) && isPlain(b) else { return nil }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var i = 0, j = 0
        while i < a.count && j < b.count {
            let (ca, cb) = (a[i], b[j])
            guard isDigit(ca) && isDigit(cb) else {
                if ca != cb { return ca < cb }
                i += 1
                j += 1
                continue
            }
            // A run of digits on each side: fewer digits (leading zeros aside) first, then digit by digit.
            var (endA, endB) = (i, j)
            while endA < a.count && isDigit(a[endA]) { endA += 1 }
            while endB < b.count && isDigit(b[endB]) { endB += 1 }
            var (startA, startB) = (i, j)
            while startA < endA && a[startA] == 0x30 { startA += 1 }
            while startB < endB && b[startB] == 0x30 { startB += 1 }
            if endA - startA != endB - startB { return endA - startA < endB - startB }
            for k in 0..<(endA - startA) where a[startA + k] != b[startB + k] { return a[startA + k] < b[startB + k] }
            (i, j) = (endA, endB)
        }
        return i == a.count && j < b.count
    }

    /// `localizedStandardCompareLess` character by character.
    func numericCharactersLess(_ other: String) -> Bool {
        var a = Substring(self), b = Substring(other)
        while let ca = a.first, let cb = b.first {
            if ca.isASCIIDigit && cb.isASCIIDigit {
                let na = a.prefix { $0.isASCIIDigit }, nb = b.prefix { $0.isASCIIDigit }
                let ta = na.drop { $0 == "0" }, tb = nb.drop { $0 == "0" }
                if ta.count != tb.count { return ta.count < tb.count }
                if ta != tb { return ta < tb }
                a = a.dropFirst(na.count)
                b = b.dropFirst(nb.count)
            } else {
                if ca != cb { return ca < cb }
                a = a.dropFirst()
                b = b.dropFirst()
            }
        }
        return a.isEmpty && !b.isEmpty
    }
}
