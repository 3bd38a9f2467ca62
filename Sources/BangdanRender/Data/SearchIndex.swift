import BangdanCore
import BangdanSite
import Foundation

/// The search index, chunked in the manner of Pagefind: the search page's script downloads a small manifest, then
/// only what a query needs.
///
/// - `search/manifest.json`: the build date, the number of requirements, the facets with each value's display
///   name, parent and count, the number of token shards and where everything else is.
/// - `search/t/N.json`: shard N of the inverted index, `{token: postings}`; a token lives in shard
///   `fnv1a32(utf8(token)) % shards`. Tokens (`tokens(indexing:)`): Han characters alone and in adjacent pairs;
///   every other run of letters and digits, lowercased after NFKC, and each of its prefixes.
/// - `search/f/N.json`: display rows `fragmentRows` at a time (documents N·rows ..< (N+1)·rows), fetched only for
///   the results shown.
/// - `search/facets.json`: each facet value's postings, fetched once a query or a filter needs counts.
/// - `search/sort/newest.json`, `search/sort/bounty.json`: the documents in another order, fetched only for it.
///
/// Documents are numbered in the default order (deadline soonest first, none last, then by URL), so the first page
/// of results is the lowest numbers. Postings are those numbers, ascending, Rice-coded (`Postings`). Every file is
/// a function of the model alone: the same content gives the same bytes.
enum SearchIndex {
    /// One file of the index: its path relative to the language's root (`search/…`), and its bytes.
    struct File: Sendable, Equatable {
        let path: String
        let bytes: [UInt8]
    }

    static let manifestPath = "search/manifest.json"
    /// Rows per fragment file: a page of results fetches at most `pageSize` small files, never a large one.
    static let fragmentRows = 4
    /// Results per page in the script: about a phone's screen and a half, so few fragments are fetched per key.
    static let pageSize = 10
    /// Letters of a word indexed as prefixes; a longer query word is cut to this many.
    static let maximumPrefix = 20
    /// About this many bytes of postings per shard.
    static let shardTarget = 6_000
    /// Documents whose tokens are made at once.
    static let tokenChunk = 2_048

    /// Every file of the index, in path order within each kind, for the builder's language and URL prefix.
    /// `chunk`: documents whose tokens are made at once (the bytes never depend on it).
    static func files(_ builder: PageBuilder, chunk: Int = tokenChunk) -> [File] {
        let index = planned(builder, chunk: chunk)
        let fragments = index.fragments.enumerated().map { n, positions in
            File(path: fragmentPath(n), bytes: fragment(builder, positions))
        }
        // The manifest, the shards, the fragments, then the rest.
        let afterShards = 1 + index.shardCount
        return Array(index.files[..<afterShards]) + fragments + index.files[afterShards...]
    }

    /// The index as the render stage plans it: every file but the fragments (`files`: the manifest, then
    /// `shardCount` shards, the facets and the other orders), and the documents of each fragment as positions in
    /// `model.requirements` (`fragments[n]` is `fragmentPath(n)`), made one at a time by `fragment` when the write
    /// stage needs it. A fragment's rows are all it shows, so its dependency key is theirs (`DependencyKeys`), and
    /// an edit makes again only the fragment that holds the edited requirement.
    struct Planned {
        let files: [File]
        let shardCount: Int
        let fragments: [[Int]]
        /// The token groups made, for the next build.
        let tokens: SearchTokenCache
    }

    static func fragmentPath(_ n: Int) -> String { "search/f/\(n).json" }

    /// One fragment's bytes: the rows of the documents at `positions`, in order.
    static func fragment(_ builder: PageBuilder, _ positions: [Int]) -> [UInt8] {
        var bytes: [UInt8] = [0x5B, 0x0A]
        for position in positions {
            if bytes.count > 2 { bytes += [0x2C, 0x0A] }
            appendRow(builder, builder.model.requirements[position], to: &bytes)
        }
        bytes += [0x0A, 0x5D, 0x0A]
        return bytes
    }

