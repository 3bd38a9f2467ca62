import BangdanCore
import BangdanLoad

/// Decodes YAML nodes against field declarations, collecting every problem with its position.
/// One decoder per file: it carries the file's path and the vocabularies that term fields are checked against.
struct FieldDecoder {
    let path: String
    let vocabularies: [VocabularyKind: Vocabulary]
    /// Wraps each problem before it is recorded: site.yml reports everything as `site-invalid`.
    var wrap: @Sendable (Problem) -> Problem = { $0 }
    private(set) var diagnostics: [Diagnostic] = []

    init(
        path: String, vocabularies: [VocabularyKind: Vocabulary],
        wrap: @escaping @Sendable (Problem) -> Problem = { $0 }
    ) {
        self.path = path
        self.vocabularies = vocabularies
        self.wrap = wrap
    }

    mutating func report(_ problem: Problem, at position: SourcePosition) {
        diagnostics.append(Diagnostic(wrap(problem), path: path, at: position))
    }

    /// The result of decoding one value: a value, nothing written (null or empty), or a reported problem.
    enum Outcome {
        case value(Value)
        case absent
        case invalid
    }

    /// Decodes a mapping of declared fields. A missing required field is reported at `missingAt`: line 1 for the
    /// top level, the parent key for a nested record (SCHEMA.md §7), or the key itself when written but empty.
    mutating func record<Root>(
        _ node: YAMLNode, fields: [Field<Root>], prefix: String = "", missingAt: SourcePosition
    ) -> Record? {
        record(node, specs: fields.specs(), prefix: prefix, missingAt: missingAt)
    }

    mutating func record(_ node: YAMLNode, specs fields: [FieldSpec], prefix: String, missingAt: SourcePosition)
        -> Record?
    {
        guard case .mapping(let pairs) = node.content else {
            // A name alone where a mapping with a required `name` belongs (`issuer: 工业和信息化部`, a vocabulary
            // entry `china: 全国`): show the mapping to write.
            var expected = ValueKind.mapping
            if case .scalar(let text, _) = node.content, fields.contains(where: { $0.name == "name" && $0.required }) {
                expected = .mappingWithName(text.trimmingWhitespace)
            }
            report(
                .type(
                    field: prefix.isEmpty ? "front matter" : String(prefix.dropLast()), expected: expected,
                    found: node.content.valueKind), at: node.position)
            return nil
        }
        var record = Record(position: node.position)
        record.values.reserveCapacity(pairs.count)
        record.keyPositions.reserveCapacity(pairs.count)
        record.valuePositions.reserveCapacity(pairs.count)
        var written: Set<String> = []
        written.reserveCapacity(pairs.count)
        // Required fields an unknown key was taken for (`nmae` → `name`): that message already says what to write, so
        // the field is not reported missing as well (one slip, one message).
        var suggested: Set<String> = []
        for pair in pairs {
            guard let key = pair.name else {
                report(
                    .type(field: prefix + "?", expected: .text, found: pair.key.content.valueKind),
                    at: pair.key.position)
                continue
            }
            // By index: iterating the declaration would copy each field's strings and kind.
            guard let found = fields.indices.first(where: { fields[$0].name == key }) else {
                let nearestName = nearest(to: key, among: fields.map(\.name))
                if let nearestName { suggested.insert(nearestName) }
                let suggestion = nearestName.map { prefix + $0 }
                // Where the file has `extra` (SCHEMA.md §4), a fact with no field of its own belongs there.
                let orExtra = suggestion == nil && fields.contains { $0.name == "extra" }
                report(
                    .unknownField(field: prefix + key, suggestion: suggestion, orExtra: orExtra), at: pair.key.position)
                continue
            }
            record.keyPositions[key] = pair.key.position
            record.valuePositions[key] = pair.value.position
            switch value(pair.value, kind: fields[found].kind, name: prefix + key, keyPosition: pair.key.position) {
            case .value(let value):
                record.values[key] = value
                written.insert(key)
            case .invalid:
                written.insert(key)
                record.invalid.insert(key)
            case .absent: break
            }
        }
        for index in fields.indices where fields[index].required {
            let name = fields[index].name
            guard !written.contains(name) && !suggested.contains(name) else { continue }
            report(.missingField(field: prefix + name), at: record.keyPositions[name] ?? missingAt)
        }
        return record
    }

