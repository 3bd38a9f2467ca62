import BangdanCore
import BangdanLoad

/// The three vocabularies, in file order. A missing file decodes as an empty vocabulary (and is reported).
public struct Vocabularies: Hashable, Sendable {
    public var industries: Vocabulary
    public var regions: Vocabulary
    public var categories: Vocabulary

    public init(industries: Vocabulary, regions: Vocabulary, categories: Vocabulary) {
        self.industries = industries
        self.regions = regions
        self.categories = categories
    }

    public subscript(kind: VocabularyKind) -> Vocabulary {
        switch kind {
        case .industries: industries
        case .regions: regions
        case .categories: categories
        }
    }
}

/// The output of `decode`: typed content and every problem found so far.
public struct Content: Sendable {
    /// Nil when site.yml is missing or lacks a required field (reported as `site-invalid`).
    public var site: SiteSettings?
    public var vocabularies: Vocabularies
    public var lists: [ChallengeList]
    /// Ids of list folders, including those whose `_index.md` is missing or invalid.
    public var listIDs: [String]
    public var requirements: [Requirement]
    public var attachments: [AttachmentFile]
    public var diagnostics: [Diagnostic]

    /// The language messages are shown in: the site's, or Chinese when site.yml could not be read.
    public var language: Language { site?.language ?? .zhCN }
}
