import Testing

@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender

/// The usual list or requirement file is parsed over its bytes (`Loader.parseAsBytes`): UTF-8 checked by
/// `TextDecoding.isValidUTF8`, the body kept as bytes. It must judge UTF-8 as the standard library does, give
/// what the general path (`parseAsText`) gives, and leave every other file to that path.
@Suite struct ParseAsBytesTests {
    func standardLibraryAccepts(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
    }

    func fastCheckAccepts(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(TextDecoding.isValidUTF8) }

    /// Each edge of table 3-7, well-formed and not, after 0 to 9 ASCII bytes (so before, inside and after an
    /// eight-byte step), alone, between CJK text and cut short at the end.
    @Test func theFastCheckJudgesTheEdgesAsTheStandardLibraryDoes() {
        let sequences: [[UInt8]] = [
            [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
            [0xEF, 0xBF, 0xBF], [0xE1, 0x80, 0x80], [0xEC, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF1, 0x80, 0x80, 0x80],
            [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xBF], [0xE4, 0xB8], [0xFF], [0xFE],
            [0xE4, 0x41, 0x80], [0xE4, 0x80, 0x41], [0xC3, 0x41], [0xF0, 0x90, 0x80], [0xF0, 0x90, 0x80, 0x41],
        ]
        var checked = 0
        for sequence in sequences {
            for ascii in 0...9 {
                let before = [UInt8](repeating: 0x61, count: ascii)
                for bytes in [
                    before + sequence, before + sequence + Array("中文".utf8), Array("中".utf8) + before + sequence,
                    before + sequence.dropLast(),
                ] {
                    #expect(fastCheckAccepts(bytes) == standardLibraryAccepts(bytes), "\(bytes)")
                    checked += 1
                }
            }
        }
        #expect(checked == sequences.count * 40)
    }

    /// Random texts of ASCII, two-, three- and four-byte characters, some with a byte changed, cut or
    /// inserted: the same verdict as the standard library on each.
    @Test func theFastCheckJudgesRandomTextAsTheStandardLibraryDoes() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        let pieces = [
            "a", "z ", "\n", "é", "ß", "中", "文", "，", "“", "≥", "\u{FEFF}", "😀", "𠀀", "\u{10FFFF}", "\u{7FF}",
        ]
        var accepted = 0, refused = 0
        for _ in 0..<4000 {
            var bytes: [UInt8] = []
            for _ in 0..<next(40) { bytes += Array(pieces[next(pieces.count)].utf8) }
            switch next(4) {
            case 0 where !bytes.isEmpty: bytes[next(bytes.count)] = UInt8(truncatingIfNeeded: next(256))
            case 1 where !bytes.isEmpty: bytes.removeLast(min(bytes.count, 1 + next(3)))
            case 2: bytes.insert(UInt8(0x80 + next(128)), at: next(bytes.count + 1))
            default: break
            }
            let expected = standardLibraryAccepts(bytes)
            #expect(fastCheckAccepts(bytes) == expected, "\(bytes)")
            if expected { accepted += 1 } else { refused += 1 }
        }
        #expect(accepted > 1000 && refused > 500, "both verdicts are tried: \(accepted) / \(refused)")
    }

    /// The files the byte path takes: the same file, body, offsets, YAML and diagnostics as the general path.
    @Test(arguments: [
        "---\ntitle: 测试需求\ncode: X-1\n---\n\n正文第一段，含“引号”和 ≥ 90%。\n\n- 列表 é ß 😀\n",
        "---\ntitle: a\n...\nbody after a dot fence\n",
        "---   \ntitle: a\n---\t\n",
        "---\n---\n",
        "---\ntitle: a\ntitle: b\nkeywords: [x, *y]\n---\nbody\n",
        "---\ntitle: [unclosed\n---\n正文\n",
    ])
    func theBytePathGivesWhatTheTextPathGives(_ text: String) throws {
        for role in [SourceRole.requirement(listID: "l", slug: "s"), .listIndex(listID: "l")] {
            let bytes = Array(text.utf8)
            let fast = try #require(Loader.parseAsBytes(bytes, path: "content/x.md", role: role))
            let slow = Loader.parseAsText(bytes, path: "content/x.md", role: role)
            #expect(fast.file.body.utf8 == slow.file.body.utf8)
            #expect(fast.file.bodyLine == slow.file.bodyLine)
            #expect(fast.file.bodyOffset == slow.file.bodyOffset)
            #expect(fast.file.yaml == slow.file.yaml)
            #expect(fast.diagnostics == slow.diagnostics)
        }
    }

