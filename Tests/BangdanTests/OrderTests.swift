import Foundation
import Testing

@testable import BangdanCore
@testable import BangdanSite

/// The byte order of names and paths (`String.bytesPrecede`): what comparing the UTF-8 views gives.
@Suite struct ByteOrderTests {
    @Test func namesSortByTheirBytes() {
        let pieces = ["", "a", "b", "A", "-", "需", "求", "é", "e\u{301}", "\u{1F600}", "z9", "\u{7F}", "\u{80}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let x = randomText(of: pieces, count: 0...4, using: &generator)
            let y = randomText(of: pieces, count: 0...4, using: &generator)
            #expect(
                x.bytesPrecede(y) == x.utf8.lexicographicallyPrecedes(y.utf8),
                "\(x.debugDescription) \(y.debugDescription)")
        }
        // Not Unicode's order: a decomposed é (e + U+0301) sorts by its bytes, before the precomposed one.
        #expect("e\u{301}".bytesPrecede("é") && !"é".bytesPrecede("e\u{301}"))
        #expect("list".bytesPrecede("lists") && !"lists".bytesPrecede("list") && !"a".bytesPrecede("a"))
    }

    /// `sortedByBytes` gives the bytes' order both ways: by `<` for ASCII names, by `bytesPrecede` for the rest.
    @Test func namesSortedByBytesAsOneByOne() {
        let ascii = ["", "a", "b", "A", "-", "z9", "\u{7F}", ".", "need-1", "need-10", "Z"]
        let pieces = ascii + ["需", "é", "e\u{301}", "\u{80}"]
        var generator = SystemRandomNumberGenerator()
        for (set, requireASCII) in [(ascii, true), (pieces, false)] {
            for _ in 0..<2_000 {
                let names = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                    randomText(of: set, count: 0...4, using: &generator)
                }
                let expected = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                #expect(names.sortedByBytes() == expected, "\(names.debugDescription)")
                if requireASCII { #expect(names.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }) }
            }
        }
    }
}

/// The numeric order of requirement codes within a list (`ZGC-2` before `ZGC-10`): over the bytes of ASCII codes,
/// as character by character.
@Suite struct CodeOrderTests {
    @Test func asciiCodesOrderAsCharacterByCharacter() {
        let pieces = ["ZGC-", "B", "0", "00", "1", "2", "10", "9", "050", "-", "a", "A", " ", "\r", "\n", "需", "é", ""]
        var generator = SystemRandomNumberGenerator()
        var byBytes = 0
        for _ in 0..<20_000 {
            let x = randomText(of: pieces, count: 0...5, using: &generator)
            let y = randomText(of: pieces, count: 0...5, using: &generator)
            #expect(
                x.localizedStandardCompareLess(y) == x.numericCharactersLess(y),
                "\(x.debugDescription) \(y.debugDescription)")
            if x.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) && y.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
                byBytes += 1
            }
        }
        #expect(byBytes > 5_000)
        #expect("ZGC-2".localizedStandardCompareLess("ZGC-10") && !"ZGC-10".localizedStandardCompareLess("ZGC-2"))
        #expect("B0115-050".localizedStandardCompareLess("B115-51") && !"a".localizedStandardCompareLess("a"))
    }
}

/// Titles and issuers as `possible-duplicate` compares them: over bytes for ASCII and caseless CJK text, as
/// scalar by scalar.
@Suite struct ComparableTitleTests {
    @Test func theByteWayGivesWhatTheScalarWayGives() {
        let pieces = [
            "光刻胶", "，", "（", "）", "Ａ", "ｚ", "１", "A", "z", " ", "\t", "\u{3000}", "\u{2003}", "\u{2028}", "\u{205F}",
            "—", "“", "Σ", "É", "é", "ß", "İ", "\u{301}", "\u{85}", "\u{A0}", "👍", "ﾞ", "\u{FF5F}", "有限公司", "\n", "-",
        ]
        var generator = SystemRandomNumberGenerator()
        var byBytes = 0
        for _ in 0..<20_000 {
            let text = randomText(of: pieces, count: 0...8, using: &generator)
            #expect(Resolve.comparable(text) == Resolve.comparableByScalars(text), "\(text.debugDescription)")
            if case .some(.some) = text.utf8.withContiguousStorageIfAvailable(Resolve.comparableByBytes(_:)) {
                byBytes += 1
            }
        }
        #expect(byBytes > 3_000)
        #expect(Resolve.comparable(" 光刻胶 （ＡＢｃ）\u{3000}") == "光刻胶(abc)")
    }

    /// A text `Key.isNFCAsItIs` passes is what NFC makes of it; among the rest are the singletons and the
    /// combining marks it must refuse.
    @Test func textTakenAsNFCIsNFC() {
        let pieces = [
            "光刻胶", "“", "—", "\u{2002}", "\u{2000}", "\u{2001}", "\u{3001}", "\u{302A}", "\u{302B}", "\u{302E}",
            "\u{3030}", "Ａ", "\u{FF5F}", "e", "\u{301}", "é", "Å", "\u{212B}", "\u{2126}", "ß", "\u{2FF}",
            "가", "\u{1100}", "\u{1161}", "👍", "\u{0}", "a",
        ]
        var generator = SystemRandomNumberGenerator()
        var passed = 0
        for _ in 0..<20_000 {
            let text = randomText(of: pieces, count: 0...6, using: &generator)
            let bytes = Array(text.utf8)
            guard Resolve.Key.isNFCAsItIs(bytes) else { continue }
            passed += 1
            #expect(Array(text.precomposedStringWithCanonicalMapping.utf8) == bytes, "\(text.debugDescription)")
        }
        #expect(passed > 1_000)
        for refused in ["\u{2000}", "\u{302A}\u{302B}", "e\u{301}", "\u{212B}", "\u{1100}\u{1161}"] {
            #expect(!Resolve.Key.isNFCAsItIs(Array(refused.utf8)), "\(refused.debugDescription)")
        }
    }
}
