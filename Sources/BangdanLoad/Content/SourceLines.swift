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
    /// Files read again, by path, as lines sharing the one decoded text: only a line asked for becomes a
    /// `String` of its own.
    private var cache: [String: [Substring]] = [:]

    /// The largest file shown: more than any file `load` accepts.
    static let sizeLimit = 16 << 20

    public init(site: String, known: ShownLines = ShownLines()) {
        self.site = site
        self.known = known
    }

    public mutating func line(_ path: String, _ number: Int) -> String? {
        if let line = known[path, number] { return line }
        let lines = cache[path] ?? Self.read(site: site, path: path).map { Self.lines(of: $0) } ?? []
        cache[path] = lines
        return number >= 1 && number <= lines.count ? String(lines[number - 1]) : nil
    }

    /// The lines of `files` (by path, as read) that `diagnostics` point into, as the caret display shows them.
    /// Each file is walked once, however many of its lines are asked for. `notUTF8`, when the caller knows it:
    /// the paths whose bytes the loader could not decode; every other file's bytes are then known to be UTF-8 and
    /// are not validated again (at 10,000 requirements a notice points into each of 4,400 files). Nil: each
    /// file is validated here.
    public static func shown(
        _ diagnostics: [Diagnostic], in files: [(path: String, bytes: [UInt8])], notUTF8: Set<String>? = nil
    ) -> ShownLines {
        var wanted: [String: Set<Int>] = [:]
        for d in diagnostics where d.rule.pointsIntoText { wanted[d.path, default: []].insert(d.line) }
        var shown = ShownLines()
        guard !wanted.isEmpty else { return shown }
        // The files on every core (45,000 notices point into as many files at 100,000 requirements).
        let pointedInto = files.compactMap { file in wanted[file.path].map { (file.path, $0, file.bytes) } }
        let found = Parallel.map(pointedInto) { path, numbers, bytes in
            guard let notUTF8, !notUTF8.contains(path) else { return (path, lines(numbers, in: bytes)) }
            return (path, lines(numbers, in: bytes, knownUTF8: true))
        }
        for (path, lines) in found {
            for (number, line) in lines { shown[path, number] = line }
        }
        return shown
    }

    /// The lines `diagnostics` point into, from files this build did not read: each as `known` holds it (the
    /// lines an earlier build showed of the same bytes), else read from its file under `site`, the files on every
    /// core.
    public static func shown(_ diagnostics: [Diagnostic], site: String, known: ShownLines) -> ShownLines {
        var shown = ShownLines()
        var missing: [String: Set<Int>] = [:]
        for d in diagnostics where d.rule.pointsIntoText {
            if let line = known[d.path, d.line] {
                shown[d.path, d.line] = line
            } else {
                missing[d.path, default: []].insert(d.line)
            }
        }
        let found = Parallel.map(Array(missing)) { path, numbers in
            (path, read(site: site, path: path).map { lines(numbers, in: $0) } ?? [:])
        }
        for (path, lines) in found {
            for (number, line) in lines { shown[path, number] = line }
        }
        return shown
    }

    /// Line `number` (from 1) of a file's bytes, as `TextDecoding.decode` reads the file (a BOM dropped; CRLF
    /// and a lone CR end a line), without its line end; nil when the file is not UTF-8 or has fewer lines.
    public static func line(_ number: Int, in bytes: [UInt8]) -> String? {
        lines([number], in: bytes)[number]
    }

    /// The lines `numbers` of a file's bytes, as `line(_:in:)` gives each, found in one walk over the bytes up
    /// to the last of them (the file is not split into lines). `knownUTF8`: the caller has validated the bytes
    /// (as the loader does), so only the lines asked for are made into strings.
    static func lines(_ numbers: Set<Int>, in bytes: [UInt8], knownUTF8: Bool = false) -> [Int: String] {
        guard let last = numbers.max(), last >= 1 else { return [:] }
        let start = bytes.starts(with: TextDecoding.byteOrderMark) ? TextDecoding.byteOrderMark.count : 0
        return bytes.withUnsafeBufferPointer { all -> [Int: String] in
            let body = UnsafeBufferPointer(rebasing: all[start...])
            guard knownUTF8 || String(validating: body, as: UTF8.self) != nil else { return [:] }
            var found: [Int: String] = [:]
            var index = 0, current = 1
            while current <= last {
                let end = body[index...].firstIndex { $0 == 0x0A || $0 == 0x0D } ?? body.count
                if numbers.contains(current) {
                    found[current] = String(decoding: UnsafeBufferPointer(rebasing: body[index..<end]), as: UTF8.self)
                }
                guard end < body.count else { break }
                index = body[end] == 0x0D && end + 1 < body.count && body[end + 1] == 0x0A ? end + 2 : end + 1
                current += 1
            }
            return found
        }
    }

    /// A file's lines, as the loader reads them (decoded, then split at line feeds).
    private static func lines(of bytes: [UInt8]) -> [Substring] {
        guard case .success(let text) = TextDecoding.decode(bytes) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
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
