import BangdanCore

/// A property type that a declared field can fill: it converts from the decoded `Value` (which `FieldDecoder` has
/// already checked against the field's kind) and publishes itself as open data.
public protocol FieldValue: Sendable {
    init?(fieldValue: Value)
    /// True for a value a required field may not hold (an empty list): the field counts as missing.
    var isEmptyFieldValue: Bool { get }
    /// Appends the value's JSON text for `/data/requirements.json` (`null` when absent), as the open data writes
    /// its rows: straight into the file's bytes.
    func appendOpenJSON(to json: inout [UInt8])
    /// One cell of `/data/requirements.csv`.
    var openCSV: String { get }
}

extension FieldValue {
    public var isEmptyFieldValue: Bool { false }

    /// The value's JSON text for `/data/requirements.json`, as a string.
    public var openJSON: String {
        var json: [UInt8] = []
        appendOpenJSON(to: &json)
        return String(decoding: json, as: UTF8.self)
    }
}

/// A value built from a mapping of declared fields (`issuer`, `contact`, a solver, an attachment).
public protocol DeclaredRecord: FieldValue {
    static var fields: [Field<Self>] { get }
    /// The value before any field is written: placeholders for required fields, defaults for optional ones.
    static var blank: Self { get }
}

extension DeclaredRecord {
    public init?(fieldValue: Value) {
        guard case .record(let record) = fieldValue, let value = Self.fields.build(record, from: Self.blank) else {
            return nil
        }
        self = value
    }

    /// `{"name":value,…}` in declaration order, as `JSONText.object` writes it.
    public func appendOpenJSON(to json: inout [UInt8]) {
        json.append(0x7B)
        // By position: a generic iterator would look its type up on every call.
        let fields = Self.fields
        for position in fields.indices {
            let field = fields[position]
            if position > 0 { json.append(0x2C) }
            JSONText.appendQuoted(field.name, to: &json)
            json.append(0x3A)
            field.appendOpenJSON(self, to: &json)
        }
        json.append(0x7D)
    }
    public var openCSV: String { Self.fields.map { $0.openCSV(self) }.filter { !$0.isEmpty }.joined(separator: " ") }
}

extension String: FieldValue {
    public init?(fieldValue: Value) {
        guard case .text(let text) = fieldValue else { return nil }
        self = text
    }
    public func appendOpenJSON(to json: inout [UInt8]) { JSONText.appendQuoted(self, to: &json) }
    public var openCSV: String { self }
}

extension Int: FieldValue {
    public init?(fieldValue: Value) {
        guard case .integer(let n) = fieldValue else { return nil }
        self = n
    }
    public func appendOpenJSON(to json: inout [UInt8]) { JSONText.appendRaw("\(self)", to: &json) }
    public var openCSV: String { "\(self)" }
}

extension Day: FieldValue {
    public init?(fieldValue: Value) {
        guard case .date(let day) = fieldValue else { return nil }
        self = day
    }
    public func appendOpenJSON(to json: inout [UInt8]) { JSONText.appendQuoted(description, to: &json) }
    public var openCSV: String { description }
}

extension Amount: FieldValue {
    public init?(fieldValue: Value) {
        guard case .amount(let amount) = fieldValue else { return nil }
        self = amount
    }
    /// The figure in 万元, as `bounty_wan` gives it; null for 面议.
    public func appendOpenJSON(to json: inout [UInt8]) {
        JSONText.appendRaw(figure?.decimalString() ?? "null", to: &json)
    }
    public var openCSV: String { figure?.decimalString() ?? "" }
}

extension Bool: FieldValue {
    public init?(fieldValue: Value) {
        guard case .boolean(let value) = fieldValue else { return nil }
        self = value
    }
    public func appendOpenJSON(to json: inout [UInt8]) { JSONText.appendRaw(self ? "true" : "false", to: &json) }
    public var openCSV: String { self ? "true" : "false" }
}

/// ▲ A deadline, with its time when one was written.
extension Moment: FieldValue {
    public init?(fieldValue: Value) {
        switch fieldValue {
        case .date(let day): self.init(day: day)
        case .dateTime(let day, let time): self.init(day: day, time: time)
        default: return nil
        }
    }
    public func appendOpenJSON(to json: inout [UInt8]) { JSONText.appendQuoted(written, to: &json) }
    public var openCSV: String { written }
}

