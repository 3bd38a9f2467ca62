/// A 64-bit FNV-1a hash of values fed one at a time (strings, numbers, other hashes): stable across runs and
/// machines (unlike `Hasher`), for the keys that say whether an input or an output changed since the last build.
/// A whole file's bytes are hashed by `BytesHash`, eight bytes a step.
public struct Fingerprint: Hashable, Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        // Contiguous bytes (an array, a string's UTF-8, Data) are read through a buffer: a caller in another
        // module gets this function unspecialized, and iterating its generic sequence costs a dynamic call a byte.
        if let done = bytes.withContiguousStorageIfAvailable({ add(buffer: $0) }) { return done }
        var h = value
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        value = h
    }

    private mutating func add(buffer: UnsafeBufferPointer<UInt8>) {
        var h = value
        for byte in buffer {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        value = h
    }

    public mutating func add(_ text: String) {
        add(text.utf8)
        add(CollectionOfOne(0))  // a separator, so "ab"+"c" differs from "a"+"bc"
    }

    public mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { add($0) }
    }

    public var hex: String { Self.hex(value) }

    public static func hex(_ value: UInt64) -> String {
        var bytes: [UInt8] = []
        appendHex(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `hex(value)`'s sixteen lower-case digits, appended straight to `bytes` (as the build cache writes its state).
    public static func appendHex(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 60, through: 0, by: -4) {
            let digit = UInt8(truncatingIfNeeded: (value >> UInt64(shift)) & 0xF)
            bytes.append(digit < 10 ? 0x30 + digit : 0x57 + digit)  // 0–9, then a–f
        }
    }
}
