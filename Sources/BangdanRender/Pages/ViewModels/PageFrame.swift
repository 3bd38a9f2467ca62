import BangdanCore
import Mustache

/// The values that are the same on every page and card: data from `site.yml` and the build, rendered and escaped
/// by the engine, never folded into template text; and the interface strings (`t.KEY`).
struct SiteFrame: ViewModel {
    let base: String
    let lang: String
    let siteTitle: String
    let ogLocale: String
    let built: String
    let builtISO: String
    /// ▲ The government site's footer and meta tags (SCHEMA.md §5): the host of `base_url` (`SiteDomain`),
    /// 主办单位, 网站标识码 (`SiteIDCode`) and ICP备案号, each nil when site.yml leaves it out.
    let siteDomain: String
    let owner: String?
    let siteCode: String?
    let icp: String?
    let strings: InterfaceStrings

    enum Key: String, ViewModelKey {
        case base, lang, t
        case siteTitle = "site_title"
        case ogLocale = "og_locale"
        case built
        case builtISO = "built_iso"
        case siteDomain = "site_domain"
        case owner
        case siteCode = "site_code"
        case icp
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .base: .string(base)
        case .lang: .string(lang)
        case .t: .object(strings)
        case .siteTitle: .string(siteTitle)
        case .ogLocale: .string(ogLocale)
        case .built: .string(built)
        case .builtISO: .string(builtISO)
        case .siteDomain: .string(siteDomain)
        case .owner: owner.mustacheValue
        case .siteCode: siteCode.mustacheValue
        case .icp: icp.mustacheValue
        }
    }
}

/// What `layout.mustache` shows around every page: title, description, navigation, breadcrumb, metadata.
struct PageFrame: ViewModel {
    let pageTitle: String
    let heading: String
    let column: String
    let canonical: String
    let nav: [NavLink]
    let description: String
    /// `article` for a list or requirement, `website` otherwise.
    let ogType: String
    let metaKeywords: String?
    let footer: String?
    let article: ArticleMeta?
    let breadcrumb: Breadcrumb?
    /// On page 2 on of a list or term, the address of its first page: the page then shows its header briefly,
    /// not its statistics again (SCHEMA.md §8). Nil on every first page.
    let firstPageURL: String?
    /// The Atom feed of a list, industry or region page.
    /// The page's own Atom feed, linked from its head.
    let feed: TitledLink?

    enum Key: String, ViewModelKey {
        case pageTitle = "page_title"
        case heading, column, canonical, nav, description
        case ogType = "og_type"
        case metaKeywords = "meta_keywords"
        case footer, article, breadcrumb
        case firstPageURL = "first_page_url"
        case feed
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .pageTitle: .string(pageTitle)
        case .heading: .string(heading)
        case .column: .string(column)
        case .canonical: .string(canonical)
        case .nav: nav.mustacheValue
        case .description: .string(description)
        case .ogType: .string(ogType)
        case .metaKeywords: metaKeywords.mustacheValue
        case .footer: footer.mustacheValue
        case .article: article.mustacheValue
        case .breadcrumb: breadcrumb.mustacheValue
        case .firstPageURL: firstPageURL.mustacheValue
        case .feed: feed.mustacheValue
        }
    }
}

/// An entry of the main navigation.
struct NavLink: ViewModel {
    let name: String
    let url: String
    /// The page is this entry or under it.
    let current: Bool

    enum Key: String, ViewModelKey {
        case name, url, current
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .name: .string(name)
        case .url: .string(url)
        case .current: .bool(current)
        }
    }
}

/// The page metadata of a list or requirement (`ArticleTitle`, `PubDate`, `ContentSource`).
struct ArticleMeta: ViewModel {
    let title: String
    /// ISO date.
    let pubdate: String
    let source: String

    enum Key: String, ViewModelKey {
        case title, pubdate, source
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .title: .string(title)
        case .pubdate: .string(pubdate)
        case .source: .string(source)
        }
    }
}

/// The pages above this one, and this one's name.
struct Breadcrumb: ViewModel {
    let items: [Link]
    let current: String

    enum Key: String, ViewModelKey {
        case items, current
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .items: items.mustacheValue
        case .current: .string(current)
        }
    }
}
