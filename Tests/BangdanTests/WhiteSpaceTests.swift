import BangdanCore
import Testing

struct WhiteSpaceTests {
    /// The switch answers as Unicode's property tables do, for every scalar.
    @Test func isUnicodeWhiteSpaceIsTheWhiteSpaceProperty() {
        var count = 0, differing: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isUnicodeWhiteSpace != scalar.properties.isWhitespace {
                differing.append("U+\(String(value, radix: 16))")
            }
            if scalar.isUnicodeWhiteSpace { count += 1 }
        }
        #expect(differing == [])
        #expect(count == 25)
    }

    @Test func trimmingRemovesFullWidthSpacesAndKeepsInnerOnes() {
        #expect("\u{3000} 光刻 胶\u{3000}\n".trimmingWhitespace == "光刻 胶")
        #expect("\u{3000}\u{A0}".trimmingWhitespace == "")
        #expect("光刻胶".trimmingWhitespace == "光刻胶")
    }
}
