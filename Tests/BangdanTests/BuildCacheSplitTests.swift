import Testing

@testable import BangdanCore
@testable import BangdanWrite

/// The cache's state is split into lines and fields with `memchr` (`BuildCache.split`): the parts the standard
/// library's split gives, empty ones dropped or kept, up to a number of splits.
@Suite struct BuildCacheSplitTests {
    @Test func partsAreTheStandardSplits() {
        let alphabet: [UInt8] = [0x0A, 0x09, 0x20, 0x61, 0x62, 0xE6]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...14, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator) ?? 0
            }
            // A slice that does not start at 0, as a line of the state is.
            let padded = [0x0A, 0x61] + bytes
            let slice = padded[2...]
            for separator: UInt8 in [0x0A, 0x09, 0x20] {
                #expect(
                    BuildCache.split(slice, at: separator) == slice.split(separator: separator),
                    "\(bytes) at \(separator)")
                #expect(
                    BuildCache.split(slice, at: separator, keepingEmpty: true)
                        == slice.split(separator: separator, omittingEmptySubsequences: false))
                for maxSplits in 0...4 {
                    #expect(
                        BuildCache.split(slice, at: separator, maxSplits: maxSplits, keepingEmpty: true)
                            == slice.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: false),
                        "\(bytes) at \(separator), \(maxSplits) splits")
                }
            }
        }
    }
}

/// The state's numbers are written as digits straight into its bytes: what string interpolation writes, and the
/// sixteen hexadecimal digits of a hash.
@Suite struct BuildCacheNumberTests {
    @Test func numbersAreWrittenAsInterpolationWritesThem() {
        var generator = SystemRandomNumberGenerator()
        var samples: [Int64] = [0, 1, 9, 10, 99, 100, -1, -10, .max, .min, 1_000_000_000, 999_999_999]
        for _ in 0..<2_000 {
            samples.append(
                Int64.random(in: .min ... .max, using: &generator) >> Int64.random(in: 0...63, using: &generator))
        }
        for value in samples {
            var bytes: [UInt8] = [0x61]
            BuildCache.append(decimal: value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "a \(value)")
            var unsigned: [UInt8] = []
            BuildCache.append(decimal: UInt64(bitPattern: value), to: &unsigned)
            #expect(String(decoding: unsigned, as: UTF8.self) == " \(UInt64(bitPattern: value))")
            // Sixteen lower-case digits, as `String(_:radix:)` writes them, padded with zeros.
            let digits = String(UInt64(bitPattern: value), radix: 16)
            #expect(
                Fingerprint.hex(UInt64(bitPattern: value)) == String(repeating: "0", count: 16 - digits.count) + digits)
        }
    }
}