/// ▲ `solvers`: a list, or `未公开`.
extension SolverList: FieldValue {
    public init?(fieldValue: Value) {
        switch fieldValue {
        case .text(SolverList.undisclosedWord): self.init(undisclosed: true)
        case .list:
            guard let solvers = [Solver](fieldValue: fieldValue) else { return nil }
            self.init(solvers: solvers)
        default: return nil
        }
    }
    public func appendOpenJSON(to json: inout [UInt8]) { solvers.appendOpenJSON(to: &json) }
    public var openCSV: String { undisclosed ? SolverList.undisclosedWord : solvers.openCSV }
}

/// The words of a `.choice` field: the value is the raw value.
public protocol FieldWord: FieldValue, RawRepresentable where RawValue == String {}

extension FieldWord {
    public init?(fieldValue: Value) {
        guard case .text(let word) = fieldValue else { return nil }
        self.init(rawValue: word)
    }
    public func appendOpenJSON(to json: inout [UInt8]) { JSONText.appendQuoted(rawValue, to: &json) }
    public var openCSV: String { rawValue }
}

extension Status: FieldWord {}
extension IssuerType: FieldWord {}
extension Language: FieldWord {}
extension SolverRole: FieldWord {}

extension Optional: FieldValue where Wrapped: FieldValue {
    public init?(fieldValue: Value) {
        guard let value = Wrapped(fieldValue: fieldValue) else { return nil }
        self = .some(value)
    }
    public func appendOpenJSON(to json: inout [UInt8]) {
        if let self { self.appendOpenJSON(to: &json) } else { JSONText.appendRaw("null", to: &json) }
    }
    public var openCSV: String { self?.openCSV ?? "" }
}

extension Array: FieldValue where Element: FieldValue {
    /// Items that do not convert are left out: the decoder has reported them (a solver without a name).
    public init?(fieldValue: Value) {
        guard case .list(let items) = fieldValue else { return nil }
        self = items.compactMap(Element.init(fieldValue:))
    }
    public var isEmptyFieldValue: Bool { isEmpty }
    /// `[item,item,…]`, as `JSONText.array` writes it.
    public func appendOpenJSON(to json: inout [UInt8]) {
        json.append(0x5B)
        // By position: a generic iterator would look its type up on every call.
        for position in indices {
            if position > 0 { json.append(0x2C) }
            self[position].appendOpenJSON(to: &json)
        }
        json.append(0x5D)
    }
    public var openCSV: String { map { $0.openCSV }.joined(separator: ";") }
}

extension Issuer: DeclaredRecord {
    public static var fields: [Field<Issuer>] { Schema.issuer }
    public static var blank: Issuer { Issuer(name: "") }
}

extension Contact: DeclaredRecord {
    public static var fields: [Field<Contact>] { Schema.contact }
    public static var blank: Contact { Contact() }
}

extension AttachmentLink: DeclaredRecord {
    public static var fields: [Field<AttachmentLink>] { Schema.attachment }
    public static var blank: AttachmentLink { AttachmentLink(title: "", url: "") }
}

/// ▲ A list's `declared` totals.
extension DeclaredTotals: DeclaredRecord {
    public static var fields: [Field<DeclaredTotals>] { Schema.declared }
    public static var blank: DeclaredTotals { DeclaredTotals() }
    /// `{requirements, bounty_wan, bounty}` as lists.json gives it: the figure, and the amount as requirements.json
    /// gives a bounty.
    public func appendOpenJSON(to json: inout [UInt8]) {
        JSONText.appendRaw("{\"requirements\":", to: &json)
        JSONText.appendRaw(requirements.map { "\($0)" } ?? "null", to: &json)
        JSONText.appendRaw(",\"bounty_wan\":", to: &json)
        JSONText.appendRaw(bounty?.figure?.decimalString() ?? "null", to: &json)
        JSONText.appendRaw(",\"bounty\":", to: &json)
        if let bounty { bounty.appendOpenBountyJSON(to: &json) } else { JSONText.appendRaw("null", to: &json) }
        json.append(0x7D)
    }
}

