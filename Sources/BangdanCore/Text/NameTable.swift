/// Names to values for lookups made millions of times (every variable of every page, every key of every record the
/// build cache keeps): open addressing on a hash of a few of the name's bytes, where `Dictionary` seeds and runs
/// SipHash over all of them for each lookup. A name is found by its bytes: written in another, canonically
/// equivalent form it is not (template and field names are ASCII, which has no other form).
public struct NameTable<Value: Sendable>: Sendable {
    @usableFromInline let names: [String]
    @usableFromInline let values: [Value]
    /// Indexes into `names` and `values`, −1 where empty; a power of two long, at most a quarter full.
    @usableFromInline let slots: [Int32]

    /// `pairs` with distinct names (a later repeat of a name is ignored).
    public init(_ pairs: [(String, Value)]) {
        var size = 4
        while size < pairs.count * 4 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        var names: [String] = [], values: [Value] = []
        for (name, value) in pairs {
            var slot = Self.hash(name) & (size - 1)
            while slots[slot] >= 0 && names[Int(slots[slot])] != name { slot = (slot + 1) & (size - 1) }
            guard slots[slot] < 0 else { continue }
            slots[slot] = Int32(names.count)
            names.append(name)
            values.append(value)
        }
        self.names = names
        self.values = values
        self.slots = slots
    }

    /// Inlinable, so that each module that looks names up has it specialized for its values (through the generic
    /// code a 1,000-requirement build took 0.7 % more instructions).
    @inlinable public subscript(name: String) -> Value? {
        var slot = Self.hash(name) & (slots.count - 1)
        while true {
            let index = Int(slots[slot])
            guard index >= 0 else { return nil }
            if names[index] == name { return values[index] }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// From the name's length and its first, middle and last bytes: enough to spread the few dozen names of a
    /// view model (the comparison settles the rest), and a few loads where hashing every byte was a tenth of
    /// rendering.
    ///
    /// The bytes are read in place (every native string, small ones too, has them contiguous): `utf8.last` and
    /// an index offset through the view cost a hundred instructions a lookup, a fifth of it.
    @inlinable static func hash(_ name: String) -> Int {
        name.utf8.withContiguousStorageIfAvailable(hash(bytes:))
            ?? Array(name.utf8).withUnsafeBufferPointer(hash(bytes:))
    }

    @inlinable static func hash(bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        guard count > 0 else { return 0 }
        let (first, middle, last) = (bytes[0], bytes[count / 2], bytes[count - 1])
        var h = count &* 0x9E37_79B1 ^ Int(first) &* 0x85EB_CA77 ^ Int(last) &* 0xC2B2_AE3D ^ Int(middle) &* 0x27D4_EB2F
        h ^= h >> 15
        return h
    }
}
