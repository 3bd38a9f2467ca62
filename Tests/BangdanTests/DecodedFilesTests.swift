import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanSchema
@testable import BangdanWrite

/// A rebuild takes the requirement of each unchanged requirement file from what the last build decoded
/// (`DecodedFiles`, kept in the cache folder beside the output) instead of parsing it again, and must build and
/// report exactly what a clean build does.
@Suite struct DecodedFilesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// A requirement with every property set, each list of two or more, every kind of amount and indicator.
    static let everything: Requirement = {
        var q = Requirement(
            listID: "a", slug: "b", path: "content/lists/a/b.md", title: "超低功耗散料输送高端装备", code: "ZGC-2",
            category: "key", industries: ["high-end-equipment", "new-materials"], region: "beijing",
            issuer: Issuer(name: "力博重工", type: .stateOwned, creditCode: "91370000MA3C5Y0X6R"),
            bounty: .range(Wan(micro: 1), Wan(whole: 9_600), currency: .usd), funding: "财政支持 30%",
            published: Day(year: 2018, month: 11)!, deadline: Day(year: 2023, month: 5, day: 31)!, status: .matching,
            solvers: [
                Solver(name: "山东大学", region: "shandong", role: .lead, project: "项目", note: "备注"),
                Solver(name: "某研究所"),
            ],
            contact: Contact(name: "张工", phones: ["0531-1234567", "13800000000"], email: "a@b.cn", address: "济南"),
            keywords: ["输送", "低功耗"], indicators: [.text("能耗降低 30%"), .target(name: "效率", target: "≥ 95%")],
            attachments: [
                AttachmentLink(title: "需求说明", url: "spec.pdf"), AttachmentLink(title: "通知", url: "https://e.cn/"),
            ],
            source: "https://e.cn/notice", summary: "摘要", body: "正文\n", bodyLine: 30,
            positions: [
                "title": SourcePosition(line: 2, column: 1), "attachments[1]": SourcePosition(line: 20, column: 5),
            ])
        q.issuers.append(Issuer(name: "联合单位"))
        q.contacts.append(Contact(email: "c@d.cn"))
        q.sources.append("https://e.cn/report")
        q.eligibility = ["高校", "企业"]
        q.howToApply = "网上申报"
        q.applyURL = "https://e.cn/apply"
        q.period = "两年"
        q.ip = "归揭榜方"
        q.timeline = [
            TimelineEntry(date: Day(year: 2022, month: 4, day: 1)!, event: "发布"),
            TimelineEntry(date: Day(year: 2022, month: nil)!, event: "截止", time: "17:00"),
        ]
        q.extra = ExtraFacts([ExtraFact(label: "揭榜方式", text: "公开竞争"), ExtraFact(label: "", text: "")])
        q.titleEn = "Low-power conveying"
        q.summaryEn = "Summary"
        q.deadlineTime = TimeOfDay(hour: 17, minute: 0)
        q.solversUndisclosed = true
        return q
    }()

    /// The entry's requirement, given what its file gives (`everything`'s).
    static func read(_ entry: DecodedFiles.Entry) -> Requirement? {
        entry.requirement(listID: "a", slug: "b", path: "content/lists/a/b.md", body: "正文\n", bodyLine: 30)
    }

    static func cache(_ requirement: [UInt8], context: UInt64) -> [UInt8] {
        DecodedFiles.bytes(
            [.new(path: "content/lists/a/b.md", hash: .max, bodyOffset: 1234, bodyLine: 12, requirement: requirement)],
            context: context)
    }

    @Test func everyPropertyComesBackAsItWas() throws {
        let read = DecodedFiles(
            bytes: Self.cache(RequirementCoding.bytes(Self.everything), context: 7), context: 7)
        let entry = try #require(read.entries["content/lists/a/b.md"])
        #expect(Self.read(entry) == Self.everything)
        #expect(entry.hash == .max && entry.bodyOffset == 1234 && entry.bodyLine == 12)
        // Every amount, and every absent value.
        for bounty: Amount? in [
            .exact(Wan(micro: 9_600_000_000), currency: .cny), .atLeast(Wan(whole: 1), currency: .eur),
            .upTo(Wan(whole: 10_000_000), currency: .hkd), .negotiable, .noBounty, nil,
        ] {
            var q = Self.everything
            q.bounty = bounty
            var input = RecordReader(RequirementCoding.bytes(q))
            #expect(
                RequirementCoding.requirement(
                    from: &input, listID: "a", slug: "b", path: q.path, body: q.body, bodyLine: q.bodyLine) == q)
        }
        var bare = Requirement(
            listID: "a", slug: "b", path: "content/lists/a/b.md", title: "", industries: [], issuer: Issuer(name: ""),
            status: nil, solvers: [], keywords: [], indicators: [], attachments: [], body: "正文\n", bodyLine: 30,
            positions: [:])
        bare.issuers = []
        var input = RecordReader(RequirementCoding.bytes(bare))
        #expect(
            RequirementCoding.requirement(
                from: &input, listID: "a", slug: "b", path: bare.path, body: bare.body, bodyLine: 30) == bare)
        // Written for another program or other vocabularies: nothing of it is used.
        #expect(
            DecodedFiles(bytes: Self.cache(RequirementCoding.bytes(Self.everything), context: 7), context: 8).entries
                .isEmpty)
    }

    /// The coding names every stored property of `Requirement`, in the order they are declared: a property added
    /// later fails here until it is written and read too.
    @Test func everyStoredPropertyIsWritten() {
        let declared = Mirror(reflecting: Self.everything).children.compactMap(\.label)
        #expect(Set(declared) == Set(RequirementCoding.properties))
        #expect(declared.count == RequirementCoding.properties.count)
    }

    /// Every requirement of the sample site, as `decode` makes it, comes back equal.
    @Test func theSampleSitesRequirementsComeBackAsTheyWere() throws {
        let loaded = try Loader.load(site: Self.repository)
        let requirements = Decode.decode(loaded).requirements
        for q in requirements {
            var input = RecordReader(RequirementCoding.bytes(q))
            #expect(
                RequirementCoding.requirement(
                    from: &input, listID: q.listID, slug: q.slug, path: q.path, body: q.body, bodyLine: q.bodyLine)
                    == q, "\(q.path)")
            #expect(input.isAtEnd)
        }
        #expect(requirements.count >= 20)
    }

    /// Requirements whose keys lie on the same lines share one positions table, read once; each reads back as it
    /// was written, and one cut short in its positions still does not read, however many were read before it.
    @Test func requirementsWithTheSameLayoutShareTheirPositionsTable() {
        let tables = RequirementCoding.PositionTables()
        func read(_ bytes: [UInt8], _ q: Requirement) -> Requirement? {
            var input = RecordReader(bytes)
            let read = RequirementCoding.requirement(
                from: &input, listID: q.listID, slug: q.slug, path: q.path, body: q.body, bodyLine: q.bodyLine,
                tables: tables)
            return input.isAtEnd ? read : nil
        }
        var other = Self.everything
        other.title = "另一项需求"
        other.positions["deadline"] = SourcePosition(line: 40, column: 3)
        for q in [Self.everything, other, Self.everything, other] {
            #expect(read(RequirementCoding.bytes(q), q) == q)
        }
        let bytes = RequirementCoding.bytes(Self.everything)
        #expect(read(Array(bytes.dropLast()), Self.everything) == nil)
        #expect(read(bytes + [0], Self.everything) == nil, "a byte after the record")
        #expect(read(bytes, Self.everything) == Self.everything)
    }

    /// A figure no file can give (below zero, past the maximum) does not read: a damaged record is not trusted.
    @Test func aFigureOutOfRangeDoesNotRead() {
        for micro in [-1, -123_456_789, Wan.maximum.micro + 1, Int64.min, Int64.max] {
            var output = RecordWriter()
            output.byte(0)  // an exact figure
            output.integer(micro)
            output.text("CNY")
            var input = RecordReader(output.bytes)
            #expect(input.amount() == nil, "\(micro)")
        }
        var output = RecordWriter()
        output.byte(0)
        output.integer(Wan.maximum.micro)
        output.text("CNY")
        var input = RecordReader(output.bytes)
        #expect(input.amount() == .exact(Wan.maximum, currency: .cny))
    }

    /// Cut short anywhere, or with any byte changed, the cache is read as empty or as records that decode (or do
    /// not); it never stops the program.
    @Test func aDamagedCacheIsReadAsEmptyOrAsWhatItSays() {
        let bytes = Self.cache(RequirementCoding.bytes(Self.everything), context: 5)
        for length in 0..<bytes.count {
            #expect(DecodedFiles(bytes: Array(bytes[..<length]), context: 5).entries.isEmpty, "cut at \(length)")
        }
        var decoded = 0
        for index in bytes.indices {
            for value: UInt8 in [0x00, 0x7F, 0x80, 0xFF] {
                var damaged = bytes
                damaged[index] = value
                decoded += DecodedFiles(bytes: damaged, context: 5).entries.values.filter { Self.read($0) != nil }.count
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

    /// The next cache: `site`'s, with `path`'s requirement replaced by what `change` makes of it.
    func cache(_ site: FixtureSite, changing path: String, _ change: (inout Requirement) -> [UInt8]?) throws
        -> [UInt8]
    {
        let kept = try kept(site)
        var pieces: [DecodedFiles.Kept] = []
        for (key, entry) in kept.entries {
            guard key == path else {
                pieces.append(.unchanged(entry))
                continue
            }
            let parts = key.split(separator: "/")
            var requirement = try #require(
                entry.requirement(
                    listID: String(parts[2]), slug: String(parts[3].dropLast(3)), path: key, body: "",
                    bodyLine: entry.bodyLine))
            let bytes = change(&requirement) ?? RequirementCoding.bytes(requirement)
            pieces.append(
                .new(
                    path: key, hash: entry.hash, bodyOffset: entry.bodyOffset, bodyLine: entry.bodyLine,
                    requirement: bytes))
        }
        return DecodedFiles.bytes(pieces, context: try context(site))
    }

    /// What the cache holds for a file whose bytes are unchanged is what the rebuild publishes (the cache is
    /// really read), and a file whose bytes changed is parsed again.
    @Test func aRebuildTakesTheRequirementOfAnUnchangedFileAndParsesAChangedOne() throws {
        let site = try BuildTests.site()
        try site.build()
        let arm = "content/lists/2020-zgc/b-arm.md"
        let changed = try cache(site, changing: arm) { requirement in
            requirement.title = "缓存中的标题"
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

    /// A kept requirement that does not read: the build reads every file instead, and builds what a clean build
    /// does.
    @Test func aRequirementThatDoesNotReadSendsTheBuildBackToTheFiles() throws {
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
