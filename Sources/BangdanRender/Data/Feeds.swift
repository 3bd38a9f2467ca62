import BangdanCore
import BangdanLoad
import BangdanSite
import Mustache

/// The Atom feed, the sitemap and robots.txt.
enum Feeds {
    /// The newest requirements, newest first. Capped so the feed stays small on a site of thousands.
    static let feedLimit = 100

    static func atom(_ model: SiteModel) -> String {
        let settings = model.settings
        let newest = model.requirements.sorted(by: SiteModel.newestFirst).prefix(feedLimit)
        let updated = newest.first?.published ?? model.buildDate
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(settings.language.rawValue)">
            <title>\(xml(settings.title))</title>
            <id>\(xml(absolute(settings, "")))</id>
            <link rel="alternate" type="text/html" href="\(xml(absolute(settings, "")))"/>
            <link rel="self" type="application/atom+xml" href="\(xml(absolute(settings, "feed.xml")))"/>
            <updated>\(timestamp(updated))</updated>

            """
        for r in newest {
            let link = absolute(settings, SiteModel.requirementRoute(r))
            out += "<entry>\n<title>\(xml(r.requirement.title))</title>\n<id>\(xml(link))</id>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(xml(link))\"/>\n"
            out += "<published>\(timestamp(r.published))</published>\n<updated>\(timestamp(r.published))</updated>\n"
            out += "<author><name>\(xml(r.requirement.issuer.name))</name></author>\n"
            if let summary = r.summary { out += "<summary>\(xml(summary))</summary>\n" }
            for id in r.requirement.industries { out += "<category term=\"\(xml(id))\"/>\n" }
            out += "</entry>\n"
        }
        return out + "</feed>\n"
    }

    static func sitemap(_ model: SiteModel) -> String {
        var out =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in model.pages where page.kind != .notFound {
            out += "<url><loc>\(xml(absolute(model.settings, page.route)))</loc></url>\n"
        }
        return out + "</urlset>\n"
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
