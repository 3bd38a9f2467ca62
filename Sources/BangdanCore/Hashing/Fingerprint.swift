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
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
