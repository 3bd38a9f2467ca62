import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanSchema
@testable import BangdanWrite

/// A rebuild takes the front matter of each unchanged requirement file from what the last build decoded
/// (`DecodedFiles`, kept in the cache folder beside the output) instead of parsing it again, and must build and
/// report exactly what a clean build does.
@Suite struct DecodedFilesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// A record holding every kind of value, nested as the schema nests them.
    static let everyKind: Record = {
        var inner = Record(position: SourcePosition(line: 9, column: 5))
        inner.values = ["name": .text("山东大学"), "role": .text("lead")]
        inner.keyPositions = ["name": SourcePosition(line: 9, column: 5)]
        inner.valuePositions = ["name": SourcePosition(line: 9, column: 11)]
        var record = Record(position: SourcePosition(line: 2, column: 1))
        record.values = [
            "title": .text("超低功耗散料输送高端装备"), "empty": .text(""), "batch": .integer(-7),
            "published": .date(Day(year: 2022, month: 6, day: 29)!), "month": .date(Day(year: 2018, month: 11)!),
            "year": .date(Day(year: 2018, month: nil)!),
            "deadline": .dateTime(Day(year: 2023, month: 5, day: 31)!, TimeOfDay(hour: 17, minute: 0)!),
            "national": .boolean(true), "other": .boolean(false),
            "bounty": .amount(.exact(Wan(micro: 9_600_000_000), currency: .cny)),
            "range": .amount(.range(Wan(micro: 1), Wan(micro: 2), currency: .usd)),
            "atLeast": .amount(.atLeast(Wan(whole: 1), currency: .eur)),
            "upTo": .amount(.upTo(Wan(whole: 10_000_000), currency: .hkd)), "negotiable": .amount(.negotiable),
            "none": .amount(.noBounty), "solvers": .list([.record(inner), .text("某研究所"), .list([])]),
            "extra": .pairs([Pair(label: "揭榜方式", text: "公开竞争"), Pair(label: "", text: "")]),
        ]
        record.keyPositions = ["title": SourcePosition(line: 2, column: 1)]
        record.valuePositions = ["title": SourcePosition(line: 2, column: 8)]
        record.invalid = ["status", "deadline"]
        return record
    }()

    static func cache(_ record: [UInt8], context: UInt64) -> [UInt8] {
        DecodedFiles.bytes(
            [.new(path: "content/lists/a/b.md", hash: .max, bodyOffset: 1234, bodyLine: 12, record: record)],
            context: context)
    }

    @Test func everyKindOfValueComesBackAsItWas() throws {
        let read = DecodedFiles(bytes: Self.cache(RecordCoding.bytes(Self.everyKind), context: 7), context: 7)
        let entry = try #require(read.entries["content/lists/a/b.md"])
        #expect(entry.record() == Self.everyKind)
        #expect(entry.hash == .max && entry.bodyOffset == 1234 && entry.bodyLine == 12)
        // Written for another program or other vocabularies: nothing of it is used.
        #expect(
            DecodedFiles(bytes: Self.cache(RecordCoding.bytes(Self.everyKind), context: 7), context: 8).entries.isEmpty)
    }

    /// The front matter of every requirement of the sample site, as `decode` reads it, comes back equal.
    @Test func theSampleSitesRecordsComeBackAsTheyWere() throws {
        let loaded = try Loader.load(site: Self.repository)
        let vocabularies = Decode.decode(loaded).vocabularies
        var known: [VocabularyKind: Vocabulary] = [:]
        for kind in [VocabularyKind.industries, .regions, .categories] { known[kind] = vocabularies[kind] }
        var compared = 0
        for file in loaded.files {
            guard case .requirement = file.role, let yaml = file.yaml else { continue }
            var decoder = FieldDecoder(path: file.path, vocabularies: known)
            let decoded = decoder.record(yaml.root, fields: Schema.requirement, missingAt: .start)
            let record = try #require(decoded)
            var input = RecordReader(RecordCoding.bytes(record))
            #expect(RecordCoding.record(from: &input) == record, "\(file.path)")
            #expect(input.isAtEnd)
            compared += 1
        }
        #expect(compared >= 20)
    }

    /// Cut short anywhere, or with any byte changed, the cache is read as empty or as records that decode (or do
    /// not); it never stops the program.
    @Test func aDamagedCacheIsReadAsEmptyOrAsWhatItSays() {
        let bytes = Self.cache(RecordCoding.bytes(Self.everyKind), context: 5)
        for length in 0..<bytes.count {
            #expect(DecodedFiles(bytes: Array(bytes[..<length]), context: 5).entries.isEmpty, "cut at \(length)")
        }
        var decoded = 0
        for index in bytes.indices {
            for value: UInt8 in [0x00, 0x7F, 0x80, 0xFF] {
                var damaged = bytes
                damaged[index] = value
                decoded += DecodedFiles(bytes: damaged, context: 5).entries.values.filter { $0.record() != nil }.count
            }
        }
        #expect(decoded > 0 && decoded < bytes.count * 4)
        #expect(DecodedFiles(bytes: bytes + [0], context: 5).entries.isEmpty, "a byte past the end")
    }

    /// The context a build of `site` keeps its decoding under: this program and the vocabularies, in the order
    /// the build reads them.
    func context(_ site: FixtureSite) throws -> UInt64 {
        var context = Fingerprint()
        context.add(Build.executableIdentity)
        for name in ["categories", "industries", "regions"] {
            let path = "content/\(name).yml"
            context.add(path)
            context.add(BytesHash.of(Array(try Data(contentsOf: URL(fileURLWithPath: site.absolute(path))))))
        }
        return context.value
    }

    func kept(_ site: FixtureSite) throws -> DecodedFiles {
        let bytes = try #require(BuildCache(output: site.output).contents(of: "decoded"))
        return DecodedFiles(bytes: bytes, context: try context(site))
    }

    /// A requirement whose front matter gets a warning (`timeline-order`), and a build that still publishes.
    static let outOfOrder = requirement(
        "timeline:\n  - {date: 2022-05-01, event: 宣讲会}\n  - {date: 2022-04-01, event: 申报截止}")

    @Test func onlyFilesDecodedWithoutAProblemAreKept() throws {
        let site = try BuildTests.site(["content/lists/2020-zgc/d-odd.md": Self.outOfOrder])
        let built = try site.build()
        #expect(built.checked.diagnostics.contains { $0.rule == .timelineOrder })
        let kept = try kept(site)
        #expect(kept.entries["content/lists/2020-zgc/b-arm.md"] != nil)
        #expect(kept.entries["content/lists/2020-zgc/d-odd.md"] == nil, "a warning from its front matter")
        #expect(kept.entries["content/lists/2020-zgc/_index.md"] == nil, "lists are decoded every time")
    }

    /// The next cache: `site`'s, with `path`'s record replaced by what `change` makes of it.
    func cache(_ site: FixtureSite, changing path: String, _ change: (inout Record) -> [UInt8]?) throws -> [UInt8] {
        let kept = try kept(site)
        var pieces: [DecodedFiles.Kept] = []
        for (key, entry) in kept.entries {
            guard key == path else {
                pieces.append(.unchanged(entry))
                continue
            }
            var record = try #require(entry.record())
            let bytes = change(&record) ?? RecordCoding.bytes(record)
            pieces.append(
                .new(path: key, hash: entry.hash, bodyOffset: entry.bodyOffset, bodyLine: entry.bodyLine, record: bytes)
            )
        }
        return DecodedFiles.bytes(pieces, context: try context(site))
    }

    /// What the cache holds for a file whose bytes are unchanged is what the rebuild publishes (the cache is
    /// really read), and a file whose bytes changed is parsed again.
    @Test func aRebuildTakesTheRecordOfAnUnchangedFileAndParsesAChangedOne() throws {
        let site = try BuildTests.site()
        try site.build()
        let arm = "content/lists/2020-zgc/b-arm.md"
        let changed = try cache(site, changing: arm) { record in
            record.values["title"] = .text("缓存中的标题")
            return nil
        }
        BuildCache(output: site.output).keep(changed, as: "decoded")
        // Another file changes, so the build goes on.
        try site.write(
            "content/lists/2020-zgc/a-chip.md",
            requirement("title: 改过的芯片需求\ncode: ZGC-2\nindustry: integrated-circuits\nbounty: 面议"))
        try site.build()
        #expect(try site.read("lists/2020-zgc/b-arm/index.html").contains("缓存中的标题"))
        #expect(try site.read("lists/2020-zgc/a-chip/index.html").contains("改过的芯片需求"))
        // Its own bytes change: read from them again.
        try site.write(arm, requirement("title: 改过的臂需求\ncode: ZGC-10\nbounty: 1200万"))
        try site.build()
        let page = try site.read("lists/2020-zgc/b-arm/index.html")
        #expect(page.contains("改过的臂需求") && !page.contains("缓存中的标题"))
    }

    /// A recorded front matter that does not decode: the build reads every file instead, and builds what a clean
    /// build does.
    @Test func aRecordThatDoesNotDecodeSendsTheBuildBackToTheFiles() throws {
        let site = try BuildTests.site()
        try site.build()
        let broken = try cache(site, changing: "content/lists/2020-zgc/b-arm.md") { _ in [0xFF] }
        #expect(DecodedFiles(bytes: broken, context: try context(site)).entries.count == 4)
        BuildCache(output: site.output).keep(broken, as: "decoded")
        let chip = "content/lists/2020-zgc/a-chip.md"
        try site.write(chip, try String(contentsOfFile: site.absolute(chip), encoding: .utf8) + "补充说明。\n")
        let rebuilt = try site.build()
        #expect(!rebuilt.reused)
        let incremental = try site.snapshot()
        #expect(incremental["lists/2020-zgc/b-arm/index.html"] != nil)
        try FileManager.default.removeItem(atPath: site.output)
        try FileManager.default.removeItem(atPath: BuildCache(output: site.output).folder)
        try site.build()
        #expect(try site.snapshot() == incremental)
    }

    /// A requirement is checked against the vocabularies: when they change, nothing decoded before is reused.
    @Test func aVocabularyChangeChecksEveryFileAgain() throws {
        let site = try BuildTests.site()
        try site.build()
        #expect(try kept(site).entries["content/lists/2020-zgc/a-chip.md"] != nil)
        try site.write(
            "content/industries.yml",
            "new-generation-it:\n  name: 新一代信息技术\nhigh-end-equipment:\n  name: 高端装备制造\nnew-materials:\n  name: 新材料")
        let rebuilt = try Build.build(site: site.root, buildDate: Day("2023-01-01")!)
        expectDiagnostic(
            rebuilt.checked.diagnostics, .unknownIndustry, path: "content/lists/2020-zgc/a-chip.md", line: 6)
        #expect(rebuilt.filesWritten == nil)
    }

    /// After an edit, the rebuild reports what a clean build reports, and writes the same site.
    @Test func anEditReportsAndBuildsWhatACleanBuildDoes() throws {
        let site = try BuildTests.site([
            "content/lists/2020-zgc/d-late.md": requirement("deadline: 2022-12-01\nstatus: open"),
            "content/lists/2020-zgc/e-odd.md": Self.outOfOrder,
        ])
        try site.build()
        try site.write(
            "content/lists/2020-zgc/c-bags.md",
            requirement("title: 改过的袋子\nbounty: 0.6亿元\nattachments:\n  - {title: 需求说明, url: spec.pdf}"))
        let rebuilt = try site.build()
        let incremental = try site.snapshot()
        try FileManager.default.removeItem(atPath: site.output)
        try FileManager.default.removeItem(atPath: BuildCache(output: site.output).folder)
        let clean = try site.build()
        #expect(try site.snapshot() == incremental)
        #expect(rebuilt.checked.diagnostics == clean.checked.diagnostics)
        #expect(rebuilt.checked.diagnostics.contains { $0.rule == .deadlinePassed || $0.rule == .staleOpen })
    }
}
