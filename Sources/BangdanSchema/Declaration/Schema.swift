import BangdanCore

/// Every field of the content contract (SCHEMA.md §3–§5), declared once: its key, kind and limits, whether it is
/// required, its meaning, and the property of the model its value fills. To add a field, give the model type
/// (BangdanCore/Model) its property and add one line here: decoding and its messages, unknown-field suggestions,
/// `bangdan schema`, docs/FIELDS.md (`make docs`), `bangdan new` and the requirement open data all follow.
/// Rules that compare fields (a deadline before publication, duplicate codes) stay code, in Decode and Resolve.
public enum Schema {
    public static let issuer: [Field<Issuer>] = [
        Field("name", .text(max: 100), \Issuer.name, required: true, "发榜单位名称", "issuer name", example: "力博重工科技股份有限公司"),
        Field(
            "type", .choice(.issuerType), \Issuer.type,
            "单位类型：state-owned 国有企业, private 民营企业, foreign 外资企业, university 高校, institute 科研院所, government 政府部门, other",
            "kind of organisation", example: "private"),
        Field(
            "credit_code", .creditCode, \Issuer.creditCode, "统一社会信用代码（18 位）",
            "unified social credit code (18 characters)"),
    ]

    public static let solver: [Field<Solver>] = [
        Field("name", .text(max: 100), \Solver.name, required: true, "揭榜单位名称", "solver name"),
        Field("region", .term(.regions), \Solver.region, "揭榜单位所在地区（regions.yml 中的 id）", "solver's region id"),
        // ▲ Contract version 2 ("Real lists"): consortia, projects, notes.
        Field(
            "role", .choice(.solverRole), \Solver.role, "联合体中的角色：lead 牵头, member 联合",
            "role in a consortium: lead or member", example: "lead"),
        Field("project", .text(max: 100), \Solver.project, "揭榜项目名称", "the solver's project name"),
        Field("note", .text(max: 50), \Solver.note, "备注，如 揭榜优胜单位、入围", "note, e.g. 揭榜优胜单位, 入围"),
    ]

    public static let contact: [Field<Contact>] = [
        Field("name", .text(max: 100), \Contact.name, "联系人", "contact person"),
        Field(
            "phone", .oneOrMany(.phone, max: 5), \Contact.phones,
            "电话，或最多 5 个电话的列表：7–20 位数字、空格、+ - ( )，可加分机号（转542、-542、ext. 542）",
            "phone, or a list of up to 5; an extension may follow", example: "\"0531-12345678 转542\""),
        Field("email", .email, \Contact.email, "电子邮箱", "email"),
        Field("address", .text(max: 200), \Contact.address, "地址", "address"),
    ]

    public static let indicator: [Field<IndicatorRow>] = [
        Field("name", .text(max: 100), \IndicatorRow.name, required: true, "指标名称", "indicator name"),
        Field("target", .text(max: 500), \IndicatorRow.target, required: true, "指标要求", "target value"),
    ]

    /// ▲ A list's `declared`: what its official notice states for the whole list.
    public static let declared: [Field<DeclaredTotals>] = [
        Field(
            "requirements", .integer(1...100_000), \DeclaredTotals.requirements, "通知所述需求总数（1–100000）",
            "number of requirements the notice states", example: "41"),
        Field(
            "bounty", .amount, \DeclaredTotals.bounty, "通知所述揭榜金额总额，如 52.42亿元", "total bounty the notice states",
            example: "52.42亿元"),
    ]

    public static let attachment: [Field<AttachmentLink>] = [
        Field("title", .text(max: 200), \AttachmentLink.title, required: true, "附件标题", "attachment title"),
        Field(
            "url", .link, \AttachmentLink.url, required: true, "http(s) 网址，或本榜单文件夹中的文件名",
            "http(s) URL or a file in the list folder"),
    ]

    /// ▲ One `timeline` entry (SCHEMA.md §4).
    public static let timelineEntry: [Field<TimelineEntry>] = [
        Field("date", .date, \TimelineEntry.date, required: true, "日期 YYYY-MM-DD", "date", example: "2023-05-31"),
        Field(
            "event", .text(max: 100), \TimelineEntry.event, required: true, "事项，如 宣讲会、申报截止、评审、结果公示",
            "milestone", example: "申报截止"),
        Field("time", .time, \TimelineEntry.time, "时间 HH:MM（北京时间）", "time of day HH:MM (China Standard Time)"),
    ]

