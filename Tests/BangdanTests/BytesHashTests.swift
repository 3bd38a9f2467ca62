import BangdanCore
import Foundation
import Testing

/// The hash of content files as read and of output files in the build cache's manifest.
@Suite struct BytesHashTests {
    @Test func isStableAcrossRunsAndMachines() {
        // Fixed values: a change here changes what every existing manifest means (files are then rewritten once).
        #expect(BytesHash.of([UInt8]()) == 0x7acd_bb98_b134_4213)
        #expect(BytesHash.of(Array("abc".utf8)) == 0xacd3_4e35_1abd_c1ad)
        #expect(BytesHash.of(Array("0123456789abcdef榜单".utf8)) == 0xa6e7_a01c_0ad9_b7b9)
        #expect(BytesHash.of(Data("0123456789abcdef榜单".utf8)) == 0xa6e7_a01c_0ad9_b7b9)
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
}
