import Testing

@testable import BangdanRender

/// The requirement page's QR code (issue 12 item 2), made by `QRCode`: byte mode, level M, versions 1–40.
/// The frozen matrices were checked against a reference encoder (Nayuki's qrcodegen 1.8, byte segment, level M,
/// no boost: same version, mask and every module) and the codes read back with a real decoder (zbarimg 0.23 on
/// the SVG rendered by rsvg-convert).
@Suite struct QRCodeTests {
    /// Rows of 0 and 1, one line per row.
    func rows(_ q: QRCode) -> String {
        (0..<q.size).map { y in String((0..<q.size).map { q.isDark(x: $0, y: y) ? "1" : "0" }) }
            .joined(separator: "\n")
    }

    /// FNV-1a 64 of the rows' text.
    func hash(_ q: QRCode) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in rows(q).utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// The modules a path of `M x y.5`, `m dx dy` and `h n` commands strokes (one module wide), `side` a side;
    /// fails on any other command, on a stroke off the middle of a row, and on a module stroked twice.
    static func paint(_ d: Substring, side: Int) throws -> [Bool] {
        var painted = [Bool](repeating: false, count: side * side)
        var x = 0.0, y = 0.0
        var i = d.startIndex
        func number() throws -> Double {
            let start = i
            while i < d.endIndex, d[i].isNumber || d[i] == "." || d[i] == "-" { i = d.index(after: i) }
            return try #require(Double(d[start..<i]), "a number at \(d[start...].prefix(10))")
        }
        func skipSpace() { while i < d.endIndex, d[i] == " " { i = d.index(after: i) } }
        while i < d.endIndex {
            let command = d[i]
            i = d.index(after: i)
            switch command {
            case "M", "m":
                let a = try number()
                skipSpace()
                let b = try number()
                (x, y) = command == "M" ? (a, b) : (x + a, y + b)
            case "h":
                let n = try number()
                try #require(y - y.rounded(.down) == 0.5 && x == x.rounded() && n == n.rounded() && n > 0)
                for column in Int(x)..<Int(x + n) {
                    let index = Int(y) * side + column
                    try #require(!painted[index], "no module painted twice")
                    painted[index] = true
                }
                x += n
            default:
                Issue.record("unexpected command \(command)")
                return painted
            }
        }
        return painted
    }

    // MARK: Against the reference

    @Test func aShortURLIsTheReferenceMatrix() throws {
        let q = try QRCode("https://example.org/")
        #expect(q.version == 2)
        #expect(q.mask == 2)
        let expected = [
            "1111111001100010101111111", "1000001000010101101000001", "1011101010001000101011101",
            "1011101011111110001011101", "1011101011000000101011101", "1000001010100111001000001",
            "1111111010101010101111111", "0000000010100010100000000", "1011111000001100001111100",
            "1000000001010100010100010", "0100111000110111100101011", "0001100100000011101100001",
            "1001101001000001011010111", "1011010010001100100101010", "1011101011000111001111011",
            "1000110010101101111110001", "1011111101001010111110100", "0000000011100001100011000",
            "1111111000111000101010111", "1000001010010010100011001", "1011101011110001111110111",
            "1011101010101111011011111", "1011101011000111000001101", "1000001001101100110111001",
            "1111111010001010011111111",
        ]
        #expect(rows(q) == expected.joined(separator: "\n"))
    }

    @Test(arguments: [
        // UTF-8 bytes of a Chinese path: 55 bytes, version 4.
        ("https://bangdan.example.gov.cn/需求/智能制造-001/", 4, 2, 0xf41e_38b0_3d78_6332 as UInt64),
        // 129 bytes: version 8, the first sizes with version information.
        (
            "https://jbgs.example.gov.cn/lists/2026-batch-1/requirements/r-0001-intelligent-manufacturing-and-robotics/?from=wechat&lang=zh-CN",
            8, 4, 0xab6b_6363_8ff6_af79
        ),
        // 1,014 bytes: version 26, many blocks of two lengths.
        ("https://e.org/" + String(repeating: "x", count: 1000), 26, 2, 0x415c_360d_a75c_223f),
    ])
    func longerInputsAreTheReferenceMatrices(_ text: String, version: Int, mask: Int, matrix: UInt64) throws {
        let q = try QRCode(text)
        #expect(q.version == version)
        #expect(q.mask == mask)
        #expect(hash(q) == matrix)
    }

    // MARK: Structure