    /// `lists/<id>/_index.md` (SCHEMA.md §3).
    public static let list: [Field<ChallengeList>] =
        [
            Field(
                "title", .text(max: 200), \ChallengeList.title, required: true, "榜单名称", "list title",
                example: "山东省2022年度产业关键核心技术\"揭榜挂帅\"项目榜单"),
            Field(
                "publisher", .text(max: 100), \ChallengeList.publisher, required: true, "发布单位", "publisher",
                example: "山东省工业和信息化厅"),
            Field(
                "region", .term(.regions), \ChallengeList.region, required: true, "地区（regions.yml 中的 id）", "region id",
                example: "shandong"),
            Field(
                "published", .partialDate, \ChallengeList.published, required: true,
                "发布日期 YYYY-MM-DD；只知月份或年份时写 YYYY-MM 或 YYYY", "publication date (or its month or year)",
                example: "2022-06-29"),
            Field(
                "deadline", .date, \ChallengeList.deadline, "默认截止日期，不早于发布日期", "default deadline for its requirements",
                example: "2022-08-31"),
            Field("program", .text(max: 100), \ChallengeList.program, "项目类型，如 揭榜挂帅、强链工程", "programme", example: "揭榜挂帅"),
            Field("batch", .integer(1...99), \ChallengeList.batch, "第几批（1–99）", "batch number", example: "1"),
            Field(
                "category", .term(.categories), \ChallengeList.category, "默认榜单类别（categories.yml 中的 id）",
                "default category id"),
            Field(
                "source", .oneOrMany(.url, max: 10), \ChallengeList.sources, "官方通知网址，或 1–10 个网址的列表（官方通知在前）",
                "official notice URL, or a list of 1–10 (the notice first)"),
            Field("summary", .text(max: 500), \ChallengeList.summary, "一段话简介；默认取正文第一段", "one-paragraph summary"),
            Field(
                "declared", .record(declared.specs()), \ChallengeList.declared,
                "通知所述全榜单总数 {requirements, bounty}：与统计数字并列显示，不计入统计",
                "totals the notice states for the whole list; shown beside the counted figures, never added in"),
            Field(
                "status", .choice(.status), \ChallengeList.status, "本榜单需求的默认状态（如已完成的榜单：completed）",
                "default status of its requirements"),
            Field(
                "issuer", .oneOrMany(.record(issuer.specs()), max: 5), \ChallengeList.issuers,
                "本榜单需求的默认发榜单位，或联合发榜单位的列表（1–5 个，牵头单位在前）", "default issuer, or 1–5 joint issuers"),
            Field(
                "contact", .oneOrMany(.record(contact.specs()), max: 5), \ChallengeList.contacts,
                "本榜单需求的默认联系方式，或 1–5 个联系方式的列表", "default contact, or a list of 1–5"),
        ] + requirementDefaults(ChallengeList.self) + [
            Field("title_en", .text(max: 200), \ChallengeList.titleEn, "英文名称，用于英文页面", "English title"),
            Field("summary_en", .text(max: 500), \ChallengeList.summaryEn, "英文简介，用于英文页面", "English summary"),
        ]

    /// ▲ The fields a list sets as defaults for its requirements and a requirement sets for itself (SCHEMA.md §3,
    /// §4), declared once for both: the same key, kind and meaning, bound to each type's property.
    static func requirementDefaults<Root: RequirementDefaults>(_: Root.Type) -> [Field<Root>] {
        [
            Field(
                "eligibility", .list(.text(max: 300), max: 20), \Root.eligibility, "揭榜条件：谁可以揭榜，最多 20 条",
                "eligibility: who may apply"),
            Field(
                "how_to_apply", .text(max: 1000), \Root.howToApply, "申报方式（纯文本，其中的网址显示为链接）",
                "how to apply (plain text; URLs become links)"),
            Field(
                "apply_url", .url, \Root.applyURL, "申报网址：征集中时显示为“我要揭榜”", "where to apply",
                example: "https://example.gov.cn/apply"),
            Field("period", .text(max: 100), \Root.period, "实施周期，如 2–3年", "implementation period", example: "2–3年"),
            Field("ip", .text(max: 500), \Root.ip, "知识产权归属", "ownership of intellectual property"),
            Field(
                "timeline", .list(.record(timelineEntry.specs()), max: 30), \Root.timeline,
                "日程：{date, event, time}，按日期先后排列，最多 30 条", "dated milestones, in date order"),
        ]
    }

