/// A list (榜单): one published batch of requirements, from `lists/<id>/_index.md` (SCHEMA.md §3).
/// Each property that front matter fills is declared, with its key, kind and meaning, in `Schema.list`
/// (Sources/BangdanSchema/Declaration/Schema.swift), which decodes it: a new field is a property here and a line
/// there.
public struct ChallengeList: Hashable, Sendable {
    public var id: String
    public var path: String
    public var title: String
    public var publisher: String
    public var region: String
    public var published: Day
    public var deadline: Day?
    public var program: String?
    public var batch: Int?
    public var category: String?
    public var summary: String?
    // ▲ Contract version 2, "Real lists" (SCHEMA.md §3): several sources, and the totals the notice declares.
    /// ▲ The official notice first, then reports (1–10 URLs).
    public var sources: [String] = []
    /// ▲ What the official notice states for the whole list; shown beside the counted figures, never added in.
    public var declared: DeclaredTotals?
    /// The first of `sources`: the official notice.
    public var source: String? { sources.first }
    /// ▲ Defaults for the list's requirements (SCHEMA.md §3): resolve gives each requirement its own value, else
    /// the list's.
    public var status: Status?
    /// ▲ Joint issuers, the lead first (1–5), for requirements that name none.
    public var issuers: [Issuer] = []
    public var contacts: [Contact] = []
    public var eligibility: [String] = []
    public var howToApply: String?
    public var applyURL: String?
    public var period: String?
    public var ip: String?
    public var timeline: [TimelineEntry] = []
    /// ▲ Shown on English pages.
    public var titleEn: String?
    public var summaryEn: String?
    /// CommonMark, rendered later; `bodyLine` is the file line the body starts on.
    public var body: String
    public var bodyLine: Int
    /// Attachment file names in the list folder, with their sizes in bytes.
    public var attachmentFiles: [String: Int]
    /// Where each top-level key stood, for diagnostics raised after decoding.
    public var positions: [String: SourcePosition]
    public init(
        id: String, path: String, title: String, publisher: String, region: String, published: Day,
        deadline: Day? = nil, program: String? = nil, batch: Int? = nil, category: String? = nil, source: String? = nil,
        summary: String? = nil, body: String, bodyLine: Int, attachmentFiles: [String: Int],
        positions: [String: SourcePosition]
    ) {
        self.id = id
        self.path = path
        self.title = title
        self.publisher = publisher
        self.region = region
        self.published = published
        self.deadline = deadline
        self.program = program
        self.batch = batch
        self.category = category
        self.sources = source.map { [$0] } ?? []
        self.summary = summary
        self.body = body
        self.bodyLine = bodyLine
        self.attachmentFiles = attachmentFiles
        self.positions = positions
    }

}

