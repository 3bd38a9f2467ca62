import Mustache

/// A QR code (ISO/IEC 18004) of a few bytes, made at build time for the requirement page: byte mode (UTF-8), error
/// correction level M, the smallest version from 1 to `maxVersion` that holds the data, the mask of the least
/// penalty (all 8 tried, the standard's four rules), format and version information. Pure: no I/O.
struct QRCode: Sendable, Equatable {
    /// 1 to 40.
    let version: Int
    /// 0 to 7.
    let mask: Int
    /// Modules per side, without the quiet zone: `4 × version + 17`.
    let size: Int
    /// Row-major, `size × size`; true is dark.
    let modules: [Bool]

    /// Data too long for the largest version allowed.
    struct TooLong: Error, Equatable, CustomStringConvertible {
        let bytes: Int
        /// The most bytes the largest version allowed holds at level M.
        let capacity: Int
        let maxVersion: Int

        var description: String {
            "QR code: \(bytes) bytes do not fit version \(maxVersion) at level M (at most \(capacity) bytes)"
        }
    }

    /// The largest version a page shows (97 modules a side, 666 bytes): a larger code, at the size a page or a
    /// print gives it, has modules too fine for a phone's camera, so the page shows none.
    static let pageMaxVersion = 20

    /// The modules of light margin on each side, as the standard asks.
    static let quietZone = 4

    func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Encodes `text` as UTF-8 bytes. `mask` forces a mask (for comparing with other encoders); nil picks the best.
    init(_ text: String, maxVersion: Int = 40, mask forcedMask: Int? = nil) throws(TooLong) {
        let data = Array(text.utf8)
        let maxVersion = min(max(maxVersion, 1), 40)
        guard let version = (1...maxVersion).first(where: { data.count <= Self.byteCapacity($0) }) else {
            throw TooLong(bytes: data.count, capacity: Self.byteCapacity(maxVersion), maxVersion: maxVersion)
        }
        var grid = Grid(version: version)
        grid.place(Self.codewords(data, version: version))
        let chosen: Int
        if let forcedMask {
            chosen = min(max(forcedMask, 0), 7)
        } else {
            // Each mask scored on bit sets of the rows and columns; the first of equal penalties, as the
            // reference encoders choose.
            let penalties = grid.maskPenalties(pruned: true)
            chosen = penalties.indices.min { penalties[$0] < penalties[$1] } ?? 0
        }
        let final = grid.masked(chosen)
        self.version = version
        self.mask = chosen
        self.size = final.size
        self.modules = final.dark
    }

    // MARK: Image

    /// CSS pixels a module in the image's intrinsic size: a page without the stylesheet still shows a code a
    /// phone reads (a version 4 code is 164 pixels a side). The stylesheet sizes it and keeps its edges sharp.
    static let pixelsPerModule = 4

    /// One `<img>` of the code as a PNG in a `data:` URL (`png()`), `label` its alternative text (escaped here).
    /// An image rather than inline SVG: a reader can long-press it in WeChat (识别图中二维码) or save it, and it is
    /// a quarter of the bytes (about 510 of base64 for a version 4 code, against 2.1 KB as a path of the dark
    /// modules).
    func image(label: String) -> UTF8Text {
        let png = png()
        let side = (size + 2 * Self.quietZone) * Self.pixelsPerModule
        var bytes: [UInt8] = []
        bytes.reserveCapacity((png.count + 2) / 3 * 4 + 120 + label.utf8.count * 2)
        bytes.append(contentsOf: "<img class=\"qr-code\" src=\"data:image/png;base64,".utf8)
        Self.appendBase64(png, to: &bytes)
        bytes.append(contentsOf: "\" width=\"\(side)\" height=\"\(side)\" alt=\"".utf8)
        Self.appendEscaped(label, to: &bytes)
        bytes.append(contentsOf: "\">".utf8)
        return UTF8Text(bytes)
    }

