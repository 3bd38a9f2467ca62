/// `content/site.yml` (SCHEMA.md §5), declared key by key in `Schema.site` (BangdanSchema), which decodes it.
public struct SiteSettings: Hashable, Sendable {
    public var title: String
    public var titleEn: String?
    public var baseURL: String
    /// The main language: the first of `languages` (site.yml `language`, or ▲ the first of `languages`).
    public var language: Language
    /// ▲ One or two languages, the main one first (SCHEMA.md §5); `[language]` when site.yml gives `language` only.
    public var languages: [Language]
    public var description: String?
    public var footer: String?
    public var pageSize: Int
    /// ▲ 主办单位, 政府网站标识码 and ICP备案号, for every page's footer and the government-site meta tags.
    public var owner: String?
    public var siteCode: String?
    public var icp: String?

    public init(
        title: String, titleEn: String? = nil, baseURL: String, language: Language = .zhCN,
        description: String? = nil, footer: String? = nil, pageSize: Int = 50, languages: [Language]? = nil,
        owner: String? = nil, siteCode: String? = nil, icp: String? = nil
    ) {
        self.title = title
        self.titleEn = titleEn
        self.baseURL = baseURL
        self.language = language
        self.description = description
        self.footer = footer
        self.pageSize = pageSize
        self.languages = languages ?? [language]
        self.owner = owner
        self.siteCode = siteCode
        self.icp = icp
    }

    /// The path part of `base_url`, always starting and ending with `/` (`/` or `/bangdan/`).
    public var basePath: String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let rest = baseURL[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        var path = String(rest[slash...].prefix { $0 != "?" && $0 != "#" })
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// `base_url` without a trailing slash, for absolute links (feed, sitemap, canonical).
    public var origin: String {
        baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }
}

extension SiteSettings {
    /// Where the pages of `language` live under the base path (SCHEMA.md §5): the main language at the root, the
    /// second under `en/` (or `zh/`).
    public func pathPrefix(_ language: Language) -> String {
        language == self.language ? "" : language.pick("zh/", "en/")
    }
}
