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
    public var source: String?
    public var summary: String?
    /// ▲ Defaults for the list's requirements (SCHEMA.md §3): resolve gives each requirement its own value, else
    /// the list's.
    public var status: Status?
    public var issuer: Issuer?
    public var contact: Contact?
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
        self.source = source
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
    /// As written. A file may leave it to its list (SCHEMA.md §3): then it is `Issuer.blank` (no name; a written
    /// issuer always has one) until resolve writes the list's in, so a resolved requirement always has an issuer.
    public var issuer: Issuer
    public var bounty: Amount?
    public var funding: String?
    public var published: Day?
    public var deadline: Day?
    /// As written; nil when the file leaves it to its list, else `open` (resolve writes the one that applies in).
    public var status: Status?
    public var solvers: [Solver]
    public var contact: Contact?
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
    public var source: String?
    public var summary: String?
    public var body: String
    public var bodyLine: Int
    /// Where each top-level key stood, for diagnostics that resolve raises (duplicate codes, deadlines).
    public var positions: [String: SourcePosition]

    public var id: String { "\(listID)/\(slug)" }
    public init(
        listID: String, slug: String, path: String, title: String, code: String? = nil, category: String? = nil,
        industries: [String], region: String? = nil, issuer: Issuer, bounty: Amount? = nil, funding: String? = nil,
        published: Day? = nil, deadline: Day? = nil, status: Status?, solvers: [Solver], contact: Contact? = nil,
        keywords: [String], indicators: [Indicator], attachments: [AttachmentLink], source: String? = nil,
        summary: String? = nil, body: String, bodyLine: Int, positions: [String: SourcePosition]
    ) {
        self.listID = listID
        self.slug = slug
        self.path = path
        self.title = title
        self.code = code
        self.category = category
        self.industries = industries
        self.region = region
        self.issuer = issuer
        self.bounty = bounty
        self.funding = funding
        self.published = published
        self.deadline = deadline
        self.status = status
        self.solvers = solvers
        self.contact = contact
        self.keywords = keywords
        self.indicators = indicators
        self.attachments = attachments
        self.source = source
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
    public init(name: String, region: String? = nil) {
        self.name = name
        self.region = region
    }

}

/// 联系方式, declared in `Schema.contact`.
public struct Contact: Hashable, Sendable {
    public var name: String?
    public var phone: String?
    public var email: String?
    public var address: String?
    public init(name: String? = nil, phone: String? = nil, email: String? = nil, address: String? = nil) {
        self.name = name
        self.phone = phone
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
