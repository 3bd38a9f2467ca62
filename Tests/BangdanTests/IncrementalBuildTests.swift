import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanSite
@testable import BangdanWrite
@testable import Mustache

/// The cache beside the output: an unchanged rebuild writes nothing; a changed one re-renders everything the
/// change affects and never publishes a stale page; unchanged files are carried over as hard links.
@Suite struct IncrementalBuildTests {
    func inode(_ site: FixtureSite, _ path: String) throws -> Int {
        try #require(
            try FileManager.default.attributesOfItem(atPath: site.output + "/" + path)[.systemFileNumber] as? Int)
    }

    func changed(_ before: [String: Data], _ after: [String: Data]) -> Set<String> {
        Set(Set(before.keys).union(after.keys).filter { before[$0] != after[$0] })
    }

    @Test func rebuildsNothingWhenNothingChanged() throws {
        let site = try BuildTests.site()
        try site.build()
        let before = try site.snapshot()
        let node = try inode(site, "index.html")
        let again = try site.build()
        #expect(again.reused)
        #expect(try site.snapshot() == before)
        #expect(try inode(site, "index.html") == node, "not even rewritten")
    }

    @Test func replaysTheSameDiagnosticsWhenNothingChanged() throws {
        let site = try BuildTests.site([
            "content/lists/2020-zgc/orphan.pdf": "%PDF",
            "content/lists/2020-zgc/open-with-solvers.md": requirement("solvers: [\"某大学\tA 栋\"]"),
        ])
        let first = try site.build()
        // Two warnings, and two stale-open notices (the 2020 list's open requirements without a deadline).
        #expect(
            first.checked.diagnostics.map(\.severity).sorted { $0.rawValue < $1.rawValue } == [
                .notice, .notice, .warning, .warning,
            ])
        let again = try site.build()
        #expect(again.reused)
        let describe = { (d: [Diagnostic]) in
            d.map { "\($0.path):\($0.line):\($0.column) \($0.rule.rawValue) \($0.severity) \($0.message(in: .zhCN))" }
        }
        #expect(describe(again.checked.diagnostics) == describe(first.checked.diagnostics))
        let strict = try Build.build(site: site.root, buildDate: Day("2023-01-01")!, strict: true)
        #expect(strict.reused && strict.filesWritten == nil, "warnings still fail a strict build when replayed")
        #expect(strict.checked.diagnostics.filter { $0.rule == .staleOpen }.map(\.severity) == [.notice, .notice])
    }

    @Test func replaysNoticesAsNoticesUnderStrict() throws {
        // A daily rebuild: the first build records the notice, the next (nothing changed) replays it from the
        // cache, and --strict must not make either fail.
        let site = try FixtureSite(["\(listPath)/need.md": requirement("deadline: 2022-08-31")])
        let first = try Build.build(site: site.root, buildDate: Day("2022-09-01")!, strict: true)
        #expect(first.filesWritten != nil)
        let again = try Build.build(site: site.root, buildDate: Day("2022-09-01")!, strict: true)
        #expect(again.reused && again.filesWritten == 0)
        #expect(again.checked.diagnostics.map(\.severity) == [.notice])
        #expect(again.checked.diagnostics.map(\.rule) == [.deadlinePassed])
    }

    @Test func rebuildsWhenTheOutputWasDeleted() throws {
        let site = try BuildTests.site()
        try site.build()
        try FileManager.default.removeItem(atPath: site.output + "/lists/2020-zgc/a-chip/index.html")
        #expect(try site.build().reused == false)
        #expect(site.exists("lists/2020-zgc/a-chip/index.html"))
    }

    @Test func changingOneRequirementRerendersWhatShowsIt() throws {
        let site = try BuildTests.site()
        try site.build()
        let before = try site.snapshot()
        let untouched = try inode(site, "lists/2022-test/good/index.html")
        try site.write(
            "content/lists/2020-zgc/a-chip.md",
            requirement("title: 改过的芯片需求\ncode: ZGC-2\nindustry: integrated-circuits\nbounty: 面议\ndeadline: 2023-01-10"))
        let rebuilt = try site.build()
        #expect(!rebuilt.reused)
        let changed = changed(before, try site.snapshot())
        for path in [
            "lists/2020-zgc/a-chip/index.html", "lists/2020-zgc/index.html", "lists/2020-zgc/b-arm/index.html",
            "industries/integrated-circuits/index.html", "industries/new-generation-it/index.html",
            "regions/beijing/index.html", "regions/zhongguancun/index.html", "index.html",
            "data/requirements.json", "data/requirements.csv", "feed.xml",
        ] {
            #expect(changed.contains(path), "\(path) still shows the old title")
        }
        // The search index: the fragment that shows its row and the shards of its new title's tokens.
        #expect(changed.contains { $0.hasPrefix("search/f/") } && changed.contains { $0.hasPrefix("search/t/") })
        #expect(!changed.contains("lists/2022-test/good/index.html"))
        #expect(
            try inode(site, "lists/2022-test/good/index.html") == untouched,
            "an unchanged page is linked, not rewritten")
        for path in [
            "lists/2020-zgc/a-chip/index.html", "lists/2020-zgc/index.html",
            "industries/integrated-circuits/index.html",
        ] {
            #expect(try site.read(path).contains("改过的芯片需求"), "\(path) is stale")
        }
    }

    @Test func changingATemplateRerendersEveryPageThatUsesIt() throws {
        let site = try BuildTests.site()
        try site.build()
        let before = try site.snapshot()
        try site.write("templates/card.mustache", "<li class=\"card\"><a href=\"{{url}}\">{{title}}</a> 新卡片</li>")
        try site.build()
        let after = try site.snapshot()
        let changed = changed(before, after)
        for path in [
            "lists/2020-zgc/index.html", "industries/new-materials/index.html", "regions/beijing/index.html",
            "index.html",
        ] {
            #expect(changed.contains(path))
            #expect(String(decoding: after[path] ?? Data(), as: UTF8.self).contains("新卡片"))
        }
        #expect(!changed.contains("lists/2020-zgc/a-chip/index.html"), "requirement pages show no cards")
    }

    @Test func changingAVocabularyRerendersItsTermsEverywhere() throws {
        let site = try BuildTests.site()
        try site.build()
        let vocabulary = FixtureSite.base["content/industries.yml"]!.replacingOccurrences(
            of: "name: 集成电路", with: "name: 芯片与集成电路")
        try site.write("content/industries.yml", vocabulary)
        try site.build()
        for path in [
            "industries/integrated-circuits/index.html", "industries/index.html", "lists/2020-zgc/a-chip/index.html",
            "lists/2020-zgc/index.html",
        ] {
            #expect(try site.read(path).contains("芯片与集成电路"), "\(path) shows the old name")
        }
    }

    @Test func changingSiteSettingsRerendersEveryPage() throws {
        let site = try BuildTests.site()
        try site.build()
        let before = try site.snapshot()
        try site.write(
            "content/site.yml", FixtureSite.base["content/site.yml"]!.replacingOccurrences(of: "测试榜单网", with: "新的网站名"))
        try site.build()
        let after = try site.snapshot()
        for path in before.keys where path.hasSuffix(".html") {
            #expect(String(decoding: after[path] ?? Data(), as: UTF8.self).contains("新的网站名"), "\(path) is stale")
        }
    }

    @Test func aNewBuildDateRerendersDeadlines() throws {
        let site = try BuildTests.site()
        try site.build(buildDate: Day("2023-01-01")!)
        #expect(try site.read("lists/2020-zgc/a-chip/index.html").contains("剩余 9 天"))
        let next = try site.build(buildDate: Day("2023-01-02")!)
        #expect(!next.reused)
        #expect(try site.read("lists/2020-zgc/a-chip/index.html").contains("剩余 8 天"))
    }

    @Test func replacingAnAttachmentPublishesTheNewFile() throws {
        let site = try BuildTests.site()
        try site.build()
        try site.write("content/lists/2020-zgc/spec.pdf", "%PDF-1.4 second edition")
        try site.build()
        #expect(try site.read("lists/2020-zgc/spec.pdf") == "%PDF-1.4 second edition\n")
    }
}

