import BangdanCore
import Synchronization

/// The rows of a data file made of one row per requirement (requirements.json, requirements.csv) as a build made
/// them: each row's key and length in bytes, and the hash of the whole file (`BytesHash`). A row's bytes depend
/// only on its requirement (which holds its list's defaults) and on what every file depends on, so its key is
/// made of exactly those (`SiteRendering.rowKeys`); the next build copies the rows whose key it finds unchanged out
/// of the file the table describes instead of making them again (an edit rebuild of 10,000 requirements makes one
/// row of each file, not 20,000).
public struct RowTable: Sendable, Equatable {
    /// The `BytesHash` of the file the rows make up; 0 until it is written.
    public var hash: UInt64
    public var keys: [UInt64]
    public var lengths: [UInt32]

    public init(hash: UInt64, keys: [UInt64], lengths: [UInt32]) {
        self.hash = hash
        self.keys = keys
        self.lengths = lengths
    }
}

/// The row tables of a build, by output path, as the cache keeps them: `bangdan-rows 1`, then for each file a line
/// `PATH HASH COUNT` (hash in hex) followed by COUNT keys and COUNT lengths as little-endian binary numbers (8 and 4
/// bytes). Anything else read back is no table at all: a table only ever saves work, never decides bytes.
public enum RowTables {
    static let header = Array("bangdan-rows 1\n".utf8)

    public static func encode(_ tables: [String: RowTable]) -> [UInt8] {
        var bytes = header
        for (path, table) in tables.sorted(by: { $0.key < $1.key }) where table.keys.count == table.lengths.count {
            bytes += Array("\(path) \(String(table.hash, radix: 16)) \(table.keys.count)\n".utf8)
            for key in table.keys { withUnsafeBytes(of: key.littleEndian) { bytes += $0 } }
            for length in table.lengths { withUnsafeBytes(of: length.littleEndian) { bytes += $0 } }
        }
        return bytes
    }

    public static func decode(_ bytes: [UInt8]) -> [String: RowTable] {
        guard bytes.starts(with: header) else { return [:] }
        var tables: [String: RowTable] = [:]
        var at = header.count
        while at < bytes.count {
            guard let end = bytes[at...].firstIndex(of: 0x0A) else { return [:] }
            let parts = bytes[at..<end].split(separator: 0x20, omittingEmptySubsequences: false)
            guard parts.count == 3, let path = String(validating: parts[0], as: UTF8.self),
                let hash = UInt64(String(decoding: parts[1], as: UTF8.self), radix: 16),
                let count = Int(String(decoding: parts[2], as: UTF8.self)), count >= 0,
                count <= (bytes.count - end - 1) / 12
            else { return [:] }
            at = end + 1
            var keys: [UInt64] = [], lengths: [UInt32] = []
            keys.reserveCapacity(count)
            lengths.reserveCapacity(count)
            bytes.withUnsafeBytes { raw in
                for index in 0..<count {
                    keys.append(
                        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 8 * index, as: UInt64.self)))
                }
                at += 8 * count
                for index in 0..<count {
                    lengths.append(
                        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 4 * index, as: UInt32.self)))
                }
                at += 4 * count
            }
            tables[path] = RowTable(hash: hash, keys: keys, lengths: lengths)
        }
        return tables
    }
}

/// What the last build wrote of one row file, as the write stage may read it again: its table and the file.
public struct EarlierRows: Sendable {
    /// The largest earlier file read again: it is held whole while the new file is made (the new one is streamed,
    /// `RowFile.write`), which at 100,000 requirements (170 MB of JSON, 100 MB of CSV) would add a quarter of a
    /// GiB to the build's peak to save a second; the rows of such files are all made.
    public static let largestFile = 64 << 20

    public let table: RowTable
    /// The file's bytes, read again from the output; nil when they cannot be read or are not the bytes whose
    /// hash the table holds (the caller checks that).
    let read: @Sendable () -> [UInt8]?

    public init(table: RowTable, read: @escaping @Sendable () -> [UInt8]?) {
        self.table = table
        self.read = read
    }

    /// The earlier file and where each of its rows lies in it, by key, for a file of `prefix` bytes, rows joined by
    /// `separator`, and `suffix` bytes; nil when it cannot be read, or its rows and separators do not add up to
    /// exactly its bytes (a table that does not describe the file is never trusted).
    func rows(prefix: Int, separator: [UInt8], suffix: Int) -> (bytes: [UInt8], ranges: [UInt64: Range<Int>])? {
        guard let bytes = read() else { return nil }
        var ranges: [UInt64: Range<Int>] = [:]
        ranges.reserveCapacity(table.keys.count)
        var at = prefix
        for (index, (key, length)) in zip(table.keys, table.lengths).enumerated() {
            if index > 0 {
                guard at + separator.count <= bytes.count, bytes[at..<(at + separator.count)].elementsEqual(separator)
                else { return nil }
                at += separator.count
            }
            ranges[key] = at..<(at + Int(length))
            at += Int(length)
        }
        guard at + suffix == bytes.count else { return nil }
        return (bytes, ranges)
    }
}

/// The row tables the render stage made, recorded as each row file is made (on any core), for the cache.
public final class MadeRows: Sendable {
    private let tables = Mutex<[String: (table: RowTable, reused: Int)]>([:])

    init() {}

    func record(_ path: String, _ table: RowTable, reused: Int) {
        tables.withLock { $0[path] = (table, reused) }
    }

    /// The tables made so far, by path, with no hash yet.
    public var all: [String: RowTable] { tables.withLock { $0.mapValues(\.table) } }
    /// How many rows were copied from the earlier files rather than made.
    public var reused: Int { tables.withLock { $0.values.reduce(0) { $0 + $1.reused } } }
}
