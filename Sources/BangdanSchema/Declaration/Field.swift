import BangdanCore
import BangdanLoad

/// One front-matter field, declared once: decoding, validation messages, `bangdan schema` and `bangdan new`
/// all read this declaration (DESIGN.md).
public struct Field: Sendable {
    public let name: String
    public let kind: FieldKind
    public let required: Bool
    /// What the field means, in Chinese and English, for editors and the scaffold.
    public let doc: (zh: String, en: String)
    /// A value for `bangdan new` to show, as YAML text.
    public let example: String?

    init(_ name: String, _ kind: FieldKind, required: Bool = false, _ zh: String, _ en: String, example: String? = nil)
    {
        self.name = name
        self.kind = kind
        self.required = required
        self.doc = (zh, en)
        self.example = example
    }
}

/// The shape and limits of a field's value, and which rule a bad value breaks.
public indirect enum FieldKind: Sendable {
    /// Trimmed text without control characters, at most `max` characters (`text-too-long`).
    case text(max: Int)
    case integer(ClosedRange<Int>)
    /// `YYYY-MM-DD`, a YAML date or a string (`date-invalid`).
    case date
    /// Absolute http(s) (`url-invalid`).
    case url
    /// 万元 figure, with unit, or 面议 (`bounty-invalid`).
    case amount
    case choice(Choice)
    /// An id of a vocabulary (`unknown-region` …).
    case term(VocabularyKind)
    /// One id, or a list of 1…max ids (`too-many-values`).
    case terms(VocabularyKind, max: Int)
    case email
    case phone
    /// 统一社会信用代码 (`credit-code-invalid`).
    case creditCode
    /// An attachment: an http(s) URL or a file name in the list folder (checked in resolve).
    case link
    case list(FieldKind, max: Int)
    case record([Field])
    /// Text, or a record: `solvers` and `indicators` take either.
    case textOrRecord(max: Int, [Field])
}

/// Fixed sets of words: each has its own rule for a word outside the set.
public enum Choice: Sendable {
    case status
    case issuerType
    case language

    public var words: [String] {
        switch self {
        case .status: Status.allCases.map(\.rawValue)
        case .issuerType: IssuerType.allCases.map(\.rawValue)
        case .language: Language.allCases.map(\.rawValue)
        }
    }

    func problem(field: String, value: String) -> Problem {
        switch self {
        case .status:
            .unknownStatus(
                value: value,
                suggestion: Status.allCases.first { $0.chineseName == value }?.rawValue
                    ?? nearest(to: value, among: words))
        case .issuerType:
            .unknownIssuerType(
                value: value,
                suggestion: IssuerType.allCases.first { $0.chineseName == value }?.rawValue
                    ?? nearest(to: value, among: words))
        case .language: .type(field: field, expected: .oneOf(words), found: .literal(value))
        }
    }
}
