import BangdanCore
import Mustache

/// The values that are the same on every page and card: data from `site.yml` and the build, rendered and escaped
/// by the engine, never folded into template text; and the interface strings (`t.KEY`).
struct SiteFrame: ViewModel {
    /// The site's root (`/` or `/bangdan/`): assets, open data, feeds.
    let base: String
    /// The home page of the page's language (`/`, `/en/`): links to pages.
    let home: String
    let lang: String
    let siteTitle: String
    let ogLocale: String
    /// The other language's `og:locale` on a site in two languages.
    let ogLocaleAlternate: String?
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
        case base, home, lang, t
        case siteTitle = "site_title"
        /// The site's title for attributes (never marked as Chinese by `LanguageMarked`).
        case siteName = "site_name"
        case ogLocale = "og_locale"
        case ogLocaleAlternate = "og_locale_alternate"
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
        case .home: .string(home)
        case .lang: .string(lang)
        case .t: .object(strings)
        case .siteTitle, .siteName: .string(siteTitle)
        case .ogLocale: .string(ogLocale)
        case .ogLocaleAlternate: ogLocaleAlternate.mustacheValue
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
    /// The page's summary, shown as text where a template asks for `lead`.
    let description: String
    /// `description` as the head gives it (`PlainText.headDescription`): at most 120 characters.
    let headDescription: String
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
    /// On an English page with `title_en`, the Chinese title shown beside the English heading.
    let originalTitle: String?
    /// On a site in two languages: this page in every language (`hreflang`, with `x-default`), absolute.
    let alternates: [Alternate]
    /// On a site in two languages: the same page in the other language.
    let languageSwitch: LanguageSwitch?

    enum Key: String, ViewModelKey {
        case pageTitle = "page_title"
        case heading, column, canonical, nav, description
        /// The description shown as text, whole (marked when Chinese on an English page; `description`, clipped, is
        /// for the head's attributes).
        case lead
        case ogType = "og_type"
        case metaKeywords = "meta_keywords"
        case footer, article, breadcrumb
        case firstPageURL = "first_page_url"
        case feed
        case ogTitle = "og_title"
        case originalTitle = "original_title"
        case alternates
        case languageSwitch = "language_switch"
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .pageTitle: .string(pageTitle)
        case .heading, .ogTitle: .string(heading)
        case .originalTitle: originalTitle.mustacheValue
        case .alternates: alternates.mustacheValue
        case .languageSwitch: languageSwitch.mustacheValue
        case .column: .string(column)
        case .canonical: .string(canonical)
        case .nav: nav.mustacheValue
        case .description: .string(headDescription)
        case .lead: .string(description)
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

/// `<link rel="alternate" hreflang="…" href="…">`: this page in one language, or `x-default` (the main one).
struct Alternate: ViewModel {
    let hreflang: String
    let url: String

    enum Key: String, ViewModelKey {
        case hreflang, url
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .hreflang: .string(hreflang)
        case .url: .string(url)
        }
    }
}

/// The link to the same page in the other language, named in that language (`English`, `中文`) and marked with
/// its `lang` and `hreflang`.
struct LanguageSwitch: ViewModel {
    let name: String
    let url: String
    let lang: String

    enum Key: String, ViewModelKey {
        case name, url, lang
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .name: .string(name)
        case .url: .string(url)
        case .lang: .string(lang)
        }
    }
}
