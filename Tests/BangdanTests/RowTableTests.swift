import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanRender
@testable import BangdanWrite

/// A rebuild copies the open data's rows of unchanged requirements out of the files the last build wrote
/// (`RowTable`, kept in the cache folder beside the output), and must publish exactly what a clean build does.
@Suite struct RowTableTests {
    static let paths = SiteRendering.rowFiles
    /// The sample of `BuildTests.site()`: four requirements.
    static let requirements = 4

    @Test func tablesComeBackAsTheyWere() {
        let tables = [
            "data/requirements.json": RowTable(hash: .max, keys: [1, .max, 0], lengths: [12, 0, .max]),
            "data/requirements.csv": RowTable(hash: 0, keys: [], lengths: []),
        ]
        #expect(RowTables.decode(RowTables.encode(tables)) == tables)
        #expect(RowTables.decode(RowTables.encode([:])) == [:])
    }

    /// Cut short anywhere, or with any byte changed, the record is read as no tables or as tables it says; it never
    /// stops the program (a table is checked against the file's bytes before any row is copied).
    @Test func aDamagedRecordIsReadAsNothingOrAsWhatItSays() {
        let bytes = RowTables.encode(["data/requirements.json": RowTable(hash: 7, keys: [3, 4], lengths: [5, 6])])
        for length in 0..<bytes.count - 1 {
            #expect(RowTables.decode(Array(bytes[..<length])).isEmpty, "cut at \(length)")
        }
        for index in bytes.indices {
            for value: UInt8 in [0x00, 0x0A, 0x20, 0x39, 0xFF] {
                var damaged = bytes
                damaged[index] = value
                _ = RowTables.decode(damaged)
            }
        }
        #expect(RowTables.decode(bytes + [0]).isEmpty, "a byte past the end")
    }

    func openData(_ site: FixtureSite) throws -> [String: Data] {
        try site.snapshot().filter { Self.paths.contains($0.key) }
    }

    /// The open data of a clean build of the site as it now is, the earlier output and cache removed first.
    func cleanOpenData(_ site: FixtureSite, buildDate: Day = Day("2023-01-01")!) throws -> [String: Data] {
        try FileManager.default.removeItem(atPath: site.output)
        try FileManager.default.removeItem(atPath: BuildCache(output: site.output).folder)
        let clean = try site.build(buildDate: buildDate)
        #expect(clean.rowsReused == 0)
        return try openData(site)
    }

    static let chip = "content/lists/2020-zgc/a-chip.md"
    static let editedChip = requirement("title: 改过的芯片需求\ncode: ZGC-2\nindustry: integrated-circuits\nbounty: 面议")

    @Test func anEditMakesOnlyItsOwnRowsAndPublishesWhatACleanBuildDoes() throws {
        let site = try BuildTests.site()
        #expect(try site.build().rowsReused == 0, "nothing to copy from")
        try site.write(Self.chip, Self.editedChip)
        let rebuilt = try site.build()
        #expect(rebuilt.rowsReused == 2 * (Self.requirements - 1), "every row but the edited one's, in each file")
        let incremental = try openData(site)
        #expect(incremental.count == 2)
        #expect(try site.read("data/requirements.json").contains("改过的芯片需求"))
        #expect(try site.read("data/requirements.csv").contains("改过的芯片需求"))
        #expect(try cleanOpenData(site) == incremental)
    }

    /// Two edits in a row: the tables the second rebuild copies from are the first rebuild's.
    @Test func aSecondEditCopiesFromTheFirstEditsFiles() throws {
        let site = try BuildTests.site()
        try site.build()
        try site.write(Self.chip, Self.editedChip)
        try site.build()
        try site.write("content/lists/2020-zgc/c-bags.md", requirement("title: 改过的袋子\nbounty: 0.6亿元"))
        #expect(try site.build().rowsReused == 2 * (Self.requirements - 1))
        let incremental = try openData(site)
        #expect(try cleanOpenData(site) == incremental)
    }

    /// Rows depend on the build date (a requirement's effective status): a new day makes every row again.
    @Test func aNewBuildDateMakesEveryRow() throws {
        let site = try BuildTests.site()
        try site.build()
        let later = Day("2023-02-01")!
        #expect(try site.build(buildDate: later).rowsReused == 0)
        let incremental = try openData(site)
        #expect(try cleanOpenData(site, buildDate: later) == incremental)
    }

    /// A row file changed by hand in the output since the last build is never copied from: its bytes are not the
    /// bytes its table describes.
    @Test func aFileChangedByHandIsNotCopiedFrom() throws {
        let site = try BuildTests.site()
        try site.build()
        let json = site.output + "/data/requirements.json"
        let text = try String(contentsOfFile: json, encoding: .utf8)
        #expect(text.contains("测试需求"))
        // The same length, so only the bytes tell.
        try text.replacingOccurrences(of: "测试需求", with: "篡改需求").write(
            toFile: json, atomically: false, encoding: .utf8)
        try site.write(Self.chip, Self.editedChip)
        #expect(try site.build().rowsReused == Self.requirements - 1, "the CSV's rows only")
        let incremental = try openData(site)
        #expect(!(try site.read("data/requirements.json").contains("篡改需求")))
        #expect(try cleanOpenData(site) == incremental)
    }

    /// A damaged record in the cache: every row is made again, and the output is a clean build's.
    @Test func aDamagedRecordMakesEveryRow() throws {
        let site = try BuildTests.site()
        try site.build()
        let cache = BuildCache(output: site.output)
        var bytes = try #require(cache.contents(of: "rows"))
        #expect(RowTables.decode(bytes).count == 2)
        bytes.removeLast()
        cache.keep(bytes, as: "rows")
        try site.write(Self.chip, Self.editedChip)
        #expect(try site.build().rowsReused == 0)
        let incremental = try openData(site)
        #expect(try cleanOpenData(site) == incremental)
    }

    /// A table whose rows and separators do not add up to the file's bytes (here: one row's length told one byte
    /// short, the next one byte long, so the lengths still sum to the file's) is not trusted, even with the file's
    /// own hash.
    @Test func aTableThatDoesNotDescribeItsFileIsNotTrusted() throws {
        let site = try BuildTests.site()
        try site.build()
        let cache = BuildCache(output: site.output)
        var tables = RowTables.decode(try #require(cache.contents(of: "rows")))
        var table = try #require(tables["data/requirements.json"])
        table.lengths[0] -= 1
        table.lengths[1] += 1
        tables["data/requirements.json"] = table
        cache.keep(RowTables.encode(tables), as: "rows")
        try site.write(Self.chip, Self.editedChip)
        #expect(try site.build().rowsReused == Self.requirements - 1, "the CSV's rows only")
        let incremental = try openData(site)
        #expect(try cleanOpenData(site) == incremental)
    }
}
