import Foundation

/// The hash of a file's bytes: of each content file as it is read (whether an input changed since the last build)
/// and of each output file in the build cache's manifest (whether it is unchanged, then hard-linked rather than
/// written again). Stable across runs and machines. (`Fingerprint` composes keys from values; this hashes bytes.)
///
/// Eight bytes a step where FNV-1a takes one, on four lanes at once: the input's little-endian words (the last one
/// padded with zeros) are dealt to four lanes in turn, word i to lane i mod 4, and each is folded into its lane by
/// `h = mix(h ^ word)`, `mix` being a bijection (a multiplication by an odd constant, then an xor-shift). The four
/// chains do not wait on one another, so a core runs them side by side. The lanes are then joined by the same
/// bijections and the length, and a final avalanche (the finalizer of MurmurHash3) closes it: two inputs of the
/// same length that differ in a single word always hash differently. (On one lane, as before, each step waited for
/// the one before: hashing took twice as long, bench/HISTORY.md.)
public enum BytesHash {
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    public static func of(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { of($0) }
    }

    public static func of(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = BytesHasher()
        hasher.add(buffer)
        return hasher.value
    }

    @inline(__always)
    fileprivate static func mix(_ x: UInt64) -> UInt64 {
        let y = x &* 0x9E37_79B9_7F4A_7C15
        return y ^ (y >> 29)
    }

    /// MurmurHash3's fmix64: every input bit reaches every output bit.
    fileprivate static func finalize(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}

/// `BytesHash` of bytes handed over in parts, as a file written while it is made is: the same number as
/// `BytesHash.of` all the parts joined, however they are cut (a word split between two parts is put together, and
/// words go on to the lane they would have gone to). `BytesHash.of` is this with one part.
public struct BytesHasher: Sendable {
    /// The lanes, begun at the digits of π (any constants will do).
    private var h0: UInt64 = 0x243F_6A88_85A3_08D3
    private var h1: UInt64 = 0x1319_8A2E_0370_7344
    private var h2: UInt64 = 0xA409_3822_299F_31D0
    private var h3: UInt64 = 0x082E_FA98_EC4E_6C89
    /// The lane the next whole word goes to.
    private var lane = 0
    /// The bytes of an unfinished word, the first in the lowest bits, and how many there are (0 to 7).
    private var pending: UInt64 = 0
    private var pendingCount = 0
    public private(set) var count = 0

    public init() {}

    @inline(__always)
    private mutating func add(word: UInt64) {
        switch lane {
        case 0: h0 = BytesHash.mix(h0 ^ word)
        case 1: h1 = BytesHash.mix(h1 ^ word)
        case 2: h2 = BytesHash.mix(h2 ^ word)
        default: h3 = BytesHash.mix(h3 ^ word)
        }
        lane = (lane + 1) & 3
    }

    public mutating func add(_ buffer: UnsafeRawBufferPointer) {
        let end = buffer.count
        var offset = 0
        count += end
        @inline(__always) func word(at offset: Int) -> UInt64 {
            UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        while pendingCount > 0 && offset < end {
            pending |= UInt64(buffer[offset]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            offset += 1
            if pendingCount == 8 {
                add(word: pending)
                (pending, pendingCount) = (0, 0)
            }
        }
        while lane != 0 && offset + 8 <= end {
            add(word: word(at: offset))
            offset += 8
        }
        if lane == 0 && offset + 32 <= end {
            // Four words at a time, one to each lane, the lanes held in registers.
            var (a, b, c, d) = (h0, h1, h2, h3)
            while offset + 32 <= end {
                a = BytesHash.mix(a ^ word(at: offset))
                b = BytesHash.mix(b ^ word(at: offset + 8))
                c = BytesHash.mix(c ^ word(at: offset + 16))
                d = BytesHash.mix(d ^ word(at: offset + 24))
                offset += 32
            }
            (h0, h1, h2, h3) = (a, b, c, d)
        }
        while offset + 8 <= end {
            add(word: word(at: offset))
            offset += 8
        }
        while offset < end {
            pending |= UInt64(buffer[offset]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            offset += 1
        }
    }

    public mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    /// The hash of every byte added.
    public var value: UInt64 {
        var last = self
        if last.pendingCount > 0 { last.add(word: last.pending) }
        var joined = BytesHash.mix(last.h0)
        joined = BytesHash.mix(joined ^ last.h1)
        joined = BytesHash.mix(joined ^ last.h2)
        return BytesHash.finalize(joined ^ last.h3 ^ UInt64(count))
    }
}