    /// The code as a PNG file with the quiet zone inside it: greyscale one bit deep (dark 0, light 1), one module
    /// a pixel, no interlace; signature, `IHDR`, one `IDAT` of a single stored (uncompressed) deflate block, `IEND`.
    /// Stored, because a code's modules are near random: compressing would win a few bytes on the margin only.
    /// Written in place into its exact size, eight modules a step: about 17,000 instructions for a version 4 code,
    /// against 67,000 when it was appended piece by piece, a module at a time.
    func png() -> [UInt8] {
        let side = size + 2 * Self.quietZone
        let rowBytes = (side + 7) / 8
        // At most 185 rows of 25 bytes (version 40): always within one stored block's 65,535.
        let pixelBytes = side * (1 + rowBytes)
        let idatLength = 2 + 5 + pixelBytes + 4  // zlib header, block header, pixels, Adler-32
        let count = 8 + (12 + 13) + (12 + idatLength) + 12
        var png = [UInt8](repeating: 0, count: count)
        png.withUnsafeMutableBufferPointer { out in
            modules.withUnsafeBufferPointer { modules in
                var at = 0
                func byte(_ value: UInt8) {
                    out[at] = value
                    at += 1
                }
                func word(_ value: Int) {
                    byte(UInt8(truncatingIfNeeded: value >> 24))
                    byte(UInt8(truncatingIfNeeded: value >> 16))
                    byte(UInt8(truncatingIfNeeded: value >> 8))
                    byte(UInt8(truncatingIfNeeded: value))
                }
                func littleEndian16(_ value: Int) {
                    byte(UInt8(truncatingIfNeeded: value))
                    byte(UInt8(truncatingIfNeeded: value >> 8))
                }
                /// Ends the chunk whose data began at `start`: its CRC over type and data.
                func endChunk(from start: Int) {
                    word(Int(PNG.crc32(UnsafeBufferPointer(rebasing: out[(start - 4)..<at]))))
                }
                for value in Self.pngSignature { byte(value) }
                word(13)
                for value in "IHDR".utf8 { byte(value) }
                let header = at
                word(side)
                word(side)
                // 1 bit deep, greyscale, deflate, filter method 0, no interlace.
                for value: UInt8 in [1, 0, 0, 0, 0] { byte(value) }
                endChunk(from: header)

                word(idatLength)
                for value in "IDAT".utf8 { byte(value) }
                let data = at
                byte(0x78)  // zlib: deflate, 32 KiB window; 0x7801 is a multiple of 31, as the header must be
                byte(0x01)
                byte(1)  // BFINAL, and BTYPE 00: stored
                littleEndian16(pixelBytes)  // LEN, then NLEN, its complement
                littleEndian16(~pixelBytes)
                let pixels = at
                // Each row a stream of bits, the first pixel highest, written a byte at a time once eight are held.
                let padding = rowBytes * 8 - side  // light, to the row's last whole byte
                let raw = UnsafeRawBufferPointer(modules)
                for y in 0..<side {
                    byte(0)  // the row's filter: none
                    let moduleRow = y - Self.quietZone
                    guard (0..<size).contains(moduleRow) else {
                        for _ in 0..<rowBytes { byte(0xFF) }
                        continue
                    }
                    var stream: UInt64 = 1 << Self.quietZone - 1, held = Self.quietZone  // the light margin
                    func drain() {
                        while held >= 8 {
                            held -= 8
                            byte(UInt8(truncatingIfNeeded: stream >> held))
                        }
                    }
                    var x = moduleRow * size
                    let end = x + size
                    while x < end {
                        let n = min(8, end - x)
                        var dark: UInt64 = 0  // n bits, the first module highest
                        if n == 8 {
                            // Eight Bools (each byte 0 or 1) gathered into one byte by a multiply: byte j lands
                            // on bit 7 − j of the top byte, and no two products overlap, so nothing carries.
                            let eight = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: x, as: UInt64.self))
                            dark = (eight &* 0x8040_2010_0804_0201) >> 56
                        } else {
                            for i in x..<end { dark = dark << 1 | (modules[i] ? 1 : 0) }
                        }
                        stream = stream << n | (~dark & (1 << n - 1))
                        held += n
                        drain()
                        x += n
                    }
                    let light = Self.quietZone + padding
                    stream = stream << light | (1 << light - 1)
                    held += light
                    drain()
                }
                word(Int(PNG.adler32(UnsafeBufferPointer(rebasing: out[pixels..<at]))))
                endChunk(from: data)

                word(0)
                for value in "IEND".utf8 { byte(value) }
                endChunk(from: at)
            }
        }
        return png
    }

    /// The eight bytes every PNG file begins with.
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The 64 characters of standard base64 (RFC 4648), in order.
    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 (`+ /` and `=` padding), as a `data:` URL wants it, written in place.
    static func appendBase64(_ data: [UInt8], to bytes: inout [UInt8]) {
        let text = [UInt8](unsafeUninitializedCapacity: (data.count + 2) / 3 * 4) { out, written in
            base64Alphabet.withUnsafeBufferPointer { alphabet in
                func put(_ n: UInt32, _ shift: UInt32) {
                    out[written] = alphabet[Int(n >> shift & 63)]
                    written += 1
                }
                var i = 0
                while i + 3 <= data.count {
                    let n = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2])
                    put(n, 18)
                    put(n, 12)
                    put(n, 6)
                    put(n, 0)
                    i += 3
                }
                let left = data.count - i
                guard left > 0 else { return }
                let n = UInt32(data[i]) << 16 | (left == 2 ? UInt32(data[i + 1]) << 8 : 0)
                put(n, 18)
                put(n, 12)
                if left == 2 {
                    put(n, 6)
                } else {
                    out[written] = UInt8(ascii: "=")
                    written += 1
                }
                out[written] = UInt8(ascii: "=")
                written += 1
            }
        }
        bytes.append(contentsOf: text)
    }

    /// The label with `& < > "` escaped for the attribute, byte by byte (each is one byte of UTF-8, never part of
    /// another character's).
    private static func appendEscaped(_ label: String, to bytes: inout [UInt8]) {
        for byte in label.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += "&amp;".utf8
            case UInt8(ascii: "<"): bytes += "&lt;".utf8
            case UInt8(ascii: ">"): bytes += "&gt;".utf8
            case UInt8(ascii: "\""): bytes += "&quot;".utf8
            default: bytes.append(byte)
            }
        }
    }

    // MARK: Capacity and codewords

    /// Error correction codewords per block at level M, by version (index 0 unused).
    private static let ecPerBlock: [Int] = [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ]
    /// Blocks at level M, by version (index 0 unused).
    private static let blocks: [Int] = [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29,
        31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ]

    /// Modules left for data and error correction once the function patterns and format/version areas are drawn.
    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let align = version / 7 + 2
            result -= (25 * align - 10) * align - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewords(_ version: Int) -> Int {
        rawDataModules(version) / 8 - ecPerBlock[version] * blocks[version]
    }

    /// Bits of the byte-mode character count: 8 up to version 9, 16 after.
    private static func countBits(_ version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// The most bytes a version holds in byte mode at level M.
    static func byteCapacity(_ version: Int) -> Int {
        (dataCodewords(version) * 8 - 4 - countBits(version)) / 8
    }

    /// Mode, count, data, terminator and padding, split into blocks with their error correction, interleaved.
    private static func codewords(_ data: [UInt8], version: Int) -> [UInt8] {
        let capacity = dataCodewords(version)
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(data.count, count: countBits(version))
        for byte in data { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, capacity * 8 - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var bytes = bits.bytes
        var pad: UInt8 = 0xEC
        while bytes.count < capacity {
            bytes.append(pad)
            pad ^= 0xEC ^ 0x11
        }

        let blockCount = blocks[version], ecLength = ecPerBlock[version]
        let raw = rawDataModules(version) / 8
        let shortBlocks = blockCount - raw % blockCount
        let shortLength = raw / blockCount - ecLength
        var dataBlocks: [ArraySlice<UInt8>] = [], ecBlocks: [[UInt8]] = []
        var offset = 0
        for i in 0..<blockCount {
            let length = shortLength + (i < shortBlocks ? 0 : 1)
            let block = bytes[offset..<offset + length]
            offset += length
            dataBlocks.append(block)
            ecBlocks.append(ReedSolomon.remainder(block, degree: ecLength))
        }
        var result: [UInt8] = []
        result.reserveCapacity(raw)
        for i in 0...shortLength {
            for block in dataBlocks where i < block.count { result.append(block[block.startIndex + i]) }
        }
        for i in 0..<ecLength {
            for block in ecBlocks { result.append(block[i]) }
        }
        return result
    }

    /// Bits appended most significant first, gathered in a word and moved to `bytes` a byte at a time.
    private struct BitBuffer {
        private var whole: [UInt8] = []
        private var pending: UInt64 = 0, pendingCount = 0
        private(set) var count = 0

        /// `value`'s lowest `n` bits (n ≤ 32).
        mutating func append(_ value: Int, count n: Int) {
            guard n > 0 else { return }
            pending = pending << UInt64(n) | UInt64(truncatingIfNeeded: value) & (1 << UInt64(n) - 1)
            pendingCount += n
            count += n
            while pendingCount >= 8 {
                pendingCount -= 8
                whole.append(UInt8(truncatingIfNeeded: pending >> UInt64(pendingCount)))
            }
        }

        /// The bits so far, the last byte filled with zeros.
        var bytes: [UInt8] {
            guard pendingCount > 0 else { return whole }
            return whole + [UInt8(truncatingIfNeeded: pending << UInt64(8 - pendingCount))]
        }
    }

    // MARK: Reed–Solomon over GF(256), polynomial 0x11D

    enum ReedSolomon {
        private static let tables: (exp: [UInt8], log: [Int]) = {
            var exp = [UInt8](repeating: 0, count: 512), log = [Int](repeating: 0, count: 256)
            var x = 1
            for i in 0..<255 {
                exp[i] = UInt8(x)
                log[x] = i
                x <<= 1
                if x & 0x100 != 0 { x ^= 0x11D }
            }
            for i in 255..<512 { exp[i] = exp[i - 255] }
            return (exp, log)
        }()

        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            guard a != 0, b != 0 else { return 0 }
            return tables.exp[tables.log[Int(a)] + tables.log[Int(b)]]
        }

        /// `divisor(degree:)` of every degree up to 30 (the most any version uses), made once.
        static let divisors: [[UInt8]] = (0...30).map { $0 == 0 ? [] : divisor(degree: $0) }

        /// The generator polynomial (x − α⁰)…(x − α^(degree−1)), without its leading 1, highest power first.
        static func divisor(degree: Int) -> [UInt8] {
            var result = [UInt8](repeating: 0, count: degree)
            result[degree - 1] = 1
            var root: UInt8 = 1
            for _ in 0..<degree {
                for j in 0..<degree {
                    result[j] = multiply(result[j], root)
                    if j + 1 < degree { result[j] ^= result[j + 1] }
                }
                root = multiply(root, 2)
            }
            return result
        }

        /// For each degree up to 30, the products of its divisor's coefficients with every byte: row `factor`
        /// (`degree` bytes) is the divisor times `factor`. Made once (120 KB), so dividing takes one XOR a
        /// coefficient, with no logarithm or branch.
        static let products: [[UInt8]] = divisors.map { divisor in
            let (exp, log) = tables
            var products: [UInt8] = []
            products.reserveCapacity(256 * divisor.count)
            for factor in 0..<256 {
                for c in divisor { products.append(factor == 0 || c == 0 ? 0 : exp[log[factor] + log[Int(c)]]) }
            }
            return products
        }

        /// The remainder of `data` times x^degree divided by the divisor of `degree`: the error correction codewords.
        static func remainder(_ data: ArraySlice<UInt8>, degree: Int) -> [UInt8] {
            let products = products.indices.contains(degree) ? products[degree] : []
            guard degree > 0, products.count == 256 * degree else {
                return remainder(data, divisor: divisor(degree: degree))  // past degree 30: no version uses one
            }
            return [UInt8](unsafeUninitializedCapacity: degree) { result, count in
                // Safe: `result` has room for `degree` bytes, all of them set here before use.
                result.initialize(repeating: 0)
                count = degree
                products.withUnsafeBufferPointer { products in
                    for byte in data {
                        let row = Int(byte ^ result[0]) * degree
                        for i in 0..<(degree - 1) { result[i] = result[i + 1] ^ products[row + i] }
                        result[degree - 1] = products[row + degree - 1]
                    }
                }
            }
        }

        /// The same by logarithms, for any divisor: the reference `remainder(_:degree:)` is tested against.
        static func remainder(_ data: ArraySlice<UInt8>, divisor: [UInt8]) -> [UInt8] {
            let degree = divisor.count
            let (exp, log) = tables
            // Each coefficient's logarithm taken once; −1 for a zero coefficient.
            let divisorLog = divisor.map { $0 == 0 ? -1 : log[Int($0)] }
            var result = [UInt8](repeating: 0, count: degree)
            for byte in data {
                let factor = byte ^ result[0]
                for i in 0..<(degree - 1) { result[i] = result[i + 1] }
                result[degree - 1] = 0
                guard factor != 0 else { continue }
                let factorLog = log[Int(factor)]
                for i in 0..<degree where divisorLog[i] >= 0 { result[i] ^= exp[divisorLog[i] + factorLog] }
            }
            return result
        }
    }

    // MARK: The grid

    /// The matrix while it is made: which modules are dark, and which belong to function patterns (not masked).
    struct Grid {
        let version: Int
        let size: Int
        var dark: [Bool]
        var function: [Bool]
        /// `Grid.placement` of the function patterns drawn.
        private(set) var placement: [Int32] = []

        /// The function patterns of `version` drawn, nothing else yet: up to the page's largest version a copy of
        /// the grid drawn once (a site's addresses share one or two versions).
        init(version: Int) {
            if (1...QRCode.pageMaxVersion).contains(version) {
                self = Self.drawn[version - 1]
            } else {
                self.init(drawing: version)
            }
        }

        private init(drawing version: Int) {
            self.version = version
            size = 4 * version + 17
            dark = [Bool](repeating: false, count: size * size)
            function = dark
            drawFunctionPatterns()
            placement = Self.placement(size: size, function: function)
        }

        private static let drawn: [Grid] = (1...QRCode.pageMaxVersion).map { Grid(drawing: $0) }

        /// The data modules (those not in a function pattern) as rows and columns.
        func dataLines<L: LineBits>() -> (rows: [L], columns: [L]) { Self.lines(function.map { !$0 }, size: size) }

        mutating func set(_ x: Int, _ y: Int, _ value: Bool) {
            dark[y * size + x] = value
            function[y * size + x] = true
        }

        static func alignmentPositions(_ version: Int) -> [Int] {
            guard version > 1 else { return [] }
            let count = version / 7 + 2
            let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            var result = [6]
            var position = 4 * version + 17 - 7
            for _ in 0..<(count - 1) {
                result.insert(position, at: 1)
                position -= step
            }
            return result
        }

        private mutating func drawFunctionPatterns() {
            for i in 0..<size {
                set(6, i, i % 2 == 0)
                set(i, 6, i % 2 == 0)
            }
            for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                for dy in -4...4 {
                    for dx in -4...4 {
                        let x = cx + dx, y = cy + dy
                        guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                        let d = max(abs(dx), abs(dy))
                        set(x, y, d != 2 && d != 4)
                    }
                }
            }
            let positions = Self.alignmentPositions(version)
            let last = positions.count - 1
            for (i, cx) in positions.enumerated() {
                for (j, cy) in positions.enumerated() {
                    // Not over the three finder patterns.
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    for dy in -2...2 {
                        for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
            drawFormat(mask: 0)  // reserves the area; drawn again once the mask is chosen
            if version >= 7 {
                let bits = Self.versionBits(version)
                for i in 0..<18 {
                    let bit = (bits >> i) & 1 == 1
                    let a = size - 11 + i % 3, b = i / 3
                    set(a, b, bit)
                    set(b, a, bit)
                }
            }
        }

        /// The 15 format bits for level M and `mask`: BCH(15,5) with generator 0x537, XORed with 0x5412.
        static func formatBits(mask: Int) -> Int {
            let data = 0b00 << 3 | mask  // level M is 00
            var rem = data
            for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
            return (data << 10 | rem) ^ 0x5412
        }

        /// The 18 version bits: BCH(18,6) with generator 0x1F25.
        static func versionBits(_ version: Int) -> Int {
            var rem = version
            for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
            return version << 12 | rem
        }

        mutating func drawFormat(mask: Int) {
            let bits = Self.formatBits(mask: mask)
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { set(8, i, bit(i)) }
            set(8, 7, bit(6))
            set(8, 8, bit(7))
            set(7, 8, bit(8))
            for i in 9..<15 { set(14 - i, 8, bit(i)) }
            for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
            for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
            set(8, size - 8, true)  // the dark module
        }

        /// The codewords in the two-column zigzag from the bottom right, skipping function modules (the modules
        /// of that walk made once a version, `placement`).
        mutating func place(_ codewords: [UInt8]) {
            let order = placement
            let total = min(codewords.count * 8, order.count)
            dark.withUnsafeMutableBufferPointer { dark in
                codewords.withUnsafeBufferPointer { codewords in
                    for i in 0..<total {
                        dark[Int(order[i])] = (codewords[i >> 3] >> (7 - UInt8(i & 7))) & 1 == 1
                    }
                }
            }
        }

        /// The data modules (indices into `dark`) in the order codeword bits fill them: the two-column zigzag from
        /// the bottom right, skipping function modules.
        static func placement(size: Int, function: [Bool]) -> [Int32] {
            var order: [Int32] = []
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                let upward = (right + 1) & 2 == 0
                for vertical in 0..<size {
                    let y = upward ? size - 1 - vertical : vertical
                    for j in 0..<2 where !function[y * size + right - j] { order.append(Int32(y * size + right - j)) }
                }
                right -= 2
            }
            return order
        }

        static func maskBit(_ mask: Int, x: Int, y: Int) -> Bool {
            switch mask {
            case 0: (x + y) % 2 == 0
            case 1: y % 2 == 0
            case 2: x % 3 == 0
            case 3: (x + y) % 3 == 0
            case 4: (x / 3 + y / 2) % 2 == 0
            case 5: x * y % 2 + x * y % 3 == 0
            case 6: (x * y % 2 + x * y % 3) % 2 == 0
            default: ((x + y) % 2 + x * y % 3) % 2 == 0
            }
        }

        /// A copy with `mask` applied to the data modules and its format information drawn.
        func masked(_ mask: Int) -> Grid {
            var copy = self
            if Self.maskLayers.indices.contains(version - 1), (0..<8).contains(mask) {
                // The mask's layer for this version XORed in eight modules at a time (each Bool a byte, 0 or 1).
                let layer = Self.maskLayers[version - 1][mask]
                copy.dark.withUnsafeMutableBytes { dark in
                    layer.withUnsafeBytes { layer in
                        var i = 0
                        while i + 8 <= dark.count {
                            let flipped =
                                dark.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                                ^ layer.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                            dark.storeBytes(of: flipped, toByteOffset: i, as: UInt64.self)
                            i += 8
                        }
                        while i < dark.count {
                            dark[i] ^= layer[i]
                            i += 1
                        }
                    }
                }
            } else {
                copy.dark = zip(dark, layer(mask)).map { $0 != $1 }
            }
            copy.drawFormat(mask: mask)
            return copy
        }

        /// The modules `mask` flips: its dark modules outside the function patterns. Every mask repeats every 12
        /// modules both ways: read from its tile, not computed with divisions.
        func layer(_ mask: Int) -> [Bool] {
            let tile = Self.maskTiles[mask]
            var layer = [Bool](repeating: false, count: size * size)
            layer.withUnsafeMutableBufferPointer { layer in
                function.withUnsafeBufferPointer { function in
                    var row = 0  // y % 12 * 12
                    for y in 0..<size {
                        var column = 0  // x % 12
                        for x in 0..<size {
                            let i = y * size + x
                            layer[i] = tile[row + column] && !function[i]
                            column = column == 11 ? 0 : column + 1
                        }
                        row = row == 132 ? 0 : row + 12
                    }
                }
            }
            return layer
        }

        /// Each mask's layer for versions 1 to 9 (a page's address of a usual length), made once: 106 KB.
        private static let maskLayers: [[[Bool]]] = (1...9).map { version in
            let grid = Grid(version: version)
            return (0..<8).map { grid.layer($0) }
        }

        /// Each mask's 12 × 12 modules (row by row), which tile the symbol.
        static let maskTiles: [[Bool]] = (0..<8).map { mask in
            (0..<144).map { maskBit(mask, x: $0 % 12, y: $0 / 12) }
        }

        /// The standard's penalty: runs of five or more of one colour (3 + length − 5), 2×2 blocks of one colour (3
        /// each), finder-like runs dark:light:dark:light:dark in 1:1:3:1:1 with four light on a side (40 each; the
        /// light margin counts as light), and the distance of the dark share from 50 % (10 per whole 5 %). Counted
        /// as Nayuki's reference encoder counts them, so the same input gives the same mask as there. Rows and
        /// columns are bit sets: a line's rules are a few shifts and population counts, not a branch per module.
        func penalty() -> Int {
            size <= NarrowLine.maxSize ? penalty(as: NarrowLine.self) : penalty(as: Line.self)
        }

        func penalty<L: LineBits>(as: L.Type) -> Int {
            let (rows, columns): ([L], [L]) = Self.lines(dark, size: size)
            return Self.penalty(rows: rows, columns: columns, size: size)
        }

        /// The rows and the columns of `bits` as lines (`LineBits.lines`).
        static func lines<L: LineBits>(_ bits: [Bool], size: Int) -> (rows: [L], columns: [L]) {
            L.lines(of: bits, size: size)
        }

        /// `lines` for any kind of line, a module at a time.
        static func linesByModule<L: LineBits>(_ bits: [Bool], size: Int) -> (rows: [L], columns: [L]) {
            var rows = [L](repeating: L(), count: size), columns = rows
            bits.withUnsafeBufferPointer { bits in
                rows.withUnsafeMutableBufferPointer { rows in
                    columns.withUnsafeMutableBufferPointer { columns in
                        for y in 0..<size {
                            for x in 0..<size {
                                let bit: UInt64 = bits[y * size + x] ? 1 : 0
                                rows[y].add(bit, at: x)
                                columns[x].add(bit, at: y)
                            }
                        }
                    }
                }
            }
            return (rows, columns)
        }

        /// The penalty of each of the 8 masks, masking on bit sets: a mask's rows repeat every 12 rows (and its
        /// columns every 12 columns), so each mask is 12 lines a side, applied to the data modules by AND and XOR.
        ///
        /// `pruned`: a mask's scoring stops once it reaches the least penalty of the masks before it (every rule
        /// adds, none takes away, so it cannot be less, and of equal penalties the first is chosen); its penalty is
        /// then only known to be at least that. The first of the least penalties is the same mask either way.
        func maskPenalties(pruned: Bool = false) -> [Int] {
            size <= NarrowLine.maxSize
                ? maskPenalties(as: NarrowLine.self, pruned: pruned) : maskPenalties(as: Line.self, pruned: pruned)
        }

        func maskPenalties<L: LineBits>(as: L.Type, pruned: Bool = false) -> [Int] {
            let (rows, columns): ([L], [L]) = Self.lines(dark, size: size)
            let (dataRows, dataColumns) = L.dataLines(of: self)
            let formatModules = Self.formatPositions(size: size)
            let windows = Windows<L>(size: size)
            // Each mask's lines written over the same two arrays, not copied from `rows` and `columns` each time.
            var maskedRows = rows, maskedColumns = columns
            var least = Int.max
            return (0..<8).map { mask in
                let (patternRows, patternColumns) = L.maskPatterns[mask]
                maskedRows.withUnsafeMutableBufferPointer { maskedRows in
                    maskedColumns.withUnsafeMutableBufferPointer { maskedColumns in
                        var pattern = 0  // i % 12
                        for i in 0..<size {
                            maskedRows[i] = rows[i] ^ (patternRows[pattern] & dataRows[i])
                            maskedColumns[i] = columns[i] ^ (patternColumns[pattern] & dataColumns[i])
                            pattern = pattern == 11 ? 0 : pattern + 1
                        }
                        let bits = Self.formatBits(mask: mask)
                        for (i, (x, y)) in formatModules.enumerated() {
                            let dark = i == 30 || (bits >> (i % 15)) & 1 == 1  // the last is the dark module
                            maskedRows[y].assign(dark, at: x)
                            maskedColumns[x].assign(dark, at: y)
                        }
                    }
                }
                let penalty = Self.penalty(
                    rows: maskedRows, columns: maskedColumns, size: size, windows: windows, limit: least)
                if pruned { least = min(least, penalty) }
                return penalty
            }
        }

        /// Where rule 1's windows of five and rule 2's pairs may start in a line of `size`, made once a symbol.
        struct Windows<L: LineBits> {
            let fives: L, pairs: L
            init(size: Int) { (fives, pairs) = (L.starts(size: size, span: 5), L.starts(size: size, span: 2)) }
        }

        /// Each mask's 12 rows and 12 columns, as long as the largest symbol (177 modules): applied through the
        /// data modules' lines, which hold nothing past a smaller symbol's edge, they serve every size. Made once.
        static let maskPatterns: [(rows: [Line], columns: [Line])] = (0..<8).map { mask in
            var rows = [Line](repeating: Line(), count: 12), columns = rows
            for i in 0..<12 {
                for j in 0..<Line.maxSize {
                    rows[i].add(maskBit(mask, x: j, y: i) ? 1 : 0, at: j)
                    columns[i].add(maskBit(mask, x: i, y: j) ? 1 : 0, at: j)
                }
            }
            return (rows, columns)
        }

        /// Where `drawFormat` puts format bits 0 to 14, then the second copy's bits 0 to 14, then the dark module;
        /// for the page's versions made once.
        static func formatPositions(size: Int) -> [(x: Int, y: Int)] {
            let version = (size - 17) / 4
            return (1...QRCode.pageMaxVersion).contains(version)
                ? formatPositionsByVersion[version - 1] : formatPositions(drawing: size)
        }

        private static let formatPositionsByVersion = (1...QRCode.pageMaxVersion).map {
            formatPositions(drawing: 4 * $0 + 17)
        }

        private static func formatPositions(drawing size: Int) -> [(x: Int, y: Int)] {
            var first: [(Int, Int)] = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)]
            first += (9..<15).map { (14 - $0, 8) }
            let second: [(Int, Int)] = (0..<8).map { (size - 1 - $0, 8) } + (8..<15).map { (8, size - 15 + $0) }
            return first + second + [(8, size - 8)]
        }

        /// `limit`: the score is returned as soon as it reaches `limit` (it is then at least that).
        static func penalty<L: LineBits>(
            rows: [L], columns: [L], size: Int, windows: Windows<L>? = nil, limit: Int = .max
        ) -> Int {
            let windows = windows ?? Windows(size: size)
            var score = 0, darkCount = 0
            // Rules 1 and 3 along one line.
            func alongLine(_ line: L) -> Int {
                // A finder-like pattern twice as wide holds 11 00 111111 00 11, one three or more times as wide a
                // dark run of 9 or more: the few lines with either are walked run by run; every other line has
                // only the plain 1:1:3:1:1 ones, found by shifts.
                let wide = line.hasDoubleFinderCore || line.hasDarkRunOfNine
                return line.runPenalty(windows: windows.fives)
                    + 40 * (wide ? finderLikeByRuns(line, size: size) : line.finderLikeNarrow)
            }
            // Every rule adds (the last too: a symbol's side is odd, so its dark share is never exactly half), so the
            // score so far is a floor of the whole.
            let reached = rows.withUnsafeBufferPointer { rows in
                for y in 0..<size {
                    score += alongLine(rows[y])
                    darkCount += rows[y].count
                    if y + 1 < size { score += 3 * rows[y].sameSquares(below: rows[y + 1], pairs: windows.pairs) }
                    if score >= limit { return true }
                }
                return false
            }
            guard !reached else { return score }
            let stopped = columns.withUnsafeBufferPointer { columns in
                for x in 0..<size {
                    score += alongLine(columns[x])
                    if score >= limit { return true }
                }
                return false
            }
            guard !stopped else { return score }
            let total = size * size
            let k = (abs(darkCount * 20 - total * 10) + total - 1) / total - 1
            score += k * 10
            return score
        }

        /// Finder-like patterns of any width in one row or column, walked run by run (the lines few enough to
        /// afford it).
        private static func finderLikeByRuns(_ line: some LineBits, size: Int) -> Int {
            var count = 0, runColor = false, run = 0
            var history = RunHistory(margin: size)
            var b = 0
            while b < size {
                let color = line.isDark(b)
                let length = line.run(from: b, dark: color, size: size)
                if color == runColor {
                    run += length
                } else {
                    history.add(run)
                    if !runColor { count += history.finderLike }
                    runColor = color
                    run = length
                }
                b += length
            }
            // The run at the end, then the light margin after it.
            if runColor {
                history.add(run)
                run = 0
            }
            history.add(run + size)
            return count + history.finderLike
        }

        /// The last seven runs of a line, newest first (`r0`); the first run of a line also counts the light
        /// margin before it.
        private struct RunHistory {
            let margin: Int
            var r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0

            init(margin: Int) { self.margin = margin }

            mutating func add(_ run: Int) {
                (r6, r5, r4, r3, r2, r1) = (r5, r4, r3, r2, r1, r0)
                r0 = r0 == 0 ? run + margin : run  // r0 is still the previous newest here
            }

            /// Finder-like patterns ending at the newest light run: 1:1:3:1:1 with four light before or after.
            var finderLike: Int {
                let n = r1
                guard n > 0 && r2 == n && r3 == n * 3 && r4 == n && r5 == n else { return 0 }
                return (r0 >= n * 4 && r6 >= n ? 1 : 0) + (r6 >= n * 4 && r0 >= n ? 1 : 0)
            }
        }
    }

    /// One row or column after a light margin as a bit set (dark is 1): module i is bit i + `margin`, so the
    /// patterns the penalty looks for, which reach four modules past either end, need no bounds. The rules are
    /// written once over these operations; `Line` holds any symbol, `NarrowLine` (one word) the small ones a
    /// page's address needs, three times fewer operations a rule.
    protocol LineBits: Equatable {
        /// The widest symbol side it holds: its last module plus the four a pattern reaches past it stay inside
        /// its bits.
        static var maxSize: Int { get }
        /// Each mask's 12 rows and 12 columns (`Grid.maskPatterns`), as lines of this kind.
        static var maskPatterns: [(rows: [Self], columns: [Self])] { get }
        /// `grid.dataLines()`, or the same made once for its version.
        static func dataLines(of grid: Grid) -> (rows: [Self], columns: [Self])
        /// The rows and the columns of `bits` (row-major, `size` a side) as lines.
        static func lines(of bits: [Bool], size: Int) -> (rows: [Self], columns: [Self])
        init()
        /// Sets module i's bit to `bit` (0 or 1) when it is clear: no branch on the module's colour.
        mutating func add(_ bit: UInt64, at i: Int)
        /// Sets module i dark or light.
        mutating func assign(_ dark: Bool, at i: Int)
        func isDark(_ i: Int) -> Bool
        /// How many modules from `i` on are `dark` (dark or light), up to the line's end at `size`: at least 1
        /// when module i is.
        func run(from i: Int, dark: Bool, size: Int) -> Int
        /// Bit i of the result is bit i + k of this line (k from 0 to 63): the bits shifted in past the end are
        /// zeros, where no rule reads within `maxSize`.
        func shifted(_ k: Int) -> Self
        /// Bit i of the result is bit i − k of this line (k from 1 to 63): the bits before the line are zeros.
        /// (Both are masking shifts, `&>>` and `&<<`, with no test for a shift past the word: the rules ask for at
        /// most 13.)
        func shiftedBack(_ k: Int) -> Self
        static func & (a: Self, b: Self) -> Self
        static func ^ (a: Self, b: Self) -> Self
        static prefix func ~ (a: Self) -> Self
        var count: Int { get }
    }

    /// Any symbol, up to 177 modules, as 192 bits (177 + 4 + 4 < 192).
    struct Line: LineBits {
        static let margin = 4
        static let maxSize = 177
        static var maskPatterns: [(rows: [Line], columns: [Line])] { Grid.maskPatterns }
        static func dataLines(of grid: Grid) -> (rows: [Line], columns: [Line]) { grid.dataLines() }
        static func lines(of bits: [Bool], size: Int) -> (rows: [Line], columns: [Line]) {
            Grid.linesByModule(bits, size: size)
        }
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0

        mutating func add(_ bit: UInt64, at i: Int) {
            let position = i + Self.margin, value = bit &<< position
            switch position >> 6 {
            case 0: w0 |= value
            case 1: w1 |= value
            default: w2 |= value
            }
        }

        func isDark(_ i: Int) -> Bool {
            let position = i + Self.margin
            let word =
                switch position >> 6 {
                case 0: w0
                case 1: w1
                default: w2
                }
            return (word &>> position) & 1 == 1
        }

        func run(from i: Int, dark: Bool, size: Int) -> Int {
            var end = i
            while end < size && isDark(end) == dark { end += 1 }
            return end - i
        }

        mutating func assign(_ dark: Bool, at i: Int) {
            let position = i + Self.margin, bit: UInt64 = 1 &<< position
            switch position >> 6 {
            case 0: w0 = dark ? w0 | bit : w0 & ~bit
            case 1: w1 = dark ? w1 | bit : w1 & ~bit
            default: w2 = dark ? w2 | bit : w2 & ~bit
            }
        }

        func shifted(_ k: Int) -> Line {
            guard k > 0 else { return self }
            let back = 64 - k
            return Line(w0: w0 &>> k | w1 &<< back, w1: w1 &>> k | w2 &<< back, w2: w2 &>> k)
        }

        func shiftedBack(_ k: Int) -> Line {
            guard k > 0 else { return self }
            let back = 64 - k
            return Line(w0: w0 &<< k, w1: w1 &<< k | w0 &>> back, w2: w2 &<< k | w1 &>> back)
        }

        static func & (a: Line, b: Line) -> Line {
            Line(w0: a.w0 & b.w0, w1: a.w1 & b.w1, w2: a.w2 & b.w2)
        }
        static func ^ (a: Line, b: Line) -> Line {
            Line(w0: a.w0 ^ b.w0, w1: a.w1 ^ b.w1, w2: a.w2 ^ b.w2)
        }
        static prefix func ~ (a: Line) -> Line { Line(w0: ~a.w0, w1: ~a.w1, w2: ~a.w2) }

        var count: Int { w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount }
    }

    /// Versions 1 to 9 (up to 53 modules, 180 bytes at level M: any page's address of a usual length) in one word:
    /// 53 + 4 + 4 < 64. Bit for bit the first word of a `Line`.
    struct NarrowLine: LineBits {
        static let maxSize = 53
        static let maskPatterns: [(rows: [NarrowLine], columns: [NarrowLine])] = Grid.maskPatterns.map {
            ($0.rows.map { NarrowLine(w: $0.w0) }, $0.columns.map { NarrowLine(w: $0.w0) })
        }
        var w: UInt64 = 0

        /// The data lines of each version up to 9, made once.
        private static let dataLinesByVersion: [(rows: [NarrowLine], columns: [NarrowLine])] = (1...9).map {
            Grid(version: $0).dataLines()
        }

        static func dataLines(of grid: Grid) -> (rows: [NarrowLine], columns: [NarrowLine]) {
            dataLinesByVersion.indices.contains(grid.version - 1)
                ? dataLinesByVersion[grid.version - 1] : grid.dataLines()
        }

        /// Each row gathered eight modules at a time (the Bools, each byte 0 or 1, packed into a byte by one
        /// multiply: byte j lands on bit j of the top byte, and no two products overlap, so nothing carries); each
        /// row's dark modules then set in their columns.
        static func lines(of bits: [Bool], size: Int) -> (rows: [NarrowLine], columns: [NarrowLine]) {
            guard size <= maxSize, bits.count == size * size else { return Grid.linesByModule(bits, size: size) }
            var rows = [NarrowLine](repeating: NarrowLine(), count: size), columns = rows
            let margin = Line.margin
            bits.withUnsafeBytes { raw in
                rows.withUnsafeMutableBufferPointer { rows in
                    for y in 0..<size {
                        var w: UInt64 = 0
                        var x = 0
                        let start = y * size
                        while x + 8 <= size {
                            let eight = UInt64(
                                littleEndian: raw.loadUnaligned(fromByteOffset: start + x, as: UInt64.self))
                            w |= ((eight &* 0x0102_0408_1020_4080) >> 56) << x
                            x += 8
                        }
                        while x < size {
                            w |= UInt64(raw[start + x]) << x
                            x += 1
                        }
                        rows[y] = NarrowLine(w: w << margin)
                    }
                }
            }
            rows.withUnsafeBufferPointer { rows in
                columns.withUnsafeMutableBufferPointer { columns in
                    // Each dark module of a row set in its column, found by its lowest set bit.
                    for y in 0..<size {
                        var dark = rows[y].w >> margin
                        let bit: UInt64 = 1 << (y + margin)
                        while dark != 0 {
                            columns[dark.trailingZeroBitCount].w |= bit
                            dark &= dark - 1
                        }
                    }
                }
            }
            return (rows, columns)
        }

        mutating func add(_ bit: UInt64, at i: Int) { w |= bit &<< (i + Line.margin) }
        func isDark(_ i: Int) -> Bool { (w &>> (i + Line.margin)) & 1 == 1 }
        func run(from i: Int, dark: Bool, size: Int) -> Int {
            // The modules from i on that differ are set bits: the run ends at the lowest.
            let differing = (dark ? ~w : w) &>> (i + Line.margin)
            return min(differing == 0 ? 64 : differing.trailingZeroBitCount, size - i)
        }
        mutating func assign(_ dark: Bool, at i: Int) {
            let bit: UInt64 = 1 &<< (i + Line.margin)
            w = dark ? w | bit : w & ~bit
        }
        func shifted(_ k: Int) -> NarrowLine { NarrowLine(w: w &>> k) }
        func shiftedBack(_ k: Int) -> NarrowLine { NarrowLine(w: w &<< k) }
        static func & (a: NarrowLine, b: NarrowLine) -> NarrowLine { NarrowLine(w: a.w & b.w) }
        static func ^ (a: NarrowLine, b: NarrowLine) -> NarrowLine { NarrowLine(w: a.w ^ b.w) }
        static prefix func ~ (a: NarrowLine) -> NarrowLine { NarrowLine(w: ~a.w) }
        var count: Int { w.nonzeroBitCount }
    }
}