    /// The index as the render stage plans it (`Planned`).
    /// `earlier`: the token groups of the last build (`SearchTokenCache`), read back where unchanged.
    static func planned(
        _ builder: PageBuilder, chunk: Int = tokenChunk, earlier: SearchTokenCache = SearchTokenCache()
    ) -> Planned {
        let model = builder.model
        // Each requirement's route, the last key of every order, made once for all of them.
        let routes = Parallel.map(Array(model.requirements.indices)) { routeBytes(model.requirements[$0]) }
        let order = sortedPositions(builder, .closing, routes: routes)
        var document = [Int](repeating: 0, count: model.requirements.count)
        for (id, position) in order.enumerated() { document[position] = id }

        var files: [File] = []
        // Inverted index: the tokens of each group of documents, read back or made (Data/SearchTokens.swift), then
        // each token's documents in ascending order, encoded: patched from the last build's index where only a few
        // groups changed (Data/SearchIndexPatch.swift), else merged from every group.
        let fields: @Sendable (Int) -> [String] = { searchableFields(model.requirements[order[$0]]) }
        let groups = tokenGroups(count: order.count, chunk: chunk, earlier: earlier, fields: fields)
        var tokens: SearchTokenCache
        let index: EncodedIndex
        var allPlain = true
        if let kept = earlier.index,
            let patched = patched(kept, groups: groups, count: order.count, chunk: chunk, earlier: earlier)
        {
            index = patched
            tokens = SearchTokenCache(groups)
        } else {
            let merged = merged(groups, chunk: chunk, fields: fields)
            index = EncodedIndex(merged.postings)
            allPlain = merged.allPlain
            tokens = SearchTokenCache(groups, retokenized: merged.retokenized)
        }
        if allPlain {
            tokens.index = KeptIndex(count: order.count, chunk: chunk, keys: groups.map(\.key), index: index)
        }
        let total = index.postings.reduce(0) { $0 + $1.count }
        let shards = shardCount(forBytes: total)
        var shardEntries = [[Int]](repeating: [], count: shards)
        index.bytes.withUnsafeBufferPointer { bytes in
            for (n, token) in index.tokens.enumerated() {
                shardEntries[shard(of: UnsafeBufferPointer(rebasing: bytes[token]), shards: shards)].append(n)
            }
        }
        // Each shard `{"token":"postings",…}`, as `JSONText.object` writes it, straight into its bytes.
        let shardBytes = Parallel.map(shardEntries, serialUpTo: 1) { entries in
            var bytes: [UInt8] = [0x7B]
            index.bytes.withUnsafeBufferPointer { stored in
                for (i, n) in entries.enumerated() {
                    if i > 0 { bytes.append(0x2C) }
                    appendJSONString(UnsafeBufferPointer(rebasing: stored[index.tokens[n]]), to: &bytes)
                    bytes.append(0x3A)
                    bytes.append(0x22)
                    bytes += stored[index.postings[n]]
                    bytes.append(0x22)
                }
            }
            bytes += [0x7D, 0x0A]
            return bytes
        }
        for (n, bytes) in shardBytes.enumerated() { files.append(File(path: "search/t/\(n).json", bytes: bytes)) }

        // Display rows, `fragmentRows` to a file, made when the file is (`fragment`).
        let fragments = stride(from: 0, to: order.count, by: fragmentRows).map {
            Array(order[$0..<min(order.count, $0 + fragmentRows)])
        }

        // Facets: each value's documents.
        let facets = self.facets(builder, document: document)
        let facetJSON = JSONText.object(
            facets.map { facet in
                (facet.id, JSONText.array(facet.values.map { JSONText.quote(Postings.encode($0.documents)) }))
            })
        files.append(File(path: "search/facets.json", bytes: Array((facetJSON + "\n").utf8)))

        // The other orders.
        for sort in Sort.allCases where sort != .closing {
            let ids = sortedPositions(builder, sort, routes: routes).map { document[$0] }
            let width = Postings.width(forCount: ids.count)
            let json = JSONText.object([
                ("width", "\(width)"), ("order", JSONText.quote(Postings.fixedWidth(ids, width: width))),
            ])
            files.append(File(path: "search/sort/\(sort.rawValue).json", bytes: Array((json + "\n").utf8)))
        }

        files.insert(
            File(path: manifestPath, bytes: manifest(builder, facets: facets, shards: shards)), at: 0)
        return Planned(files: files, shardCount: shards, fragments: fragments, tokens: tokens)
    }