    mutating func value(_ node: YAMLNode, kind: FieldKind, name: String, keyPosition: SourcePosition) -> Outcome {
        // Nothing written, or only spaces (quoted or not): absent, so a required field reads as missing.
        if node.isNull { return .absent }
        if case .scalar(let text, _) = node.content, text.trimmingWhitespace.isEmpty { return .absent }
        switch kind {
        case .text(let max):
            guard let text = text(node, name: name, max: max) else { return .invalid }
            return text.isEmpty ? .absent : .value(.text(text))
        case .integer(let range):
            guard let scalar = scalar(node, name: name, expected: .integerIn(range)) else { return .invalid }
            let digits = scalar.trimmingWhitespace
            guard digits.count <= 9, let n = Int(digits), range.contains(n) else {
                report(.type(field: name, expected: .integerIn(range), found: .literal(digits)), at: node.position)
                return .invalid
            }
            return .value(.integer(n))
        case .date:
            guard let scalar = scalar(node, name: name, expected: .date) else { return .invalid }
            guard let day = Day(scalar.trimmingWhitespace) else { return invalidDate(scalar, .day, name, node) }
            return .value(.date(day))
        case .partialDate:
            guard let scalar = scalar(node, name: name, expected: .date) else { return .invalid }
            guard let day = Day(partial: scalar.trimmingWhitespace) else {
                return invalidDate(scalar, .partial, name, node)
            }
            return .value(.date(day))
        case .dateTime:
            guard let scalar = scalar(node, name: name, expected: .date) else { return .invalid }
            guard let moment = Moment(scalar.trimmingWhitespace) else {
                return invalidDate(scalar, .dayAndTime, name, node)
            }
            return .value(moment.time.map { .dateTime(moment.day, $0) } ?? .date(moment.day))
        case .boolean:
            guard let scalar = scalar(node, name: name, expected: .boolean) else { return .invalid }
            switch scalar.trimmingWhitespace {
            case "true": return .value(.boolean(true))
            case "false": return .value(.boolean(false))
            default:
                report(
                    .type(field: name, expected: .boolean, found: .literal(scalar.trimmingWhitespace)),
                    at: node.position)
                return .invalid
            }
        case .url:
            guard let text = text(node, name: name, max: 2000) else { return .invalid }
            // `base_url` (site.yml's only URL) is a prefix of every page's address: held to the stricter form.
            guard URLCheck.isWebURL(text, asBase: name == "base_url") else {
                report(.urlInvalid(field: name, value: text), at: node.position)
                return .invalid
            }
            return .value(.text(text))
        case .time:
            guard let text = text(node, name: name, max: 40) else { return .invalid }
            guard Self.isTime(text) else {
                report(.type(field: name, expected: .time, found: .literal(text)), at: node.position)
                return .invalid
            }
            return .value(.text(text))
        case .pairs(let labelMax, let textMax, let max):
            return pairs(node, name: name, labelMax: labelMax, textMax: textMax, max: max)
        case .amount:
            guard let scalar = scalar(node, name: name, expected: .amount) else { return .invalid }
            switch Amount.read(scalar) {
            case .success(let amount): return .value(.amount(amount))
            case .failure(let defect):
                report(.bountyInvalid(value: scalar.trimmingWhitespace, defect: defect), at: node.position)
                return .invalid
            }
        case .choice(let choice):
            guard let word = text(node, name: name, max: 40) else { return .invalid }
            guard choice.words.contains(word) else {
                report(choice.problem(field: name, value: word), at: node.position)
                return .invalid
            }
            return .value(.text(word))
        case .term(let vocabulary):
            guard let id = text(node, name: name, max: 80) else { return .invalid }
            return checkTerm(id, in: vocabulary, at: node.position) ? .value(.text(id)) : .invalid
        case .terms(let vocabulary, let max):
            if case .scalar = node.content {
                return value(node, kind: .term(vocabulary), name: name, keyPosition: keyPosition)
                    .map { .list([$0]) }
            }
            guard case .sequence(let items) = node.content else {
                report(.type(field: name, expected: .textOrList, found: node.content.valueKind), at: node.position)
                return .invalid
            }
            return decodeItems(items, of: .term(vocabulary), max: max, name: name, keyPosition: keyPosition)
        case .email:
            guard let text = text(node, name: name, max: 254) else { return .invalid }
            guard ContactCheck.isEmail(text) else {
                report(.contactInvalid(field: "email", value: text), at: node.position)
                return .invalid
            }
            return .value(.text(text))
        case .phone:
            guard let text = text(node, name: name, max: 40) else { return .invalid }
            guard let phone = Phone(text) else {
                report(.contactInvalid(field: "phone", value: text), at: node.position)
                return .invalid
            }
            return .value(.text(phone.text))
        case .creditCode:
            guard let text = text(node, name: name, max: 40) else { return .invalid }
            if let defect = CreditCode.defect(in: text) {
                report(.creditCodeInvalid(value: text, reason: defect), at: node.position)
                return .invalid
            }
            return .value(.text(text))
        case .link:
            guard let text = text(node, name: name, max: 2000) else { return .invalid }
            // A file name beside the list has no scheme and no leading `//`; anything else is checked as a URL.
            let looksLikeURL =
                URLCheck.hasWebScheme(text) || text.contains(":") || text.hasPrefix("//") || text.hasPrefix("\\")
            if looksLikeURL && !URLCheck.isWebURL(text) {
                report(.urlInvalid(field: name, value: text), at: node.position)
                return .invalid
            }
            return .value(.text(text))
        case .list(let item, let max):
            guard case .sequence(let items) = node.content else {
                report(.type(field: name, expected: .list, found: node.content.valueKind), at: node.position)
                return .invalid
            }
            return decodeItems(items, of: item, max: max, name: name, keyPosition: keyPosition)
        case .oneOrMany(let item, let max):
            guard case .sequence(let items) = node.content else {
                return value(node, kind: item, name: name, keyPosition: keyPosition).map { .list([$0]) }
            }
            return decodeItems(items, of: item, max: max, name: name, keyPosition: keyPosition)
        case .orWord(let inner, let word):
            if case .scalar(let text, _) = node.content {
                guard text.trimmingWhitespace == word else {
                    report(
                        .type(field: name, expected: .listOrWord(word), found: .literal(text.trimmingWhitespace)),
                        at: node.position)
                    return .invalid
                }
                return .value(.text(word))
            }
            return value(node, kind: inner, name: name, keyPosition: keyPosition)
        case .record(let fields):
            return record(node, specs: fields, prefix: name + ".", missingAt: keyPosition).map { .value(.record($0)) }
                ?? .invalid
        case .textOrRecord(let max, let fields):
            switch node.content {
            case .scalar: return value(node, kind: .text(max: max), name: name, keyPosition: keyPosition)
            case .mapping: return value(node, kind: .record(fields), name: name, keyPosition: node.position)
            case .sequence:
                report(.type(field: name, expected: .textOrMapping, found: .list), at: node.position)
                return .invalid
            }
        }
    }

