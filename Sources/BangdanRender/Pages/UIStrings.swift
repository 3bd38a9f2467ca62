import BangdanCore
import Mustache

/// Every interface string, in both languages (issue: nothing in templates is hard-coded in either language).
/// Templates read one as `{{t.KEY}}`, KEY being the raw value; Swift code names it by its case, so a misspelt key
/// does not build, and `texts` does not build until every key has both its languages.
enum UIString: String, CaseIterable, Sendable {
    // Phrases with `{placeholders}`, filled by `Format`; also labels the view models pick by value.
    case dateFormat = "date_format"
    case dateMonthFormat = "date_month_format"
    case dateYearFormat = "date_year_format"
    case noteFormat = "note_format"
    case daysLeftFormat = "days_left_format"
    case daysLeftOne = "days_left_one"
    case closesToday = "closes_today"
    case deadlinePassed = "deadline_passed"
    case pageNoteFormat = "page_note_format"
    case batchFormat = "batch_format"
    case link
    case negotiable
    case callClosed = "call_closed"
    case statusOpen = "status_open"
    case statusMatching = "status_matching"
    case statusSigned = "status_signed"
    case statusCompleted = "status_completed"
    case statusWithdrawn = "status_withdrawn"
    case statusClosed = "status_closed"
    case issuerStateOwned = "issuer_state-owned"
    case issuerPrivate = "issuer_private"
    case issuerForeign = "issuer_foreign"
    case issuerUniversity = "issuer_university"
    case issuerInstitute = "issuer_institute"
    case issuerGovernment = "issuer_government"
    case issuerOther = "issuer_other"

