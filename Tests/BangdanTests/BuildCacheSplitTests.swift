import Testing

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
