import BangdanCore
import BangdanSite

/// Fingerprints of the build's inputs, as the render stage needs them to key each planned file: what every file
/// may show (`global`), and each requirement's and each list's own source files.
public struct RenderInputs: Sendable {
    /// Everything any file may show besides the requirements and lists: site settings, vocabularies, the theme,
    /// the build date, the program, and any input not attributed to one requirement or list.
    public var global: UInt64
    /// By requirement id (`list/slug`): its source file's bytes and its list's fingerprint (the defaults it
    /// inherits).
    public var requirements: [String: UInt64]
    /// By list id: its `_index.md` and its attachments (name, size, time).
    public var lists: [String: UInt64]
    /// By path relative to the site folder: an attachment's size and time.
    public var attachments: [String: UInt64]

    public init(
        global: UInt64, requirements: [String: UInt64], lists: [String: UInt64], attachments: [String: UInt64]
    ) {
        self.global = global
        self.requirements = requirements
        self.lists = lists
        self.attachments = attachments
    }
}

/// The dependency key of each planned file: one number made from the fingerprints of every input whose values
/// the file shows. Equal keys in two builds mean equal bytes, so a file whose key is unchanged is not rendered
/// again. Coarse where precision would be fragile: a requirement page depends on its requirement, its list and
/// its two neighbours in the list; a list's page on the list and all its members; a term's page on its
/// requirements' ids, the requirements it shows, its subterms and (a region's first page) its lists; a feed on its
/// channel and members; a fragment of the search index on the requirements whose rows it holds; the sitemap on
/// every page's route, robots.txt on `global` alone; every other file (home and index pages, open data, the rest of
/// the search index, and any kind of file added later) on the whole content. Every key also holds `global` and the
/// file's own path. Nil (always rendered) when an input is unknown.
struct DependencyKeys {
    let model: SiteModel
    let inputs: RenderInputs
    /// `global` and every requirement and list, in the model's order.
    let everything: UInt64

    /// By vocabulary and term: the ids of the term's requirements in order, as one number, made once (a term's
    /// every page holds it; hashing the ids on each page would cost pages × requirements).
    let termIDs: [VocabularyKind: [String: UInt64]]

    /// Changed whenever the meaning of a key changes, so an older build's keys never match.
    static let version = "dependency-keys 2"

    /// Each requirement's id and fingerprint by position in `model.requirements`, looked up once: reading them
    /// through the requirement would copy the whole value (dozens of retains) on every key.
    let ids: [String]
    let fingerprints: [UInt64?]
    /// Every page's route but the 404 page's, in order: what the sitemap lists.
    let pageRoutes: UInt64
    /// Each list's fingerprint (`inputs.lists`) by position in `model.lists`, looked up once.
    let listFingerprints: [UInt64?]

    init(model: SiteModel, inputs: RenderInputs) {
        self.model = model
        self.inputs = inputs
        let ids = model.requirements.map(\.id)
        let fingerprints = ids.map { inputs.requirements[$0] }
        self.ids = ids
        self.fingerprints = fingerprints
        listFingerprints = model.lists.map { inputs.lists[$0.list.id] }
        var routes = Fingerprint()
        for page in model.pages where page.kind != .notFound {
            routes.add(UInt64(page.route.utf8.count))
            routes.add(page.route)
        }
        pageRoutes = routes.value
        var all = Fingerprint()
        all.add(Self.version)
        all.add(inputs.global)
        all.add(UInt64(ids.count))
        for (id, fingerprint) in zip(ids, fingerprints) {
            all.add(id)
            all.add(fingerprint ?? 0)
        }
        all.add(UInt64(model.lists.count))
        for entry in model.lists {
            all.add(entry.list.id)
            all.add(inputs.lists[entry.list.id] ?? 0)
        }
        for attachment in model.attachments {
            all.add(attachment.path)
            all.add(inputs.attachments[attachment.path] ?? 0)
        }
        everything = all.value
        var termIDs: [VocabularyKind: [String: UInt64]] = [:]
        for index in [model.industries, model.regions] {
            termIDs[index.vocabulary.kind] = index.members.mapValues { positions in
                var fingerprint = Fingerprint()
                fingerprint.add(UInt64(positions.count))
                for position in positions { fingerprint.add(ids[position]) }
                return fingerprint.value
            }
        }
        self.termIDs = termIDs
    }

    /// The key of each requirement's row in the open data (`RowTable`), by position in `model.requirements`: its
    /// id and its own fingerprint (its file and its list's) with `global`, which holds the build date, the
    /// vocabularies, the site settings and the program. Nil when a requirement's fingerprint is unknown.
    func rowKeys() -> [UInt64]? {
        var keys: [UInt64] = []
        keys.reserveCapacity(ids.count)
        for (id, fingerprint) in zip(ids, fingerprints) {
            guard let fingerprint else { return nil }
            var key = Fingerprint()
            key.add("row")
            key.add(Self.version)
            key.add(inputs.global)
            key.add(id)
            key.add(fingerprint)
            keys.append(key.value)
        }
        return keys
    }