extension Amount {
    /// ▲ `bounty` (SCHEMA.md §8): the kind, the bounds in 万 of the currency (`min_wan` null for an upper bound
    /// alone, `max_wan` null for a lower bound alone), the currency (null for 面议 and 不设金额), and the canonical
    /// Chinese display, which is also how the amount is written.
    public func appendOpenBountyJSON(to json: inout [UInt8]) {
        JSONText.appendRaw("{\"kind\":", to: &json)
        JSONText.appendQuoted(kind.rawValue, to: &json)
        JSONText.appendRaw(",\"min_wan\":", to: &json)
        JSONText.appendRaw(lowerBound?.decimalString() ?? "null", to: &json)
        JSONText.appendRaw(",\"max_wan\":", to: &json)
        JSONText.appendRaw(upperBound?.decimalString() ?? "null", to: &json)
        JSONText.appendRaw(",\"currency\":", to: &json)
        JSONText.appendOptional(currency?.rawValue, to: &json)
        JSONText.appendRaw(",\"text\":", to: &json)
        JSONText.appendQuoted(chineseText, to: &json)
        json.append(0x7D)
    }

    /// `appendOpenBountyJSON` as a string.
    public var openBountyJSON: String {
        var json: [UInt8] = []
        appendOpenBountyJSON(to: &json)
        return String(decoding: json, as: UTF8.self)
    }
}

/// A solver is a name, or a mapping `{name, region, role, project, note}`.
extension Solver: DeclaredRecord {
    public static var fields: [Field<Solver>] { Schema.solver }
    public static var blank: Solver { Solver(name: "") }

    public init?(fieldValue: Value) {
        switch fieldValue {
        case .text(let name): self.init(name: name)
        case .record(let record):
            guard let solver = Self.fields.build(record, from: Self.blank) else { return nil }
            self = solver
        default: return nil
        }
    }

    /// `名称（地区）`, as the CSV has always written a solver.
    public var openCSV: String { region.map { "\(name)（\($0)）" } ?? name }
}

/// An indicator is text, or a mapping `{name, target}` (`Schema.indicator`), shown as a table row.
extension Indicator: FieldValue {
    public init?(fieldValue: Value) {
        switch fieldValue {
        case .text(let text): self = .text(text)
        case .record(let record):
            guard let row = Schema.indicator.build(record, from: IndicatorRow(name: "", target: "")) else {
                return nil
            }
            self = .target(name: row.name, target: row.target)
        default: return nil
        }
    }

    public func appendOpenJSON(to json: inout [UInt8]) {
        switch self {
        case .text(let text): JSONText.appendQuoted(text, to: &json)
        case .target(let name, let target):
            JSONText.appendRaw("{\"name\":", to: &json)
            JSONText.appendQuoted(name, to: &json)
            JSONText.appendRaw(",\"target\":", to: &json)
            JSONText.appendQuoted(target, to: &json)
            json.append(0x7D)
        }
    }

    public var openCSV: String {
        switch self {
        case .text(let text): text
        case .target(let name, let target): "\(name)：\(target)"
        }
    }
}

/// The mapping form of an indicator, which is an enum in the model: the declaration's key paths need a struct.
public struct IndicatorRow: Hashable, Sendable {
    public var name: String
    public var target: String
}

/// ▲ A timeline entry `{date, event, time?}`; the CSV cell reads as it is said: `2023-05-31 17:00 申报截止`.
extension TimelineEntry: DeclaredRecord {
    public static var fields: [Field<TimelineEntry>] { Schema.timelineEntry }
    public static var blank: TimelineEntry { TimelineEntry(date: .epoch, event: "") }

    public var openCSV: String { [date.description, time, event].compactMap { $0 }.joined(separator: " ") }
}

/// ▲ `extra`: a JSON object of label → text in the order written (null when empty); in the CSV `label：text`
/// pairs joined with `;`.
extension ExtraFacts: FieldValue {
    public init?(fieldValue: Value) {
        guard case .pairs(let pairs) = fieldValue else { return nil }
        self.init(pairs.map { ExtraFact(label: $0.label, text: $0.text) })
    }
    public var isEmptyFieldValue: Bool { isEmpty }
    public func appendOpenJSON(to json: inout [UInt8]) {
        if isEmpty {
            JSONText.appendRaw("null", to: &json)
            return
        }
        json.append(0x7B)
        for (position, fact) in facts.enumerated() {
            if position > 0 { json.append(0x2C) }
            JSONText.appendQuoted(fact.label, to: &json)
            json.append(0x3A)
            JSONText.appendQuoted(fact.text, to: &json)
        }
        json.append(0x7D)
    }
    public var openCSV: String { facts.map { "\($0.label)：\($0.text)" }.joined(separator: ";") }
}