/// A requirement (技术需求) as written, before defaults from its list are applied (SCHEMA.md §4).
/// Each property that front matter fills is declared, with its key, kind and meaning, in `Schema.requirement`
/// (Sources/BangdanSchema/Declaration/Schema.swift), which decodes it: a new field is a property here and a line
/// there.
public struct Requirement: Hashable, Sendable {
    public var listID: String
    public var slug: String
    public var path: String
    public var title: String
    public var code: String?
    public var category: String?
    public var industries: [String]
    public var region: String?
    public var bounty: Amount?
    public var funding: String?
    public var published: Day?
    public var deadline: Day?
    /// As written; nil when the file leaves it to its list, else `open` (resolve writes the one that applies in).
    public var status: Status?
    public var solvers: [Solver]
    /// ▲ 揭榜条件: who may apply.
    public var eligibility: [String] = []
    /// ▲ 申报方式, plain text.
    public var howToApply: String?
    /// ▲ Where to apply.
    public var applyURL: String?
    public var period: String?
    /// ▲ 知识产权归属.
    public var ip: String?
    /// ▲ Dated milestones, as written (`timeline-order` warns when they are out of date order).
    public var timeline: [TimelineEntry] = []
    /// ▲ Facts the contract has no field for, in the order written.
    public var extra: ExtraFacts = ExtraFacts()
    /// ▲ Shown on English pages.
    public var titleEn: String?
    public var summaryEn: String?
    public var keywords: [String]
    public var indicators: [Indicator]
    public var attachments: [AttachmentLink]
    public var summary: String?
    // ▲ Contract version 2, "Real lists" (SCHEMA.md §4): joint issuers, several contacts and sources, a deadline
    // with a time, solvers that exist but were not published.
    /// ▲ Joint issuers, the lead first (1–5).
    public var issuers: [Issuer]
    /// ▲ 1–5 contacts.
    public var contacts: [Contact] = []
    /// ▲ The official notice first, then reports (1–10 URLs).
    public var sources: [String] = []
    /// ▲ The time of `deadline` (China Standard Time), when one was written.
    public var deadlineTime: TimeOfDay?
    /// ▲ `solvers: 未公开`: the solvers exist but were not published (no `missing-solvers` warning).
    public var solversUndisclosed = false
    /// The first paragraph of `body` as plain text (`PlainText.firstParagraph`), the summary when `summary` is not
    /// given: made once, when the file is decoded, and kept with what was decoded (`DecodedFiles`), so a rebuild
    /// does not look through an unchanged body again. Nil when `summary` is given or the body has no paragraph.
    public var bodySummary: String?
    /// The Markdown after the front matter, as its bytes (`MarkdownText`).
    public var body: MarkdownText
    public var bodyLine: Int
    /// Where each top-level key stood, for diagnostics that resolve raises (duplicate codes, deadlines).
    public var positions: [String: SourcePosition]

    public var id: String {
        // Joined rather than interpolated, which costs more (callgrind).
        var id = listID
        id.reserveCapacity(listID.utf8.count + 1 + slug.utf8.count)
        id += "/"
        id += slug
        return id
    }

    /// The lead issuer (the first of `issuers`).
    public var issuer: Issuer { issuers.first ?? Issuer(name: "") }
    /// The first contact.
    public var contact: Contact? { contacts.first }
    /// The first source: the official notice.
    public var source: String? { sources.first }

    /// `deadline` and its time together, as the declaration writes them.
    public var deadlineMoment: Moment? {
        get { deadline.map { Moment(day: $0, time: deadlineTime) } }
        set {
            deadline = newValue?.day
            deadlineTime = newValue?.time
        }
    }

    /// `solvers` and `solversUndisclosed` together, as the declaration writes them.
    public var solverList: SolverList {
        get { SolverList(solvers: solvers, undisclosed: solversUndisclosed) }
        set {
            solvers = newValue.solvers
            solversUndisclosed = newValue.undisclosed
        }
    }

    public init(
        listID: String, slug: String, path: String, title: String, code: String? = nil, category: String? = nil,
        industries: [String], region: String? = nil, issuer: Issuer, bounty: Amount? = nil, funding: String? = nil,
        published: Day? = nil, deadline: Day? = nil, status: Status?, solvers: [Solver], contact: Contact? = nil,
        keywords: [String], indicators: [Indicator], attachments: [AttachmentLink], source: String? = nil,
        summary: String? = nil, body: MarkdownText, bodyLine: Int, positions: [String: SourcePosition]
    ) {
        self.listID = listID
        self.slug = slug
        self.path = path
        self.title = title
        self.code = code
        self.category = category
        self.industries = industries
        self.region = region
        self.issuers = [issuer]
        self.bounty = bounty
        self.funding = funding
        self.published = published
        self.deadline = deadline
        self.status = status
        self.solvers = solvers
        self.contacts = contact.map { [$0] } ?? []
        self.keywords = keywords
        self.indicators = indicators
        self.attachments = attachments
        self.sources = source.map { [$0] } ?? []
        self.summary = summary
        self.body = body
        self.bodyLine = bodyLine
        self.positions = positions
    }

}

/// 发榜单位, declared in `Schema.issuer`.
public struct Issuer: Hashable, Sendable {
    public var name: String
    public var type: IssuerType?
    public var creditCode: String?
    public init(name: String, type: IssuerType? = nil, creditCode: String? = nil) {
        self.name = name
        self.type = type
        self.creditCode = creditCode
    }

}

