import Foundation
import Testing

@testable import BangdanCore
@testable import BangdanSchema

/// docs/CONTENT.md is the officers' guide: every rule id and every declared field is described there, so that a
/// rule or field added to the code without a word for officers fails here.
@Suite struct ContentDocTests {
    /// Tests run from the package root; the guide sits at a fixed place beside this file's folder.
    static func guide() throws -> String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../docs/CONTENT.md"
        ).path
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The lines of the `### ` section whose heading contains `marker`, up to the next `### ` or `## ` heading.
    static func section(_ marker: String, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("### ") && $0.contains(marker) }) else { return nil }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("### ") || $0.hasPrefix("## ") } ?? lines.endIndex
        return lines[start..<end].joined(separator: "\n")
    }

    /// The fields a field's kind holds (an issuer's `name`, a timeline entry's `date` …), found by reflection so
    /// this test does not depend on how the declaration spells its kinds.
    static func nestedFields(in value: Any) -> [FieldSpec] {
        if let fields = value as? [FieldSpec] { return fields }
        if let field = value as? FieldSpec { return [field] }
        return Mirror(reflecting: value).children.flatMap { nestedFields(in: $0.value) }
    }

    /// Every field as the guide names it: `title` for a top-level field, `issuer.name` for a nested one.
    static func documentedNames(_ fields: [FieldSpec], prefix: String = "") -> [String] {
        fields.flatMap { field -> [String] in
            let name = prefix + field.name
            return [name] + documentedNames(nestedFields(in: field.kind), prefix: name + ".")
        }
    }

    @Test func everyRuleHasItsOwnEntry() throws {
        let text = try Self.guide()
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("#### ") }
        for rule in Rule.allCases {
            #expect(
                headings.contains { $0.contains("`\(rule.rawValue)`") },
                "docs/CONTENT.md has no '#### ' entry for the rule \(rule.rawValue)")
        }
    }

    /// Each declaration's fields, by the words that head its section of the guide.
    static let sections: [String: [FieldSpec]] = [
        "`site.yml`": Schema.site.specs(), "词表": Schema.term.specs(), "`_index.md`": Schema.list.specs(),
        "需求文件": Schema.requirement.specs(),
    ]

    @Test(arguments: ["`site.yml`", "词表", "`_index.md`", "需求文件"])
    func everyFieldHasARowInItsSection(marker: String) throws {
        let text = try Self.guide()
        let fields = try #require(Self.sections[marker])
        let section = try #require(Self.section(marker, in: text), "docs/CONTENT.md has no section headed \(marker)")
        for field in fields {
            #expect(
                section.contains("| `\(field.name)` |"),
                "the section \(marker) of docs/CONTENT.md has no table row for the field \(field.name)")
        }
    }

    @Test func everyNestedFieldIsNamed() throws {
        let text = try Self.guide()
        let nested = Set(
            Self.documentedNames(Schema.list.specs() + Schema.requirement.specs()).filter { $0.contains(".") })
        #expect(nested.contains("issuer.name"), "the declaration's nested fields were not found")
        for name in nested.sorted() {
            #expect(text.contains("`\(name)`"), "docs/CONTENT.md never names the field \(name)")
        }
    }

    /// The messages quoted in the guide are the code's own, each with its severity (`deadline-passed` is quoted as
    /// a notice, `text-invalid` in a body as a warning): a few that no version-2 change touches, and the version-2
    /// messages the guide quotes, checked verbatim so a reworded message or a changed severity is noticed here.
    @Test func quotedMessagesAreTheCodesOwn() throws {
        let text = try Self.guide()
        let shandong = "content/lists/2022-shandong-key-tech/"
        let published2020 = try #require(Day(year: 2020, month: 12, day: 28))
        let deadline2022 = try #require(Day(year: 2022, month: 8, day: 31))
        let problems: [Problem] = [
            .encoding, .frontMatterMissing, .frontMatterUnclosed, .listMissingIndex, .misplacedFile, .symlinkRefused,
            .missingField(field: "issuer.name"), .duplicateKey(key: "title", firstLine: 2),
            .unknownField(field: "dealine", suggestion: "deadline"),
            .textTooLong(field: "keywords", limit: 30, length: 36),
            .tooManyValues(field: "industry", limit: 3, count: 4),
            .attachmentMissing(name: "申报指南.pdf"), .unusedAttachment(name: "申报指南.pdf"),
            // Version 2.
            .missingField(field: "issuer"), .missingField(field: "title"),
            .unknownField(field: "揭榜方式", suggestion: nil, orExtra: true),
            .dateInvalid(field: "published", value: "2022/6/29", suggestion: "2022-06-29"),
            .dateInvalid(field: "deadline", value: "2023年5月1日", suggestion: "2023-05-01"),
            .dateInvalid(field: "deadline", value: "2022-09-31", form: .dayAndTime),
            .bountyInvalid(value: "伍佰万元", defect: .didYouMean(.exact(Wan(whole: 500)), chineseNumerals: true)),
            .bountyInvalid(
                value: "1000-500万元", defect: .reversedRange(suggestion: .range(Wan(whole: 500), Wan(whole: 1000)))),
            .bountyInvalid(value: "一个亿"),
            .contactInvalid(field: "email", value: "wang@example"),
            .contactInvalid(field: "phone", value: "0531-8888666转"),
            .textInvalid(field: "title"), .bodyCharacterDropped(character: "U+0007", count: 1),
            .caseCollision(name: "guide.pdf", other: "Guide.pdf"),
            .vocabularyInvalid(detail: .secondNational(term: "quanguo", first: "china")),
            .vocabularyInvalid(
                detail: .tooDeep(term: "level-9", chain: ["shandong"] + (2...9).map { "level-\($0)" })),
            .timelineOrder(entry: "2022-08-31 17:00", previous: "2022-10-20"),
            .possibleDuplicate(
                otherPath: shandong + "nuclide-drug-conjugates.md", reason: .code("SD2022-WZ01")),
            .possibleDuplicate(otherPath: shandong + "nuclide-drug-conjugates.md", reason: .titleAndIssuer),
            .deadlinePassed(deadline: deadline2022), .staleOpen(published: published2020),
        ]
        for problem in problems {
            let line = "\(problem.severity.rawValue)[\(problem.rule.rawValue)]: \(problem.message(in: .zhCN))"
            #expect(
                text.contains(line),
                "docs/CONTENT.md does not quote today's message of \(problem.rule.rawValue): \(line)")
        }
    }

    /// The summary lines the guide quotes are the ones the code prints for those diagnostics: one error among the
    /// sample content's 15 `stale-open` notices, and those 15 with 3 `deadline-passed` notices.
    @Test func quotedSummaryLinesAreTheCodesOwn() throws {
        let text = try Self.guide()
        let published = try #require(Day(year: 2020, month: 12, day: 28))
        let deadline = try #require(Day(year: 2022, month: 8, day: 31))
        let stale = Array(
            repeating: Diagnostic(.staleOpen(published: published), path: "content/lists/a/b.md"), count: 15)
        let passed = Array(
            repeating: Diagnostic(.deadlinePassed(deadline: deadline), path: "content/lists/c/d.md"), count: 3)
        let error = Diagnostic(.unknownField(field: "dealine", suggestion: "deadline"), path: "content/lists/c/d.md")
        for diagnostics in [stale + [error], stale + passed] {
            let summary = DiagnosticFormat.summary(diagnostics, language: .zhCN)
            #expect(text.contains("\n" + summary + "\n"), "docs/CONTENT.md does not quote the summary line \(summary)")
        }
        #expect(text.contains("`N errors, M warnings, K notices`"))
    }

    @Test func pointsOnlyInsideTheRepository() throws {
        let text = try Self.guide()
        #expect(!text.contains("SCHEMA.md"))
        #expect(!text.contains("../shared"))
        #expect(!text.contains("](../../"))
        let readme = try String(
            contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "../../README.md"
            ).path, encoding: .utf8)
        #expect(readme.contains("(docs/CONTENT.md)"), "README.md does not link docs/CONTENT.md")
    }
}
