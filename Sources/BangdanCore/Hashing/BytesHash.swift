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
    /// The digits of π: any constant will do.
    fileprivate static let start: UInt64 = 0x243F_6A88_85A3_08D3

    public static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    public static func of(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { of($0) }
    }

    public static func of(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        let count = buffer.count
        var h = start
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
/// `BytesHash.of` all the parts joined, however they are cut (a word split between two parts is put together).
public struct BytesHasher: Sendable {
    private var h = BytesHash.start
    /// The bytes of an unfinished word, the first in the lowest bits, and how many there are (0 to 7).
    private var pending: UInt64 = 0
    private var pendingCount = 0
    public private(set) var count = 0

    public init() {}

    public mutating func add(_ buffer: UnsafeRawBufferPointer) {
        var offset = 0
        count += buffer.count
        while pendingCount > 0 && offset < buffer.count {
            pending |= UInt64(buffer[offset]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            offset += 1
            if pendingCount == 8 {
                h = BytesHash.mix(h ^ pending)
                (pending, pendingCount) = (0, 0)
            }
        }
        while offset + 8 <= buffer.count {
            h = BytesHash.mix(h ^ UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        while offset < buffer.count {
            pending |= UInt64(buffer[offset]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            offset += 1
        }
    }

    public mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    /// The hash of every byte added.
    public var value: UInt64 {
        BytesHash.finalize((pendingCount > 0 ? BytesHash.mix(h ^ pending) : h) ^ UInt64(count))
    }
}
