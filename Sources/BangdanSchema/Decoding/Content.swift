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
    /// What a later build may reuse (`DecodedFiles`): each requirement file decoded without any problem, by its
    /// index in the files.
    public var kept: [Int: Kept] = [:]
    /// A requirement kept by an earlier build did not read: the content must be decoded from its files.
    public var reuseFailed = false

    public enum Kept: Sendable {
        /// Taken from the earlier build's entry, which stays as it was.
        case reused
        /// Decoded from the file now: the requirement's bytes (`RequirementCoding`).
        case encoded([UInt8])
    }

    /// The language messages are shown in: the site's, or Chinese when site.yml could not be read.
    public var language: Language { site?.language ?? .zhCN }
}
