import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanSchema
@testable import BangdanSite
@testable import BangdanWrite
@testable import Mustache

/// The output folder is the one place a build deletes things: it must never be a folder whose loss loses
/// anything else, never be written through a symbolic link, hold exactly what the content says after every
/// build, and never be written by two builds at once (issue "Trust", items 1, 2, 14 and 18).
@Suite struct OutputSafetyTests {
    // MARK: Helpers

    /// Runs the built `bangdan` in `folder` (the current folder of the child).
    func bangdan(
        _ arguments: [String], in folder: String? = nil,
        environment: [String: String] = ["SOURCE_DATE_EPOCH": "1672531200"]
    ) throws -> Binary.Run {
        try Binary.run(arguments, in: folder, environment: environment)
    }

    /// Everything under `folder`, links not followed: files by their bytes, folders as "dir", links by target.
    func tree(_ folder: String) -> [String: String] {
        var result: [String: String] = [:]
        func walk(_ path: String, _ relative: String) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                let full = path + "/" + name, key = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    result[key] = "dir"
                    walk(full, key)
                case S_IFLNK:
                    result[key] = "link " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?")
                default:
                    result[key] = "file " + (FileManager.default.contents(atPath: full)?.base64EncodedString() ?? "?")
                }
            }
        }
        walk(folder, "")
        return result
    }

    func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// A site inside two folders of its own (`ROOT/outer/site`), so that `..` and `../..` as output stay in the
    /// fixture's temporary folder even for a build that does not refuse them.
    func nestedSite() throws -> (fixture: FixtureSite, site: String) {
        let fixture = try BuildTests.site()
        let site = fixture.root + "/outer/site"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: fixture.root + "/content", toPath: site + "/content")
        try FileManager.default.createDirectory(atPath: site + "/templates/assets", withIntermediateDirectories: true)
        try Data("/* site css */\n".utf8).write(to: URL(fileURLWithPath: site + "/templates/assets/extra.css"))
        return (fixture, site)
    }

    /// What a first build of the site's current content writes, into a fresh folder with no cache.
    func freshBuild(_ site: FixtureSite) throws -> [String: String] {
        let folder = NSTemporaryDirectory() + "bangdan-fresh-" + UUID().uuidString
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(
                atPath: NSTemporaryDirectory() + ".\((folder as NSString).lastPathComponent).bangdan-cache")
            try? FileManager.default.removeItem(
                atPath: NSTemporaryDirectory() + ".\((folder as NSString).lastPathComponent).bangdan-lock")
        }
        let built = try Build.build(site: site.root, output: folder, buildDate: Day("2023-01-01")!)
        #expect(built.filesWritten == built.filesInOutput)
        return tree(folder)
    }

    // MARK: 1. Folders a build must not replace

    @Test func refusesAnOutputThatIsTheSiteContainsItOrLiesInContentOrTemplates() throws {
        let (fixture, site) = try nestedSite()
        let outputs = [
            ".", "./", ".//", "..", "../", "../..", "./public/..", "content", "content/", "./content",
            "content/lists", "content/lists/2022-test", "content/lists/new-folder", "./public/../content",
            "templates", "templates/assets", "templates/new", site, site + "/", site + "/content/../content",
            fixture.root,
        ]
        let before = tree(fixture.root)
        for output in outputs {
            let result = try bangdan(["build", "--site", ".", "--output", output], in: site)
            #expect(result.status == 2, "--output \(output) was not refused")
            #expect(result.stderr.contains("输出文件夹"), "--output \(output): \(result.stderr)")
            #expect(!result.stderr.contains("已写入") && !result.stderr.contains("wrote"))
            #expect(tree(fixture.root) == before, "--output \(output) touched something")
        }
        // --force never lifts these refusals.
        for output in [".", "content", ".."] {
            #expect(try bangdan(["build", "--site", ".", "--output", output, "--force"], in: site).status == 2)
        }
        #expect(tree(fixture.root) == before)
    }

    @Test func refusesInTheSitesLanguage() throws {
        let site = try BuildTests.site(["content/site.yml": "title: Test\nbase_url: https://example.org/\nlanguage: en"]
        )
        let result = try bangdan(["build", "--site", site.root, "--output", site.root + "/content"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the output folder \(site.root)/content lies inside content/"))
    }

    @Test func refusesTheContentFolderReachedThroughAnotherPath() throws {
        let site = try BuildTests.site()
        let alias = site.root + "-alias"
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: site.root)
        defer { try? FileManager.default.removeItem(atPath: alias) }
        let before = tree(site.root)
        let result = try bangdan(["build", "--site", site.root, "--output", alias + "/content/lists"])
        #expect(result.status == 2)
        #expect(tree(site.root) == before)
        #expect(throws: BangdanError.self) {
            try Build.build(site: alias, output: site.root + "/content", buildDate: Day("2023-01-01")!)
        }
    }

    @Test func resolvesDotsSlashesAndLinkedParents() throws {
        let site = try FixtureSite()
        #expect(OutputFolder.resolve(site.root + "/public/../content/").path == site.root + "/content")
        #expect(OutputFolder.resolve(site.root + "//public/./").path == site.root + "/public")
        #expect(OutputFolder.resolve("/").path == "/")
        #expect(OutputFolder.resolve("/..").path == "/")
        try FileManager.default.createSymbolicLink(atPath: site.root + "/link", withDestinationPath: "content")
        #expect(OutputFolder.resolve(site.root + "/link/lists").path == site.root + "/content/lists")
        #expect(OutputFolder.resolve(site.root + "/link/").isSymlink)
        let check = { (output: String) in
            try OutputFolder.check(output, site: site.root, force: true, language: .en)
        }
        for output in ["/", site.root, site.root + "/content", site.root + "/link/x", site.root + "/link"] {
            #expect(throws: BangdanError.self, "\(output)") { try check(output) }
        }
        #expect(try check(site.root + "/public") == site.root + "/public")
        #expect(try check(site.root + "/build/site") == site.root + "/build/site")
    }

    @Test func refusesAFolderNoBuildWroteUnlessForced() throws {
        let site = try BuildTests.site()
        try site.write("mine/notes.txt", "keep me")
        let refused = try bangdan(["build", "--site", site.root, "--output", site.root + "/mine"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(".bangdan-output"))
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: site.root + "/mine/notes.txt", encoding: .utf8) == "keep me\n")

        let forced = try bangdan(["build", "--site", site.root, "--output", site.root + "/mine", "--force"])
        #expect(forced.status == 0)
        #expect(!FileManager.default.fileExists(atPath: site.root + "/mine/notes.txt"))
        #expect(FileManager.default.fileExists(atPath: site.root + "/mine/" + OutputFolder.markerName))
        // Now it is Bangdan's: the next build needs no --force.
        try site.write("content/lists/2020-zgc/d-new.md", requirement())
        #expect(try bangdan(["build", "--site", site.root, "--output", site.root + "/mine"]).status == 0)
    }

    @Test func acceptsAnEmptyFolderAndRefusesAFile() throws {
        let site = try BuildTests.site()
        try FileManager.default.createDirectory(atPath: site.output, withIntermediateDirectories: true)
        #expect(try bangdan(["build", "--site", site.root]).status == 0)
        #expect(site.exists("index.html"))
        try site.write("out.html", "<p>mine</p>")
        let result = try bangdan(["build", "--site", site.root, "--output", site.root + "/out.html"])
        #expect(result.status == 2)
        #expect(try String(contentsOfFile: site.root + "/out.html", encoding: .utf8) == "<p>mine</p>\n")
    }

    // MARK: 2. Symbolic links at or under the output, and what an older output held

    @Test func refusesAnOutputThatIsASymlink() throws {
        let site = try BuildTests.site()
        try site.write(".git/config", "[core]")
        try FileManager.default.createSymbolicLink(atPath: site.output, withDestinationPath: ".")
        let before = tree(site.root)
        for output in [nil, "public", "public/", "./public", site.output + "/"] {
            let result = try bangdan(
                ["build", "--site", site.root] + (output.map { ["--output", $0] } ?? []), in: site.root)
            #expect(result.status == 2, "\(output ?? "default")")
            #expect(result.stderr.contains("符号链接"))
        }
        #expect(tree(site.root) == before, "nothing written through the link")

        // A link to a folder elsewhere, even one that looks like an older output, is refused just the same.
        let elsewhere = try BuildTests.site()
        try elsewhere.build()
        let outside = tree(elsewhere.output)
        try FileManager.default.removeItem(atPath: site.output)
        try FileManager.default.createSymbolicLink(atPath: site.output, withDestinationPath: elsewhere.output)
        #expect(try bangdan(["build", "--site", site.root, "--force"]).status == 2)
        #expect(tree(elsewhere.output) == outside)
    }

    @Test func dropsDotfilesAndStraysOfAnOlderOutput() throws {
        let site = try BuildTests.site()
        try site.build()
        let clean = tree(site.output)
        try site.write("public/.gitkeep", "")
        try site.write("public/.git/config", "[core]")
        try site.write("public/stray.html", "<p>by hand</p>")
        try site.write("public/lists/2020-zgc/extra/note.txt", "by hand")
        try FileManager.default.createDirectory(
            atPath: site.output + "/empty-by-hand", withIntermediateDirectories: true)
        try site.build()  // nothing changed in the content
        #expect(tree(site.output) == clean)

        try site.write("public/.nojekyll", "")
        try site.write("public/stray.html", "<p>by hand</p>")
        try site.write("content/lists/2020-zgc/d-new.md", requirement())
        try site.build()  // content changed
        #expect(tree(site.output) == (try freshBuild(site)))
        #expect(!site.exists(".nojekyll") && !site.exists("stray.html"))
    }

    @Test func neverLinksOrFollowsASymlinkLeftInTheOldOutput() throws {
        let site = try BuildTests.site()
        try site.build()
        // Outside the output: a file with the very bytes of a page, and a folder like a list's.
        let page = "lists/2022-test/good/index.html"
        let secret = site.root + "/secret.html"
        try FileManager.default.copyItem(atPath: site.output + "/" + page, toPath: secret)
        try FileManager.default.removeItem(atPath: site.output + "/" + page)
        try FileManager.default.createSymbolicLink(atPath: site.output + "/" + page, withDestinationPath: secret)
        try site.write("elsewhere/index.html", "<p>elsewhere</p>")
        try FileManager.default.removeItem(atPath: site.output + "/industries/high-end-equipment")
        try FileManager.default.createSymbolicLink(
            atPath: site.output + "/industries/high-end-equipment", withDestinationPath: site.root + "/elsewhere")
        try site.write("content/lists/2020-zgc/d-new.md", requirement())
        try site.build()
        #expect(!isSymlink(site.output + "/" + page), "the new output holds a link")
        #expect(!isSymlink(site.output + "/industries/high-end-equipment"))
        #expect(tree(site.output) == (try freshBuild(site)))
        #expect(
            try String(contentsOfFile: site.root + "/elsewhere/index.html", encoding: .utf8) == "<p>elsewhere</p>\n",
            "removing the old output followed a link")
        #expect(FileManager.default.fileExists(atPath: secret))
    }

    // MARK: 14. The output is what the content says, after every build

    @Test func rewritesAFileEditedByHandEvenAtTheSameSize() throws {
        let site = try BuildTests.site()
        try site.build()
        let clean = tree(site.output)
        let page = site.output + "/index.html"
        var bytes = try #require(FileManager.default.contents(atPath: page))
        bytes[bytes.count - 2] = UInt8(ascii: "X")
        // In place: same inode, same size.
        let handle = try #require(FileHandle(forWritingAtPath: page))
        try handle.write(contentsOf: bytes)
        try handle.close()
        let again = try site.build()
        #expect(!again.reused)
        #expect(again.filesWritten == 1, "only the edited file is written again")
        #expect(tree(site.output) == clean)
    }

    @Test func neverLinksAFileEditedByHandIntoTheNextOutput() throws {
        let site = try BuildTests.site()
        try site.build()
        let page = site.output + "/lists/2022-test/good/index.html"  // not affected by the change below
        let original = try #require(FileManager.default.contents(atPath: page))
        var edited = original
        edited[edited.count - 2] = UInt8(ascii: "X")
        let handle = try #require(FileHandle(forWritingAtPath: page))
        try handle.write(contentsOf: edited)
        try handle.close()
        try site.write("content/lists/2020-zgc/d-new.md", requirement())
        try site.build()
        #expect(FileManager.default.contents(atPath: page) == original)
        #expect(tree(site.output) == (try freshBuild(site)))
    }

    @Test func rewritesAFileReplacedOrDeletedByHand() throws {
        let site = try BuildTests.site()
        try site.build()
        let clean = tree(site.output)
        let feed = site.output + "/feed.xml"
        let size = try #require(FileManager.default.attributesOfItem(atPath: feed)[.size] as? Int)
        try FileManager.default.removeItem(atPath: feed)
        try Data(repeating: UInt8(ascii: "x"), count: size).write(to: URL(fileURLWithPath: feed))
        try FileManager.default.removeItem(atPath: site.output + "/robots.txt")
        #expect(try site.build().filesWritten == 2)
        #expect(tree(site.output) == clean)
    }

    @Test func countsOnlyTheFilesItWrites() throws {
        let site = try BuildTests.site()
        let first = try site.build()
        #expect(first.filesWritten == first.filesInOutput && first.filesInOutput > 20)
        let before = try site.snapshot()
        let same = try site.build()
        #expect(same.reused && same.filesWritten == 0 && same.filesInOutput == first.filesInOutput)
        try site.write(
            "content/lists/2020-zgc/a-chip.md",
            requirement("title: 改过的芯片需求\ncode: ZGC-2\nindustry: integrated-circuits\nbounty: 面议\ndeadline: 2023-01-10"))
        let changed = try site.build()
        let after = try site.snapshot()
        let differing = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.count
        #expect(changed.filesWritten == differing)
        #expect(changed.filesWritten ?? 0 < changed.filesInOutput)
    }

    @Test func sayHowManyFilesWereWritten() throws {
        let site = try BuildTests.site()
        let first = try bangdan(["build", "--site", site.root])
        // The site is in Chinese, so the command speaks Chinese (CommandLanguageTests has the English lines).
        let total = try #require(
            first.stderr.split(separator: " ").firstIndex(of: "build：已写入").map {
                Int(first.stderr.split(separator: " ")[$0 + 1])
            } ?? nil)
        #expect(first.stderr.contains("已写入 \(total) 个文件到"))
        #expect(
            try bangdan(["build", "--site", site.root]).stderr.contains(
                "没有变化；\(site.root)/public 已是最新（\(total) 个文件，未写入）"))
        try site.write(
            "content/lists/2020-zgc/b-arm.md",
            requirement(
                "code: ZGC-10\nbounty: 1200万\nstatus: signed\nsolvers:\n  - {name: 山东大学, region: jinan}\n  - {name: 清华大学, region: beijing}"
            ))
        let changed = try bangdan(["build", "--site", site.root])
        #expect(changed.status == 0)
        #expect(changed.stderr.contains("\(site.root)/public 共 \(total) 个文件，写入 "), "\(changed.stderr)")
        #expect(!changed.stderr.contains("已写入 \(total) 个文件"))
    }

    // MARK: 18. Stale staging folders and two builds at once

    @Test func removesStagingThatACrashedBuildLeft() throws {
        let site = try BuildTests.site()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "exit 0"]
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        try site.write(".public.staging-\(dead)/index.html", "half a site")
        try site.write(".public.staging-\(dead).old/index.html", "an older site")
        try site.write(".public.staging-1/index.html", "old, and its process is someone else")
        let twoHoursAgo = Date().addingTimeInterval(-7200)
        for path in [".public.staging-1", ".public.staging-1/index.html"] {
            try FileManager.default.setAttributes([.modificationDate: twoHoursAgo], ofItemAtPath: site.absolute(path))
        }
        // Not Bangdan's, or not stale: kept.
        let kept = [
            ".public.staging-notes/a.txt", ".other.staging-\(dead)/a.txt", ".public.staging-1.old/a.txt",
            "public-staging-\(dead)/a.txt",
        ]
        for path in kept { try site.write(path, "keep") }
        try site.build()
        for stale in [".public.staging-\(dead)", ".public.staging-\(dead).old", ".public.staging-1"] {
            #expect(!FileManager.default.fileExists(atPath: site.absolute(stale)), "\(stale) is still there")
        }
        for path in kept { #expect(FileManager.default.fileExists(atPath: site.absolute(path)), "\(path) was removed") }
    }

    /// The lock file lives only while a build runs: neither a build that publishes nor one refused for content
    /// errors leaves it beside the output.
    @Test func leavesNoLockFileBehind() throws {
        let site = try BuildTests.site()
        try site.build()
        #expect(!FileManager.default.fileExists(atPath: site.root + "/.public.bangdan-lock"))
        try site.write("content/lists/2020-zgc/bad.md", requirement("dealine: 2022-08-01"))
        let refused = try bangdan(["build", "--site", site.root])
        #expect(refused.status == 1)
        #expect(!FileManager.default.fileExists(atPath: site.root + "/.public.bangdan-lock"))
    }

    /// Holds the output's lock as a running build would.
    func holdLock(_ site: FixtureSite, _ body: () throws -> Void) throws {
        let fd = open(site.root + "/.public.bangdan-lock", O_RDWR | O_CREAT, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pwrite(fd, pid, pid.count, 0)
        try body()
    }

    @Test func refusesASecondBuildWhileOneIsRunning() throws {
        let site = try BuildTests.site()
        try site.build()
        let before = tree(site.root)
        try site.write("content/lists/2020-zgc/d-new.md", requirement())
        let edited = tree(site.root)
        try holdLock(site) {
            let result = try bangdan(["build", "--site", site.root])
            #expect(result.status == 2)
            #expect(result.stderr.contains("另一个 bangdan build（进程 \(getpid())）正在写入输出文件夹"), "\(result.stderr)")
            #expect(
                tree(site.root).filter { $0.key != ".public.bangdan-lock" }
                    == edited.filter { $0.key != ".public.bangdan-lock" })
            #expect(throws: BangdanError.self) { try Build.build(site: site.root, buildDate: Day("2023-01-01")!) }
        }
        #expect(before["public/lists/2020-zgc/d-new/index.html"] == nil)
        #expect(try bangdan(["build", "--site", site.root]).status == 0, "the lock is free again")
        #expect(site.exists("lists/2020-zgc/d-new/index.html"))
    }

    @Test func buildsOneAtATimeInOneProcess() throws {
        let site = try BuildTests.site()
        let inner = try OutputFolder.withLock(site.output, language: .en) {
            do {
                _ = try Build.build(site: site.root, buildDate: Day("2023-01-01")!)
                return "built"
            } catch let error as BangdanError {
                return error.description
            }
        }
        #expect(inner.contains("另一个 bangdan build"), "\(inner)")
        #expect(!site.exists("index.html"))
    }
}