    /// The specs of `requirement`, made once rather than for every file decoded.
    static let requirementSpecs = requirement.specs()

    /// `lists/<id>/<slug>.md` (SCHEMA.md §4).
    public static let requirement: [Field<Requirement>] =
        [
            Field(
                "title", .text(max: 200), \Requirement.title, required: true, "需求名称", "requirement title",
                example: "超低功耗散料输送高端装备"),
            Field(
                "code", .text(max: 40), \Requirement.code, "榜单编号，在本榜单内唯一", "code, unique within the list",
                example: "SD2022-01"),
            Field(
                "category", .term(.categories), \Requirement.category, "榜单类别（categories.yml 中的 id）；榜单已设置时可省略",
                "category id (may be inherited from the list)", example: "key-technology"),
            Field(
                "industry", .terms(.industries, max: 3), \Requirement.industries, required: true,
                "产业领域：一个 id，或 1–3 个 id 的列表",
                "industry id, or a list of 1–3 ids", example: "high-end-equipment"),
            Field("region", .term(.regions), \Requirement.region, "地区；默认同榜单", "region id (default: the list's)"),
            Field(
                "issuer", .oneOrMany(.record(issuer.specs()), max: 5), \Requirement.issuers,
                "发榜单位，或联合发榜单位的列表（1–5 个，牵头单位在前）；榜单已设置时可省略",
                "issuer, or a list of 1–5 joint issuers (the lead first); may be inherited from the list"),
            Field(
                "bounty", .amount, \Requirement.bounty,
                "揭榜金额：万元数字，或 9600万元、5000000元、500-1000万元、不低于1亿元、最高6500万元、300万美元、面议、不设金额",
                "bounty in 万元: exact, a range, at least, up to, in 美元/欧元/港元, 面议, or 不设金额 (no bounty by design)",
                example: "9600万元"),
            Field("funding", .text(max: 200), \Requirement.funding, "财政支持，如 按研发投入30%补助", "public funding"),
            Field(
                "published", .partialDate, \Requirement.published, "发布日期；默认同榜单（包括只写到月份或年份的）",
                "publication date (default: the list's, to its precision)"),
            Field(
                "deadline", .dateTime, \Requirement.deadlineMoment,
                "截止日期，或截止时间 YYYY-MM-DD HH:MM（北京时间）；默认同榜单。截止当天全天仍为征集中，次日起为已截止",
                "deadline, or YYYY-MM-DD HH:MM (China Standard Time); default: the list's. Open all of its last day",
                example: "2022-08-31 17:00"),
            Field(
                "status", .choice(.status), \Requirement.status,
                "状态：open 征集中, matching 对接中, signed 已签约, completed 已完成, withdrawn 已撤榜, closed 已截止；默认同榜单，否则 open",
                "status (default: the list's, else open)", example: "open"),
            Field(
                "solvers",
                .orWord(.list(.textOrRecord(max: 100, solver.specs()), max: 50), word: SolverList.undisclosedWord),
                \Requirement.solverList,
                "揭榜单位：名称，或 {name, region, role, project, note}；已有揭榜单位但未公布时写 未公开",
                "solvers; 未公开 when they exist but were not published"),
            Field(
                "contact", .oneOrMany(.record(contact.specs()), max: 5), \Requirement.contacts,
                "联系方式，或 1–5 个联系方式的列表；默认同榜单", "contact, or a list of 1–5 (default: the list's)"),
        ] + requirementDefaults(Requirement.self) + [
            Field(
                "extra", .pairs(label: 30, text: 500, max: 20), \Requirement.extra,
                "本规范没有对应字段的信息：标签: 内容（如 揭榜方式: 单位揭榜），最多 20 项，按书写顺序显示为表格",
                "facts with no field of their own, label: text, shown as a table in the order written"),
            Field("title_en", .text(max: 200), \Requirement.titleEn, "英文名称，用于英文页面", "English title"),
            Field("summary_en", .text(max: 500), \Requirement.summaryEn, "英文简介，用于英文页面", "English summary"),
            Field(
                "keywords", .list(.text(max: 30), max: 20), \Requirement.keywords, "关键词，最多 20 个，每个不超过 30 字", "keywords"),
            Field(
                "indicators", .list(.textOrRecord(max: 500, indicator.specs()), max: 50), \Requirement.indicators,
                "技术指标：文字，或 {name, target}", "indicators"),
            Field(
                "attachments", .list(.record(attachment.specs()), max: 50), \Requirement.attachments, "附件：{title, url}",
                "attachments"),
            Field(
                "source", .oneOrMany(.url, max: 10), \Requirement.sources, "来源网址，或 1–10 个网址的列表",
                "source URL, or a list of 1–10"),
            Field("summary", .text(max: 500), \Requirement.summary, "一段话简介；默认取正文第一段", "one-paragraph summary"),
        ]

