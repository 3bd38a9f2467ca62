import Testing

@testable import BangdanCore
@testable import BangdanLoad

/// Front matter as `YAMLReader` reads it from libyaml's events: values, styles and positions of nodes, and the
/// diagnostics of text libyaml refuses, as the reader before it (Yams' composer) gave them.
@Suite struct YAMLReaderTests {
    func read(_ yaml: String, firstLine: Int = 1) -> YAMLReader.Result {
        YAMLReader.read(yaml, path: "x.yml", firstLine: firstLine)
    }

    /// The root mapping's pairs by key.
    func pairs(_ result: YAMLReader.Result) -> [String: YAMLNode] {
        guard case .mapping(let pairs)? = result.root?.content else { return [:] }
        return Dictionary(pairs.map { ($0.name ?? "?", $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func scalarsKeepTheirTextStyleAndPosition() {
        let result = read(
            "标题: yes\nb: 'no'\nc: 012\nd: 2024-01-01\ne: \"1.10\"\nf: ~\ng:\nh: !!int 5\n", firstLine: 2)
        #expect(result.diagnostics.isEmpty && !result.failed)
        let p = pairs(result)
        #expect(p["标题"] == YAMLNode(.scalar("yes", plain: true), at: SourcePosition(line: 2, column: 5)))
        #expect(p["b"] == YAMLNode(.scalar("no", plain: false), at: SourcePosition(line: 3, column: 4)))
        #expect(p["c"]?.content == .scalar("012", plain: true))
        #expect(p["d"]?.content == .scalar("2024-01-01", plain: true))
        #expect(p["e"]?.content == .scalar("1.10", plain: false))
        #expect(p["f"]?.isNull == true)
        #expect(p["g"]?.isNull == true)
        // A tag is not kept, and the node starts where its tag does.
        #expect(p["h"] == YAMLNode(.scalar("5", plain: true), at: SourcePosition(line: 9, column: 4)))
        #expect(result.root?.position == SourcePosition(line: 2, column: 1))
    }

    /// Only YAML's plain spellings of nothing are null: not quoted, not full-width, not longer.
    @Test func nullIsOnlyTheFourPlainSpellings() {
        for text in ["", "~", "null", "Null", "NULL"] {
            #expect(YAMLNode(.scalar(text, plain: true), at: .start).isNull, "\(text)")
            #expect(!YAMLNode(.scalar(text, plain: false), at: .start).isNull, "'\(text)'")
        }
        for text in ["～", "ｎｕｌｌ", "nULL", "nul", "nulls", "null ", "空", "~~", "\u{0}"] {
            #expect(!YAMLNode(.scalar(text, plain: true), at: .start).isNull, "\(text)")
        }
    }

    @Test func collectionsStartAtTheirFirstToken() {
        let p = pairs(read("list:\n  - 甲\n  - {k: v}\nflow: [1, 2]\n"))
        guard case .sequence(let items)? = p["list"]?.content else {
            Issue.record("no sequence")
            return
        }
        #expect(p["list"]?.position == SourcePosition(line: 2, column: 3))
        #expect(items.map(\.position) == [SourcePosition(line: 2, column: 5), SourcePosition(line: 3, column: 5)])
        #expect(p["flow"]?.position == SourcePosition(line: 4, column: 7))
    }

    @Test func nothingButCommentsIsAnEmptyDocument() {
        for text in ["", "# 只有注释\n", "\n\n"] {
            let result = read(text)
            #expect(result.root == nil && !result.failed && result.diagnostics.isEmpty)
        }
    }

    @Test func aVeryLongScalarIsReadWhole() {
        let long = String(repeating: "长", count: 1_000_000)
        let result = read("summary: \(long)\n")
        #expect(result.diagnostics.isEmpty)
        #expect(pairs(result)["summary"]?.content == .scalar(long, plain: true))
    }

    @Test func aSecondDocumentIsASyntaxError() {
        let result = read("a: 1\n--- b\n", firstLine: 2)
        #expect(result.failed)
        #expect(result.diagnostics.count == 1)
        let d = result.diagnostics.first
        #expect(d?.rule == .yamlSyntax)
        #expect(d?.position == SourcePosition(line: 3, column: 1))
        #expect(
            d?.problem
                == .yamlSyntax(detail: "expected a single document in the stream but found another document"))
    }

    @Test func aTabIndentIsASyntaxErrorWithTheTabHint() {
        let result = read("a:\n\tb: 1\n")
        #expect(result.failed)
        guard case .yamlSyntax(let detail, let hint)? = result.diagnostics.first?.problem else {
            Issue.record("no yaml-syntax: \(result.diagnostics)")
            return
        }
        #expect(result.diagnostics.first?.position == SourcePosition(line: 2, column: 1))
        #expect(detail == "while scanning for the next token found character that cannot start any token")
        #expect(hint == SyntaxProblem.hint(for: "found character that cannot start any token"))
    }

    @Test func anUnclosedQuoteIsReportedWhereTheTextEnds() {
        let result = read("a: \"abc\nb: 1\n")
        guard case .yamlSyntax(let detail, _)? = result.diagnostics.first?.problem else {
            Issue.record("no yaml-syntax: \(result.diagnostics)")
            return
        }
        #expect(detail == "while scanning a quoted scalar found unexpected end of stream")
        #expect(result.diagnostics.first?.position == SourcePosition(line: 3, column: 1))
    }

    @Test func keysAreTheSameWhenTheirTextAndTagAre() {
        let same = read("!!str a: 1\na: 2\n")
        #expect(same.diagnostics.map(\.rule) == [.duplicateKey])
        #expect(same.diagnostics.first?.position == SourcePosition(line: 2, column: 1))
        #expect(!same.failed)
        #expect(pairs(same).count == 1)
        let quoted = read("'a': 1\na: 2\n")
        #expect(quoted.diagnostics.map(\.rule) == [.duplicateKey])
        let other = read("!x a: 1\na: 2\n")
        #expect(other.diagnostics.isEmpty)
    }

    @Test func duplicateKeysAreReportedFirstInTextOrderOfTheKey() {
        let result = read("b: 1\na: 1\nb: 2\na: 2\n")
        #expect(
            result.diagnostics.map(\.problem) == [
                .duplicateKey(key: "a", firstLine: 2), .duplicateKey(key: "b", firstLine: 1),
            ])
        #expect(result.diagnostics.map(\.line) == [4, 3])
        // The masked keys are not in the document.
        #expect(pairs(result).keys.sorted() == ["a", "b"])
    }

    @Test func anInnerMappingsDuplicateIsFoundBeforeTheOuterOnes() {
        let result = read("x: 1\ninner:\n  k: 1\n  k: 2\nx: 2\n")
        #expect(
            result.diagnostics.map(\.problem) == [
                .duplicateKey(key: "k", firstLine: 3), .duplicateKey(key: "x", firstLine: 1),
            ])
    }

    @Test func crlfAndAByteOrderMarkLeaveEveryPositionAsWithLineFeeds() {
        let lf = "---\ntitle: 测试\nextra:\n  a: 1\n  a: 2\n---\n正文\n"
        let crlf = [0xEF, 0xBB, 0xBF] + Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let a = Loader.parse(bytes: Array(lf.utf8), path: "x.md", role: .requirement(listID: "l", slug: "x"))
        let b = Loader.parse(bytes: crlf, path: "x.md", role: .requirement(listID: "l", slug: "x"))
        #expect(a.diagnostics.map(\.rule) == [.duplicateKey])
        #expect(a.diagnostics.first?.position == SourcePosition(line: 5, column: 3))
        #expect(b.diagnostics == a.diagnostics)
        #expect(b.file.yaml == a.file.yaml)
    }

    @Test func aSecondDocumentInFrontMatterIsReportedAtItsLine() {
        let text = "---\ntitle: 测试\n--- 第二\n---\n正文\n"
        let parsed = Loader.parse(bytes: Array(text.utf8), path: "x.md", role: .requirement(listID: "l", slug: "x"))
        #expect(parsed.diagnostics.map(\.rule) == [.yamlSyntax])
        #expect(parsed.diagnostics.first?.position == SourcePosition(line: 3, column: 1))
        #expect(parsed.file.yaml == nil)
    }

    @Test func invalidUTF8InFrontMatterIsAnEncodingError() {
        let bytes = Array("---\ntitle: a".utf8) + [0xFF] + Array("b\n---\n".utf8)
        let parsed = Loader.parse(bytes: bytes, path: "x.md", role: .requirement(listID: "l", slug: "x"))
        #expect(parsed.diagnostics.map(\.rule) == [.encoding])
        #expect(parsed.diagnostics.first?.position == SourcePosition(line: 2, column: 9))
    }

    /// The byte scan that finds characters no text may hold agrees with the character rule on every Unicode scalar:
    /// each forbidden one is found (after one-, two-, three- and four-byte characters), and a text of all the others
    /// is clean.
    @Test func theByteScanAgreesWithTheCharacterRuleOnEveryScalar() {
        var allowed = String.UnicodeScalarView()
        var missed: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isForbiddenInText {
                for before in ["a", "é", "中", "😀"]
                where !(before + String(Character(scalar)) + "b").containsForbiddenInText {
                    missed.append(value)
                }
            } else {
                allowed.append(scalar)
            }
        }
        #expect(missed.isEmpty, "not found: \(missed.prefix(10).map { String($0, radix: 16) })")
        #expect(!String(allowed).containsForbiddenInText)
        #expect(!"".containsForbiddenInText)
    }

    /// Every kind of ill-formed UTF-8 (Unicode's table 3-7) is refused at its first byte, and the well-formed edges
    /// of each range are accepted: overlong forms, surrogates, code points past U+10FFFF, stray and missing
    /// continuation bytes.
    @Test(
        arguments: [
            [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xE4, 0xB8], [0xFF],
        ] as [[UInt8]])
    func illFormedUTF8IsRefusedAtItsFirstByte(_ bad: [UInt8]) {
        let bytes = Array("a: 中".utf8) + bad + Array("z\n".utf8)
        guard case .failure(.invalidUTF8(let at)) = TextDecoding.decode(bytes) else {
            Issue.record("accepted \(bad)")
            return
        }
        #expect(at == SourcePosition(line: 1, column: 5))
    }

    @Test func wellFormedUTF8AtTheEdgesOfEachRangeIsText() {
        let edges: [[UInt8]] = [
            [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
            [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        ]
        let bytes = [0xEF, 0xBB, 0xBF] + edges.joined() + Array("\r\nb\rc".utf8)
        guard case .success(let text) = TextDecoding.decode(bytes) else {
            Issue.record("refused")
            return
        }
        #expect(Array(text.utf8) == Array(edges.joined()) + Array("\nb\nc".utf8))
    }
}