    // MARK: Documents

    /// Positions in `model.requirements`, in document order: deadline soonest first, none last, then by URL (the
    /// default sort, so a page of results in that order is the lowest document numbers).
    static func documentOrder(_ builder: PageBuilder) -> [Int] { sortedPositions(builder, .closing) }

    /// The orders the script offers.
    enum Sort: String, CaseIterable, Sendable {
        case closing, newest, bounty

        var label: UIString {
            switch self {
            case .closing: .sortClosing
            case .newest: .sortNewest
            case .bounty: .sortBounty
            }
        }
    }

    /// A requirement's route percent-encoded (`Paths.encode(SiteModel.requirementRoute(r))`), as bytes: the last
    /// key of every order. Its URL is the route after a prefix every requirement shares, and percent-encoded text
    /// is ASCII, whose bytes order as `String` orders it: ordering the routes' bytes is ordering the URLs.
    static func routeBytes(_ r: ResolvedRequirement) -> [UInt8] {
        var writer = ByteWriter(capacity: 8 + r.requirement.listID.utf8.count + r.requirement.slug.utf8.count)
        writer.requirementRoute(r.requirement)
        return writer.bytes
    }

    /// `routes`: each requirement's `routeBytes`, when the caller has them already.
    static func sortedPositions(_ builder: PageBuilder, _ sort: Sort, routes: [[UInt8]]? = nil) -> [Int] {
        let model = builder.model
        let routes = routes ?? model.requirements.map(routeBytes)
        let positions = Array(model.requirements.indices)
        // The keys first, so the comparisons read two small values rather than two requirements.
        switch sort {
        case .closing:
            let deadlines = model.requirements.map { $0.deadline }
            return positions.sorted { a, b in
                let x = deadlines[a], y = deadlines[b]
                if x != y {
                    guard let x else { return false }
                    guard let y else { return true }
                    return x < y
                }
                return routes[a].lexicographicallyPrecedes(routes[b])
            }
        case .newest:
            let published = model.requirements.map { $0.published }
            return positions.sorted { a, b in
                let x = published[a], y = published[b]
                return x != y ? x > y : routes[a].lexicographicallyPrecedes(routes[b])
            }
        case .bounty:
            let figures = model.requirements.map { $0.requirement.bounty?.figure }
            return positions.sorted { a, b in
                let x = figures[a], y = figures[b]
                if x != y {
                    guard let x else { return false }
                    guard let y else { return true }
                    return x > y
                }
                return routes[a].lexicographicallyPrecedes(routes[b])
            }
        }
    }

    /// What a query is matched against: the title, every issuer, the code, the keywords and the indicators, each
    /// on its own line so no pair of characters spans two of them.
    static func searchableText(_ r: ResolvedRequirement) -> String { searchableFields(r).joined(separator: "\n") }

