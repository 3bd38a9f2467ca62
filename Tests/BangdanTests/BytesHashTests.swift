import BangdanCore
import Foundation
import Testing

/// The hash of content files as read and of output files in the build cache's manifest.
@Suite struct BytesHashTests {
    @Test func isStableAcrossRunsAndMachines() {
        // Fixed values: a change here changes what every existing manifest means (files are then rewritten once).
        #expect(BytesHash.of([UInt8]()) == 0xf743_e667_ad54_11f8)
        #expect(BytesHash.of(Array("abc".utf8)) == 0x7d65_c244_73f8_c219)
        #expect(BytesHash.of(Array("0123456789abcdef榜单".utf8)) == 0x1b4b_4e0e_9ca5_9e23)
        #expect(BytesHash.of(Data("0123456789abcdef榜单".utf8)) == 0x1b4b_4e0e_9ca5_9e23)
        // 240 bytes: seven blocks of four words, two words and no tail.
        #expect(BytesHash.of(Array(String(repeating: "揭榜挂帅", count: 20).utf8)) == 0x28d5_5a9a_c1b7_9a1f)
    }

    @Test func anyOneByteChangeOrAnyLengthChangeShowsInTheHash() {
        let base = Array("<!DOCTYPE html><html lang=\"zh-CN\"><title>揭榜挂帅</title></html>\n".utf8)
        let h = BytesHash.of(base)
        var seen: Set<UInt64> = [h]
        for i in base.indices {
            for delta: UInt8 in [1, 0x80] {
                var changed = base
                changed[i] &+= delta
                seen.insert(BytesHash.of(changed))
            }
        }
        #expect(seen.count == 1 + base.count * 2)
        for n in 0...base.count { seen.insert(BytesHash.of(Array(base.prefix(n)) + [0])) }
        #expect(seen.count == 1 + base.count * 3 + 1)
    }

    /// A file written as it is made is hashed part by part: however its bytes are cut (a word split between
    /// parts, empty parts, parts of one byte), the hash is the one of all its bytes at once.
    @Test func bytesHandedOverInPartsHashAsTheWholeDoes() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for _ in 0..<20 {
                var hasher = BytesHasher()
                var start = 0
                while start < length {
                    let end = min(length, start + Int.random(in: 0...(length > 1000 ? 300 : 40), using: &generator))
                    hasher.add(Array(bytes[start..<end]))
                    start = end
                }
                if Bool.random(using: &generator) { hasher.add([]) }
                #expect(hasher.value == BytesHash.of(bytes), "\(length) bytes")
                #expect(hasher.count == length)
            }
        }
    }
}
