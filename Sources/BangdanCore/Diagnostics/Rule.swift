/// The stable rule ids of SCHEMA.md §9. The raw value is what diagnostics print; it never changes with the language.
public enum Rule: String, Sendable, Hashable, CaseIterable {
    case encoding
    case frontMatterMissing = "front-matter-missing"
    case frontMatterUnclosed = "front-matter-unclosed"
    case yamlSyntax = "yaml-syntax"
    case type
    case duplicateKey = "duplicate-key"
    case unknownField = "unknown-field"
    case missingField = "missing-field"
    case textInvalid = "text-invalid"
    case textTooLong = "text-too-long"
    case tooManyValues = "too-many-values"
    case slugInvalid = "slug-invalid"
    case misplacedFile = "misplaced-file"
    case listMissingIndex = "list-missing-index"
    case unsupportedFile = "unsupported-file"
    case fileTooLarge = "file-too-large"
    case symlinkRefused = "symlink-refused"
    case unknownRegion = "unknown-region"
    case unknownIndustry = "unknown-industry"
    case unknownCategory = "unknown-category"
    case unknownStatus = "unknown-status"
    case unknownIssuerType = "unknown-issuer-type"
    case dateInvalid = "date-invalid"
    case deadlineBeforePublished = "deadline-before-published"
    case bountyInvalid = "bounty-invalid"
    case urlInvalid = "url-invalid"
    case contactInvalid = "contact-invalid"
    case creditCodeInvalid = "credit-code-invalid"
    case duplicateCode = "duplicate-code"
    case attachmentMissing = "attachment-missing"
    case vocabularyInvalid = "vocabulary-invalid"
    case siteInvalid = "site-invalid"
    case outputConflict = "output-conflict"
    // Warnings (SCHEMA.md §6).
    case missingSolvers = "missing-solvers"
    case solversWhileOpen = "solvers-while-open"
    case unusedAttachment = "unused-attachment"
    case possibleDuplicate = "possible-duplicate"
    case timelineOrder = "timeline-order"
    // Notices (SCHEMA.md §6): raised by the passing of time, so never errors, not even under `--strict`.
    case deadlinePassed = "deadline-passed"
    case staleOpen = "stale-open"

    public var severity: Severity {
        switch self {
        case .missingSolvers, .solversWhileOpen, .unusedAttachment, .possibleDuplicate, .timelineOrder: .warning
        case .deadlinePassed, .staleOpen: .notice
        default: .error
        }
    }
}
