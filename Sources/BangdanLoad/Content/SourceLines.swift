import BangdanCore
import Foundation

/// Reads a file's lines again for the caret display of the text format (only for files with diagnostics).
///
/// A diagnostic never shows bytes from outside `content/` (SCHEMA.md §7): only the text files Bangdan reads itself
/// are shown (`.md` and `.yml` under `content/`), only when they are regular files reached without a symbolic link
/// at any step (`RegularFile`), and never a pipe or a device, which could hang the report.
public struct SourceLines {
    let site: String
    /// A file's lines, sharing the one decoded text: only a line asked for becomes a `String` of its own.
    private var cache: [String: [Substring]] = [:]

    /// The largest file shown: more than any file `load` accepts.
    static let sizeLimit = 16 << 20

    public init(site: String) { self.site = site }

    public mutating func line(_ path: String, _ number: Int) -> String? {
        let lines = cache[path] ?? Self.read(site: site, path: path)
        cache[path] = lines
        return number >= 1 && number <= lines.count ? String(lines[number - 1]) : nil
    }

    private static func read(site: String, path: String) -> [Substring] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "content", let name = parts.last,
            name.hasSuffix(".md") || name.hasSuffix(".yml"),
            case .bytes(let bytes) = RegularFile.read(
                under: (site as NSString).appendingPathComponent("content"),
                Array(parts.dropFirst()), limit: sizeLimit),
            case .success(let text) = TextDecoding.decode(bytes)
        else { return [] }
        return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }
}
