import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanSchema
@testable import BangdanSite
@testable import Mustache

/// SCHEMA.md §1–§2: the folder layout and the file format.
@Suite struct LoadRulesTests {
    @Test func baseFixtureIsClean() throws {
        let site = try FixtureSite()
        #expect(try site.diagnostics().isEmpty)
    }

    @Test func reportsInvalidUTF8AtTheFirstBadByte() throws {
        let site = try FixtureSite()
        var bytes = Array(requirement().utf8)
        // "title: 测试需求" is line 2; put a lone continuation byte after "title: 测".
        let offset = Array("---\ntitle: 测".utf8).count
        bytes.insert(0x80, at: offset)
        try site.write("\(listPath)/bad.md", bytes: bytes)
        expectDiagnostic(try site.diagnostics(), .encoding, path: "\(listPath)/bad.md", line: 2, column: 9)
    }

    @Test func acceptsBOMAndCRLF() throws {
        let site = try FixtureSite()
        let text = requirement("deadline: 2022-02-30").replacingOccurrences(of: "\n", with: "\r\n")
        try site.write("\(listPath)/crlf.md", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let diagnostics = try site.diagnostics()
        // Only the planted date problem, on the line it is on: CRLF and the BOM shifted nothing.
        expectDiagnostic(diagnostics, .dateInvalid, path: "\(listPath)/crlf.md", line: 6, column: 11)
        #expect(diagnostics.count == 1)
    }

    @Test func rejectsMissingFrontMatter() throws {
        let site = try FixtureSite(["\(listPath)/plain.md": "title: 没有分隔线\n正文"])
        expectDiagnostic(try site.diagnostics(), .frontMatterMissing, path: "\(listPath)/plain.md", line: 1, column: 1)
    }

    @Test func rejectsUnclosedFrontMatter() throws {
        let site = try FixtureSite(["\(listPath)/open.md": "---\ntitle: 没有结束\nindustry: new-materials\n"])
        expectDiagnostic(try site.diagnostics(), .frontMatterUnclosed, path: "\(listPath)/open.md", line: 1, column: 1)
    }

    @Test func acceptsDotsAsTheClosingLine() throws {
        let text = requirement().replacingOccurrences(of: "---\n正文", with: "...\n正文")
        let site = try FixtureSite(["\(listPath)/dots.md": text])
        #expect(try site.diagnostics().isEmpty)
    }

    @Test func rejectsInvalidListFolderAndFileNames() throws {
        let site = try FixtureSite([
            "content/lists/2022_Bad/_index.md": FixtureSite.base["\(listPath)/_index.md"]!,
            "\(listPath)/Mine-Truck.md": requirement(),
        ])
        let diagnostics = try site.diagnostics().filter { $0.rule == .slugInvalid }
        #expect(diagnostics.map(\.path) == ["content/lists/2022-test/Mine-Truck.md", "content/lists/2022_Bad"])
        #expect(diagnostics.allSatisfy { $0.line == 1 && $0.column == 1 })
    }

    @Test(arguments: ["a", "mine-truck", "2022-key-tech", String(repeating: "a", count: 80)])
    func acceptsSlugs(_ slug: String) { #expect(Loader.isSlug(slug)) }

    @Test(arguments: ["", "-a", "a-", "a--b", "A", "a_b", "中文", "a.b", String(repeating: "a", count: 81)])
    func rejectsSlugs(_ slug: String) { #expect(!Loader.isSlug(slug)) }

    @Test func rejectsMarkdownOutsideListFolders() throws {
        let site = try FixtureSite([
            "content/lists/stray.md": requirement(),
            "\(listPath)/drafts/deep.md": requirement(),
            "content/notes/readme.md": "# notes",
        ])
        let paths = try site.diagnostics().filter { $0.rule == .misplacedFile }.map(\.path)
        #expect(
            paths == ["content/lists/2022-test/drafts/deep.md", "content/lists/stray.md", "content/notes/readme.md"])
    }

    @Test func rejectsListFolderWithoutIndex() throws {
        let site = try FixtureSite(["content/lists/2021-orphan/need.md": requirement()])
        expectDiagnostic(
            try site.diagnostics(), .listMissingIndex, path: "content/lists/2021-orphan", line: 1, column: 1)
    }

    @Test func rejectsUnsupportedAttachmentTypes() throws {
        let site = try FixtureSite(["\(listPath)/notes.txt": "hello", "\(listPath)/.hidden": "ignored"])
        let d = expectDiagnostic(try site.diagnostics(), .unsupportedFile, path: "\(listPath)/notes.txt", line: 1)
        #expect(d?.message(in: .en).contains(".txt") == true)
    }

    @Test func rejectsOversizedFiles() throws {
        let site = try FixtureSite()
        try site.write(
            "\(listPath)/huge.md",
            bytes: Array(requirement().utf8) + [UInt8](repeating: 0x61, count: Loader.markdownLimit))
        try site.write("\(listPath)/huge.pdf", bytes: [UInt8](repeating: 0, count: Loader.attachmentLimit + 1))
        let paths = try site.diagnostics().filter { $0.rule == .fileTooLarge }.map(\.path)
        #expect(paths == ["\(listPath)/huge.md", "\(listPath)/huge.pdf"])
    }

    @Test func refusesSymlinksWithoutFollowingThem() throws {
        let site = try FixtureSite()
        let outside = site.root + "-outside.md"
        try requirement("title: 外部文件").write(toFile: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(
            atPath: site.absolute("\(listPath)/linked.md"), withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(
            atPath: site.absolute("content/lists/linked-list"),
            withDestinationPath: site.absolute(listPath))
        let checked = try site.check()
        let paths = checked.diagnostics.filter { $0.rule == .symlinkRefused }.map(\.path)
        #expect(paths == ["content/lists/2022-test/linked.md", "content/lists/linked-list"])
        #expect(checked.resolved?.requirements.contains { $0.requirement.title == "外部文件" } == false)
    }

    @Test func missingContentFolderIsAnEnvironmentError() throws {
        #expect(throws: BangdanError.self) {
            try Build.check(site: "/nonexistent-bangdan-site", buildDate: Day("2023-01-01")!)
        }
    }
}

/// A list's Markdown files are told by their name's last bytes before Foundation's `pathExtension` is asked:
/// the same answer for every name.
@Suite struct MarkdownNameTests {
    @Test func aNameIsMarkdownExactlyWhenItsExtensionIsMD() {
        let pieces = ["need", "-", ".", "md", "MD", "Md", "mD", "m", "d", "txt", "ｍｄ", "需求", " ", "_index", ".."]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let name = randomText(of: pieces, count: 1...4, using: &generator)
            #expect(
                Loader.isMarkdownName(name) == ((name as NSString).pathExtension.lowercased() == "md"),
                "\(name.debugDescription)")
        }
    }
}