    // Interface text.
    case skip
    case navLabel = "nav_label"
    case home
    case lists
    case industries
    case regions
    case search
    case breadcrumb
    case openData = "open_data"
    case feed
    case builtOn = "built_on"
    // ▲ Issue 12: paged pages, the government footer, search without JavaScript.
    case pageTitleFormat = "page_title_format"
    case pageLabelFormat = "page_label_format"
    case firstPageList = "first_page_list"
    case firstPageTerm = "first_page_term"
    case siteOwner = "site_owner"
    case siteCodeLabel = "site_code_label"
    case icpLabel = "icp_label"
    case searchResults = "search_results"
    case searchBrowse = "search_browse"
    case listsNewestFirst = "lists_newest_first"
    case totals
    case totalLists = "total_lists"
    case totalRequirements = "total_requirements"
    case totalListsOne = "total_lists_one"
    case totalRequirementsOne = "total_requirements_one"
    case totalBounty = "total_bounty"
    case totalOpen = "total_open"
    case closingSoon = "closing_soon"
    case closingSoonBadge = "closing_soon_badge"
    case noClosing = "no_closing"
    case openNow = "open_now"
    case newestLists = "newest_lists"
    case allLists = "all_lists"
    case browseIndustries = "browse_industries"
    case browseRegions = "browse_regions"
    case publisher
    case region
    case published
    case deadline
    case program
    case batch
    case category
    case source
    case sourceNotice = "source_notice"
    case statistics
    case statRequirements = "stat_requirements"
    case statBountyTotal = "stat_bounty_total"
    case statDisclosed = "stat_disclosed"
    case statAtLeast1000 = "stat_at_least_1000"
    case statNegotiable = "stat_negotiable"
    case statOutOfRegion = "stat_out_of_region"
    case byIndustry = "by_industry"
    case byStatus = "by_status"
    case chartTable = "chart_table"
    // ▲ Issue 12: charts on the lists and term pages, each with its table alternative.
    case chartCounted = "chart_counted"
    case chartDeclared = "chart_declared"
    case chartTotal = "chart_total"
    case notDeclared = "not_declared"
    case listColumn = "list_column"
    case overview
    case byList = "by_list"
    case byRegion = "by_region"
    case count
    case requirements
    case noRequirements = "no_requirements"
    case code
    case industry
    case issuer
    case issuerType = "issuer_type"
    case creditCode = "credit_code"
    case bounty
    case bountyUndisclosed = "bounty_undisclosed"
    case funding
    case status
    case lifecycle
    case solvers
    case contact
    case contactName = "contact_name"
    case phone
    case email
    case address
    case keywords
    case indicators
    case indicatorName = "indicator_name"
    case indicatorTarget = "indicator_target"
    // What a reader needs to take a call on (contract version 2): eligibility, how to apply, timeline, extra facts.
    case applyNow = "apply_now"
    case applyPortal = "apply_portal"
    case takePart = "take_part"
    case eligibility
    case howToApply = "how_to_apply"
    case period
    case ip
    case timeline
    case today
    case extraFacts = "extra_facts"
    case leadIssuer = "lead_issuer"
    case solverLead = "solver_lead"
    case solverMember = "solver_member"
    case solverProjectFormat = "solver_project_format"
    case solversUndisclosed = "solvers_undisclosed"
    case deadlineWithTime = "deadline_with_time"
    case noDeadlineSet = "no_deadline_set"
    // ▲ Issue 12 items 2 and 3: passing the page on (link, QR code) and the countdown page.js keeps true.
    case sharePage = "share_page"
    case pageLink = "page_link"
    case copyLink = "copy_link"
    case linkCopied = "link_copied"
    case copyFailed = "copy_failed"
    case qrCodeLabel = "qr_code_label"
    case qrCaption = "qr_caption"
    case declaredRequirementsFormat = "declared_requirements_format"
    case declaredBountyFormat = "declared_bounty_format"
    case attachments
    case details
    case facts
    case previous
    case next
    case inList = "in_list"
    case pages
    case pagePrevious = "page_previous"
    case pageNext = "page_next"
    case pageOf = "page_of"
    case subterms
    case listsHere = "lists_here"
    case industriesIntro = "industries_intro"
    case regionsIntro = "regions_intro"
    case searchIntro = "search_intro"
    case searchNoscript = "search_noscript"
    case query
    case queryHint = "query_hint"
    case any
    case bountyBand = "bounty_band"
    case bandLt100 = "band_lt100"
    case band100500 = "band_100_500"
    case band5001000 = "band_500_1000"
    case bandGe1000 = "band_ge1000"
    case bandNegotiable = "band_negotiable"
    case deadlineWindow = "deadline_window"
    case bandNone = "band_none"
    case windowSoon = "window_soon"
    case windowMonth = "window_month"
    case windowQuarter = "window_quarter"
    case windowPassed = "window_passed"
    case windowNone = "window_none"
    case sort
    case sortClosing = "sort_closing"
    case sortNewest = "sort_newest"
    case sortBounty = "sort_bounty"
    case apply
    case reset
    case results
    case resultsOne = "results_one"
    case resultsFormat = "results_format"
    case noResults = "no_results"
    case showMore = "show_more"
    case searchLoading = "search_loading"
    case searchFailed = "search_failed"
    case facetsLegend = "facets_legend"
    case notFoundTitle = "not_found_title"
    case notFoundText = "not_found_text"
    case dataRequirementsJson = "data_requirements_json"
    case dataRequirementsCsv = "data_requirements_csv"
    case dataListsJson = "data_lists_json"
    case columnHome = "column_home"
    case columnLists = "column_lists"
    case columnRequirement = "column_requirement"
    case columnSearch = "column_search"
    case requirementCountSuffix = "requirement_count_suffix"
    case listCountSuffix = "list_count_suffix"
    // Counts with their noun, one and many (`Format.counted`): 1 requirement, 2 requirements.
    case requirementCountOne = "requirement_count_one"
    case listCountOne = "list_count_one"
    // The language switch: the name of its navigation.
    case languageLabel = "language_label"

