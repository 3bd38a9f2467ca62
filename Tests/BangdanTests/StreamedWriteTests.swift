import Foundation
import Synchronization
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanRender
@testable import BangdanWrite

/// The write stage stages files as they are rendered, batch by batch, instead of holding every file's bytes until
/// the end (issue 13's memory goals), and keeps its guarantees: nothing is swapped in until the whole site is
/// staged, and any failure on the way removes the staged tree and leaves the current output as it was.
@Suite struct StreamedWriteTests {
    /// An empty temporary folder, removed with the value; the output goes to `public/` inside it.
    final class Folder {
        let root = NSTemporaryDirectory() + "bangdan-stream-" + UUID().uuidString
        var output: String { root + "/public" }

        init() throws { try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        /// What the folder holds besides the output: no staged tree may be left behind.
        var leftovers: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0 != "public" }.sorted()
        }

        func read(_ path: String) -> String? {
            FileManager.default.contents(atPath: output + "/" + path).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// What the `make` closures saw, from the threads they ran on.
    final class Seen: Sendable {
        private let values = Mutex<[String: Bool]>([:])
        func set(_ key: String, _ value: Bool) { values.withLock { $0[key] = value } }
        subscript(_ key: String) -> Bool? { values.withLock { $0[key] } }
    }

    struct Refused: Error {}

    @Test func stagesEachBatchBeforeTheNextIsMade() throws {
        let folder = try Folder()
        var staging = try Writer.Staging(output: folder.output, site: folder.root)
        let root = staging.root, output = folder.output
        let seen = Seen()
        try staging.add(["lists/a/index.html"]) { OutputFile($0, "<p>a</p>") }
        try staging.add(["b.html"]) { path in
            seen.set("earlier batch staged", FileManager.default.fileExists(atPath: root + "/lists/a/index.html"))
            seen.set("output untouched", !FileManager.default.fileExists(atPath: output))
            return OutputFile(path, "<p>b</p>")
        }
        let written = try staging.publish()
        #expect(seen["earlier batch staged"] == true, "a batch's files are on disk before the next batch is made")
        #expect(seen["output untouched"] == true, "nothing is swapped in before `publish`")
        #expect(folder.read("lists/a/index.html") == "<p>a</p>" && folder.read("b.html") == "<p>b</p>")
        #expect(folder.read(OutputFolder.markerName) != nil)
        #expect(written.written == 2)
        #expect(Set(written.manifest.keys) == ["lists/a/index.html", "b.html", OutputFolder.markerName])
        #expect(folder.leftovers == [])
    }

    @Test func aFileThatCannotBeMadeRemovesTheStagedTreeAndKeepsTheOutput() throws {
        let folder = try Folder()
        try Writer.write([OutputFile("old.html", "old")], to: folder.output, site: folder.root)
        var staging = try Writer.Staging(output: folder.output, site: folder.root)
        try staging.add(["new.html"]) { OutputFile($0, "new") }
        #expect(throws: Refused.self) {
            try staging.add(Array(0..<100)) { n in
                if n == 50 { throw Refused() }
                return OutputFile("page-\(n).html", "\(n)")
            }
        }
        #expect(folder.leftovers == [], "the staged tree is removed")
        #expect(folder.read("old.html") == "old" && folder.read("new.html") == nil, "the output is as it was")
    }

