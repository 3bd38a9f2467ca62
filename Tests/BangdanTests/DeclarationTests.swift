import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanRender
@testable import BangdanSchema

/// The one field declaration (`Schema`): every property that front matter fills is declared, every declared kind
/// converts to its property's type, and what is built from the declaration (open data) follows it.
@Suite struct DeclarationTests {
    /// A value of each kind, as `FieldDecoder` would hand it over, different from every blank default.
    static func sample(_ kind: FieldKind, textForm: Bool) throws -> Value {
        switch kind {
        case .text: .text("样例")
        case .integer(let range): .integer(range.upperBound)
        case .date: .date(try #require(Day("2030-01-02")))
        // A month, or a day: both differ from the blank day, and the month also in its precision.
        case .partialDate: .date(try #require(textForm ? Day("2030-01-02") : Day(year: 2030, month: 5)))
        case .dateTime: .dateTime(try #require(Day("2030-01-02")), try #require(TimeOfDay("17:00")))
        case .boolean: .boolean(true)
        case .url, .link: .text("https://example.org/notice.pdf")
        case .time: .text("17:00")
        case .pairs: .pairs([Pair(label: "揭榜方式", text: "单位揭榜")])
        case .amount: .amount(try #require(Amount(text: "9600万元")))
        // The last word: `closed` for a status (blank `open`), `en` for a language (blank `zh-CN`).
        case .choice(let choice): .text(try #require(choice.words.last))
        case .term: .text("beijing")
        case .terms: .list([.text("beijing")])
        case .email: .text("a@example.org")
        case .phone: .text("0531-12345678")
        case .creditCode: .text("913700001630467895")
        case .list(let item, _), .oneOrMany(let item, _): .list([try sample(item, textForm: textForm)])
        case .orWord(let inner, let word): textForm ? .text(word) : try sample(inner, textForm: textForm)
        case .record(let specs): .record(try record(specs, textForm: textForm))
        case .textOrRecord(_, let specs): textForm ? .text("样例") : .record(try record(specs, textForm: textForm))
        }
    }

    static func record(_ specs: [FieldSpec], textForm: Bool) throws -> Record {
        var record = Record(position: .start)
        for spec in specs { record.values[spec.name] = try sample(spec.kind, textForm: textForm) }
        return record
    }

    /// Builds `Root` from a sample of every declared field, in each of the two sample forms, and checks that each
    /// property outside `notFromFrontMatter` changed in at least one: a property nobody declared, or a declared kind
    /// whose values do not convert to the property's type, stays blank and fails here by name. (A field that fills
    /// two properties, such as `solvers` — the list, or `未公开` — fills each in one of the forms.)
    static func expectEveryPropertyDeclared<Root>(
        _ fields: [Field<Root>], blank: Root, notFromFrontMatter: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = Mirror(reflecting: blank).children.map { ($0.label ?? "?", String(describing: $0.value)) }
        var filled: Set<String> = []
        for textForm in [false, true] {
            let built = try #require(
                fields.build(try record(fields.specs(), textForm: textForm), from: blank),
                "a sample of every field did not build \(Root.self)", sourceLocation: sourceLocation)
            let after = Mirror(reflecting: built).children.map { String(describing: $0.value) }
            #expect(before.count == after.count, sourceLocation: sourceLocation)
            for ((label, old), new) in zip(before, after) where old != new { filled.insert(label) }
        }
        for (label, _) in before where !notFromFrontMatter.contains(label) {
            #expect(
                filled.contains(label), "\(Root.self).\(label) is not filled by any field of the declaration",
                sourceLocation: sourceLocation)
        }
    }

    @Test func everyRequirementPropertyIsDeclared() throws {
        let blank = Requirement(
            listID: "l", slug: "s", path: "p", title: "", industries: [], issuer: .blank, status: .open, solvers: [],
            keywords: [], indicators: [], attachments: [], body: "", bodyLine: 1, positions: [:])
        try Self.expectEveryPropertyDeclared(
            Schema.requirement, blank: blank,
            notFromFrontMatter: ["listID", "slug", "path", "body", "bodyLine", "bodySummary", "positions"])
    }

    @Test func everyListPropertyIsDeclared() throws {
        let blank = ChallengeList(
            id: "l", path: "p", title: "", publisher: "", region: "", published: .epoch, body: "", bodyLine: 1,
            attachmentFiles: [:], positions: [:])
        try Self.expectEveryPropertyDeclared(
            Schema.list, blank: blank,
            notFromFrontMatter: ["id", "path", "body", "bodyLine", "attachmentFiles", "positions"])
    }

    @Test func everyNestedAndSitePropertyIsDeclared() throws {
        try Self.expectEveryPropertyDeclared(Schema.issuer, blank: Issuer.blank)
        try Self.expectEveryPropertyDeclared(Schema.solver, blank: Solver.blank)
        try Self.expectEveryPropertyDeclared(Schema.contact, blank: Contact.blank)
        try Self.expectEveryPropertyDeclared(Schema.attachment, blank: AttachmentLink.blank)
        try Self.expectEveryPropertyDeclared(Schema.indicator, blank: IndicatorRow(name: "", target: ""))
        try Self.expectEveryPropertyDeclared(Schema.region, blank: Term(id: "x", name: ""), notFromFrontMatter: ["id"])
        try Self.expectEveryPropertyDeclared(Schema.declared, blank: DeclaredTotals.blank)
        try Self.expectEveryPropertyDeclared(Schema.site, blank: SiteSettings(title: "", baseURL: ""))
    }

    @Test func aRequiredFieldThatIsMissingOrEmptyBuildsNothing() throws {
        var record = try Self.record(Schema.requirement.specs(), textForm: false)
        let blank = Requirement(
            listID: "l", slug: "s", path: "p", title: "", industries: [], issuer: .blank, status: .open, solvers: [],
            keywords: [], indicators: [], attachments: [], body: "", bodyLine: 1, positions: [:])
        #expect(Schema.requirement.build(record, from: blank) != nil)
        // Every industry id was refused: the list decodes empty, and the requirement is not built.
        record.values["industry"] = .list([])
        #expect(Schema.requirement.build(record, from: blank) == nil)
        // An issuer without its name.
        record = try Self.record(Schema.requirement.specs(), textForm: false)
        record.values["issuer"] = .record(Record(position: .start))
        #expect(Schema.requirement.build(record, from: blank) == nil)
        // ▲ No issuer at all: the list's applies (resolve reports `missing-field` when it has none either).
        record.values["issuer"] = nil
        #expect(Schema.requirement.build(record, from: blank)?.issuer == .blank)
    }

    @Test func openDataNamesOnlyDeclaredFieldsAndNoKeyTwice() {
        let declared = Set(Schema.requirement.map(\.name))
        #expect(OpenData.requirementFieldsByHand.isSubset(of: declared))
        #expect(Set(OpenData.csvColumns).count == OpenData.csvColumns.count)
        for field in OpenData.declaredColumns {
            #expect(OpenData.csvColumns.contains(field.name))
        }
    }

    @Test func openDataPublishesADeclaredFieldUnderItsName() throws {
        // Open data writes every declared field it does not write by hand, in declaration order, under its name.
        let site = try FixtureSite()
        let checked = try site.check()
        #expect(checked.diagnostics.isEmpty, "\(describe(checked.diagnostics))")
        let resolved = try #require(checked.resolved?.requirements.first)
        let vocabularies = try #require(checked.resolved?.vocabularies)
        let keys = OpenData.requirementFields(resolved, vocabularies, try #require(checked.resolved?.site)).map(\.0)
        #expect(Set(keys).count == keys.count, "a key appears twice: \(keys)")
        #expect(Array(keys.suffix(OpenData.declaredColumns.count)) == OpenData.declaredColumns.map(\.name))
    }

    @Test func readsThePeriodOfARequirement() throws {
        let path = "\(listPath)/need.md"
        let site = try FixtureSite([path: requirement("period: 2–3年")])
        let checked = try site.check()
        #expect(checked.diagnostics.isEmpty, "\(describe(checked.diagnostics))")
        let need = try #require(checked.resolved?.requirements.first { $0.requirement.slug == "need" })
        #expect(need.requirement.period == "2–3年")
        let vocabularies = try #require(checked.resolved?.vocabularies)
        let fields = OpenData.requirementFields(need, vocabularies, try #require(checked.resolved?.site))
        #expect(fields.first { $0.0 == "period" }?.1 == "\"2–3年\"")
        let long = try FixtureSite([path: requirement("period: " + String(repeating: "年", count: 101))])
        let d = expectDiagnostic(try long.diagnostics(), .textTooLong, path: path, line: 6, column: 9)
        #expect(d?.message(in: .en).contains("'period'") == true)
    }
}
