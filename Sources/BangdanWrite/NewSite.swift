import BangdanCore
import Foundation

/// Writes the files of a new site (`bangdan init`) into a folder, never replacing anything: when the folder
/// already holds a `content/` folder or any of the files, nothing at all is written.
public enum NewSite {
    /// `files` by path relative to `folder`. Returns the paths written, sorted.
    public static func write(_ files: [String: String], into folder: String) throws -> [String] {
        let folder = folder.isEmpty ? "." : folder
        var info = stat()
        if lstat(folder, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw BangdanError.writeFailed(path: folder, reason: "exists and is not a folder")
            }
        }
        let paths = files.keys.sorted()
        var taken = paths.filter { lstat(folder + "/" + $0, &info) == 0 }
        if lstat(folder + "/content", &info) == 0 { taken.insert("content/", at: 0) }
        // A folder on the way that is a link or a file: refused before anything is written.
        let parents = Set(
            paths.flatMap { path in
                let parts = path.split(separator: "/").dropLast()
                return parts.indices.map { parts[...$0].joined(separator: "/") }
            })
        taken += parents.sorted().filter { lstat(folder + "/" + $0, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR }
            .map { $0 + " (not a folder)" }
        if !taken.isEmpty {
            throw BangdanError.writeFailed(
                path: folder,
                reason: "already holds \(taken.prefix(5).joined(separator: ", "))"
                    + (taken.count > 5 ? " and \(taken.count - 5) more" : "")
                    + "; bangdan init never replaces a file. Choose an empty or new folder")
        }
        for path in paths {
            try makeFolders(for: path, under: folder)
            try create(folder + "/" + path, bytes: Array((files[path] ?? "").utf8))
        }
        return paths
    }

    /// The folders above `path`, made one at a time; an existing one must be a real folder, never a link.
    private static func makeFolders(for path: String, under root: String) throws {
        var current = root
        if mkdir(current, 0o755) != 0 && errno != EEXIST {
            throw BangdanError.writeFailed(path: current, reason: String(cString: strerror(errno)))
        }
        for part in path.split(separator: "/").dropLast() {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw BangdanError.writeFailed(path: current, reason: String(cString: strerror(errno)))
            }
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw BangdanError.writeFailed(path: current, reason: "is not a folder (a link is never followed)")
            }
        }
    }

    /// A new file: fails if anything, a link included, is already there.
    private static func create(_ path: String, bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BangdanError.writeFailed(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                // `raw` is not empty here: offset < bytes.count.
                Foundation.write(fd, raw.baseAddress! + offset, bytes.count - offset)
            }
            guard n > 0 else { throw BangdanError.writeFailed(path: path, reason: String(cString: strerror(errno))) }
            offset += n
        }
    }
}
