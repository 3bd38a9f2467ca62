/// `content/site.yml` (SCHEMA.md §5), declared key by key in `Schema.site` (BangdanSchema), which decodes it.
public struct SiteSettings: Hashable, Sendable {
    public var title: String
    public var titleEn: String?
    public var baseURL: String
    public var language: Language
    public var description: String?
    public var footer: String?
    public var pageSize: Int

    public init(
        title: String, titleEn: String? = nil, baseURL: String, language: Language = .zhCN,
        description: String? = nil, footer: String? = nil, pageSize: Int = 50
    ) {
        self.title = title
        self.titleEn = titleEn
        self.baseURL = baseURL
        self.language = language
        self.description = description
        self.footer = footer
        self.pageSize = pageSize
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