    /// The lines of `searchableText`.
    static func searchableFields(_ r: ResolvedRequirement) -> [String] {
        // One array of the right size, appended to: joining five arrays made four more, on every build for every
        // requirement (the search stage's groups are keyed by these fields). `r.requirement` read in place each
        // time: a `let` of it would copy (retain) all of it.
        var fields: [String] = []
        fields.reserveCapacity(
            3 + r.requirement.issuers.count + r.requirement.keywords.count + r.requirement.indicators.count)
        fields.append(r.requirement.title)
        fields.append(r.requirement.titleEn ?? "")
        for issuer in r.requirement.issuers { fields.append(issuer.name) }
        fields.append(r.requirement.code ?? "")
        fields.append(contentsOf: r.requirement.keywords)
        for indicator in r.requirement.indicators {
            switch indicator {
            case .text(let s): fields.append(s)
            case .target(let n, let t): fields.append(n + " " + t)
            }
        }
        return fields
    }

    /// One result's display row: the keys search.js shows (`t` title, `u` URL, `i` issuers, `in` industries, `rn`
    /// region, `s` status class, `sl` status, `cs` closing soon by the build's one rule, `bd` bounty, `dd` deadline).
    static func row(_ builder: PageBuilder, _ r: ResolvedRequirement) -> String {
        var bytes: [UInt8] = []
        appendRow(builder, r, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `row`, as `JSONText.object` writes it, appended to bytes.
    static func appendRow(_ builder: PageBuilder, _ r: ResolvedRequirement, to bytes: inout [UInt8]) {
        // `r.requirement` read in place each time: a `let` of it would copy (retain) all of it for each row.
        let format = builder.format
        func field(_ key: StaticString, _ value: String) {
            key.withUTF8Buffer { bytes += $0 }
            appendJSONString(value, to: &bytes)
        }
        field("{\"t\":", builder.title(r.requirement.title, en: r.requirement.titleEn))
        field(",\"u\":", builder.url(SiteModel.requirementRoute(r)))
        field(",\"i\":", format.joined(r.requirement.issuers.map(\.name)))
        field(",\"in\":", format.joined(r.requirement.industries.map { builder.termName(.industries, $0) }))
        field(",\"rn\":", builder.termName(.regions, r.region))
        field(",\"s\":", r.effectiveStatus.rawValue)
        field(",\"sl\":", format.effectiveStatus(r))
        if r.isClosingSoon { bytes += Array(",\"cs\":true".utf8) }
        if let display = format.amount(r.requirement.bounty) { field(",\"bd\":", display) }
        if let deadline = r.deadline { field(",\"dd\":", format.moment(Moment(day: deadline, time: r.deadlineTime))) }
        bytes.append(0x7D)
    }

    // MARK: Tokens

    /// The tokens a text is indexed under: each Han character and each pair of adjacent ones; each other run of
    /// letters and digits (NFKC, lowercased), with each of its prefixes up to `maximumPrefix` letters.
    static func tokens(indexing text: String) -> Set<String> {
        var tokens: Set<String> = []
        for run in runs(text) {
            switch run {
            case .han(let characters):
                for (i, c) in characters.enumerated() {
                    tokens.insert(String(c))
                    if i + 1 < characters.count { tokens.insert(String(c) + String(characters[i + 1])) }
                }
            case .word(let scalars):
                var prefix = ""
                for scalar in scalars.prefix(maximumPrefix) {
                    prefix.unicodeScalars.append(scalar)
                    tokens.insert(prefix)
                }
            }
        }
        return tokens
    }

    /// The tokens a query looks up, all of which a document must have (search.js does the same): a run of one
    /// Han character is that character, a longer run its adjacent pairs; a word is its prefix of `maximumPrefix`.
    static func tokens(querying text: String) -> [String] {
        var tokens: [String] = []
        for run in runs(text) {
            switch run {
            case .han(let characters) where characters.count == 1: tokens.append(String(characters[0]))
            case .han(let characters):
                for i in 0..<(characters.count - 1) {
                    tokens.append(String(characters[i]) + String(characters[i + 1]))
                }
            case .word(let scalars):
                var word = ""
                word.unicodeScalars.append(contentsOf: scalars.prefix(maximumPrefix))
                tokens.append(word)
            }
        }
        var seen: Set<String> = []
        return tokens.filter { seen.insert($0).inserted }
    }

    enum Run {
        case han([Unicode.Scalar])
        case word([Unicode.Scalar])
    }

    /// The runs of Han characters and of other letters and digits, after NFKC and lowercasing; everything else
    /// (spaces, punctuation, symbols) separates runs.
    static func runs(_ text: String) -> [Run] {
        let normal = text.precomposedStringWithCompatibilityMapping.lowercased()
        var runs: [Run] = []
        var current: [Unicode.Scalar] = []
        var currentIsHan = false
        func flush() {
            if !current.isEmpty { runs.append(currentIsHan ? .han(current) : .word(current)) }
            current = []
        }
        for scalar in normal.unicodeScalars {
            let han = isHan(scalar)
            guard han || isWordScalar(scalar) else {
                flush()
                continue
            }
            if han != currentIsHan { flush() }
            currentIsHan = han
            current.append(scalar)
        }
        flush()
        return runs
    }

    /// The CJK Unified Ideographs, their extension A, the compatibility ideographs and the supplementary planes'
    /// ideographs (search.js tests the same ranges).
    static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: true
        default: false
        }
    }