/// The penalty's rules on lines of either kind.
extension QRCode.LineBits {
    /// The starts of windows of `span` modules inside a line of `size`.
    static func starts(size: Int, span: Int) -> Self {
        var line = Self()
        for i in 0..<max(0, size - span + 1) { line.add(1, at: i) }
        return line
    }

    /// Rule 1: a run of length L ≥ 5 scores L − 2, that is one per window of five inside it (`windows`: where
    /// they may start), plus 2 for the first of them.
    func runPenalty(windows: Self) -> Int {
        let same = ~(self ^ shifted(1))  // bit i: modules i and i + 1 alike
        let uniform = windows & same & same.shifted(1) & same.shifted(2) & same.shifted(3)
        // A window that does not continue one starting a module before is the first of its run.
        let continued = uniform.shiftedBack(1)
        return uniform.count + 2 * (uniform & ~continued).count
    }

    /// 11 00 111111 00 11 somewhere: what a finder-like pattern twice as wide holds (its outer runs may be longer
    /// here, so a line with it is only worth walking run by run).
    var hasDoubleFinderCore: Bool {
        let light = ~self
        // Written out, not looped over an array of shifts: this is asked of every line of every mask.
        let outer = self & shifted(1) & shifted(12) & shifted(13)
        let gaps = light.shifted(2) & light.shifted(3) & light.shifted(10) & light.shifted(11)
        let middle = shifted(4) & shifted(5) & shifted(6) & shifted(7) & shifted(8) & shifted(9)
        return (outer & gaps & middle).count > 0
    }

