import BangdanCore
import Foundation

/// The lines diagnostics point into, for the caret display of the text format: the ones the build already took
/// from the bytes it read (`known`), else read again from the file (only for files with diagnostics).
///
/// A diagnostic never shows bytes from outside `content/` (SCHEMA.md §7): only the text files Bangdan reads itself
/// are shown (`.md` and `.yml` under `content/`), only when they are regular files reached without a symbolic link
/// at any step (`RegularFile`), and never a pipe or a device, which could hang the report.
public struct SourceLines {
    let site: String
    let known: ShownLines
    /// Files read again, by path: only a line asked for becomes a `String`.
    private var cache: [String: [UInt8]?] = [:]

    /// The largest file shown: more than any file `load` accepts.
    static let sizeLimit = 16 << 20

    public init(site: String, known: ShownLines = ShownLines()) {
        self.site = site
        self.known = known
    }

    public mutating func line(_ path: String, _ number: Int) -> String? {
        if let line = known[path, number] { return line }
        let bytes = cache[path] ?? Self.read(site: site, path: path)
        cache[path] = bytes
        return bytes.flatMap { Self.line(number, in: $0) }
    }

    /// The lines of `files` (by path, as read) that `diagnostics` point into, as the caret display shows them.
    public static func shown(_ diagnostics: [Diagnostic], in files: [(path: String, bytes: [UInt8])]) -> ShownLines {
        var wanted: [String: Set<Int>] = [:]
        for d in diagnostics where d.rule.pointsIntoText { wanted[d.path, default: []].insert(d.line) }
        var shown = ShownLines()
        guard !wanted.isEmpty else { return shown }
        for file in files {
            guard let numbers = wanted[file.path] else { continue }
            for number in numbers {
                if let line = line(number, in: file.bytes) { shown[file.path, number] = line }
            }
        }
        return shown
    }

    /// Line `number` (from 1) of a file's bytes, as `TextDecoding.decode` reads the file (a BOM dropped; CRLF
    /// and a lone CR end a line), without its line end; nil when the file is not UTF-8 or has fewer lines.
    /// Walks the bytes to the line instead of splitting the whole file.
    public static func line(_ number: Int, in bytes: [UInt8]) -> String? {
        guard number >= 1 else { return nil }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return bytes.withUnsafeBufferPointer { all -> String? in
            let body = UnsafeBufferPointer(rebasing: all[start...])
            guard String(validating: body, as: UTF8.self) != nil else { return nil }
            var index = 0, current = 1
            while current < number {
                guard let end = body[index...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
                index = body[end] == 0x0D && end + 1 < body.count && body[end + 1] == 0x0A ? end + 2 : end + 1
                current += 1
            }
            let end = body[index...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? body.count
            return String(decoding: UnsafeBufferPointer(rebasing: body[index..<end]), as: UTF8.self)
        }
    }

    private static func read(site: String, path: String) -> [UInt8]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "content", let name = parts.last,
            name.hasSuffix(".md") || name.hasSuffix(".yml"),
            case .bytes(let bytes) = RegularFile.read(
                under: (site as NSString).appendingPathComponent("content"),
                Array(parts.dropFirst()), limit: sizeLimit)
        else { return nil }
        return bytes
    }
}