    /// A letter or a number (`\p{L}` or `\p{N}` in search.js).
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber, .otherNumber:
            true
        default: false
        }
    }

    /// FNV-1a, 32 bits, of the token's UTF-8 (search.js computes the same with `Math.imul`).
    static func shard(of token: String, shards: Int) -> Int {
        var token = token
        return token.withUTF8 { shard(of: $0, shards: shards) }
    }

    static func shard(of utf8: UnsafeBufferPointer<UInt8>, shards: Int) -> Int {
        Int(TokenTable.hash(utf8) % UInt32(shards))
    }

    /// A JSON string literal, appended, exactly as `JSONText.quote` writes it: `"` and `\\` escaped, `\n`, `\r`,
    /// `\t`, other control characters as `\u00xx`, and `<`, `>`, `&`, U+2028, U+2029 as `\uXXXX`.
    static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendJSONString($0, to: &bytes) }
    }

    static func appendJSONString(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        JSONText.appendEscaped(utf8: utf8, to: &bytes)
        bytes.append(0x22)
    }

    /// A power of two that gives shards of about `shardTarget` bytes; 1 to 4096.
    static func shardCount(forBytes bytes: Int) -> Int {
        var shards = 1
        while shards < 4096 && bytes / shards > shardTarget { shards *= 2 }
        return shards
    }

    // MARK: Facets

    /// A facet of the search page: its values in display order, each with its documents.
    struct Facet: Sendable {
        let id: String
        let name: String
        let values: [Value]

        struct Value: Sendable {
            let id: String
            let name: String
            /// The parent value in a tree (industries, regions): its documents include this value's.
            let parent: String?
            let depth: Int
            /// Document numbers, ascending.
            let documents: [Int]
        }
    }

    /// Industry and region (each value counts its descendants, as the term pages do), status, category, bounty
    /// band and deadline window. `document` maps a position in `model.requirements` to its document number.
    static func facets(_ builder: PageBuilder, document: [Int]) -> [Facet] {
        let model = builder.model, format = builder.format, t = builder.t
        func tree(_ index: TermIndex) -> [Facet.Value] {
            index.usedTerms.map { term in
                Facet.Value(
                    id: term.id, name: format.termName(term), parent: term.parent,
                    depth: index.vocabulary.lineage(of: term.id).count - 1,
                    documents: (index.members[term.id] ?? []).map { document[$0] }.sorted())
            }
        }
        // The flat facets in one pass over the requirements: per facet, per value, the documents.
        let categories = model.vocabularies.categories.terms
        let categoryIndex = Dictionary(categories.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var status = [[Int]](repeating: [], count: Status.allCases.count)
        var category = [[Int]](repeating: [], count: categories.count)
        var band = [[Int]](repeating: [], count: BountyBand.allCases.count)
        var window = [[Int]](repeating: [], count: DeadlineWindow.allCases.count)
        // The few properties read where they are: a requirement is large, and copying each out of the array was
        // most of this loop.
        model.requirements.withUnsafeBufferPointer { requirements in
            for position in requirements.indices {
                let id = document[position]
                status[requirements[position].effectiveStatus.order].append(id)
                if let c = categoryIndex[requirements[position].category] { category[c].append(id) }
                band[BountyBand(requirements[position].requirement.bounty).order].append(id)
                let windows = DeadlineWindow.windows(
                    deadline: requirements[position].deadline, closingSoon: requirements[position].isClosingSoon,
                    buildDate: model.buildDate)
                for w in windows { window[w.order].append(id) }
            }
        }
        func flat(_ ids: [String], _ names: [String], _ documents: [[Int]]) -> [Facet.Value] {
            (0..<ids.count).map { i in
                Facet.Value(id: ids[i], name: names[i], parent: nil, depth: 0, documents: documents[i].sorted())
            }
        }
        return [
            Facet(id: "industry", name: t[.industry], values: tree(model.industries)),
            Facet(id: "region", name: t[.region], values: tree(model.regions)),
            Facet(
                id: "status", name: t[.status],
                values: flat(Status.allCases.map(\.rawValue), Status.allCases.map(format.status), status)),
            Facet(
                id: "category", name: t[.category],
                values: flat(categories.map(\.id), categories.map(format.termName), category)),
            Facet(
                id: "bounty", name: t[.bountyBand],
                values: flat(BountyBand.allCases.map(\.rawValue), BountyBand.allCases.map { t[$0.label] }, band)),
            Facet(
                id: "deadline", name: t[.deadlineWindow],
                values: flat(
                    DeadlineWindow.allCases.map(\.rawValue), DeadlineWindow.allCases.map { t[$0.label] }, window)),
        ]
    }

    // MARK: Manifest

    static func manifest(_ builder: PageBuilder, facets: [Facet], shards: Int) -> [UInt8] {
        let model = builder.model
        let facetJSON = facets.map { facet in
            JSONText.object([
                ("id", JSONText.quote(facet.id)), ("name", JSONText.quote(facet.name)),
                (
                    "values",
                    JSONText.array(
                        facet.values.map { value in
                            var pairs: [(String, String)] = [
                                ("id", JSONText.quote(value.id)), ("name", JSONText.quote(value.name)),
                                ("count", "\(value.documents.count)"),
                            ]
                            if let parent = value.parent { pairs.append(("parent", JSONText.quote(parent))) }
                            if value.depth > 0 { pairs.append(("depth", "\(value.depth)")) }
                            return JSONText.object(pairs)
                        })
                ),
            ])
        }
        let sorts = Sort.allCases.map { sort in
            var pairs: [(String, String)] = [
                ("id", JSONText.quote(sort.rawValue)), ("name", JSONText.quote(builder.t[sort.label])),
            ]
            if sort != .closing { pairs.append(("file", JSONText.quote("sort/\(sort.rawValue).json"))) }
            return JSONText.object(pairs)
        }
        let json = JSONText.object([
            ("version", "1"), ("built", JSONText.quote(model.buildDate.description)),
            ("count", "\(model.requirements.count)"), ("shards", "\(shards)"), ("tokens", JSONText.quote("t/")),
            ("fragments", JSONText.quote("f/")), ("rows", "\(fragmentRows)"), ("page", "\(pageSize)"),
            ("prefix", "\(maximumPrefix)"), ("facet_file", JSONText.quote("facets.json")),
            ("facets", "[\n" + facetJSON.joined(separator: ",\n") + "\n]"), ("sorts", JSONText.array(sorts)),
        ])
        return Array((json + "\n").utf8)
    }
}

