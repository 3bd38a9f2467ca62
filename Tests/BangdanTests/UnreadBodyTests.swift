import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanSchema
@testable import BangdanWrite

/// A rebuild does not read a requirement file whose stamp vouches for bytes an earlier build decoded: its
/// requirement is read back (`DecodedFiles`), the lines its diagnostics show are those shown last time, and its
/// body is read only by a page that shows it (`ContentReader`), which refuses bytes that are no longer the ones
/// vouched for.
@Suite struct UnreadBodyTests {
    let chip = "content/lists/2020-zgc/a-chip.md"
    let arm = "content/lists/2020-zgc/b-arm.md"

    /// A site built once, its stamps old enough to vouch for the files.
    func builtSite(_ extra: [String: String] = [:]) throws -> FixtureSite {
        let site = try BuildTests.site(extra)
        try site.build()
        try ContentStampTests().age(site.output)
        return site
    }

    /// A clean build of the same content, into a fresh output: its files, and its build.
    func clean(_ site: FixtureSite) throws -> ([String: Data], Build.Built) {
        try FileManager.default.removeItem(atPath: site.output)
        try FileManager.default.removeItem(atPath: BuildCache(output: site.output).folder)
        let built = try site.build()
        return (try site.snapshot(), built)
    }

    @Test func anEditReadsOnlyTheEditedFileAndItsNeighbourPagesReadTheirBodies() throws {
        let site = try builtSite()
        let requirements = try Loader.read(site: site.root).texts.filter {
            if case .requirement = $0.role { true } else { false }
        }
        try site.write(
            chip,
            try String(contentsOfFile: site.absolute(chip), encoding: .utf8).replacingOccurrences(
                of: "title: ", with: "title: 改 "))
        let rebuilt = try site.build()
        #expect(rebuilt.filesLeftUnread == requirements.count - 1)
        // The arm's page shows the chip's new title beside it, so it was made again, with its body read now.
        let incremental = try site.snapshot()
        let armPage = try #require(incremental["lists/2020-zgc/b-arm/index.html"])
        #expect(String(decoding: armPage, as: UTF8.self).contains("改 "))
        let (cleanFiles, _) = try clean(site)
        #expect(cleanFiles == incremental)
    }

    @Test func theLinesOfAnUnreadFileAreThoseShownLastTime() throws {
        let late = "content/lists/2020-zgc/d-late.md"
        let site = try builtSite([late: requirement("deadline: 2022-12-01\nstatus: open")])
        // The cache's line is shown, so it was not read from the file.
        var state = try String(contentsOfFile: BuildCache(output: site.output).folder + "/state", encoding: .utf8)
        #expect(state.contains("deadline: 2022-12-01"))
        state = state.replacingOccurrences(of: "deadline: 2022-12-01", with: "deadline: 2022-12-01 # 上次")
        try state.write(toFile: BuildCache(output: site.output).folder + "/state", atomically: false, encoding: .utf8)
        try site.write(chip, try String(contentsOfFile: site.absolute(chip), encoding: .utf8) + "\n补充。\n")
        let rebuilt = try site.build()
        #expect(rebuilt.filesLeftUnread > 0)
        let notice = try #require(rebuilt.checked.diagnostics.first { $0.path == late && $0.rule == .deadlinePassed })
        #expect(rebuilt.checked.shownLines[late, notice.line] == "deadline: 2022-12-01 # 上次")
    }

    @Test func aLineNotShownLastTimeIsReadFromTheFile() throws {
        let site = try FixtureSite()
        let path = "content/lists/2022-test/_index.md"
        let known: ShownLines = {
            var lines = ShownLines()
            lines[path, 1] = "已知"
            return lines
        }()
        let deadline = try #require(Day("2022-12-01"))
        let pointing = [1, 2].map {
            Diagnostic(.deadlinePassed(deadline: deadline), path: path, at: SourcePosition(line: $0, column: 1))
        }
        let shown = SourceLines.shown(pointing, site: site.root, known: known)
        #expect(shown[path, 1] == "已知")
        #expect(shown[path, 2] == "title: 测试榜单")
    }

    @Test func aBodyIsReadOnlyFromTheBytesVouchedFor() throws {
        let site = try builtSite()
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: site.absolute(arm))))
        let offset = try #require(bytes.indices.last { bytes[$0] == 0x0A && $0 > 0 && bytes[$0 - 1] == 0x2D }) + 1
        let reader = ContentReader(site: site.root)
        let located = MarkdownText(unreadAt: .init(path: arm, hash: BytesHash.of(bytes), offset: offset))
        #expect(try reader.body(located).utf8 == bytes[offset...])
        #expect(try reader.body("已读") == "已读", "a body read already is itself")
        let changed = MarkdownText(unreadAt: .init(path: arm, hash: BytesHash.of(bytes) ^ 1, offset: offset))
        #expect(throws: BangdanError.changedDuringBuild(path: arm)) { try reader.body(changed) }
        let past = MarkdownText(unreadAt: .init(path: arm, hash: BytesHash.of(bytes), offset: bytes.count + 1))
        #expect(throws: BangdanError.changedDuringBuild(path: arm)) { try reader.body(past) }
        try FileManager.default.removeItem(atPath: site.absolute(arm))
        try FileManager.default.createSymbolicLink(atPath: site.absolute(arm), withDestinationPath: "/etc/passwd")
        #expect(throws: BangdanError.changedDuringBuild(path: arm)) { try reader.body(located) }
        #expect(
            BangdanError.changedDuringBuild(path: arm).message(in: .zhCN)
                == "\(arm) 在构建过程中被修改，本次构建未发布任何内容；请再运行一次 bangdan build")
    }

    /// A kept requirement that does not read sends the build back to every file, the unread ones included.
    @Test func aRequirementThatDoesNotReadHasItsUnreadFilesReadToo() throws {
        let site = try builtSite()
        let tests = DecodedFilesTests()
        let broken = try tests.cache(site, changing: arm) { _ in [0xFF] }
        BuildCache(output: site.output).keep(broken, as: "decoded")
        try site.write(chip, try String(contentsOfFile: site.absolute(chip), encoding: .utf8) + "\n补充。\n")
        let rebuilt = try site.build()
        #expect(rebuilt.filesLeftUnread == 0)
        let incremental = try site.snapshot()
        let (cleanFiles, clean) = try clean(site)
        #expect(cleanFiles == incremental)
        #expect(clean.checked.diagnostics == rebuilt.checked.diagnostics)
    }
}
