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
            let bytes = RowFile.bytes(Array(0..<count), prefix: "{\"rows\":[\n", separator: ",\n", suffix: "\n]}\n") {
                rows[$0]
            }
            #expect(bytes == Array(("{\"rows\":[\n" + rows.joined(separator: ",\n") + "\n]}\n").utf8), "\(count) rows")
        }
    }
}