    @Test(arguments: [1, 2, 7, 40])
    func hasTheFinderPatternsSeparatorsAndTimingPatterns(_ version: Int) throws {
        let capacity = QRCode.byteCapacity(version)
        let q = try QRCode(String(repeating: "a", count: capacity))
        #expect(q.version == version)
        #expect(q.size == 4 * version + 17)
        for (left, top) in [(0, 0), (q.size - 7, 0), (0, q.size - 7)] {
            for dy in -1...7 {
                for dx in -1...7 {
                    let x = left + dx, y = top + dy
                    guard (0..<q.size).contains(x), (0..<q.size).contains(y) else { continue }
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(
                        q.isDark(x: x, y: y) == (ring != 2 && ring != 4), "finder at (\(left), \(top)): (\(x), \(y))")
                }
            }
        }
        for i in 8..<(q.size - 8) {
            #expect(q.isDark(x: i, y: 6) == (i % 2 == 0), "row 6 at \(i)")
            #expect(q.isDark(x: 6, y: i) == (i % 2 == 0), "column 6 at \(i)")
        }
        #expect(q.isDark(x: 8, y: q.size - 8), "the dark module")
    }

    /// The standard's table of format information for level M (ISO/IEC 18004 Table C.1).
    @Test func formatInformationIsTheStandardsBCHCode() {
        let table = [0x5412, 0x5125, 0x5E7C, 0x5B4B, 0x45F9, 0x40CE, 0x4F97, 0x4AA0]
        for mask in 0..<8 { #expect(QRCode.Grid.formatBits(mask: mask) == table[mask], "mask \(mask)") }
    }

    @Test(arguments: ["https://example.org/", String(repeating: "z", count: 300)])
    func bothCopiesOfTheFormatInformationSayTheMask(_ text: String) throws {
        let q = try QRCode(text)
        let bits = QRCode.Grid.formatBits(mask: q.mask)
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        // Around the top left finder: down column 8, then left along row 8 (skipping the timing pattern).
        let first: [(Int, Int)] =
            (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9..<15).map { (14 - $0, 8) }
        // Under the top right finder along row 8, then beside the bottom left finder up column 8.
        let second: [(Int, Int)] = (0..<8).map { (q.size - 1 - $0, 8) } + (8..<15).map { (8, q.size - 15 + $0) }
        for (i, (x, y)) in first.enumerated() { #expect(q.isDark(x: x, y: y) == bit(i), "first copy bit \(i)") }
        for (i, (x, y)) in second.enumerated() { #expect(q.isDark(x: x, y: y) == bit(i), "second copy bit \(i)") }
    }

    /// The standard's version information (ISO/IEC 18004 Table D.1), and its two copies in the symbol.
    @Test func versionInformationIsTheStandardsBCHCode() throws {
        #expect(QRCode.Grid.versionBits(7) == 0x07C94)
        #expect(QRCode.Grid.versionBits(8) == 0x085BC)
        #expect(QRCode.Grid.versionBits(21) == 0x15683)
        #expect(QRCode.Grid.versionBits(40) == 0x28C69)
        let q = try QRCode(String(repeating: "v", count: QRCode.byteCapacity(40)))
        let bits = QRCode.Grid.versionBits(40)
        for i in 0..<18 {
            let a = q.size - 11 + i % 3, b = i / 3
            #expect(q.isDark(x: a, y: b) == ((bits >> i) & 1 == 1), "top right, bit \(i)")
            #expect(q.isDark(x: b, y: a) == ((bits >> i) & 1 == 1), "bottom left, bit \(i)")
        }
    }

    @Test func alignmentPatternsSitWhereTheStandardPutsThem() {
        #expect(QRCode.Grid.alignmentPositions(1) == [])
        #expect(QRCode.Grid.alignmentPositions(2) == [6, 18])
        #expect(QRCode.Grid.alignmentPositions(7) == [6, 22, 38])
        #expect(QRCode.Grid.alignmentPositions(32) == [6, 34, 60, 86, 112, 138])
        #expect(QRCode.Grid.alignmentPositions(40) == [6, 30, 58, 86, 114, 142, 170])
    }

    // MARK: Version choice

    /// The byte capacities at level M (ISO/IEC 18004 Table 7) and the smallest version at each boundary.
    @Test(arguments: [(1, 14), (2, 26), (3, 42), (4, 62), (9, 180), (10, 213), (27, 1125), (40, 2331)])
    func picksTheSmallestVersionThatHoldsTheBytes(_ version: Int, _ capacity: Int) throws {
        #expect(QRCode.byteCapacity(version) == capacity)
        #expect(try QRCode(String(repeating: "a", count: capacity)).version == version)
        if version < 40 {
            #expect(try QRCode(String(repeating: "a", count: capacity + 1)).version == version + 1)
        }
    }

    @Test func countsUTF8BytesNotCharacters() throws {
        // 5 Chinese characters are 15 bytes: one more than version 1 holds.
        #expect(try QRCode(String(repeating: "榜", count: 4)).version == 1)
        #expect(try QRCode(String(repeating: "榜", count: 5)).version == 2)
    }

    @Test func tooLongForVersion40IsAClearError() {
        #expect(throws: QRCode.TooLong(bytes: 2332, capacity: 2331, maxVersion: 40)) {
            try QRCode(String(repeating: "a", count: 2332))
        }
        let error = QRCode.TooLong(bytes: 2332, capacity: 2331, maxVersion: 40)
        #expect(error.description == "QR code: 2332 bytes do not fit version 40 at level M (at most 2331 bytes)")
    }

    /// A 2,000-byte URL would need version 38 (177 modules a side): too fine to read on a page or a print, so the
    /// page's largest version refuses it and the page shows no code.
    @Test func aTwoThousandByteURLDoesNotFitThePagesLargestVersion() throws {
        let url = "https://example.org/" + String(repeating: "a", count: 1980)
        #expect(try QRCode(url).version == 38)
        #expect(throws: QRCode.TooLong.self) { try QRCode(url, maxVersion: QRCode.pageMaxVersion) }
        #expect(try QRCode(String(repeating: "a", count: 666), maxVersion: QRCode.pageMaxVersion).version == 20)
    }

    // MARK: Penalty

    /// The penalty as Nayuki's reference encoder counts it, module by module: `Grid.penalty` (bit sets) must agree.
    static func referencePenalty(_ dark: [Bool], size: Int) -> Int {
        var score = 0
        func finderLike(_ h: [Int]) -> Int {
            let n = h[1]
            guard n > 0 && h[2] == n && h[3] == n * 3 && h[4] == n && h[5] == n else { return 0 }
            return (h[0] >= n * 4 && h[6] >= n ? 1 : 0) + (h[6] >= n * 4 && h[0] >= n ? 1 : 0)
        }
        func add(_ run: Int, _ h: inout [Int]) {
            let run = h[0] == 0 ? run + size : run
            h.insert(run, at: 0)
            h.removeLast()
        }
        for alongRows in [true, false] {
            for a in 0..<size {
                var color = false, run = 0, h = [Int](repeating: 0, count: 7)
                for b in 0..<size {
                    let module = alongRows ? dark[a * size + b] : dark[b * size + a]
                    if module == color {
                        run += 1
                        if run == 5 { score += 3 } else if run > 5 { score += 1 }
                    } else {
                        add(run, &h)
                        if !color { score += 40 * finderLike(h) }
                        color = module
                        run = 1
                    }
                }
                if color {
                    add(run, &h)
                    run = 0
                }
                add(run + size, &h)
                score += 40 * finderLike(h)
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let c = dark[y * size + x]
                if c == dark[y * size + x + 1] && c == dark[(y + 1) * size + x] && c == dark[(y + 1) * size + x + 1] {
                    score += 3
                }
            }
        }
        let darkCount = dark.filter { $0 }.count, total = size * size
        return score + 10 * ((abs(darkCount * 20 - total * 10) + total - 1) / total - 1)
    }

    /// Every mask of real codes, random matrices, and matrices striped with finder-like patterns 1 to 4 modules
    /// wide, with and without their four light modules, at the edges and inside.
    @Test(arguments: [1, 2, 5, 7, 9, 10, 14, 27, 40])
    func theFastPenaltyIsTheReferencePenalty(_ version: Int) throws {
        let q = QRCode.Grid(version: version)
        var grid = q
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(version)
        func random() -> Bool {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 63 == 1
        }
        let size = q.size
        for _ in 0..<6 {
            grid.dark = (0..<(size * size)).map { _ in random() }
            #expect(grid.penalty() == Self.referencePenalty(grid.dark, size: size))
            for mask in 0..<8 {
                let masked = grid.masked(mask)
                #expect(masked.penalty() == Self.referencePenalty(masked.dark, size: size), "mask \(mask)")
            }
            // Masking on bit sets scores each mask as masking the matrix does.
            let penalties = grid.maskPenalties()
            #expect(penalties == (0..<8).map { grid.masked($0).penalty() })
            // Pruned, a mask whose score reaches the least before it stops there: the same mask is the first of
            // the least, and each score is exact or at least that least.
            let pruned = grid.maskPenalties(pruned: true)
            func first(_ scores: [Int]) -> Int? { scores.indices.min { scores[$0] < scores[$1] } }
            #expect(first(pruned) == first(penalties))
            for mask in 1..<8 {
                let least = penalties[..<mask].min() ?? .max
                #expect(pruned[mask] == penalties[mask] || (pruned[mask] >= least && pruned[mask] <= penalties[mask]))
            }
            #expect(pruned[0] == penalties[0])
        }
        for n in 1...4 {
            let pattern =
                [Bool](repeating: true, count: n) + [Bool](repeating: false, count: n)
                + [Bool](repeating: true, count: 3 * n) + [Bool](repeating: false, count: n)
                + [Bool](repeating: true, count: n)
            for offset in [0, 1, 4, 5, size - pattern.count - 4, size - pattern.count] where offset >= 0 {
                guard offset + pattern.count <= size else { continue }
                grid.dark = (0..<(size * size)).map { _ in random() }
                for y in stride(from: 0, to: size, by: 3) {
                    for (i, dark) in pattern.enumerated() { grid.dark[y * size + offset + i] = dark }
                    if y % 2 == 0 && offset >= 4 {
                        for i in 1...min(4 * n, offset) { grid.dark[y * size + offset - i] = false }
                    }
                    // The same down a column.
                    for (i, dark) in pattern.enumerated() { grid.dark[(offset + i) * size + y] = dark }
                }
                #expect(grid.penalty() == Self.referencePenalty(grid.dark, size: size), "n \(n), offset \(offset)")
            }
        }
    }

    /// A dark run of nine, found by doubling, is one found module by module, on lines of both kinds.
    @Test func aDarkRunOfNineIsFoundWhereverItIs() {
        var seed: UInt64 = 0x1234_5678_9ABC_DEF1
        for _ in 0..<3_000 {
            var narrow = QRCode.NarrowLine(), wide = QRCode.Line()
            var modules: [Bool] = []
            for i in 0..<QRCode.NarrowLine.maxSize {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                // Dark three times in four, so runs of nine and more are common.
                let dark = seed >> 62 != 0
                modules.append(dark)
                narrow.assign(dark, at: i)
                wide.assign(dark, at: i + 100)
            }
            var run = 0, longest = 0
            for dark in modules {
                run = dark ? run + 1 : 0
                longest = max(longest, run)
            }
            #expect(narrow.hasDarkRunOfNine == (longest >= 9), "\(modules)")
            #expect(wide.hasDarkRunOfNine == (longest >= 9), "\(modules)")
        }
    }

    /// Versions 1 to 9 are scored on one-word lines: every mask of random matrices scores as on the three-word
    /// lines that hold any version, and version 10 is too wide for one word.
    @Test func oneWordLinesScoreAsThreeWordLinesUpToVersion9() throws {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        for version in 1...9 {
            var grid = QRCode.Grid(version: version)
            #expect(grid.size <= QRCode.NarrowLine.maxSize)
            for _ in 0..<4 {
                grid.dark = grid.dark.map { _ in
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return seed >> 63 == 1
                }
                #expect(grid.penalty(as: QRCode.NarrowLine.self) == grid.penalty(as: QRCode.Line.self))
                #expect(
                    grid.maskPenalties(as: QRCode.NarrowLine.self) == grid.maskPenalties(as: QRCode.Line.self),
                    "version \(version)")
            }
        }
        #expect(QRCode.Grid(version: 10).size > QRCode.NarrowLine.maxSize)
    }

    // MARK: SVG

    @Test func theSVGIsOnePathOfTheDarkModulesInsideTheQuietZone() throws {
        let q = try QRCode("https://example.org/bangdan/lists/2022-test/need/")
        let svg = String(decoding: q.svg(label: "本页链接的二维码 <\"&>").bytes, as: UTF8.self)
        let side = q.size + 8
        #expect(
            svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\" viewBox=\"0 0 \(side) \(side)\"")
        )
        #expect(svg.contains(#"role="img" aria-label="本页链接的二维码 &lt;&quot;&amp;&gt;""#))
        #expect(svg.contains(#"shape-rendering="crispEdges""#))
        #expect(svg.components(separatedBy: "<path").count == 2, "one path")
        #expect(svg.contains("<path stroke=\"#000\" d=\"M4 4.5h7m"), "the first row opens with the top left finder")
        #expect(svg.hasSuffix("\"/></svg>"))
        // Paint the path's strokes back into a matrix: it is the code, shifted by the quiet zone.
        let d = try #require(svg.split(separator: "d=\"").last?.split(separator: "\"").first)
        let painted = try Self.paint(d, side: side)
        for y in 0..<side {
            for x in 0..<side {
                let inside = (4..<(q.size + 4)).contains(x) && (4..<(q.size + 4)).contains(y)
                #expect(painted[y * side + x] == (inside && q.isDark(x: x - 4, y: y - 4)), "(\(x), \(y))")
            }
        }
    }
}