    @Test func aPathStagedTwiceIsRefusedNeverOverwritten() throws {
        let folder = try Folder()
        var staging = try Writer.Staging(output: folder.output, site: folder.root)
        try staging.add(["index.html"]) { OutputFile($0, "first") }
        #expect {
            try staging.add(["index.html"]) { OutputFile($0, "second") }
        } throws: { error in
            guard case BangdanError.writeFailed(let path, _) = error else { return false }
            return path == "index.html"
        }
        #expect(folder.leftovers == [] && !FileManager.default.fileExists(atPath: folder.output))
    }

    @Test func aFolderWhereAFileIsStagedIsRefused() throws {
        let folder = try Folder()
        var staging = try Writer.Staging(output: folder.output, site: folder.root)
        try staging.add(["lists/a"]) { OutputFile($0, "a file") }
        #expect(throws: BangdanError.self) {
            try staging.add(["lists/a/index.html"]) { OutputFile($0, "a page") }
        }
        #expect(folder.leftovers == [] && !FileManager.default.fileExists(atPath: folder.output))
    }

    /// A page that fails to render after others were staged: the build throws, and the previous output stays
    /// whole, with no staged tree left beside it.
    @Test func aPageThatFailsToRenderLeavesThePreviousOutput() throws {
        let site = try FixtureSite()
        try site.build()
        let home = try site.read("index.html")
        // Passes the theme check (rendered with no data, the section is empty), but includes itself without end
        // on a requirement page, whose heading is set: rendering that page throws.
        try site.write("templates/requirement.mustache", "{{#heading}}{{> requirement}}{{/heading}}")
        #expect {
            try Build.build(site: site.root, buildDate: Day("2023-01-01")!)
        } throws: { error in
            guard case BangdanError.template(let name, _) = error else { return false }
            return name == "requirement.mustache"
        }
        #expect(try site.read("index.html") == home)
        #expect(FileManager.default.fileExists(atPath: site.output + "/lists/2022-test/good/index.html"))
        let staged = try FileManager.default.contentsOfDirectory(atPath: site.root).filter { $0.contains("staging") }
        #expect(staged == [])
    }

    /// Cards are rendered when the first page that shows them is made: a card that fails to render fails the
    /// build as before, and the previous output stays whole.
    @Test func aCardThatFailsToRenderLeavesThePreviousOutput() throws {
        let site = try FixtureSite()
        try site.build()
        let home = try site.read("index.html")
        try site.write("templates/card.mustache", "{{#title}}{{> card}}{{/title}}")
        #expect {
            try Build.build(site: site.root, buildDate: Day("2023-01-01")!)
        } throws: { error in
            guard case BangdanError.template(let name, _) = error else { return false }
            return name == "card.mustache"
        }
        #expect(try site.read("index.html") == home)
        let staged = try FileManager.default.contentsOfDirectory(atPath: site.root).filter { $0.contains("staging") }
        #expect(staged == [])
    }

    /// The open data and the search index are made in chunks of rows, never as one string: the bytes are the
    /// ones joining every row into a string would give, for no row, one, and across chunk and group boundaries.
    @Test func rowFilesAreTheRowsJoined() {
        let group = RowFile.groupSize * RowFile.chunkSize
        for count in [
            0, 1, RowFile.chunkSize, RowFile.chunkSize + 1, group, group + 1, 2 * group + RowFile.chunkSize + 3,
        ] {
            let rows = (0..<count).map { "{\"n\":\($0),\"t\":\"需求\($0)\"}" }
            let made = RowFile.bytes(Array(0..<count), prefix: "{\"rows\":[\n", separator: ",\n", suffix: "\n]}\n") {
                $1.raw(rows[$0])
            }
            #expect(made.bytes == Self.joined(rows), "\(count) rows")
            #expect(made.rows == nil && made.reused == 0)
        }
    }

    /// A row file is written as it is made (`StreamedBytes`): the file holds every part in order and the
    /// manifest its hash and size; written again with the same bytes, the previous file is linked, not rewritten;
    /// a part that cannot be made fails the build and leaves the previous output whole.
    @Test func aStreamedFileIsWrittenPartByPartAndLinkedWhenUnchanged() throws {
        let folder = try Folder()
        let parts = ["{\"rows\":[\n", "{\"n\":1}", ",\n", "{\"n\":2,\"t\":\"需求\"}", "", "\n]}\n"].map { Array($0.utf8) }
        let whole = parts.flatMap { $0 }
        func stream(_ parts: [[UInt8]]) -> OutputFile {
            OutputFile(
                "data/rows.json",
                streamed: StreamedBytes { sink in for part in parts { try part.withUnsafeBytes(sink) } })
        }
        let first = try Writer.write([stream(parts)], to: folder.output, site: folder.root)
        #expect(FileManager.default.contents(atPath: folder.output + "/data/rows.json") == Data(whole))
        let entry = try #require(first.manifest["data/rows.json"])
        #expect(entry.hash == BytesHash.of(whole) && entry.identity.size == whole.count)
        let inode = {
            try #require(
                try FileManager.default.attributesOfItem(atPath: folder.output + "/data/rows.json")[.systemFileNumber]
                    as? Int)
        }
        let before = try inode()
        // The same bytes cut differently.
        let again = try Writer.write([stream([whole])], to: folder.output, site: folder.root, previous: first.manifest)
        let unchanged = try inode()
        #expect(again.written == 0 && unchanged == before, "unchanged: linked, not rewritten")
        let changed = try Writer.write(
            [stream(parts + [[0x0A]])], to: folder.output, site: folder.root, previous: again.manifest)
        let rewritten = try inode()
        #expect(changed.written == 1 && rewritten != before)
        #expect(FileManager.default.contents(atPath: folder.output + "/data/rows.json") == Data(whole + [0x0A]))
        let failing = OutputFile(
            "data/rows.json",
            streamed: StreamedBytes { sink in
                try parts[0].withUnsafeBytes(sink)
                throw Refused()
            })
        #expect(throws: BangdanError.self) { try Writer.write([failing], to: folder.output, site: folder.root) }
        #expect(FileManager.default.contents(atPath: folder.output + "/data/rows.json") == Data(whole + [0x0A]))
        #expect(folder.leftovers == [])
    }

    static func joined(_ rows: [String]) -> [UInt8] {
        Array(("{\"rows\":[\n" + rows.joined(separator: ",\n") + "\n]}\n").utf8)
    }

    /// With keys, the rows whose key the earlier file holds are copied from it, wherever they now stand (across
    /// chunk and group boundaries), and the rest are made: the bytes are still the rows joined, and the table
    /// made tells each row's key and length.
    @Test func rowsWithAnEarlierKeyAreCopiedFromTheEarlierFile() {
        let count = 2 * RowFile.groupSize * RowFile.chunkSize + 5
        let text: @Sendable (Int, String) -> String = { "{\"n\":\($0),\"t\":\"\($1)\($0)\"}" }
        let before = (0..<count).map { (key: UInt64($0), row: text($0, "需求")) }
        let earlierMade = RowFile.bytes(
            before, prefix: "{\"rows\":[\n", separator: ",\n", suffix: "\n]}\n", keys: before.map(\.key)
        ) { $1.raw($0.row) }
        let table = earlierMade.rows!
        #expect(earlierMade.bytes == Self.joined(before.map(\.row)))
        #expect(table.keys == before.map(\.key) && table.lengths == before.map { UInt32($0.row.utf8.count) })
        // The first row removed, a new one first, every 100th changed (new key, new text): the rest stay.
        var after = Array(before.dropFirst())
        after.insert((key: 1_000_000, row: text(-1, "新")), at: 0)
        for index in stride(from: 1, to: after.count, by: 100) {
            after[index] = (key: 2_000_000 + UInt64(index), row: text(index, "改"))
        }
        let changed = 1 + (after.count - 1 + 99) / 100
        let bytes = earlierMade.bytes
        let earlier = EarlierRows(table: table) { bytes }
        let made = RowFile.bytes(
            after, prefix: "{\"rows\":[\n", separator: ",\n", suffix: "\n]}\n", keys: after.map(\.key), earlier: earlier
        ) { $1.raw($0.row) }
        #expect(made.bytes == Self.joined(after.map(\.row)))
        #expect(made.reused == after.count - changed)
        #expect(made.rows?.keys == after.map(\.key))
        // An earlier file that is not the one its table describes: nothing is copied.
        let other = EarlierRows(table: table) { Array(bytes.dropLast()) }
        let unread = EarlierRows(table: table) { nil }
        for earlier in [other, unread] {
            let again = RowFile.bytes(
                after, prefix: "{\"rows\":[\n", separator: ",\n", suffix: "\n]}\n", keys: after.map(\.key),
                earlier: earlier
            ) { $1.raw($0.row) }
            #expect(again.bytes == Self.joined(after.map(\.row)) && again.reused == 0)
        }
    }
}
