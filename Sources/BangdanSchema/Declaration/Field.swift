import BangdanCore
import BangdanLoad

/// One line of the declaration: a front-matter key as files write it, bound to the property of `Root` that its
/// value fills. Decoding, validation messages, unknown-field suggestions, `bangdan schema`, docs/FIELDS.md,
/// `bangdan new` and the open data of requirements all read this list (docs/ARCHITECTURE.md), so a field is declared once.
@dynamicMemberLookup
public struct Field<Root>: Sendable {
    /// What files write: the key, its kind and limits, whether it is required, its meaning.
    public let spec: FieldSpec
    /// Converts a decoded value and writes it into the property, or says why it did not.
    private let write: @Sendable (inout Root, Value) -> Written
    private let read: @Sendable (Root) -> any FieldValue

    /// `Field("funding", .text(max: 200), \Requirement.funding, "财政支持", "public funding")`: the property's type
    /// says what the decoded value becomes (`String?`, `Day`, `[Solver]`, `Status` …; see `FieldValue`).
    init<Property: FieldValue>(
        _ name: String, _ kind: FieldKind, _ property: WritableKeyPath<Root, Property> & Sendable,
        required: Bool = false, _ zh: String, _ en: String, example: String? = nil
    ) {
        self.spec = FieldSpec(name: name, kind: kind, required: required, doc: (zh, en), example: example)
        self.write = { root, value in
            guard let converted = Property(fieldValue: value) else { return .invalid }
            if required && converted.isEmptyFieldValue { return .empty }
            root[keyPath: property] = converted
            return .written
        }
        self.read = { root in root[keyPath: property] }
    }

    public subscript<T>(dynamicMember member: KeyPath<FieldSpec, T>) -> T { spec[keyPath: member] }

    /// The property's value as open data: JSON text (`null` when absent) and a CSV cell.
    public func openJSON(_ root: Root) -> String { read(root).openJSON }
    public func appendOpenJSON(_ root: Root, to json: inout [UInt8]) { read(root).appendOpenJSON(to: &json) }
    public func openCSV(_ root: Root) -> String { read(root).openCSV }

    fileprivate func apply(_ value: Value, to root: inout Root) -> Written { write(&root, value) }
}

/// What writing a decoded value into its property did.
enum Written {
    case written
    /// An empty value (a list whose every item was refused): a required field counts as missing.
    case empty
    /// A value that does not convert: a mapping without a required key (an issuer without its name).
    case invalid
}

/// A front-matter key as files write it: everything about a field but where its value goes.
public struct FieldSpec: Sendable {
    public let name: String
    public let kind: FieldKind
    public let required: Bool
    /// What the field means, in Chinese and English, for editors and the scaffold.
    public let doc: (zh: String, en: String)
    /// A value for `bangdan new` to show, as YAML text.
    public let example: String?
}

extension Array {
    /// The keys of a declaration, for a nested `.record` kind.
    public func specs<Root>() -> [FieldSpec] where Element == Field<Root> { map(\.spec) }

    /// Builds a value from a decoded mapping: starts from `blank` (which holds what front matter does not say, such
    /// as a requirement's path) and writes every field the mapping holds through its key path. Nil when a required
    /// field is missing or empty, or when any written field is incomplete (an issuer without a name, also where
    /// the issuer may come from the list): `FieldDecoder` has reported that already.
    /// (That each kind's values convert to its property's type is checked by the declaration tests.)
    public func build<Root>(_ record: Record, from blank: Root) -> Root? where Element == Field<Root> {
        var root = blank
        // Each field read in place, its name and requiredness straight from its spec: a copy of the field
        // retained its strings and both closures, and `field.name` went through a key path.
        let built = withUnsafeBufferPointer { fields -> Bool in
            for index in fields.indices {
                guard let value = record.values[fields[index].spec.name] else {
                    if fields[index].spec.required { return false }
                    continue
                }
                switch fields[index].apply(value, to: &root) {
                case .written: continue
                case .empty: if fields[index].spec.required { return false }
                case .invalid: return false
                }
            }
            return true
        }
        return built ? root : nil
    }
}

/// The shape and limits of a field's value, and which rule a bad value breaks.
public indirect enum FieldKind: Sendable {
    /// Trimmed text without control characters, at most `max` characters (`text-too-long`).
    case text(max: Int)
    case integer(ClosedRange<Int>)
    /// `YYYY-MM-DD`, a YAML date or a string (`date-invalid`).
    case date
    /// ▲ `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: a `published` known only to the month or year (`date-invalid`).
    case partialDate
    /// ▲ `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` in China Standard Time: a requirement's `deadline` (`date-invalid`).
    case dateTime
    /// ▲ `true` or `false`.
    case boolean
    /// Absolute http(s) (`url-invalid`).
    case url
    /// ▲ A time of day `HH:MM`, 00:00–23:59 (`type`).
    case time
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
    /// ▲ One value, or a list of 1…max (`too-many-values`): decodes as a list either way (`source`, `issuer`,
    /// `contact`, `phone`).
    case oneOrMany(FieldKind, max: Int)
    /// ▲ A value of the kind, or one fixed text (`solvers: 未公开`), which decodes as `.text(word)`.
    case orWord(FieldKind, word: String)
    case record([FieldSpec])
    /// Text, or a record: `solvers` and `indicators` take either.
    case textOrRecord(max: Int, [FieldSpec])
    /// ▲ A mapping of free labels (text ≤ `label`) to text ≤ `text`, at most `max` pairs, kept in the order
    /// written: `extra`.
    case pairs(label: Int, text: Int, max: Int)
}

/// Fixed sets of words: each has its own rule for a word outside the set.
public enum Choice: Sendable {
    case status
    case issuerType
    case language
    /// ▲ A solver's `role`: `lead` 牵头, `member` 联合.
    case solverRole

    public var words: [String] {
        switch self {
        case .status: Status.allCases.map(\.rawValue)
        case .issuerType: IssuerType.allCases.map(\.rawValue)
        case .language: Language.allCases.map(\.rawValue)
        case .solverRole: SolverRole.allCases.map(\.rawValue)
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
        case .solverRole:
            .unknownSolverRole(
                field: field, value: value,
                suggestion: SolverRole.allCases.first { $0.chineseName == value }?.rawValue
                    ?? nearest(to: value.lowercased(), among: words))
        }
    }
}
