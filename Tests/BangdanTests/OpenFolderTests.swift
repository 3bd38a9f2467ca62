import Foundation
import Testing

@testable import BangdanCore
@testable import BangdanWrite

/// The folder handle the content walk and the output check look files up through.
@Suite struct OpenFolderTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("openfolder-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/sub", withIntermediateDirectories: true)
        try "一二三".write(toFile: path + "/a.md", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: path + "/link", withDestinationPath: path + "/sub")
        try FileManager.default.createSymbolicLink(atPath: path + "/file-link", withDestinationPath: path + "/a.md")
        return path
    }

    func opens(_ name: String, in folder: borrowing OpenFolder, refusal: inout RegularFile.Outcome) -> Bool {
        if OpenFolder.open(name, in: folder, refusal: &refusal) != nil { return true }
        return false
    }

    @Test func listsTheSameNamesEveryTimeItIsAsked() throws {
        let path = try folder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let open = OpenFolder(path) else {
            Issue.record("the folder opens")
            return
        }
        let first = open.names(), second = open.names()
        #expect(first?.sorted() == ["a.md", "file-link", "link", "sub"])
        #expect(second?.sorted() == first?.sorted())
    }

    @Test func readsAFileWholeAndRefusesOneOverTheLimit() throws {
        let path = try folder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let open = OpenFolder(path) else {
            Issue.record("the folder opens")
            return
        }
        let whole = open.read("a.md", limit: 9), over = open.read("a.md", limit: 8)
        guard case .bytes(let bytes) = whole else {
            Issue.record("a file of exactly the limit is read")
            return
        }
        #expect(bytes == Array("一二三".utf8))
        guard case .tooLarge = over else {
            Issue.record("one byte over the limit is refused")
            return
        }
    }

    @Test func neverFollowsALinkToAFolderOrAFile() throws {
        let path = try folder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let open = OpenFolder(path) else {
            Issue.record("the folder opens")
            return
        }
        var refusal = RegularFile.Outcome.failed("")
        #expect(!opens("link", in: open, refusal: &refusal))
        guard case .notRegular(.symlink) = refusal else {
            Issue.record("a linked folder is refused as a link, not opened: \(refusal)")
            return
        }
        let linked = open.read("file-link", limit: 100)
        guard case .notRegular(.symlink) = linked else {
            Issue.record("a linked file is refused as a link, not read")
            return
        }
        let link = open.info("link"), outside = open.info("../a.md")
        #expect(link.map { FileType(mode: $0.st_mode) } == .symlink)
        #expect(!opens("..", in: open, refusal: &refusal))
        #expect(outside == nil)
    }

    /// `readRegular` skips only the look before opening: what it opens is checked, as `read` checks it, so a
    /// name found regular and swapped since for a link, a pipe or a folder is refused, never read or waited on.
    @Test func readsAFileFoundRegularAndRefusesWhatItHasBecomeSince() throws {
        let path = try folder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(mkfifo(path + "/pipe.md", 0o644) == 0)
        guard let open = OpenFolder(path) else {
            Issue.record("the folder opens")
            return
        }
        guard case .bytes(let bytes) = open.readRegular("a.md", limit: 9) else {
            Issue.record("a regular file is read")
            return
        }
        #expect(bytes == Array("一二三".utf8))
        guard case .tooLarge = open.readRegular("a.md", limit: 8) else {
            Issue.record("one byte over the limit is refused")
            return
        }
        for (name, type) in [("file-link", FileType.symlink), ("pipe.md", .fifo), ("sub", .directory)] {
            let outcome = open.readRegular(name, limit: 100)
            guard case .notRegular(let found) = outcome else {
                Issue.record("\(name) is refused, not read: \(outcome)")
                continue
            }
            #expect(found == type, "\(name)")
        }
        guard case .failed = open.readRegular("../a.md", limit: 100) else {
            Issue.record("a name that leaves the folder is refused")
            return
        }
    }
}

/// The previous output is removed on every core below its first two levels, whole, and never through a link.
@Suite struct RemoveTreeTests {
    @Test func removesEverythingAndNothingALinkPointsAt() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("removetree-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let tree = base + "/tree", outside = base + "/outside"
        try FileManager.default.createDirectory(atPath: outside + "/kept", withIntermediateDirectories: true)
        try "keep".write(toFile: outside + "/kept/file", atomically: false, encoding: .utf8)
        for list in 0..<40 {
            for page in 0..<3 {
                let folder = tree + "/lists/l\(list)/p\(page)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try "x".write(toFile: folder + "/index.html", atomically: false, encoding: .utf8)
            }
        }
        // Links at the first, second and third level, to a folder outside the tree.
        try FileManager.default.createSymbolicLink(atPath: tree + "/linked", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: tree + "/lists/linked", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: tree + "/lists/l0/linked", withDestinationPath: outside)
        // Files and pipes at every level (files are unlinked first, folders emptied), an empty folder, a deep one.
        try FileManager.default.createDirectory(atPath: tree + "/a/b/c/d/e", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: tree + "/lists/l1/empty", withIntermediateDirectories: true)
        for file in ["index.html", "a/1.json", "a/b/2.json", "a/b/c/d/e/5.json", "lists/l2/index.html"] {
            try "x".write(toFile: tree + "/" + file, atomically: false, encoding: .utf8)
        }
        for pipe in ["pipe", "a/pipe", "a/b/pipe", "a/b/c/pipe"] { #expect(mkfifo(tree + "/" + pipe, 0o644) == 0) }
        Writer.removeTree(tree)
        #expect(!FileManager.default.fileExists(atPath: tree))
        #expect(try String(contentsOfFile: outside + "/kept/file", encoding: .utf8) == "keep")
    }
}
