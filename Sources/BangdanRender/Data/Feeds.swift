import BangdanCore
import BangdanLoad
import BangdanSite
import Mustache

/// The Atom feeds, the sitemap and robots.txt; the feeds and the sitemap written as bytes (`ByteWriter`).
enum Feeds {
    /// The newest requirements, newest first. Capped so the feed stays small on a site of thousands.
    static let feedLimit = 100

    /// One Atom feed (SCHEMA.md §8): the site's at `/feed.xml`, and one beside each list, industry and region page
    /// (`/lists/<id>/feed.xml`, …), which links it with `<link rel="alternate">`.
    struct Channel: Sendable {
        /// The route of the page the feed follows (`""` for the site, `lists/<id>/`).
        let page: String
        let title: String
        /// Positions into `SiteModel.requirements`, newest first: the `feedLimit` the feed shows.
        let members: [Int]
        /// The feed's `updated` when it has no entry: a fixed date, so an empty feed keeps its bytes between builds.
        let emptyUpdated: Day

        var route: String { Feeds.route(page) }
    }

    /// Where the feed of the page at `page` is written.
    static func route(_ page: String) -> String { page + "feed.xml" }

    static func siteChannel(_ model: SiteModel) -> Channel {
        let newest = newest(model, Array(model.requirements.indices))
        return Channel(page: "", title: model.settings.title, members: newest, emptyUpdated: model.buildDate)
    }

    /// The newest `feedLimit` of `positions`, newest first (`SiteModel.newestFirst`: by date, then id), sorted on
    /// each requirement's date and id taken once: comparing through the requirements copied two of them on every
    /// comparison (a second at 100,000). A feed shows no more, and its key (`DependencyKeys`) holds no more.
    static func newest(_ model: SiteModel, _ positions: [Int]) -> [Int] {
        let keys = model.requirements.withUnsafeBufferPointer { r in positions.map { (r[$0].published, r[$0].id) } }
        let order = keys.indices.sorted { a, b in
            keys[a].0 != keys[b].0 ? keys[a].0 > keys[b].0 : keys[a].1 < keys[b].1
        }
        return order.prefix(feedLimit).map { positions[$0] }
    }

    static func listChannel(_ model: SiteModel, _ index: Int) -> Channel {
        let entry = model.lists[index]
        let newest = newest(model, entry.members)
        return Channel(
            page: entry.route, title: "\(entry.list.title) - \(model.settings.title)", members: newest,
            emptyUpdated: entry.list.published)
    }

    static func termChannel(_ model: SiteModel, _ kind: VocabularyKind, _ id: String) -> Channel {
        let index = kind == .industries ? model.industries : model.regions
        let name = model.vocabularies[kind][id]?.name(in: model.settings.language) ?? id
        // A region with lists but no requirement yet: its newest list's date.
        let newestList = kind == .regions ? model.lists(inRegion: id).first?.list.published : nil
        return Channel(
            page: SiteModel.termRoute(kind, id), title: "\(name) - \(model.settings.title)",
            members: Array((index.members[id] ?? []).prefix(feedLimit)), emptyUpdated: newestList ?? model.buildDate)
    }

    /// Every feed of the site: the site's, then each list's, each industry's and each region's that has a page.
    static func channels(_ model: SiteModel) -> [Channel] {
        var channels = [siteChannel(model)] + model.lists.indices.map { listChannel(model, $0) }
        for kind in [VocabularyKind.industries, .regions] {
            for term in model.vocabularies[kind].terms where model.hasTermPage(kind, term.id) {
                channels.append(termChannel(model, kind, term.id))
            }
        }
        return channels
    }

    /// ▲ When an entry last changed (SCHEMA.md §8): its latest `timeline` date or `published`, whichever is later.
    /// A milestone after the build date has not happened yet, so it does not count until a build on or after it.
    static func updated(_ r: ResolvedRequirement, buildDate: Day) -> Day {
        var latest = r.published
        for entry in r.requirement.timeline where entry.date <= buildDate {
            latest = max(latest, entry.date)
        }
        return latest
    }