/// The bounty bands of the search page's facet, in 万元 (`Amount.figure`): the one definition the index and the
/// page use.
enum BountyBand: String, CaseIterable, Sendable {
    case under100 = "lt100"
    case from100 = "100-500"
    case from500 = "500-1000"
    case from1000 = "ge1000"
    case negotiable
    /// No figure in 万元 to band by: undisclosed, 不设金额, or a foreign currency (never converted).
    case none

    init(_ amount: Amount?) {
        if amount == .negotiable {
            self = .negotiable
            return
        }
        guard let figure = amount?.figure else {
            self = .none
            return
        }
        if figure < Wan(whole: 100) {
            self = .under100
        } else if figure < Wan(whole: 500) {
            self = .from100
        } else if figure < Wan(whole: 1000) {
            self = .from500
        } else {
            self = .from1000
        }
    }

    /// Position in `allCases`.
    // Safe: every case is in `allCases`.
    var order: Int { BountyBand.allCases.firstIndex(of: self)! }

    var label: UIString {
        switch self {
        case .under100: .bandLt100
        case .from100: .band100500
        case .from500: .band5001000
        case .from1000: .bandGe1000
        case .negotiable: .bandNegotiable
        case .none: .bandNone
        }
    }
}

/// The deadline windows of the search page's facet, from the build date (never the reader's clock). A requirement
/// may be in several (closing soon and this month); one whose deadline is more than 90 days away is in none.
enum DeadlineWindow: String, CaseIterable, Sendable {
    /// `closing_soon`, the build's one rule (`ResolvedRequirement.isClosingSoon`).
    case soon
    /// Not passed, in the build date's calendar month.
    case month
    /// Not passed, at most 90 days after the build date.
    case quarter
    case passed
    case none