    /// Nine dark modules in a row somewhere, found by doubling: where the line is dark for 2 modules on, then 4,
    /// then 8, then the ninth as well.
    var hasDarkRunOfNine: Bool {
        let two = self & shifted(1), four = two & two.shifted(2), eight = four & four.shifted(4)
        return (eight & shifted(8)).count > 0
    }

    /// Rule 3 at width 1: 1011101 with four light before and one after, or one before and four after (each
    /// counts; the margins are light). Dark bits lie only inside the line, so every match is the line's.
    var finderLikeNarrow: Int {
        let light = ~self
        let core = self & light.shifted(1) & shifted(2) & shifted(3) & shifted(4) & light.shifted(5) & shifted(6)
        let before4 = light.shiftedBack(1) & light.shiftedBack(2) & light.shiftedBack(3) & light.shiftedBack(4)
        let after4 = light.shifted(7) & light.shifted(8) & light.shifted(9) & light.shifted(10)
        // Most lines have no core at all: the two counts (a dozen instructions each where the processor has no
        // population count the build may use) are skipped.
        guard core != Self() else { return 0 }
        return (core & before4 & light.shifted(7)).count + (core & light.shiftedBack(1) & after4).count
    }

    /// Rule 2: 2×2 blocks of one colour between this row and the next (`pairs`: where they may start).
    func sameSquares(below: Self, pairs: Self) -> Int {
        let vertical = ~(self ^ below)
        return (vertical & vertical.shifted(1) & ~(self ^ shifted(1)) & pairs).count
    }
}
