import BangdanCore
import BangdanLoad
import Testing

/// The caret display's reader reads content files, so it lives with the loader (`BangdanLoad`), usable without
/// the build stage.
@Suite struct SourceLinesTests {
    @Test func theLoaderReadsTheLinesOfAContentFile() throws {
        let site = try FixtureSite()
        var lines = BangdanLoad.SourceLines(site: site.root)
        #expect(lines.line("content/site.yml", 1) == "title: 测试榜单网")
        #expect(lines.line("content/site.yml", 99) == nil)
        #expect(lines.line("content/lists/2022-test/_index.md", 2) == "title: 测试榜单")
    }

    /// The line as the loader reads the file: decoded (BOM dropped, CRLF and CR as line ends), then split.
    func lineBySplitting(_ number: Int, _ bytes: [UInt8]) -> String? {
        guard case .success(let text) = TextDecoding.decode(bytes) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return number >= 1 && number <= lines.count ? String(lines[number - 1]) : nil
    }

    @Test(arguments: [
        "", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\rc", "a\r\r\nb", "\r\n\r\n", "\n\n\n", "\u{FEFF}标题\n第二行",
        "甲\r乙\r\n丙\n丁", "\u{FEFF}", "x\u{2028}y\nz",
    ])
    func aLineIsFoundWithoutSplittingTheFileAndIsTheSameLine(_ text: String) {
        let bytes = Array(text.utf8)
        for number in 0...6 {
            #expect(SourceLines.line(number, in: bytes) == lineBySplitting(number, bytes), "line \(number)")
        }
    }

    @Test func aFileThatIsNotUTF8ShowsNoLine() {
        let bytes: [UInt8] = [0x61, 0x0A, 0xFF, 0x0A, 0x62]
        #expect(SourceLines.line(1, in: bytes) == nil)
        #expect(SourceLines.line(3, in: bytes) == nil)
    }

    @Test func theLinesShownAreTakenFromTheBytesReadForTheLinesDiagnosticsPointInto() {
        let files: [(path: String, bytes: [UInt8])] = [
            ("content/a.md", Array("一\n二\n三\n".utf8)), ("content/b.md", Array("甲\n乙\n".utf8)),
        ]
        let diagnostics = [
            Diagnostic(.encoding, path: "content/a.md", at: SourcePosition(line: 3, column: 1)),
            // A rule about a file as a whole shows no line: the target of a link must never be read.
            Diagnostic(.symlinkRefused, path: "content/b.md", at: SourcePosition(line: 1, column: 1)),
        ]
        let shown = SourceLines.shown(diagnostics, in: files)
        #expect(shown.lines == [ShownLines.Key(path: "content/a.md", line: 3): "三"])
        // Known lines are used without reading the file (there is none at this site).
        var lines = SourceLines(site: "/nonexistent", known: shown)
        #expect(lines.line("content/a.md", 3) == "三")
        #expect(lines.line("content/a.md", 1) == nil)
    }

    /// With the files the loader could not decode named, the others are not validated again: the same lines
    /// are shown as when every file is validated, and a named file shows none.
    @Test func filesKnownToBeUTF8ShowTheSameLinesWithoutBeingValidatedAgain() throws {
        let deadline = try #require(Day(year: 2025, month: 1, day: 1))
        let texts = [
            "", "a", "a\n", "a\r\nb\r\n", "a\rb\rc", "\u{FEFF}标题\n第二行", "甲\r乙\r\n丙\n丁", "x\u{2028}y\nz",
            "一\n\n三\n四\n五\n六",
        ]
        var files = texts.enumerated().map { (path: "content/\($0.offset).md", bytes: Array($0.element.utf8)) }
        files.append((path: "content/bad.md", bytes: [0x61, 0x0A, 0xFF, 0x0A, 0x62]))
        let diagnostics = files.flatMap { file in
            (1...6).map {
                Diagnostic(
                    .deadlinePassed(deadline: deadline), path: file.path, at: SourcePosition(line: $0, column: 1))
            }
        }
        let validated = SourceLines.shown(diagnostics, in: files)
        let known = SourceLines.shown(diagnostics, in: files, notUTF8: ["content/bad.md"])
        #expect(known.lines == validated.lines)
        #expect(known.lines[ShownLines.Key(path: "content/8.md", line: 3)] == "三")
        #expect(!known.lines.keys.contains { $0.path == "content/bad.md" })
    }
}