    /// One entry of `industries.yml`, `regions.yml` or `categories.yml` (SCHEMA.md §5).
    public static let term: [Field<Term>] = [
        Field("name", .text(max: 100), \Term.name, required: true, "名称", "name"),
        Field("name_en", .text(max: 100), \Term.nameEn, "英文名称", "English name"),
        Field("code", .text(max: 40), \Term.code, "代码（如 GB/T 2260 行政区划代码）", "code"),
        Field("parent", .text(max: 80), \Term.parent, "上级 id（同一文件中）", "parent id in the same file"),
    ]

    /// ▲ An entry of `regions.yml`: a term, and whether it is the national region (at most one).
    public static let region: [Field<Term>] =
        term + [
            Field(
                "national", .boolean, \Term.national, "全国范围的地区（最多一个）：其榜单不统计区外揭榜单位",
                "the national region (at most one): its lists have no out-of-region solver count", example: "true")
        ]

    /// The declaration of a vocabulary's entries.
    public static func terms(_ kind: VocabularyKind) -> [Field<Term>] { kind == .regions ? region : term }

    /// `site.yml` (SCHEMA.md §5).
    public static let site: [Field<SiteSettings>] = [
        Field("title", .text(max: 200), \SiteSettings.title, required: true, "网站名称", "site title"),
        Field("title_en", .text(max: 200), \SiteSettings.titleEn, "英文名称", "English title"),
        Field("base_url", .url, \SiteSettings.baseURL, required: true, "网站地址", "base URL"),
        Field("language", .choice(.language), \SiteSettings.language, "界面语言 zh-CN 或 en", "interface language"),
        Field(
            "languages", .list(.choice(.language), max: 2), \SiteSettings.languages,
            "一种或两种语言（zh-CN、en），第一种为主语言；与 language 同时给出时二者的主语言须一致",
            "one or two languages, the main one first; with language, both must name the same main language"),
        Field("description", .text(max: 500), \SiteSettings.description, "网站简介", "description"),
        Field(
            "footer", .text(max: 500), \SiteSettings.footer, "页脚文字，如 ICP 备案号", "footer text, e.g. an ICP filing number"),
        Field("page_size", .integer(1...500), \SiteSettings.pageSize, "每页条数（1–500，默认 50）", "items per page"),
        Field("owner", .text(max: 100), \SiteSettings.owner, "主办单位", "the government body that runs the site"),
        Field("site_code", .text(max: 20), \SiteSettings.siteCode, "政府网站标识码", "government website code"),
        Field("icp", .text(max: 40), \SiteSettings.icp, "ICP备案号", "ICP filing number"),
    ]
}

/// ▲ The properties behind `Schema.requirementDefaults`: a list holds them as defaults, a requirement as its own.
public protocol RequirementDefaults {
    var eligibility: [String] { get set }
    var howToApply: String? { get set }
    var applyURL: String? { get set }
    var period: String? { get set }
    var ip: String? { get set }
    var timeline: [TimelineEntry] { get set }
}

extension ChallengeList: RequirementDefaults {}
extension Requirement: RequirementDefaults {}