    func key(of file: SiteRendering.Planned) -> UInt64? {
        var key = Fingerprint()
        key.add(Self.version)
        key.add(file.path)
        switch file.source {
        case .page(let page, _):
            // A page's language is fixed by its path, which the key holds.
            switch page.kind {
            case .requirement(let index): return requirementPage(index, &key)
            case .list(let index, let number): return listPage(index, number, &key)
            case .term(let kind, let id, let number): return termPage(kind, id, number, &key)
            default: break
            }
        case .feed(let channel):
            // Exactly what `Feeds.atom` reads: the channel, and its members in order.
            key.add(inputs.global)
            key.add(channel.page)
            key.add(channel.title)
            key.add(channel.emptyUpdated.description)
            return members(channel.members, &key) ? key.value : nil
        case .searchFragment(let positions, _):
            // Its rows: each a function of its requirement (its file and its list's) and `global` alone.
            key.add(inputs.global)
            return members(positions, &key) ? key.value : nil
        case .data(.sitemap), .sitemapPart:
            // Exactly what `Feeds.sitemap` reads: the settings (in `global`) and the pages' routes (the limit is
            // fixed, and a part's number is in its path).
            key.add(inputs.global)
            key.add(pageRoutes)
            return key.value
        case .data(.robots):
            key.add(inputs.global)
            return key.value
        case .asset(let name):
            key.add(inputs.global)
            key.add(name)
            return key.value
        case .attachment(let from):
            guard let attachment = inputs.attachments[from] else { return nil }
            key.add(from)
            key.add(attachment)
            return key.value
        default: break
        }
        key.add("everything")
        key.add(everything)
        return key.value
    }

    /// Its requirement, its list (title, defaults, attachment sizes), the requirements before and after it.
    private func requirementPage(_ index: Int, _ key: inout Fingerprint) -> UInt64? {
        // By positions, not by the list's id: the list and its members read in place, nothing hashed to find them.
        guard let own = fingerprints[index], let listIndex = model.listIndex(ofRequirement: index),
            let list = listFingerprints[listIndex], let position = model.listPosition(ofRequirement: index)
        else { return nil }
        key.add(inputs.global)
        key.add(ids[index])
        key.add(own)
        key.add(model.lists[listIndex].list.id)
        key.add(list)
        let members = model.lists[listIndex].members
        for neighbour in stride(from: position - 1, through: position + 1, by: 2) {
            guard members.indices.contains(neighbour) else {
                key.add("none")
                continue
            }
            let other = members[neighbour]
            guard let fingerprint = fingerprints[other] else { return nil }
            key.add(ids[other])
            key.add(fingerprint)
        }
        return key.value
    }

    /// The list, and every member in order (its statistics, its cards and its pager count them all).
    private func listPage(_ index: Int, _ number: Int, _ key: inout Fingerprint) -> UInt64? {
        let entry = model.lists[index]
        key.add(inputs.global)
        key.add(UInt64(number))
        return list(entry, &key) ? key.value : nil
    }

    /// A list's id and files, and its members in order: false when an input is unknown.
    private func list(_ entry: ListEntry, _ key: inout Fingerprint) -> Bool {
        guard let list = inputs.lists[entry.list.id] else { return false }
        key.add(entry.list.id)
        key.add(list)
        return members(entry.members, &key)
    }

    /// The requirements at `positions`, in order, by id and fingerprint: false when one is unknown.
    private func members(_ positions: some Collection<Int>, _ key: inout Fingerprint) -> Bool {
        key.add(UInt64(positions.count))
        for position in positions {
            guard let fingerprint = fingerprints[position] else { return false }
            key.add(ids[position])
            key.add(fingerprint)
        }
        return true
    }

    /// One page of an industry or region: the ids of all its requirements in order (its count, its pager and
    /// which of them this page shows), the requirements on this page, its subterms' counts and whether they have
    /// pages, and on a region's first page its lists with all their members (their summaries).
    private func termPage(_ kind: VocabularyKind, _ id: String, _ number: Int, _ key: inout Fingerprint) -> UInt64? {
        let index = kind == .industries ? model.industries : model.regions
        let positions = index.members[id] ?? []
        key.add(inputs.global)
        key.add(kind.rawValue)
        key.add(id)
        key.add(UInt64(number))
        key.add(UInt64(positions.count))
        key.add(termIDs[kind]?[id] ?? 0)
        let range = Pagination(total: positions.count, size: model.settings.pageSize).range(ofPage: number)
        guard members(positions[range], &key) else { return nil }
        for child in index.vocabulary.children(of: id) {
            key.add(child.id)
            key.add(UInt64(index.count(child.id)))
            key.add(model.hasTermPage(kind, child.id) ? "page" : "none")
        }
        if kind == .regions && number == 1 {
            let lists = model.lists(inRegion: id)
            key.add(UInt64(lists.count))
            for entry in lists {
                guard list(entry, &key) else { return nil }
            }
        }
        return key.value
    }
}