    static func windows(of r: ResolvedRequirement, buildDate: Day) -> [DeadlineWindow] {
        windows(deadline: r.deadline, closingSoon: r.isClosingSoon, buildDate: buildDate)
    }

    static func windows(deadline: Day?, closingSoon: Bool, buildDate: Day) -> [DeadlineWindow] {
        guard let deadline else { return [.none] }
        let days = buildDate.days(until: deadline)
        if days < 0 { return [.passed] }
        var windows: [DeadlineWindow] = []
        if closingSoon { windows.append(.soon) }
        if deadline.year == buildDate.year && deadline.month == buildDate.month { windows.append(.month) }
        if days <= 90 { windows.append(.quarter) }
        return windows
    }

    /// Position in `allCases`.
    // Safe: every case is in `allCases`.
    var order: Int { DeadlineWindow.allCases.firstIndex(of: self)! }

    var label: UIString {
        switch self {
        case .soon: .windowSoon
        case .month: .windowMonth
        case .quarter: .windowQuarter
        case .passed: .windowPassed
        case .none: .windowNone
        }
    }
}

/// Sets of document numbers as text: Rice-coded gaps in a URL-safe base64 alphabet, six bits a character, most
/// significant first. The first character is the Rice parameter k; then each gap g ≥ 1 (the first from -1) as
/// (g-1) >> k ones, a zero and the low k bits of g-1. The last character is padded with ones, which never end a
/// code. Chosen k is the one that makes the shortest text, so a dense set costs about a bit a document and a
/// sparse one a few bits an entry.
enum Postings {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ ids: [Int]) -> String { String(decoding: encodeBytes(ids), as: UTF8.self) }

    /// `encode`'s text as bytes: the gaps between the ids (each less one) Rice-coded with the `k` that takes
    /// fewest bits (`alphabet[k]` first), each gap as `gap >> k` ones, a zero and its low `k` bits, six bits a
    /// character of `alphabet`, the last padded with ones. Made in one pass to choose `k` over the few around the
    /// mean gap's log, then one into an array of the exact size.
    static func encodeBytes<C: BidirectionalCollection>(_ ids: C) -> [UInt8] where C.Element: BinaryInteger {
        // The gaps add up to the last id plus one, less one for each id.
        let count = ids.count, sum = ids.last.map { Int($0) + 1 - count } ?? 0
        var previous = -1
        // The best k is near log2 of the mean gap: try the few around it.
        let mean = count == 0 ? 0 : sum / count
        var log = 0
        while log < 30 && (1 << (log + 1)) <= mean { log += 1 }
        // The sums of `gap >> k` for the four k from `first`, in one pass; each k's bits are its sum plus a zero
        // and k low bits a gap.
        let first = max(0, log - 2)
        var (s0, s1, s2, s3) = (0, 0, 0, 0)
        previous = -1
        for id in ids {
            let gap = Int(id) - previous - 1
            previous = Int(id)
            s0 += gap >> first
            s1 += gap >> (first + 1)
            s2 += gap >> (first + 2)
            s3 += gap >> (first + 3)
        }
        var best = first, bestBits = s0 + count * (1 + first)
        for (n, sum) in [s1, s2, s3].enumerated() where first + 1 + n <= log + 1 {
            let k = first + 1 + n, bits = sum + count * (1 + k)
            if bits < bestBits { (best, bestBits) = (k, bits) }
        }
        return [UInt8](unsafeUninitializedCapacity: 1 + (bestBits + 5) / 6) { out, written in
            alphabet.withUnsafeBufferPointer { alphabet in
                out[0] = alphabet[best]
                var at = 1
                // Bits gather in `pending` (its low `pendingBits`, fewer than six between gaps, so at most 37) and
                // leave six at a time.
                var pending: UInt64 = 0, pendingBits = 0
                func put(_ value: UInt64, bits: Int) {
                    pending = pending << UInt64(bits) | value
                    pendingBits += bits
                    while pendingBits >= 6 {
                        pendingBits -= 6
                        out[at] = alphabet[Int(truncatingIfNeeded: (pending >> UInt64(pendingBits)) & 63)]
                        at += 1
                    }
                    pending &= (1 << UInt64(pendingBits)) - 1
                }
                let low = UInt64((1 << best) - 1)
                previous = -1
                for id in ids {
                    let gap = Int(id) - previous - 1
                    previous = Int(id)
                    var ones = gap >> best
                    while ones > 0 {
                        let run = min(ones, 30)
                        put((1 << UInt64(run)) - 1, bits: run)
                        ones -= run
                    }
                    // The zero, then the low bits.
                    put(UInt64(gap) & low, bits: 1 + best)
                }
                if pendingBits > 0 { put((1 << UInt64(6 - pendingBits)) - 1, bits: 6 - pendingBits) }
                written = at
            }
        }
    }

    static func decode(_ text: String) -> [Int] {
        var value: [UInt8: Int] = [:]
        for (i, c) in alphabet.enumerated() { value[c] = i }
        let chars = Array(text.utf8)
        guard let first = chars.first, let k = value[first] else { return [] }
        var bits: [Int] = []
        for c in chars.dropFirst() {
            let v = value[c] ?? 0
            for shift in stride(from: 5, through: 0, by: -1) { bits.append((v >> shift) & 1) }
        }
        var ids: [Int] = [], position = 0, previous = -1
        while true {
            var q = 0
            while position < bits.count && bits[position] == 1 {
                q += 1
                position += 1
            }
            guard position < bits.count, position + 1 + k <= bits.count else { return ids }
            position += 1
            var r = 0
            for _ in 0..<k {
                r = r << 1 | bits[position]
                position += 1
            }
            previous += (q << k | r) + 1
            ids.append(previous)
        }
    }

    /// Characters per number in `fixedWidth` for numbers below `count`.
    static func width(forCount count: Int) -> Int {
        var width = 1
        while count > 1 << (6 * width) { width += 1 }
        return width
    }

    /// Each number in `width` characters of the alphabet, most significant first.
    static func fixedWidth(_ ids: [Int], width: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(ids.count * width)
        for id in ids {
            for place in stride(from: width - 1, through: 0, by: -1) { out.append(alphabet[(id >> (6 * place)) & 63]) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