/// A rebuild with nothing changed prints what the first build printed, the line under each message included,
/// without reading the content's text again; a damaged cache record is never half trusted.
@Suite struct ReplayedReportTests {
    @Test func theLineUnderEachMessageIsReplayedFromTheCache() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("deadline: 2022-08-31")])
        let first = try Build.build(site: site.root, buildDate: Day("2022-09-01")!)
        let notice = try #require(first.checked.diagnostics.first)
        #expect(notice.rule == .deadlinePassed)
        let line = try #require(first.checked.shownLines[notice.path, notice.line])
        #expect(line.hasPrefix("deadline: 2022-08-31"))
        let again = try Build.build(site: site.root, buildDate: Day("2022-09-01")!)
        #expect(again.reused)
        #expect(again.checked.shownLines == first.checked.shownLines)
    }

    @Test func aDamagedCacheRecordIsDroppedWhole() throws {
        let site = try FixtureSite(["\(listPath)/need.md": requirement("deadline: 2022-08-31")])
        let built = try Build.build(site: site.root, buildDate: Day("2022-09-01")!)
        let cache = BuildCache(output: built.output)
        #expect(cache.input != nil && !cache.manifest.isEmpty && cache.diagnostics.count == 1)
        let state = cache.folder + "/state"
        let text = try String(contentsOfFile: state, encoding: .utf8)
        for damage in ["x12 ", "ffffffffffffffffffff ", "-1 "] {
            // The last manifest line's hash made a word, a number past 64 bits, a negative number.
            var lines = text.components(separatedBy: "\n")
            let last = try #require(lines.lastIndex { !$0.isEmpty })
            lines[last] = damage + lines[last].split(separator: " ", maxSplits: 1)[1]
            try lines.joined(separator: "\n").write(toFile: state, atomically: true, encoding: .utf8)
            let read = BuildCache(output: built.output)
            #expect(read.input == nil && read.manifest.isEmpty && read.diagnostics.isEmpty, "\(damage)")
        }
    }
}