    static func atom(_ model: SiteModel, _ channel: Channel) -> [UInt8] {
        let settings = model.settings
        let newest = channel.members.prefix(feedLimit)
        var origin = ByteWriter()
        origin.xml(settings.origin + "/")
        // Each entry's requirement read in place, not copied out of the model.
        return model.requirements.withUnsafeBufferPointer { requirements in
            let updates = newest.map { updated(requirements[$0], buildDate: model.buildDate) }
            let feedUpdated = updates.max() ?? channel.emptyUpdated
            var w = ByteWriter(capacity: 1024 + newest.count * 1024)
            w.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"")
            w.raw(settings.language.rawValue)
            w.raw("\">\n<title>")
            w.xml(channel.title)
            w.raw("</title>\n<id>")
            w.xml(absolute(settings, channel.page))
            w.raw("</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"")
            w.xml(absolute(settings, channel.page))
            w.raw("\"/>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"")
            w.xml(absolute(settings, channel.route))
            w.raw("\"/>\n<updated>")
            w.raw(timestamp(feedUpdated))
            w.raw("</updated>\n")
            for (position, entryUpdated) in zip(newest, updates) {
                entry(requirements[position], updated: entryUpdated, origin: origin.bytes, &w)
            }
            w.raw("</feed>\n")
            return w.bytes
        }
    }

    /// One `<entry>`; `origin` is `base_url`'s origin and `/`, escaped for XML.
    private static func entry(_ r: ResolvedRequirement, updated: Day, origin: [UInt8], _ w: inout ByteWriter) {
        let q = r.requirement
        w.raw("<entry>\n<title>")
        w.xml(q.title)
        w.raw("</title>\n<id>")
        // `absolute(settings, SiteModel.requirementRoute(r))`; percent-encoded, the route needs no escaping.
        w.raw(origin)
        w.requirementRoute(q)
        w.raw("</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"")
        w.raw(origin)
        w.requirementRoute(q)
        w.raw("\"/>\n<published>")
        w.raw(timestamp(r.published))
        w.raw("</published>\n<updated>")
        w.raw(timestamp(updated))
        w.raw("</updated>\n<author><name>")
        w.xml(q.issuer.name)
        w.raw("</name></author>\n")
        if let summary = r.summary {
            w.raw("<summary>")
            w.xml(summary)
            w.raw("</summary>\n")
        }
        for id in q.industries {
            w.raw("<category term=\"")
            w.xml(id)
            w.raw("\"/>\n")
        }
        w.raw("</entry>\n")
    }

    /// The most URLs one sitemap file may list (sitemaps.org): a site with more (a national list of 100,000
    /// requirements has about 110,000 pages, twice that in two languages) gets `sitemap.xml` as an index of part
    /// files, each listing at most this many.
    static let sitemapURLLimit = 50_000

    /// Every page but the 404 page, in every language (SCHEMA.md §5), in the model's page order: one `<url>` each;
    /// on a site in two languages each lists the page in both with `xhtml:link` alternates. Up to `limit` URLs
    /// this is the sitemap; with more, it is an index of the parts (`sitemap(_:part:limit:)`).
    static func sitemap(_ model: SiteModel, limit: Int) -> [UInt8] {
        let parts = sitemapParts(model, limit: limit)
        guard parts > 0 else { return urlset(model, urls: 0..<Int.max) }
        var w = ByteWriter(capacity: 128 + parts * 96)
        w.raw(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        )
        for part in 1...parts {
            w.raw("<sitemap><loc>")
            w.xml(absolute(model.settings, sitemapPartRoute(part)))
            w.raw("</loc></sitemap>\n")
        }
        w.raw("</sitemapindex>\n")
        return w.bytes
    }

    /// Part `part` (from 1) of a sitemap with more than `limit` URLs: the next `limit` of them in the same order.
    static func sitemap(_ model: SiteModel, part: Int, limit: Int) -> [UInt8] {
        urlset(model, urls: (part - 1) * limit..<part * limit)
    }

    /// How many part files the sitemap is split into at `limit` URLs a file: 0 when `sitemap.xml` holds them all.
    static func sitemapParts(_ model: SiteModel, limit: Int) -> Int {
        let pages = model.pages.count { $0.kind != .notFound }
        let urls = pages * model.settings.languages.count
        return urls > limit ? (urls + limit - 1) / limit : 0
    }

    static func sitemapPartRoute(_ part: Int) -> String { "sitemap-\(part).xml" }

    /// The `<urlset>` of the URLs at positions `urls` of the whole list.
    private static func urlset(_ model: SiteModel, urls: Range<Int>) -> [UInt8] {
        let settings = model.settings
        let prefixes = settings.languages.map { (language: $0, prefix: settings.pathPrefix($0)) }
        let bilingual = prefixes.count > 1
        let count = min(urls.count, model.pages.count * prefixes.count)
        var w = ByteWriter(capacity: 128 + count * (bilingual ? 256 : 96))
        w.raw(
            bilingual
                ? "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
                : "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        )
        var origin = ByteWriter()
        origin.xml(settings.origin + "/")
        var position = 0
        for (_, prefix) in prefixes {
            for page in model.pages where page.kind != .notFound {
                defer { position += 1 }
                guard urls.contains(position) else { continue }
                w.raw("<url><loc>")
                w.raw(origin.bytes)
                w.xml(prefix + Paths.encode(page.route))
                w.raw("</loc>")
                if bilingual {
                    for other in prefixes {
                        w.raw("<xhtml:link rel=\"alternate\" hreflang=\"")
                        w.xml(other.language.rawValue)
                        w.raw("\" href=\"")
                        w.raw(origin.bytes)
                        w.xml(other.prefix + Paths.encode(page.route))
                        w.raw("\"/>")
                    }
                }
                w.raw("</url>\n")
            }
        }
        w.raw("</urlset>\n")
        return w.bytes
    }

    static func robots(_ model: SiteModel) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(absolute(model.settings, "sitemap.xml"))\n"
    }

    /// An absolute URL for a route, from `base_url`.
    static func absolute(_ settings: SiteSettings, _ route: String) -> String {
        settings.origin + "/" + Paths.encode(route)
    }

    static func timestamp(_ day: Day) -> String { "\(day)T00:00:00Z" }

    static func xml(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
