import Foundation
import Testing

@testable import BangdanRender

/// The requirement page's QR code (issue 12 item 2), made by `QRCode`: byte mode, level M, versions 1–40.
/// The frozen matrices were checked against a reference encoder (Nayuki's qrcodegen 1.8, byte segment, level M,
/// no boost: same version, mask and every module) and the codes read back with a real decoder (zbarimg 0.23, on
/// the SVG the page showed then). The page's PNG is tested to hold exactly the modules.
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

    /// The modules of a PNG that `QRCode.png()` writes, read by its own rules rather than `QRCode`'s: the
    /// signature, the chunks in order with their CRCs (bitwise, not through a table), a 1-bit greyscale header,
    /// zlib's header, stored deflate blocks and Adler-32; `side` pixels a side, true is dark (0).
    static func pixels(ofPNG png: [UInt8]) throws -> (side: Int, dark: [Bool]) {
        try #require(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "the PNG signature")
        func word(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var chunks: [(type: String, data: [UInt8])] = []
        var at = 8
        while at < png.count {
            let length = word(at)
            try #require(at + 12 + length <= png.count, "a whole chunk")
            let typeAndData = Array(png[at + 4..<at + 8 + length])
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in typeAndData {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? crc >> 1 ^ 0xEDB8_8320 : crc >> 1 }
            }
            #expect(~crc == UInt32(word(at + 8 + length)), "the CRC of chunk \(chunks.count)")
            chunks.append((String(decoding: typeAndData.prefix(4), as: UTF8.self), Array(typeAndData.dropFirst(4))))
            at += 12 + length
        }
        try #require(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        let header = chunks[0].data
        let side = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        #expect(header[4..<8].reduce(0) { $0 << 8 | Int($1) } == side, "square")
        #expect(Array(header[8...]) == [1, 0, 0, 0, 0], "1 bit, greyscale, deflate, filter 0, no interlace")
        let zlib = chunks[1].data
        try #require(zlib.count >= 6 && (Int(zlib[0]) << 8 | Int(zlib[1])) % 31 == 0 && zlib[0] & 0x0F == 8)
        var inflated: [UInt8] = []
        var i = 2
        while true {
            let last = zlib[i] & 1 == 1
            try #require(zlib[i] >> 1 == 0, "stored blocks")
            let length = Int(zlib[i + 1]) | Int(zlib[i + 2]) << 8
            #expect(length ^ (Int(zlib[i + 3]) | Int(zlib[i + 4]) << 8) == 0xFFFF, "NLEN is LEN's complement")
            inflated += zlib[i + 5..<i + 5 + length]
            i += 5 + length
            if last { break }
        }
        var a = 1, b = 0
        for byte in inflated { (a, b) = ((a + Int(byte)) % 65521, (b + (a + Int(byte)) % 65521) % 65521) }
        #expect(zlib.count == i + 4 && zlib[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } == b << 16 | a, "Adler-32")
        let rowBytes = (side + 7) / 8
        try #require(inflated.count == side * (1 + rowBytes))
        var dark: [Bool] = []
        for y in 0..<side {
            let row = inflated[(y * (1 + rowBytes))...]
            #expect(row.first == 0, "filter none")
            for x in 0..<side { dark.append(row[row.startIndex + 1 + x / 8] >> (7 - x % 8) & 1 == 0) }
        }
        return (side, dark)
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
    /// One-word lines gathered eight modules at a time are the lines made a module at a time, for every size up
    /// to version 9 (sizes that are and are not multiples of 8) and random modules.
    @Test func oneWordLinesGatheredByBytesAreTheLinesMadeByModules() {
        var seed: UInt64 = 0x1234_5678_9ABC_DEF1
        for version in 1...9 {
            let size = 4 * version + 17
            for _ in 0..<3 {
                let bits = (0..<(size * size)).map { _ in
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return seed >> 61 & 1 == 1
                }
                let gathered = QRCode.NarrowLine.lines(of: bits, size: size)
                let byModule: ([QRCode.NarrowLine], [QRCode.NarrowLine]) = QRCode.Grid.linesByModule(bits, size: size)
                #expect(gathered.rows == byModule.0, "rows, version \(version)")
                #expect(gathered.columns == byModule.1, "columns, version \(version)")
            }
        }
    }

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

    /// The table division (one XOR a coefficient) is the division by logarithms, for every degree, on bytes
    /// that reach every factor and on zeros.
    @Test func theTableRemainderIsTheLogarithmRemainder() {
        var state: UInt32 = 12345
        for degree in 1...30 {
            let data = (0..<300).map { _ in
                state = state &* 1_103_515_245 &+ 12345
                return UInt8(truncatingIfNeeded: state >> 16)
            }
            for slice in [data[...], data[7..<70], [UInt8](repeating: 0, count: 20)[...]] {
                let divisor = QRCode.ReedSolomon.divisors[degree]
                #expect(
                    QRCode.ReedSolomon.remainder(slice, degree: degree)
                        == QRCode.ReedSolomon.remainder(slice, divisor: divisor), "degree \(degree)")
            }
        }
        #expect(QRCode.ReedSolomon.remainder([1, 2, 3], degree: 31).count == 31, "past the tables, by logarithms")
    }

    // MARK: Image

    @Test func theImageIsAPNGOfTheModulesInsideTheQuietZone() throws {
        let q = try QRCode("https://example.org/bangdan/lists/2022-test/need/")
        let (side, dark) = try Self.pixels(ofPNG: q.png())
        #expect(side == q.size + 8)
        for y in 0..<side {
            for x in 0..<side {
                let inside = (4..<(q.size + 4)).contains(x) && (4..<(q.size + 4)).contains(y)
                #expect(dark[y * side + x] == (inside && q.isDark(x: x - 4, y: y - 4)), "(\(x), \(y))")
            }
        }
    }

    /// Side 8 × n + 1 to 8 × n + 7 pad their rows' last byte; version 40 fills more of the block.
    @Test(arguments: [1, 2, 3, 5, 10, 40])
    func everyVersionsImageIsItsModules(_ version: Int) throws {
        let q = try QRCode(String(repeating: "z", count: QRCode.byteCapacity(version)))
        #expect(q.version == version)
        let (side, dark) = try Self.pixels(ofPNG: q.png())
        #expect(side == q.size + 8)
        #expect(
            (0..<q.size).allSatisfy { y in
                (0..<q.size).allSatisfy { dark[(y + 4) * side + $0 + 4] == q.isDark(x: $0, y: y) }
            })
    }

    @Test func theImageElementIsTheBase64OfThePNGWithItsAlternativeText() throws {
        let q = try QRCode("https://example.org/")
        let html = String(decoding: q.image(label: "本页链接的二维码 <\"&>").bytes, as: UTF8.self)
        let prefix = #"<img class="qr-code" src="data:image/png;base64,"#
        try #require(html.hasPrefix(prefix))
        let base64 = try #require(html.dropFirst(prefix.count).split(separator: "\"").first)
        #expect(Data(base64Encoded: String(base64)).map(Array.init) == q.png(), "Foundation decodes it to the PNG")
        let pixels = (q.size + 8) * 4
        #expect(html.hasSuffix(#"" width="\#(pixels)" height="\#(pixels)" alt="本页链接的二维码 &lt;&quot;&amp;&gt;">"#))
    }

    @Test func base64AndTheChecksumsAreTheStandardOnes() {
        for count in 0..<8 {
            let data = (0..<count).map { UInt8(truncatingIfNeeded: 250 &+ $0 * 37) }
            var bytes: [UInt8] = []
            QRCode.appendBase64(data, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == Data(data).base64EncodedString(), "\(count) bytes")
        }
        #expect(Array("123456789".utf8).withUnsafeBufferPointer(PNG.crc32) == 0xCBF4_3926, "the CRC-32 check value")
        #expect(Array("Wikipedia".utf8).withUnsafeBufferPointer(PNG.adler32) == 0x11E6_0398)
        let ones = [UInt8](repeating: 255, count: 12000)
        #expect(ones.withUnsafeBufferPointer(PNG.adler32) == 0x09B1_B3D3, "reduced past 5,552 bytes")
    }
}