    /// `HH:MM`, 00:00–23:59.
    static func isTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
            let hours = Int(parts[0]), let minutes = Int(parts[1])
        else { return false }
        return hours < 24 && minutes < 60
    }

    /// A mapping of free labels to text, in the order written (`extra`): each label and text checked as text, the
    /// pair past `max` reported as `too-many-values`.
    private mutating func pairs(_ node: YAMLNode, name: String, labelMax: Int, textMax: Int, max: Int) -> Outcome {
        guard case .mapping(let entries) = node.content else {
            report(.type(field: name, expected: .mapping, found: node.content.valueKind), at: node.position)
            return .invalid
        }
        if entries.count > max {
            report(.tooManyValues(field: name, limit: max, count: entries.count), at: entries[max].key.position)
        }
        var pairs: [Pair] = []
        var anyInvalid = false
        for entry in entries {
            guard let label = text(entry.key, name: name, max: labelMax) else {
                anyInvalid = true
                continue
            }
            guard !label.isEmpty else {
                report(.type(field: name, expected: .text, found: .literal(label)), at: entry.key.position)
                anyInvalid = true
                continue
            }
            let field = "\(name).\(label)"
            switch value(entry.value, kind: .text(max: textMax), name: field, keyPosition: entry.key.position) {
            case .value(.text(let text)): pairs.append(Pair(label: label, text: text))
            case .invalid: anyInvalid = true
            default: break
            }
        }
        if pairs.isEmpty && !anyInvalid { return .absent }
        return .value(.pairs(pairs))
    }

    private mutating func decodeItems(
        _ items: [YAMLNode], of item: FieldKind, max: Int, name: String,
        keyPosition: SourcePosition
    ) -> Outcome {
        if items.count > max {
            report(.tooManyValues(field: name, limit: max, count: items.count), at: items[max].position)
        }
        var values: [Value] = []
        var anyInvalid = false
        for node in items {
            switch value(node, kind: item, name: name, keyPosition: node.position) {
            case .value(let v): values.append(v)
            case .invalid: anyInvalid = true
            case .absent: break
            }
        }
        if values.isEmpty && !anyInvalid { return .absent }
        return .value(.list(values))
    }

    @discardableResult
    /// `date-invalid`, with the value to write when the text can be read as a date in another way (`2023/5/1`).
    private mutating func invalidDate(_ scalar: String, _ form: DateForm, _ name: String, _ node: YAMLNode) -> Outcome {
        let suggestion = form.suggestion(for: scalar)
        report(.dateInvalid(field: name, value: scalar, form: form, suggestion: suggestion), at: node.position)
        return .invalid
    }

    mutating func checkTerm(_ id: String, in kind: VocabularyKind, at position: SourcePosition) -> Bool {
        // A missing vocabulary file is reported once, on its own; its terms are not all reported again.
        guard let vocabulary = vocabularies[kind] else { return true }
        if vocabulary.contains(id) { return true }
        report(.unknownTerm(kind, id: id, suggestion: vocabulary.suggestion(for: id)), at: position)
        return false
    }

    /// A scalar's raw text, or a `type` problem.
    private mutating func scalar(_ node: YAMLNode, name: String, expected: ValueKind) -> String? {
        guard case .scalar(let text, _) = node.content else {
            report(.type(field: name, expected: expected, found: node.content.valueKind), at: node.position)
            return nil
        }
        return text
    }

    /// Trimmed text, checked for characters no published text may hold (control characters, U+FFFE…) and length.
    private mutating func text(_ node: YAMLNode, name: String, max: Int) -> String? {
        guard let raw = scalar(node, name: name, expected: .text) else { return nil }
        let text = raw.trimmingWhitespace
        if text.containsForbiddenInText {
            report(.textInvalid(field: name), at: node.position)
            return nil
        }
        // Characters ≤ scalars ≤ bytes: the characters are counted only when the cheaper counts cannot settle it.
        if text.utf8.count > max && text.utf8.lazy.filter({ $0 & 0xC0 != 0x80 }).count > max && text.count > max {
            report(.textTooLong(field: name, limit: max, length: text.count), at: node.position)
            return nil
        }
        return text
    }
}

extension FieldDecoder.Outcome {
    func map(_ transform: (Value) -> Value) -> Self {
        if case .value(let v) = self { return .value(transform(v)) }
        return self
    }
}