    /// The string in Chinese and in English.
    var texts: (zh: String, en: String) {
        switch self {
        case .dateFormat: ("{year}年{month}月{day}日", "{iso}")
        case .dateMonthFormat: ("{year}年{month}月", "{iso}")
        case .dateYearFormat: ("{year}年", "{iso}")
        case .noteFormat: ("{main}（{note}）", "{main} ({note})")
        case .daysLeftFormat: ("剩余 {n} 天", "{n} days left")
        case .daysLeftOne: ("剩余 {n} 天", "{n} day left")
        case .closesToday: ("今天截止", "closes today")
        case .deadlinePassed: ("已过截止日期", "deadline passed")
        case .pageNoteFormat: ("第 {page} / {count} 页", "page {page} of {count}")
        case .batchFormat: ("第{n}批", "No. {n}")
        case .link: ("链接", "Link")
        case .negotiable: ("面议", "negotiable")
        case .callClosed: ("征集已截止", "Call closed")
        case .statusOpen: ("征集中", "Open")
        case .statusMatching: ("对接中", "Matching")
        case .statusSigned: ("已签约", "Signed")
        case .statusCompleted: ("已完成", "Completed")
        case .statusWithdrawn: ("已撤榜", "Withdrawn")
        case .statusClosed: ("已截止", "Closed")
        case .issuerStateOwned: ("国有企业", "State-owned enterprise")
        case .issuerPrivate: ("民营企业", "Private enterprise")
        case .issuerForeign: ("外资企业", "Foreign enterprise")
        case .issuerUniversity: ("高校", "University")
        case .issuerInstitute: ("科研院所", "Research institute")
        case .issuerGovernment: ("政府部门", "Government")
        case .issuerOther: ("其他", "Other")
        case .skip: ("跳到正文", "Skip to content")
        case .navLabel: ("主导航", "Main navigation")
        case .home: ("首页", "Home")
        case .lists: ("榜单", "Lists")
        case .industries: ("产业领域", "Industries")
        case .regions: ("地区", "Regions")
        case .search: ("检索", "Search")
        case .breadcrumb: ("当前位置", "Breadcrumb")
        case .openData: ("开放数据", "Open data")
        case .feed: ("订阅（Atom）", "Feed (Atom)")
        case .builtOn: ("状态截至", "Status as of")
        case .pageTitleFormat: ("{title} 第{page}页", "{title} – Page {page}")
        case .pageLabelFormat: ("第{page}页", "Page {page}")
        case .firstPageList: ("榜单简介与统计见第 1 页", "The list's introduction and statistics are on page 1")
        case .firstPageTerm: ("回到第 1 页", "Back to page 1")
        case .siteOwner: ("主办单位：", "Run by: ")
        case .siteCodeLabel: ("网站标识码：", "Website code: ")
        case .icpLabel: ("ICP备案号：", "ICP filing: ")
        case .searchResults: ("检索结果", "Results")
        case .searchBrowse: ("按产业领域、地区或榜单浏览", "Browse by industry, region or list")
        case .listsNewestFirst: ("全部榜单，最新发布在前", "All lists, newest first")
        case .totals: ("总体情况", "At a glance")
        case .totalLists: ("榜单", "lists")
        case .totalRequirements: ("技术需求", "requirements")
        case .totalListsOne: ("榜单", "list")
        case .totalRequirementsOne: ("技术需求", "requirement")
        case .totalBounty: ("已披露揭榜金额", "disclosed bounties")
        case .totalOpen: ("正在征集", "open now")
        case .closingSoon: ("即将截止", "Closing soon")
        case .closingSoonBadge: ("即将截止", "Closing soon")
        case .noClosing: ("目前没有设定截止日期的征集中需求。", "No open requirement has a deadline right now.")
        case .openNow: ("正在征集的需求", "Open requirements")
        case .newestLists: ("最新榜单", "Newest lists")
        case .allLists: ("全部榜单", "All lists")
        case .browseIndustries: ("按产业领域浏览", "Browse by industry")
        case .browseRegions: ("按地区浏览", "Browse by region")
        case .publisher: ("发布单位", "Publisher")
        case .region: ("地区", "Region")
        case .published: ("发布日期", "Published")
        case .deadline: ("截止日期", "Deadline")
        case .program: ("项目类型", "Programme")
        case .batch: ("批次", "Batch")
        case .category: ("榜单类别", "Category")
        case .source: ("来源", "Source")
        case .sourceNotice: ("官方通知", "Official notice")
        case .statistics: ("榜单统计", "Statistics")
        case .statRequirements: ("需求数", "Requirements")
        case .statBountyTotal: ("已披露揭榜金额", "Disclosed bounties")
        case .statDisclosed: ("披露金额的需求", "With a disclosed bounty")
        case .statAtLeast1000: ("1000万元及以上", "RMB 10 million or more")
        case .statNegotiable: ("金额面议", "Negotiable")
        case .statOutOfRegion: ("外省揭榜单位", "Solvers from other provinces")
        case .byIndustry: ("按产业领域", "By industry")
        case .byStatus: ("按状态", "By status")
        case .chartTable: ("图表数据", "Chart data")
        case .chartCounted: ("本站收录", "Counted")
        case .chartDeclared: ("通知公布", "Declared")
        case .chartTotal: ("合计", "Total")
        case .notDeclared: ("未公布", "not declared")
        case .listColumn: ("榜单", "List")
        case .overview: ("统计", "Statistics")
        case .byList: ("各榜单需求数", "Requirements per list")
        case .byRegion: ("各地区需求数", "Requirements by region")
        case .count: ("数量", "Count")
        case .requirements: ("技术需求", "Requirements")
        case .noRequirements: ("该榜单暂无收录的需求。", "No requirements are recorded for this list yet.")
        case .code: ("榜单编号", "Code")
        case .industry: ("产业领域", "Industry")
        case .issuer: ("发榜单位", "Issuer")
        case .issuerType: ("单位类型", "Type")
        case .creditCode: ("统一社会信用代码", "Credit code")
        case .bounty: ("揭榜金额", "Bounty")
        case .bountyUndisclosed: ("未披露", "not disclosed")
        case .funding: ("财政支持", "Public funding")
        case .status: ("状态", "Status")
        case .lifecycle: ("进展", "Progress")
        case .solvers: ("揭榜单位", "Solvers")
        case .contact: ("联系方式", "Contact")
        case .contactName: ("联系人", "Name")
        case .phone: ("电话", "Phone")
        case .email: ("电子邮箱", "Email")
        case .address: ("地址", "Address")
        case .keywords: ("关键词", "Keywords")
        case .indicators: ("技术指标", "Indicators")
        case .indicatorName: ("指标", "Indicator")
        case .indicatorTarget: ("要求", "Target")
        case .applyNow: ("我要揭榜", "Apply")
        case .applyPortal: ("申报入口", "Where to apply")
        case .takePart: ("申报指南", "How to take part")
        case .eligibility: ("揭榜条件", "Who may apply")
        case .howToApply: ("申报方式", "How to apply")
        case .period: ("实施周期", "Project period")
        case .ip: ("知识产权", "Intellectual property")
        case .timeline: ("时间安排", "Timeline")
        case .today: ("今天", "Today")
        case .extraFacts: ("其他信息", "Other facts")
        case .leadIssuer: ("牵头", "lead")
        case .solverLead: ("牵头", "lead")
        case .solverMember: ("联合", "member")
        case .solverProjectFormat: ("项目：{project}", "Project: {project}")
        case .solversUndisclosed: ("揭榜单位未公开", "The solvers have not been made public.")
        case .deadlineWithTime: ("截止时间", "Deadline")
        case .noDeadlineSet: ("未设截止日期", "no deadline set")
        case .sharePage: ("分享本页", "Share this page")
        case .pageLink: ("本页链接", "Link to this page")
        case .copyLink: ("复制链接", "Copy link")
        case .linkCopied: ("链接已复制", "Link copied")
        case .copyFailed: ("未能复制，请选中链接后手动复制", "Could not copy: select the link and copy it")
        case .qrCodeLabel: ("本页链接的二维码", "QR code of this page's link")
        case .qrCaption: ("用微信或手机扫码打开本页", "Scan with WeChat or a phone camera to open this page")
        case .declaredRequirementsFormat:
            ("本站收录 {counted} 项 · 通知公布 {declared} 项", "{counted} recorded here · {declared} in the official notice")
        case .declaredBountyFormat:
            (
                "揭榜金额：本站收录 {counted} · 通知公布 {declared}",
                "Bounties: {counted} recorded here · {declared} in the official notice"
            )
        case .attachments: ("附件", "Attachments")
        case .details: ("需求说明", "Description")
        case .facts: ("基本信息", "Key facts")
        case .previous: ("上一项", "Previous")
        case .next: ("下一项", "Next")
        case .inList: ("所属榜单", "List")
        case .pages: ("分页", "Pages")
        case .pagePrevious: ("上一页", "Previous page")
        case .pageNext: ("下一页", "Next page")
        case .pageOf: ("页", "page")
        case .subterms: ("下级分类", "Subcategories")
        case .listsHere: ("在此发布的榜单", "Lists published here")
        case .industriesIntro:
            (
                "按产业领域统计的技术需求，上级领域包含下级领域的数量。",
                "Requirements by industry; a field's count includes its subfields."
            )
        case .regionsIntro:
            (
                "按地区统计的技术需求，省级数量包含其下级地区。",
                "Requirements by region; a province's count includes its subregions."
            )
        case .searchIntro:
            (
                "按产业、地区、状态、类别、金额和截止时间筛选全部技术需求，或输入关键词检索。",
                "Filter all requirements by industry, region, status, category, bounty and deadline, or search by keyword."
            )
        case .searchNoscript:
            (
                "筛选和关键词检索需要浏览器启用 JavaScript；不启用也可以按下方的产业领域、地区或榜单浏览，或下载开放数据。",
                "Filtering and keyword search need JavaScript; without it, browse by industry, region or list below, or download the open data."
            )
        case .query: ("关键词", "Keywords")
        case .queryHint: ("标题、发榜单位、关键词或指标", "title, issuer, keyword or indicator")
        case .any: ("全部", "Any")
        case .bountyBand: ("揭榜金额", "Bounty")
        case .bandLt100: ("100万元以下", "under RMB 1 million")
        case .band100500: ("100–500万元", "RMB 1–5 million")
        case .band5001000: ("500–1000万元", "RMB 5–10 million")
        case .bandGe1000: ("1000万元及以上", "RMB 10 million or more")
        case .bandNegotiable: ("面议", "negotiable")
        case .deadlineWindow: ("截止时间", "Deadline")
        case .bandNone: ("未披露或不设金额", "not disclosed or none")
        case .windowSoon: ("即将截止", "closing soon")
        case .windowMonth: ("本月截止", "closing this month")
        case .windowQuarter: ("90 天内截止", "closing within 90 days")
        case .windowPassed: ("已过截止日期", "passed")
        case .windowNone: ("未设截止日期", "no deadline")
        case .sort: ("排序", "Sort")
        case .sortClosing: ("截止最近", "closing soonest")
        case .sortNewest: ("最新发布", "newest")
        case .sortBounty: ("金额最高", "highest bounty")
        case .apply: ("筛选", "Filter")
        case .reset: ("清除条件", "Clear")
        case .results: ("条结果", "results")
        case .resultsOne: ("1 条结果", "1 result")
        case .resultsFormat: ("{n} 条结果", "{n} results")
        case .noResults: ("没有符合条件的需求。", "No requirement matches.")
        case .showMore: ("显示更多结果", "Show more results")
        case .searchLoading: ("正在检索…", "Searching…")
        case .searchFailed:
            (
                "检索索引未能加载，请稍后重试，或按下方链接浏览。",
                "The search index could not be loaded; try again later, or browse with the links below."
            )
        case .facetsLegend: ("筛选条件", "Filters")
        case .notFoundTitle: ("页面不存在", "Page not found")
        case .notFoundText:
            (
                "没有找到这个页面。可以从首页、榜单或检索继续浏览。",
                "This page does not exist. Continue from the home page, the lists or search."
            )
        case .dataRequirementsJson: ("全部需求（JSON）", "All requirements (JSON)")
        case .dataRequirementsCsv: ("全部需求（CSV）", "All requirements (CSV)")
        case .dataListsJson: ("榜单与统计（JSON）", "Lists and statistics (JSON)")
        case .columnHome: ("首页", "Home")
        case .columnLists: ("榜单", "Lists")
        case .columnRequirement: ("技术需求", "Requirements")
        case .columnSearch: ("检索", "Search")
        case .requirementCountSuffix: ("项需求", "requirements")
        case .listCountSuffix: ("个榜单", "lists")
        case .requirementCountOne: ("项需求", "requirement")
        case .listCountOne: ("个榜单", "list")
        case .languageLabel: ("语言", "Language")
        }
    }
}

/// The interface strings of one language: by case in Swift (`strings[.home]`), by name in templates (`t.home`).
struct InterfaceStrings: Sendable, MustacheObject {
    let language: Language
    /// Every string by its template name, for `t.KEY` tags the theme could not fold into its text.
    let byName: NameTable<String>

    init(_ language: Language) {
        self.language = language
        self.byName = NameTable(UIStrings.table(language).map { ($0.key, $0.value) })
    }

    subscript(key: UIString) -> String {
        let texts = key.texts
        return language.pick(texts.zh, texts.en)
    }

    func mustacheValue(forKey key: String) -> MustacheValue? { byName[key].map(MustacheValue.string) }
}

enum UIStrings {
    /// Every interface string of `language` by its template name (the key of `t.KEY`).
    static func table(_ language: Language) -> [String: String] {
        var table: [String: String] = [:]
        for key in UIString.allCases { table[key.rawValue] = language.pick(key.texts.zh, key.texts.en) }
        return table
    }
}
