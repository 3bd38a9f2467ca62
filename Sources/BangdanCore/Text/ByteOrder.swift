import Foundation

extension String {
    /// True when this string's UTF-8 bytes come before `other`'s (unsigned bytes, a prefix first): the order of
    /// file names and paths everywhere in Bangdan, the same whatever the locale. Compared in place with `memcmp`
    /// where both strings hold their bytes contiguously (every native string), not through the UTF-8 views a
    /// byte at a time (13,000 instructions a name when a folder's entries were sorted).
    public func bytesPrecede(_ other: String) -> Bool {
        let compared = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b -> Bool in
                let common = Swift.min(a.count, b.count)
                if common > 0, let x = a.baseAddress, let y = b.baseAddress {
                    let order = memcmp(x, y, common)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
        if let inPlace = compared, let result = inPlace { return result }
        return utf8.lexicographicallyPrecedes(other.utf8)
    }
}

extension Array where Element == String {
    /// `sorted { $0.bytesPrecede($1) }`, comparing numbers: each name's first 16 bytes as two big-endian words,
    /// which order as the bytes do (a shorter name padded with zeros comes first, as its bytes do), names alike
    /// in those bytes by `bytesPrecede`. An array of up to 64 is sorted by insertion, and a folder listed newest
    /// first (as tmpfs lists one written in order) is its worst case: 1,275 comparisons for a list folder of 51
    /// names, 4,400 instructions a name when each compared strings.
    public func sortedByBytes() -> [String] {
        let keys = map { name -> (UInt64, UInt64) in
            var (high, low): (UInt64, UInt64) = (0, 0)
            for (n, byte) in name.utf8.prefix(16).enumerated() {
                if n < 8 {
                    high |= UInt64(byte) << (56 - 8 * UInt64(n))
                } else {
                    low |= UInt64(byte) << (120 - 8 * UInt64(n))
                }
            }
            return (high, low)
        }
        let order = keys.withUnsafeBufferPointer { keys in
            indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : self[a].bytesPrecede(self[b]) }
        }
        return order.map { self[$0] }
    }
}