/// A 揭榜单位; `region` lets statistics count solvers from outside the list's province. Declared in `Schema.solver`.
public struct Solver: Hashable, Sendable {
    public var name: String
    public var region: String?
    /// ▲ In a consortium: the lead (牵头) or a member (联合).
    public var role: SolverRole?
    /// ▲ The solver's project name (≤ 100).
    public var project: String?
    /// ▲ e.g. 揭榜优胜单位, 入围 (≤ 50).
    public var note: String?
    public init(
        name: String, region: String? = nil, role: SolverRole? = nil, project: String? = nil, note: String? = nil
    ) {
        self.name = name
        self.region = region
        self.role = role
        self.project = project
        self.note = note
    }

}

/// ▲ A solver's place in a consortium (SCHEMA.md §4 `solvers`).
public enum SolverRole: String, Hashable, Sendable, CaseIterable {
    case lead
    case member

    public var chineseName: String {
        switch self {
        case .lead: "牵头"
        case .member: "联合"
        }
    }
}

/// ▲ A requirement's solvers: the named ones, or `未公开` (they exist but were not published).
public struct SolverList: Hashable, Sendable {
    public var solvers: [Solver]
    public var undisclosed: Bool
    public init(solvers: [Solver] = [], undisclosed: Bool = false) {
        self.solvers = solvers
        self.undisclosed = undisclosed
    }

    /// The text that says the solvers were not published.
    public static let undisclosedWord = "未公开"
}

/// ▲ A list's `declared` (SCHEMA.md §3): what its official notice states for the whole list (41 项, 52.42亿元)
/// when the site holds only some of its requirements. Declared in `Schema.declared`.
public struct DeclaredTotals: Hashable, Sendable {
    public var requirements: Int?
    public var bounty: Amount?
    public init(requirements: Int? = nil, bounty: Amount? = nil) {
        self.requirements = requirements
        self.bounty = bounty
    }

    public var isEmpty: Bool { requirements == nil && bounty == nil }
}

/// 联系方式, declared in `Schema.contact`.
public struct Contact: Hashable, Sendable {
    public var name: String?
    /// ▲ Up to 5 numbers, each as `Phone` reads it (full-width digits made ASCII, an extension kept).
    public var phones: [String]
    public var email: String?
    public var address: String?
    /// The first number.
    public var phone: String? { phones.first }
    public init(
        name: String? = nil, phone: String? = nil, phones: [String] = [], email: String? = nil, address: String? = nil
    ) {
        self.name = name
        self.phones = (phone.map { [$0] } ?? []) + phones
        self.email = email
        self.address = address
    }

}

/// A 技术指标: free text, or a named target shown as a table row (declared in `Schema.indicator`).
public enum Indicator: Hashable, Sendable {
    case text(String)
    case target(name: String, target: String)
}

/// A link from a requirement to a document: an http(s) URL or a file in the same list folder. Declared in
/// `Schema.attachment`.
public struct AttachmentLink: Hashable, Sendable {
    public var title: String
    public var url: String
    public var isLocalFile: Bool { !URLCheck.hasWebScheme(url) }
    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }

}

/// ▲ A dated milestone of a requirement or list (宣讲会, 申报截止, 评审, 结果公示), declared in `Schema.timelineEntry`.
public struct TimelineEntry: Hashable, Sendable {
    public var date: Day
    public var event: String
    /// `HH:MM`, China Standard Time.
    public var time: String?
    public init(date: Day, event: String, time: String? = nil) {
        self.date = date
        self.event = event
        self.time = time
    }
}

/// ▲ `extra`: facts the contract has no field for (揭榜方式, 支持方式 …), label → text, in the order written.
public struct ExtraFacts: Hashable, Sendable {
    public var facts: [ExtraFact]
    public var isEmpty: Bool { facts.isEmpty }
    public init(_ facts: [ExtraFact] = []) { self.facts = facts }
}

public struct ExtraFact: Hashable, Sendable {
    public var label: String
    public var text: String
    public init(label: String, text: String) {
        self.label = label
        self.text = text
    }
}