    /// The body is the file's own bytes after the front matter, not a copy, and what is made of it (its first
    /// paragraph, its HTML) reads it from where it starts in them, up to a NUL were there one.
    @Test func theBodySharesTheFileBytes() throws {
        let bytes = Array("---\ntitle: 标题\n---\n\n第一段 *重点*。\n\n## 小节\n".utf8)
        let role = SourceRole.requirement(listID: "l", slug: "s")
        let body = try #require(Loader.parseAsBytes(bytes, path: "content/x.md", role: role)).file.body
        let offset = "---\ntitle: 标题\n---\n".utf8.count
        #expect(body.utf8.startIndex == offset && body.utf8.endIndex == bytes.count)
        body.utf8.withUnsafeBufferPointer { slice in
            bytes.withUnsafeBufferPointer { #expect(slice.baseAddress == $0.baseAddress.map { $0 + offset }) }
        }
        let copied = MarkdownText(utf8: Array(body.utf8))
        #expect(PlainText.firstParagraph(of: body, limit: 500) == "第一段 重点。")
        #expect(PlainText.firstParagraph(of: body, limit: 500) == PlainText.firstParagraph(of: copied, limit: 500))
        #expect(Markdown.html(body) == Markdown.html(copied))
        #expect(Markdown.html(body).bytes == Array("<p>第一段 <em>重点</em>。</p>\n<h3>小节</h3>\n".utf8))
        let withNUL = Array("前言\n\n正文\u{0}后面".utf8)
        #expect(Markdown.html(MarkdownText(utf8: withNUL[8...])).bytes == Array("<p>正文</p>\n".utf8))
    }

    /// A byte-order mark, a carriage return, ill-formed UTF-8, no front matter or an unclosed one, a character
    /// to drop from the body, a site or vocabulary file: left to the general path, which reports what is wrong.
    @Test func everyOtherFileIsLeftToTheTextPath() {
        let requirement = SourceRole.requirement(listID: "l", slug: "s")
        let declined: [([UInt8], SourceRole)] = [
            ([0xEF, 0xBB, 0xBF] + Array("---\ntitle: a\n---\nb\n".utf8), requirement),
            (Array("---\r\ntitle: a\r\n---\r\nb\r\n".utf8), requirement),
            (Array("---\ntitle: a\n---\n".utf8) + [0xE4, 0xB8] + Array("\n".utf8), requirement),
            (Array("title: a\n".utf8), requirement),
            (Array("---\ntitle: a\n".utf8), requirement),
            (Array("---\ntitle: a\n---\nbody \u{7}\n".utf8), requirement),
            (Array("title: a\n".utf8), .site),
            (Array("- id: x\n".utf8), .vocabulary(.industries)),
        ]
        for (bytes, role) in declined {
            #expect(Loader.parseAsBytes(bytes, path: "content/x.md", role: role) == nil, "\(bytes)")
        }
        // Through `parse`, the ill-formed file is still refused at its first bad byte.
        let bad = Array("---\ntitle: a\n---\n".utf8) + [0xE4, 0xB8] + Array("\n".utf8)
        let parsed = Loader.parse(bytes: bad, path: "content/x.md", role: requirement)
        #expect(parsed.diagnostics.map(\.position) == [SourcePosition(line: 4, column: 1)])
    }
}
