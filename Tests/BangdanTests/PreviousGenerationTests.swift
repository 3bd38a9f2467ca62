import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanWrite

/// A rebuild stages into the generation the last one replaced (`.public.bangdan-cache/previous`) instead of an
/// empty folder: it keeps only the files that are the current output's, so the output is always what a clean build
/// of the same content writes, whatever was done to the kept generation.
@Suite struct PreviousGenerationTests {
    func spare(_ site: FixtureSite) -> String { site.root + "/.public.bangdan-cache/previous" }

    func inode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
    }

    /// The tree a clean build of the site's content writes (into a fresh folder with no cache beside it).
    func cleanTree(_ site: FixtureSite) throws -> [String: String] {
        let clean = site.root + "/clean-\(UUID().uuidString)"
        let built = try Build.build(site: site.root, output: clean, buildDate: Day("2023-01-01")!)
        #expect(built.filesWritten != nil)
        defer {
            try? FileManager.default.removeItem(atPath: clean)
            try? FileManager.default.removeItem(
                atPath: site.root + "/." + (clean as NSString).lastPathComponent + ".bangdan-cache")
        }
        return OutputSafetyTests().tree(clean)
    }

    let chip = "content/lists/2020-zgc/a-chip.md"

    /// A site built twice (the chip's title edited between), so its first generation is kept.
    func builtTwice() throws -> FixtureSite {
        let site = try BuildTests.site()
        try site.build()
        try editChip(site, title: "改过一次")
        try site.build()
        return site
    }

    /// Makes a folder outside the output holding one file named as a page, `outsideTree` as it must stay.
    func makeOutside(_ folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("outside".utf8).write(to: URL(fileURLWithPath: folder + "/index.html"))
    }

    let outsideTree = ["index.html": "file " + Data("outside".utf8).base64EncodedString()]

    /// Replaces what is at `path` by a symbolic link to `target`.
    func replaceWithLink(_ path: String, to target: String) throws {
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    func editChip(_ site: FixtureSite, title: String) throws {
        try site.write(
            chip,
            requirement("title: \(title)\ncode: ZGC-2\nindustry: integrated-circuits\nbounty: 面议\ndeadline: 2023-01-10")
        )
    }

    @Test func editsStageIntoThePreviousGenerationAndWriteWhatACleanBuildWrites() throws {
        let site = try BuildTests.site()
        try site.build()
        #expect(!FileManager.default.fileExists(atPath: spare(site)), "no cache beside the first output: none kept")
        try editChip(site, title: "第一次改过的芯片需求")
        try site.build()
        // The first generation is kept, with its old page.
        let kept = try String(contentsOfFile: spare(site) + "/lists/2020-zgc/a-chip/index.html", encoding: .utf8)
        #expect(!kept.contains("第一次改过的芯片需求"))
        // Another list's requirement edited, a requirement removed, another added: the third generation is made in
        // the first, whose page of the chip (unchanged since the second) is the old one.
        try site.write("content/lists/2022-test/good.md", requirement("title: 改过的另一项"))
        try site.remove("content/lists/2020-zgc/c-bags.md")
        try site.write("content/lists/2022-test/d-new.md", requirement("code: T-40"))
        let built = try site.build()
        #expect(built.filesWritten != nil && !built.reused)
        #expect(OutputSafetyTests().tree(site.output) == (try cleanTree(site)))
        #expect(try site.read("lists/2020-zgc/a-chip/index.html").contains("第一次改过的芯片需求"))
        #expect(!site.exists("lists/2020-zgc/c-bags/index.html") && site.exists("lists/2022-test/d-new/index.html"))
        // The page no edit touched is one file in both generations: never linked or written again.
        let page = "/lists/2020-zgc/a-chip/index.html"
        #expect(try inode(site.output + page) == (try inode(spare(site) + page)))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root).filter { $0.contains("staging") }
        #expect(leftovers == [])
    }

    @Test func nothingPutIntoTheKeptGenerationIsPublished() throws {
        let site = try builtTwice()
        let spare = spare(site)
        let secret = site.root + "/secret.txt"
        try Data("not for the public".utf8).write(to: URL(fileURLWithPath: secret))
        // A stray page, a dotfile, a file replaced by another with the same name and size, a page replaced by a
        // link to a file outside, and a folder replaced by a link.
        try Data("stray".utf8).write(to: URL(fileURLWithPath: spare + "/stray.html"))
        try Data("hidden".utf8).write(to: URL(fileURLWithPath: spare + "/lists/.hidden"))
        let page = spare + "/lists/2022-test/good/index.html"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: page)[.size] as? Int)
        try FileManager.default.removeItem(atPath: page)
        try Data(repeating: 0x41, count: size).write(to: URL(fileURLWithPath: page))
        try replaceWithLink(spare + "/index.html", to: secret)
        try replaceWithLink(spare + "/regions", to: site.root)
        try editChip(site, title: "改过两次")
        try site.build()
        #expect(OutputSafetyTests().tree(site.output) == (try cleanTree(site)))
        #expect(try String(contentsOfFile: secret, encoding: .utf8) == "not for the public")
        #expect(
            FileManager.default.fileExists(atPath: site.root + "/content/site.yml"), "nothing removed through a link")
    }

    @Test func aBuildStoppedByErrorsHasSweptTheKeptGenerationBeforeItReturns() throws {
        let site = try builtTwice()
        let stray = spare(site) + "/stray.html"
        try Data("stray".utf8).write(to: URL(fileURLWithPath: stray))
        let kept = spare(site) + "/lists/2022-test/good/index.html"
        #expect(FileManager.default.fileExists(atPath: kept))
        try site.write(chip, "no front matter at all")
        let built = try Build.build(site: site.root, buildDate: Day("2023-01-01")!)
        #expect(built.filesWritten == nil)
        // Swept beside the checks of a build that never stages: the stray file is gone, the output's file kept.
        #expect(!FileManager.default.fileExists(atPath: stray))
        #expect(FileManager.default.fileExists(atPath: kept))
    }

    @Test func aSweepBegunBesideTheBuildKeepsWhatTheSweepBeforeStagingKeeps() throws {
        let site = try builtTwice()
        let manifest = BuildCache(output: site.output).manifest
        let sweep = try #require(Writer.SpareSweep.begin(output: site.output, previous: manifest))
        let kept = sweep.wait()
        #expect(kept != nil && kept == sweep.wait(), "waited for twice, the same answer")
        #expect(kept == Writer.sweepSpare(of: site.output, previous: manifest))
        #expect(kept?.contains("lists/2022-test/good/index.html") == true)
        #expect(Writer.SpareSweep.begin(output: site.root + "/nothing-here", previous: manifest) == nil)
        #expect(Writer.SpareSweep.begin(output: site.output, previous: [:]) == nil)
    }

    @Test func aKeptGenerationThatIsALinkIsNeverFollowed() throws {
        let site = try builtTwice()
        // The spare replaced by a link to a folder outside, holding a file named as a page.
        let elsewhere = site.root + "/elsewhere"
        try makeOutside(elsewhere)
        try replaceWithLink(spare(site), to: elsewhere)
        try editChip(site, title: "改过两次")
        try site.build()
        #expect(OutputSafetyTests().tree(site.output) == (try cleanTree(site)))
        #expect(OutputSafetyTests().tree(elsewhere) == outsideTree)
    }

    @Test func aCacheFolderThatIsALinkIsReplacedAndNothingBehindItIsTouched() throws {
        let site = try builtTwice()
        // The cache folder replaced by a link to a folder outside that holds a `previous` of its own.
        let elsewhere = site.root + "/elsewhere"
        try makeOutside(elsewhere + "/previous")
        try replaceWithLink(site.root + "/.public.bangdan-cache", to: elsewhere)
        try editChip(site, title: "改过两次")
        try site.build()
        try editChip(site, title: "改过三次")
        try site.build()
        #expect(OutputSafetyTests().tree(site.output) == (try cleanTree(site)))
        #expect(OutputSafetyTests().tree(elsewhere + "/previous") == outsideTree)
    }

    @Test func theWriterNeverUsesOrRemovesAKeptGenerationThroughACacheFolderThatIsALink() throws {
        // A build replaces such a link before it writes (`BuildCache.keep`); the writer does not rely on it.
        let folder = try StreamedWriteTests.Folder()
        let cache = BuildCache.folder(for: folder.output)
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let files: [OutputFile] = [OutputFile("index.html", "a page")]
        let one = try Writer.write(files, to: folder.output, site: folder.root)
        let two = try Writer.write(files, to: folder.output, site: folder.root, previous: one.manifest)
        let elsewhere = folder.root + "/elsewhere"
        try makeOutside(elsewhere + "/previous")
        try replaceWithLink(cache, to: elsewhere)
        try Writer.write(
            [OutputFile("index.html", "another page")], to: folder.output, site: folder.root, previous: two.manifest)
        #expect(folder.read("index.html") == "another page")
        #expect(OutputSafetyTests().tree(elsewhere + "/previous") == outsideTree)
    }

    @Test func aPathThatTurnsFromAFileIntoAFolderIsStagedAsTheNewOutputHasIt() throws {
        let folder = try StreamedWriteTests.Folder()
        try FileManager.default.createDirectory(
            atPath: BuildCache.folder(for: folder.output), withIntermediateDirectories: true)
        let first: [OutputFile] = [OutputFile("y", "a file"), OutputFile("x/index.html", "a page")]
        let one = try Writer.write(first, to: folder.output, site: folder.root)
        // The same files again: the first generation is kept, its files the second's.
        let two = try Writer.write(first, to: folder.output, site: folder.root, previous: one.manifest)
        #expect(FileManager.default.fileExists(atPath: Writer.spare(for: folder.output) + "/y"))
        let third = [OutputFile("y/index.html", "now a page"), OutputFile("x", "now a file")]
        try Writer.write(third, to: folder.output, site: folder.root, previous: two.manifest)
        #expect(folder.read("y/index.html") == "now a page" && folder.read("x") == "now a file")
        let tree = OutputSafetyTests().tree(folder.output)
        #expect(Set(tree.keys) == ["y", "y/index.html", "x", OutputFolder.markerName])
    }
}