/// A rebuild takes the hash the last build recorded for a content file whose stamp (size, inode, modification and
/// status change times) is unchanged, instead of reading it; it reads it when the build goes on.
@Suite struct ContentStampTests {
    /// Makes the cache trust every recorded stamp, as it does once a second has passed since the build that
    /// recorded them: the recorded start of the reading is moved a minute on.
    func age(_ output: String) throws {
        let state = BuildCache(output: output).folder + "/state"
        var lines = try String(contentsOfFile: state, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("read ") })
        let seconds = try #require(Int64(lines[index].split(separator: " ")[1]))
        lines[index] = "read \(seconds + 60) 0"
        try lines.joined(separator: "\n").write(toFile: state, atomically: false, encoding: .utf8)
    }

    let chip = "content/lists/2020-zgc/a-chip.md"

    @Test func aRebuildWithNothingChangedReadsNoListFile() throws {
        let site = try BuildTests.site()
        try site.build()
        // Just written: every stamp is too recent to vouch for its file.
        #expect(BuildCache(output: site.output).known.isEmpty)
        try age(site.output)
        let known = BuildCache(output: site.output).known
        #expect(known.keys.contains(chip) && known.keys.allSatisfy { $0.hasPrefix("content/lists/") })
        let files = try Loader.read(site: site.root, known: known)
        #expect(files.unread.count == known.count)
        #expect(files.fingerprint == (try Loader.read(site: site.root)).fingerprint, "the same input, unread")
        #expect(try site.build().reused)
    }

    @Test func aFileWrittenAndGivenItsOldTimeBackIsReadAgain() throws {
        let site = try BuildTests.site()
        try site.build()
        try age(site.output)
        let path = site.root + "/" + chip
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let title = try #require(text.components(separatedBy: "\n").first { $0.hasPrefix("title: ") })
        // The same size, another title, and the old modification time: only the status change time tells.
        let changed = String(title.dropLast(2)) + "芯片"
        #expect(changed.utf8.count == title.utf8.count)
        try text.replacingOccurrences(of: title, with: changed).write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        let rebuilt = try site.build()
        #expect(!rebuilt.reused)
        #expect(try site.read("lists/2020-zgc/a-chip/index.html").contains(String(changed.dropFirst(7))))
    }

    /// The stamp of the file at `path` as the walk takes it.
    func stamp(_ path: String) throws -> FileStamp {
        var info = stat()
        #expect(lstat(path, &info) == 0)
        return FileStamp(info)
    }

    @Test func aFileWhoseBytesDifferFromItsRecordWhenReadIsTakenAsRead() throws {
        let site = try BuildTests.site()
        let path = site.root + "/" + chip
        // A record with the file's stamp but another hash: the file is left unread, then read.
        var files = try Loader.read(site: site.root, known: [chip: KnownFile(stamp: try stamp(path), hash: 42)])
        let index = try #require(files.texts.firstIndex { $0.path == chip })
        #expect(files.unread == [index] && files.texts[index].bytes.isEmpty && files.hashes[index] == 42)
        try Loader.readUnread(&files, site: site.root)
        let fresh = try Loader.read(site: site.root)
        #expect(files.unread.isEmpty && files.texts[index].bytes == fresh.texts[index].bytes)
        #expect(files.hashes == fresh.hashes && files.fingerprint == fresh.fingerprint)
        #expect(files.stamps[index] == nil, "a stamp that did not vouch is not recorded again")
    }

    @Test func aFileReplacedByALinkBeforeItIsReadIsRefused() throws {
        let site = try BuildTests.site()
        let path = site.root + "/" + chip
        var files = try Loader.read(site: site.root, known: [chip: KnownFile(stamp: try stamp(path), hash: 42)])
        let index = try #require(files.texts.firstIndex { $0.path == chip })
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/etc/passwd")
        #expect(throws: BangdanError.self) { try Loader.readUnread(&files, site: site.root) }
        #expect(files.texts[index].bytes.isEmpty, "nothing read through the link")
    }

    @Test func anEditReadsTheUnreadFilesAndBuildsWhatACleanBuildBuilds() throws {
        let site = try BuildTests.site()
        try site.build()
        try age(site.output)
        try site.write(chip, try String(contentsOfFile: site.root + "/" + chip, encoding: .utf8) + "\n补充说明。\n")
        let rebuilt = try site.build()
        #expect(!rebuilt.reused)
        let incremental = try site.snapshot()
        try FileManager.default.removeItem(atPath: site.output)
        try FileManager.default.removeItem(atPath: BuildCache(output: site.output).folder)
        try site.build()
        #expect(try site.snapshot() == incremental)
    }
}
