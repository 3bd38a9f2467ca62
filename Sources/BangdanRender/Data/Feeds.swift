import BangdanCore
import BangdanLoad
import BangdanSite
import Mustache

/// The Atom feed, the sitemap and robots.txt; the feed and the sitemap written as bytes (`ByteWriter`).
enum Feeds {
    /// The newest requirements, newest first. Capped so the feed stays small on a site of thousands.
    static let feedLimit = 100

    static func atom(_ model: SiteModel) -> [UInt8] {
        let settings = model.settings
        // Positions sorted, not the requirements themselves: moving 100,000 large values took a second.
        let all = model.requirements
        let newest = all.indices.sorted { SiteModel.newestFirst(all[$0], all[$1]) }.prefix(feedLimit).map { all[$0] }
        let updated = newest.first?.published ?? model.buildDate
        var w = ByteWriter(capacity: 1024 + newest.count * 1024)
        w.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"")
        w.raw(settings.language.rawValue)
        w.raw("\">\n<title>")
        w.xml(settings.title)
        w.raw("</title>\n<id>")
        w.xml(absolute(settings, ""))
        w.raw("</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"")
        w.xml(absolute(settings, ""))
        w.raw("\"/>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"")
        w.xml(absolute(settings, "feed.xml"))
        w.raw("\"/>\n<updated>")
        w.raw(timestamp(updated))
        w.raw("</updated>\n")
        for r in newest {
            let link = absolute(settings, SiteModel.requirementRoute(r))
            w.raw("<entry>\n<title>")
            w.xml(r.requirement.title)
            w.raw("</title>\n<id>")
            w.xml(link)
            w.raw("</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"")
            w.xml(link)
            w.raw("\"/>\n<published>")
            w.raw(timestamp(r.published))
            w.raw("</published>\n<updated>")
            w.raw(timestamp(r.published))
            w.raw("</updated>\n<author><name>")
            w.xml(r.requirement.issuer.name)
            w.raw("</name></author>\n")
            if let summary = r.summary {
                w.raw("<summary>")
                w.xml(summary)
                w.raw("</summary>\n")
            }
            for id in r.requirement.industries {
                w.raw("<category term=\"")
                w.xml(id)
                w.raw("\"/>\n")
            }
            w.raw("</entry>\n")
        }
        w.raw("</feed>\n")
        return w.bytes
    }

    /// Every page but the 404 page, in the model's page order.
    static func sitemap(_ model: SiteModel) -> [UInt8] {
        var w = ByteWriter(capacity: 128 + model.pages.count * 96)
        w.raw(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        )
        var origin = ByteWriter()
        origin.xml(model.settings.origin + "/")
        for page in model.pages where page.kind != .notFound {
            w.raw("<url><loc>")
            w.raw(origin.bytes)
            w.xml(Paths.encode(page.route))
            w.raw("</loc></url>\n")
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
