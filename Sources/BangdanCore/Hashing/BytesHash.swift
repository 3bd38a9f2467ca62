import Foundation

/// The hash of a file's bytes: of each content file as it is read (whether an input changed since the last build)
/// and of each output file in the build cache's manifest (whether it is unchanged, then hard-linked rather than
/// written again). Stable across runs and machines. (`Fingerprint` composes keys from values; this hashes bytes.)
///
/// Eight bytes a step where FNV-1a takes one: each little-endian word is folded in by `h = mix(h ^ word)`,
/// `mix` being a bijection (a multiplication by an odd constant, then an xor-shift), so two inputs of the same
/// length that differ in a single word always hash differently; the length and a final avalanche (the
/// finalizer of MurmurHash3) close it. About eight times FNV-1a's speed (bench/HISTORY.md).
public enum BytesHash {
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    public static func of(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { of($0) }
    }

    public static func of(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        let count = buffer.count
        var h: UInt64 = 0x243F_6A88_85A3_08D3  // the digits of π: any constant will do
        var offset = 0
        while offset + 8 <= count {
            h = mix(h ^ UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < count {
            var last: UInt64 = 0
            for i in offset..<count { last |= UInt64(buffer[i]) << (8 * UInt64(i - offset)) }
            h = mix(h ^ last)
        }
        return finalize(h ^ UInt64(count))
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        let y = x &* 0x9E37_79B9_7F4A_7C15
        return y ^ (y >> 29)
    }

    /// MurmurHash3's fmix64: every input bit reaches every output bit.
    private static func finalize(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
