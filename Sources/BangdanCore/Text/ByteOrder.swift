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
    /// `sorted { $0.bytesPrecede($1) }`. Names that are all ASCII are sorted by `String`'s `<` instead: for them
    /// it is the bytes' order, and it compares in a third of the time (a folder of 50 requirements' names took
    /// 4,700 instructions a name).
    public func sortedByBytes() -> [String] {
        if allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) { return sorted(by: <) }
        return sorted { $0.bytesPrecede($1) }
    }
}
