import BangdanCore
import Foundation

/// The output folder's rules, checked before anything is touched: which folders a build may replace, the lock
/// that keeps two builds off one output, and the removal of staging folders a crashed build left behind.
///
/// A build replaces the whole output folder, so it refuses any folder whose loss would lose something else: the
/// site folder, a folder inside `content/` or `templates/`, a folder that contains the site, a symbolic link (it
/// would be written through), and a non-empty folder that no Bangdan build wrote (no marker file), unless
/// `--force`. Paths are compared after resolving `.`, `..` and the symbolic links of the parent folders, and by
/// device and inode as well, so a case-insensitive file system or a second path to the same folder changes nothing.
public enum OutputFolder {
    /// The marker every build writes into its output: a folder holding it was written by Bangdan.
    public static let markerName = OutputFolderProblem.markerName
    static let markerText = "This folder is written by `bangdan build`. Each build replaces everything in it.\n"

    /// Why an output folder is refused.
    public typealias Problem = OutputFolderProblem

    /// Resolves `path` (relative to the current folder) to an absolute path without `.`, `..`, repeated or
    /// trailing slashes, with every symbolic link among its parent folders resolved. The last component itself is
    /// never followed: `isSymlink` tells whether it is a link.
    static func resolve(_ path: String) -> (path: String, isSymlink: Bool) {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let parts = absolute.split(separator: "/").map(String.init).filter { $0 != "." }
        var current = ""  // "" is the root folder
        var isSymlink = false
        for (index, part) in parts.enumerated() {
            isSymlink = false
            if part == ".." {
                current = (current as NSString).deletingLastPathComponent
                if current == "/" { current = "" }
                continue
            }
            let candidate = current + "/" + part
            var info = stat()
            guard lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else {
                current = candidate
                continue
            }
            if index == parts.count - 1 {
                current = candidate
                isSymlink = true
            } else {
                current = realPath(candidate) ?? candidate
            }
        }
        return (current.isEmpty ? "/" : current, isSymlink)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Device and inode of an existing folder or file (symbolic links followed), to compare folders by identity.
    private static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(bitPattern: Int64(info.st_dev)), UInt64(info.st_ino)]
    }

    /// `path` and each of its parent folders, nearest first, up to the root.
    private static func selfAndAncestors(_ path: String) -> [String] {
        var result = [path]
        var current = path
        while current != "/" {
            current = (current as NSString).deletingLastPathComponent
            result.append(current)
        }
        return result
    }

    private static func isWithin(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    /// Checks that a build may replace `output`; returns its resolved absolute path. Reads only; touches nothing.
    public static func check(_ output: String, site: String, force: Bool, language: Language) throws -> String {
        let (resolved, isSymlink) = resolve(output)
        func refuse(_ problem: Problem) -> BangdanError {
            .outputRefused(path: output, resolved: resolved, problem: problem, language: language)
        }
        if isSymlink { throw refuse(.symlink) }
        let siteReal = realPath(site) ?? resolve(site).path
        let content = siteReal + "/content", templates = siteReal + "/templates"
        let outputID = identity(resolved)
        if resolved == siteReal || (outputID != nil && outputID == identity(siteReal)) { throw refuse(.isSite) }
        if isWithin(siteReal, resolved)
            || (outputID != nil && selfAndAncestors(siteReal).contains { identity($0) == outputID })
        {
            throw refuse(.containsSite)
        }
        // Inside content/ or templates/: the output itself, or its nearest existing folder, is one of them or
        // lies in one (content/ may itself be a link; compare its real path and its identity too).
        let existing = selfAndAncestors(resolved).compactMap { path in identity(path).map { (path, $0) } }
        for (folder, problem) in [(content, Problem.insideContent), (templates, .insideTemplates)] {
            let real = realPath(folder) ?? folder
            let folderID = identity(folder)
            if isWithin(resolved, folder) || isWithin(resolved, real)
                || (folderID != nil && existing.contains { $0.1 == folderID })
            {
                throw refuse(problem)
            }
        }
        var info = stat()
        guard lstat(resolved, &info) == 0 else { return resolved }  // a new folder: nothing to lose
        guard info.st_mode & S_IFMT == S_IFDIR else { throw refuse(.notAFolder) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: resolved)) ?? []
        var marker = stat()
        let hasMarker = lstat(resolved + "/" + markerName, &marker) == 0 && marker.st_mode & S_IFMT == S_IFREG
        if !entries.isEmpty && !hasMarker && !force { throw refuse(.notBangdanOutput) }
        return resolved
    }

    /// The lock file beside the output (`.public.bangdan-lock`), held with `flock` while `body` runs, so two
    /// builds never write one output at once. Throws `busy` at once when another build holds it. The holder
    /// removes the file before it lets go, so a build leaves nothing beside its output but its cache — a build
    /// refused for content errors leaves nothing at all. Removing a lock file is safe only because every taker
    /// checks, once it holds the lock, that the file it locked is still the one at the path (a build that opened
    /// the file just before the holder removed it would otherwise hold a lock nobody else can see), and tries
    /// again with the new file if not.
    public static func withLock<T>(_ output: String, language: Language, _ body: () throws -> T) throws -> T {
        let parent = (output as NSString).deletingLastPathComponent
        let lock = parent + "/." + (output as NSString).lastPathComponent + ".bangdan-lock"
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw BangdanError.writeFailed(path: parent, reason: error.localizedDescription)
        }
        for _ in 0..<8 {
            guard let fd = try takeLock(lock, output: output, language: language) else { continue }
            defer {
                unlink(lock)
                close(fd)
            }
            let pid = Array("\(getpid())\n".utf8)
            if ftruncate(fd, 0) == 0 { _ = pwrite(fd, pid, pid.count, 0) }
            return try body()
        }
        throw BangdanError.outputRefused(path: output, resolved: output, problem: .busy(owner: nil), language: language)
    }

    /// Opens and locks `lock`: the descriptor when this process now holds the file at that path, nil when the
    /// file it locked was removed or replaced meanwhile (try again), `busy` when another build holds it.
    private static func takeLock(_ lock: String, output: String, language: Language) throws -> Int32? {
        var fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ELOOP {  // a link planted where the lock belongs: never follow it
            unlink(lock)
            fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw BangdanError.writeFailed(path: lock, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            defer { close(fd) }
            guard reason == EWOULDBLOCK || reason == EAGAIN else {
                throw BangdanError.writeFailed(path: lock, reason: String(cString: strerror(reason)))
            }
            var bytes = [UInt8](repeating: 0, count: 32)
            let count = pread(fd, &bytes, bytes.count, 0)
            let owner = count > 0 ? Int32(String(decoding: bytes[0..<count], as: UTF8.self).trimmingWhitespace) : nil
            throw BangdanError.outputRefused(
                path: output, resolved: output, problem: .busy(owner: owner), language: language)
        }
        var held = stat()
        var atPath = stat()
        guard fstat(fd, &held) == 0, lstat(lock, &atPath) == 0, held.st_dev == atPath.st_dev,
            held.st_ino == atPath.st_ino
        else {
            close(fd)
            return nil
        }
        return fd
    }

    /// The staging folder of this process for `output` (`.public.staging-PID`).
    static func staging(for output: String) -> String {
        let parent = (output as NSString).deletingLastPathComponent
        return parent + "/" + stagingPrefix(output) + "\(getpid())"
    }

    private static func stagingPrefix(_ output: String) -> String {
        "." + (output as NSString).lastPathComponent + ".staging-"
    }

    /// A staging folder older than this is stale whoever made it.
    static let staleAge: TimeInterval = 3600

    /// Removes the staging folders of `output` (`.public.staging-PID`, `.public.staging-PID.old`) that a crashed
    /// or killed build left: those whose process is gone, those of this process, and those older than an hour.
    /// Run under the lock, so no build of this output is using them. Nothing of any other name is touched.
    public static func removeStaleStaging(_ output: String) {
        let parent = (output as NSString).deletingLastPathComponent
        let prefix = stagingPrefix(output)
        let now = Date().timeIntervalSince1970
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) {
            var rest = name.dropFirst(prefix.count)
            if rest.hasSuffix(".old") { rest = rest.dropLast(4) }
            guard !rest.isEmpty, rest.allSatisfy(\.isASCII), rest.allSatisfy(\.isNumber), let pid = Int32(rest) else {
                continue
            }
            var info = stat()
            guard lstat(parent + "/" + name, &info) == 0 else { continue }
            let gone = pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH)
            let old = now - Double(FileIdentity(info).modifiedSeconds) > staleAge
            if gone || old { Writer.removeTree(parent + "/" + name) }
        }
    }
}

/// What the cache remembers of an output file it wrote, to notice a hand edit, replacement or deletion without
/// reading the file: its size, inode and modification time (to the nanosecond where the file system keeps it).
public struct FileIdentity: Hashable, Sendable {
    public var size: Int
    public var inode: UInt64
    public var modifiedSeconds: Int64
    public var modifiedNanoseconds: Int64

    public init(size: Int, inode: UInt64, modifiedSeconds: Int64, modifiedNanoseconds: Int64) {
        self.size = size
        self.inode = inode
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
    }

    init(_ info: stat) {
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
        (modifiedSeconds, modifiedNanoseconds) = info.modification
    }

    /// The identity of the regular file at `path`; nil for anything else, a symbolic link included (not followed).
    static func ofRegularFile(_ path: String) -> FileIdentity? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileIdentity(info)
    }
}
