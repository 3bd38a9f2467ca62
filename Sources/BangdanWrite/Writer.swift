import BangdanCore
import CBangdanSystem
import Foundation

/// The `write` stage: stages the whole site in a sibling folder, then swaps it into place in one step, so a reader
/// never sees half a site and nothing of an older output survives (not a hand-made file, not a dotfile). The
/// folder is an empty one, or the generation the last build swapped out, swept of all but the current output's
/// own files (`recycleSpare`).
/// With `load`, the only stage that touches the file system. `OutputFolder.check` has decided beforehand that
/// the output may be replaced, and the caller holds the output's lock.
///
/// A file whose bytes are unchanged since the previous build (by the manifest of output hashes) is hard-linked
/// from the previous output into the staged tree instead of written again, but only when the old file is
/// still the very file that build wrote: a regular file (never a symbolic link) with the recorded inode, size
/// and modification time (and, for a file written in the cache's last clock tick, the recorded bytes). A file
/// edited, replaced or deleted by hand is written afresh.
public enum Writer {
    /// What one build wrote at one output path: the hash of its bytes and the identity of the file.
    public struct Entry: Sendable, Hashable {
        public var hash: UInt64
        public var identity: FileIdentity
        /// True when the file's recorded time is not older than the cache's own record: an edit by hand in the
        /// same clock tick would leave size, inode and time as they were, so only its bytes can vouch for it
        /// (as Git treats "racily clean" files).
        public var racy = false
        /// The dependency key the file was made for (see `SiteRendering.Planned.key`); 0 when it had none. A
        /// later build whose key for the same path is equal keeps the file without making it again.
        public var key: UInt64 = 0

        public init(hash: UInt64, identity: FileIdentity, racy: Bool = false, key: UInt64 = 0) {
            self.hash = hash
            self.identity = identity
            self.racy = racy
            self.key = key
        }

        /// This entry for its file linked into a new generation: its bytes were just vouched for (`matches`), so it
        /// is no longer racy.
        var relinked: Entry {
            var entry = self
            entry.racy = false
            return entry
        }

        /// True when the regular file at `path` is still the file this entry records (never through a link).
        func matches(_ path: String) -> Bool {
            guard FileIdentity.ofRegularFile(path) == identity else { return false }
            guard racy else { return true }
            guard let data = FileManager.default.contents(atPath: path), data.count == identity.size else {
                return false
            }
            return BytesHash.of(data) == hash && FileIdentity.ofRegularFile(path) == identity
        }
    }

    /// What was written where: output path → entry, for the next build's comparison.
    public typealias Manifest = [String: Entry]

    /// The result of a write: the new manifest (the marker file included) and how many of `files` were
    /// actually written rather than linked from the previous output.
    public struct Written: Sendable {
        public var manifest: Manifest
        /// The manifest's paths in the order their files were staged: an order as fixed as the files' own, for a
        /// record of the manifest that is the same from one build to the next without sorting it.
        public var paths: [String] = []
        public var written: Int
        /// Files made (rendered, or read to be copied) by this build; the others were kept by their unchanged
        /// dependency key without being made.
        public var made = 0
    }

    /// Writes `files`, plus the marker file, as the whole new content of `output` (a resolved path); attachments
    /// are copied from `site`.
    @discardableResult
    public static func write(_ files: [OutputFile], to output: String, site: String, previous: Manifest = [:]) throws
        -> Written
    {
        var staging = try Staging(output: output, site: site, previous: previous)
        try staging.add(files) { $0 }
        return try staging.publish()
    }

    /// A new output being made beside the current one: files are added in batches as they are rendered, each
    /// written (or linked) as soon as it is made, so only the manifest (path, hash and identity of each file) is
    /// kept, never the bytes; `publish` then swaps the whole tree in by one rename. Until then the current output
    /// is untouched, and when anything fails the staged tree is removed and nothing is swapped in.
    public struct Staging {
        let output: String
        let site: String
        let root: String
        /// Whether `output` exists (a folder): only then can files be linked from it, and it is exchanged.
        let exists: Bool
        let previous: Manifest
        /// The files of the previous generation already in the staged tree (`recycleSpare`): each is the current
        /// output's file at its path, kept when the new output has the same bytes there, removed otherwise.
        let kept: Set<String>
        private var manifest: Manifest = [:]
        private var paths: [String] = []
        private var written = 0
        private var made = 0

        /// Starts an empty staged tree for `output` (a resolved path) beside it; attachments are copied from `site`.
        /// `swept`: the sweep of the spare generation begun with `previous` (`SpareSweep`), when one was.
        public init(output: String, site: String, previous: Manifest = [:], swept: SpareSweep? = nil) throws {
            // Ended before anything here touches the spare, whatever is done with what it kept.
            _ = swept?.wait()
            let parent = (output as NSString).deletingLastPathComponent
            var info = stat()
            exists = lstat(output, &info) == 0
            if exists && info.st_mode & S_IFMT != S_IFDIR {
                throw BangdanError.writeFailed(path: output, reason: "exists and is not a folder")
            }
            self.output = output
            self.site = site
            self.previous = exists ? previous : [:]
            root = OutputFolder.staging(for: output)
            Writer.removeTree(root)
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw BangdanError.writeFailed(path: output, reason: error.localizedDescription)
            }
            if let kept = Writer.recycleSpare(
                of: output, into: root, previous: self.previous, swept: exists ? swept : nil)
            {
                self.kept = kept
                return
            }
            kept = []
            if mkdir(root, 0o755) != 0 {
                throw BangdanError.writeFailed(path: root, reason: String(cString: strerror(errno)))
            }
        }

        /// Makes the file of each item (on every core) and stages it at once. A file that cannot be made or
        /// written removes the whole staged tree and throws; so does a path staged twice (never overwritten).
        public mutating func add<Item: Sendable>(_ items: [Item], _ make: @Sendable (Item) throws -> OutputFile)
            throws
        {
            try add(items, keyed: { _ in nil }, make)
        }

        /// As `add`, but an item `keyed` gives a path and a dependency key for is not made at all when the previous
        /// build made that path for the same key and its file is still the very file that build wrote: that file
        /// is linked into the staged tree. Any other item is made, and its entry records its key.
        public mutating func add<Item: Sendable>(
            _ items: [Item], keyed: @Sendable (Item) -> (path: String, key: UInt64)?,
            _ make: @Sendable (Item) throws -> OutputFile
        ) throws {
            let (root, output, site, previous, kept) = (root, output, site, previous, kept)
            let results = Parallel.map(items, serialUpTo: 1) { item -> Result<(String, Placed, Bool), any Error> in
                Result {
                    let keyed = keyed(item)
                    if let (path, key) = keyed, key != 0, let old = previous[path], old.key == key,
                        let entry = Writer.link(path, old, staging: root, output: output, kept: kept)
                    {
                        return (path, .linked(entry), false)
                    }
                    let file = try make(item)
                    var placed = Writer.place(
                        file, staging: root, output: output, site: site, previous: previous, kept: kept)
                    // The key it was made for; none when the item had none (or named another path).
                    placed.key = keyed.flatMap { $0.path == file.path ? $0.key : nil } ?? 0
                    return (file.path, placed, true)
                }
            }
            // Room for every file of the batch at once, not grown and rehashed as they are added.
            manifest.reserveCapacity(manifest.count + results.count)
            do {
                for result in results {
                    let (path, placed, wasMade) = try result.get()
                    if wasMade && path != OutputFolder.markerName { made += 1 }
                    switch placed {
                    case .failure(let path, let reason): throw BangdanError.writeFailed(path: path, reason: reason)
                    case .linked(let entry): manifest[path] = entry
                    case .written(let entry):
                        manifest[path] = entry
                        if path != OutputFolder.markerName { written += 1 }
                    }
                    paths.append(path)
                }
            } catch {
                discard()
                throw error
            }
        }

        /// Removes the staged tree; the current output stays as it was.
        public func discard() {
            Writer.removeTree(root)
        }

        /// Adds the marker file and swaps the staged tree in for the current output: what was written where, for
        /// the next build's comparison, and how many files were written rather than linked. The generation swapped
        /// out is kept for the next build (`keepAsSpare`).
        public mutating func publish() throws -> Written {
            try add([OutputFile(OutputFolder.markerName, OutputFolder.markerText)]) { $0 }
            // The kept files the new output no longer has, and the folders they leave empty.
            for path in kept where manifest[path] == nil { Writer.removeUnused(path, under: root) }
            try Writer.swap(staging: root, into: output, exists: exists)
            return Written(manifest: manifest, paths: paths, written: written, made: made)
        }
    }
    private enum Placed: Sendable {
        case written(Entry)
        case linked(Entry)
        case failure(path: String, reason: String)

        /// The dependency key recorded with the entry.
        var key: UInt64 {
            get {
                switch self {
                case .written(let entry), .linked(let entry): entry.key
                case .failure: 0
                }
            }
            set {
                switch self {
                case .written(var entry):
                    entry.key = newValue
                    self = .written(entry)
                case .linked(var entry):
                    entry.key = newValue
                    self = .linked(entry)
                case .failure: break
                }
            }
        }
    }

    /// The bytes of the previous output's file at `path` when they are still the bytes `entry` records (a regular
    /// file reached without following a link, of the recorded size); nil otherwise. Vouched for as a file linked
    /// into a new generation is (`matches`): by the recorded identity, here before and after the reading, and
    /// for a racy entry by the bytes' hash. (Hashing every time was 35 M instructions of a 10k edit rebuild for the
    /// 27 MB of the two row files.)
    public static func previousBytes(at path: String, _ entry: Entry, output: String) -> [UInt8]? {
        let parts = path.split(separator: "/").map(String.init), file = output + "/" + path
        guard FileIdentity.ofRegularFile(file) == entry.identity,
            case .bytes(let bytes) = RegularFile.read(under: output, parts, limit: entry.identity.size + 1),
            bytes.count == entry.identity.size, FileIdentity.ofRegularFile(file) == entry.identity,
            !entry.racy || BytesHash.of(bytes) == entry.hash
        else { return nil }
        return bytes
    }

    /// Links the previous output's file at `path` into the staged tree when it is still the very file the last
    /// build wrote (a regular file, never a link, with the recorded identity, or for a racy entry the recorded
    /// bytes); nil when it is not, or the link fails (the file is then made afresh).
    private static func link(_ path: String, _ old: Entry, staging: String, output: String, kept: Set<String>)
        -> Entry?
    {
        // Already there: the previous generation's file is the current output's.
        if kept.contains(path) { return old.relinked }
        let source = output + "/" + path, target = staging + "/" + path
        guard makeFolder(of: path, under: staging), old.matches(source),
            linkat(AT_FDCWD, source, AT_FDCWD, target, 0) == 0
        else { return nil }
        return old.relinked
    }

    /// Writes one file into the staged tree, or links the previous build's identical, untouched file.
    private static func place(
        _ file: OutputFile, staging: String, output: String, site: String, previous: Manifest, kept: Set<String>
    ) -> Placed {
        let target = staging + "/" + file.path
        let bytes: [UInt8]
        switch file.content {
        case .bytes(let content):
            bytes = content
        case .streamed(let stream):
            return placeStreamed(stream, file.path, staging: staging, output: output, previous: previous, kept: kept)
        case .copy(let source):
            // The attachment may have been swapped since it was loaded: never follow a link, never wait on a pipe,
            // copy only a regular file, and never more than an attachment may hold.
            let parts = source.split(separator: "/").map(String.init)
            switch RegularFile.read(under: site, parts, limit: AttachmentFile.sizeLimit) {
            case .bytes(let content): bytes = content
            case .tooLarge: return .failure(path: source, reason: "larger than \(AttachmentFile.sizeLimit >> 20) MiB")
            case .notRegular(let type): return .failure(path: source, reason: "not a regular file: \(type.name(.en))")
            case .failed(let reason): return .failure(path: source, reason: reason)
            }
        }
        let hash = BytesHash.of(bytes)
        // The previous generation's file is the current output's: kept when the bytes are the same; else `create`
        // removes it (never writing through it: it is the current output's file too).
        if kept.contains(file.path), let old = previous[file.path], old.hash == hash, old.identity.size == bytes.count {
            return .linked(old.relinked)
        }
        guard makeFolder(of: file.path, under: staging, clearing: !kept.isEmpty) else {
            return .failure(path: file.path, reason: String(cString: strerror(errno)))
        }
        if let old = previous[file.path], old.hash == hash, old.identity.size == bytes.count {
            let source = output + "/" + file.path
            // The old file is still what that build wrote (not a link, not edited, not replaced); linkat with no
            // flags never follows a symbolic link.
            if old.matches(source), linkat(AT_FDCWD, source, AT_FDCWD, target, 0) == 0 { return .linked(old.relinked) }
        }
        let fd = create(target, clearing: !kept.isEmpty)
        guard fd >= 0 else { return .failure(path: file.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let wrote = bytes.withUnsafeBytes { writeAll($0, to: fd) }
        guard wrote == 0 else { return .failure(path: file.path, reason: String(cString: strerror(wrote))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(path: file.path, reason: String(cString: strerror(errno))) }
        return .written(Entry(hash: hash, identity: FileIdentity(info)))
    }

    /// Writes `buffer` whole to `fd`: 0, or the `errno` of the write that failed.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
        var offset = 0
        while offset < buffer.count {
            // Safe: the buffer is not empty inside this loop, so it has a base address.
            let count = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return count == 0 ? EIO : errno }
            offset += count
        }
        return 0
    }

    /// A file written as it is made (`StreamedBytes`), hashed on the way. When it comes out as the previous
    /// output's untouched file (the same hash and size), that file is linked in its place, as `place` links an
    /// unchanged file, so an unchanged file is never rewritten.
    private static func placeStreamed(
        _ stream: StreamedBytes, _ path: String, staging: String, output: String, previous: Manifest,
        kept: Set<String>
    ) -> Placed {
        struct WriteFailed: Error { let code: Int32 }
        let target = staging + "/" + path
        guard makeFolder(of: path, under: staging, clearing: !kept.isEmpty) else {
            return .failure(path: path, reason: String(cString: strerror(errno)))
        }
        let fd = create(target, clearing: !kept.isEmpty)
        guard fd >= 0 else { return .failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var hasher = BytesHasher()
        do {
            try stream.write { part in
                hasher.add(part)
                let code = writeAll(part, to: fd)
                if code != 0 { throw WriteFailed(code: code) }
            }
        } catch let failure as WriteFailed {
            return .failure(path: path, reason: String(cString: strerror(failure.code)))
        } catch {
            return .failure(path: path, reason: "\(error)")
        }
        let hash = hasher.value
        if let old = previous[path], old.hash == hash, old.identity.size == hasher.count {
            // Linked beside it, then renamed over it: the file written stays in place if either step fails.
            let source = output + "/" + path, link = target + ".link"
            if old.matches(source), linkat(AT_FDCWD, source, AT_FDCWD, link, 0) == 0 {
                if rename(link, target) == 0 { return .linked(old.relinked) }
                unlink(link)
            }
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(path: path, reason: String(cString: strerror(errno))) }
        return .written(Entry(hash: hash, identity: FileIdentity(info)))
    }

    /// Makes the folder that will hold `path` (relative to the staged tree `root`, as the build names its files:
    /// no empty, `.` or `..` parts) and the folders above it, as the first file of each needs them: `mkdir` first,
    /// as most folders are a page's own and new, and its parent only when that is missing. Files are placed on
    /// several threads, so a folder another thread made first is fine; anything else in the way (a file, a link)
    /// makes it fail, with `errno` set.
    private static func makeFolder(of path: String, under root: String) -> Bool {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return true }
        let folder = String(path[..<slash])
        guard !folder.isEmpty else { return true }
        let full = root + "/" + folder
        if mkdir(full, 0o755) == 0 { return true }
        if errno == ENOENT {
            guard makeFolder(of: folder, under: root) else { return false }
            if mkdir(full, 0o755) == 0 { return true }
        }
        guard errno == EEXIST else { return false }
        var info = stat()
        guard lstat(full, &info) == 0 else { return false }
        if info.st_mode & S_IFMT == S_IFDIR { return true }
        errno = ENOTDIR
        return false
    }

    /// `makeFolder`; in a recycled tree (`clearing`), a file of the previous generation where the new output has
    /// a folder is removed first (never a file this build placed: a path is a file or a folder of one output).
    private static func makeFolder(of path: String, under root: String, clearing: Bool) -> Bool {
        if makeFolder(of: path, under: root) { return true }
        guard clearing, errno == ENOTDIR || errno == EEXIST else { return false }
        var folder = Substring(path)
        var above: [Substring] = []
        while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
            folder = folder[..<slash]
            above.append(folder)
        }
        var info = stat()
        for folder in above.reversed() where lstat(root + "/" + folder, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR
        {
            unlink(root + "/" + folder)
        }
        return makeFolder(of: path, under: root)
    }

    /// Creates the new file `target` for writing (never through a link, never an existing file): its descriptor, or
    /// -1 with `errno` set. In a recycled tree (`clearing`), what the previous generation has at `target` (a file
    /// of other bytes, a folder where the new output has a file) is removed first.
    private static func create(_ target: String, clearing: Bool) -> Int32 {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        let fd = open(target, flags, 0o644)
        guard fd < 0, clearing, errno == EEXIST else { return fd }
        removeTree(target)
        return open(target, flags, 0o644)
    }

    /// One atomic exchange where the system has it (Linux renameat2), else two renames.
    private static func swap(staging: String, into output: String, exists: Bool) throws {
        guard exists else {
            guard rename(staging, output) == 0 else {
                let reason = String(cString: strerror(errno))
                removeTree(staging)
                throw BangdanError.writeFailed(path: output, reason: reason)
            }
            return
        }
        if bangdan_exchange_paths(staging, output) == 0 {
            keepAsSpare(staging, of: output)  // now the previous build
            return
        }
        let old = staging + ".old"
        removeTree(old)
        guard rename(output, old) == 0 else {
            let reason = String(cString: strerror(errno))
            removeTree(staging)
            throw BangdanError.writeFailed(path: output, reason: reason)
        }
        guard rename(staging, output) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, output)
            removeTree(staging)
            throw BangdanError.writeFailed(path: output, reason: reason)
        }
        keepAsSpare(old, of: output)
    }

    /// Removes a tree without following any symbolic link in it: a link is removed, never what it points to.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if fd >= 0 {
                removeDeepFolders(in: fd)
                removeContents(of: fd)
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// Removes the folders two levels below the folder open as `fd` (a list's pages, a term's) on every core:
    /// an output is some 10,000 folders. The files at those levels go as they are listed.
    private static func removeDeepFolders(in fd: Int32) {
        var parents: [Int32] = []
        var deep: [(parent: Int32, name: [CChar])] = []
        for name in OpenFolder.rawNames(of: fd) ?? [] {
            let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else { continue }
            parents.append(child)
            // Listed through a duplicate: `child` stays open, the parent of the folders removed below.
            for (name, type) in OpenFolder.rawEntries(of: child) ?? []
            where type == DT_DIR || isFolder(afterUnlinking: name, in: child) {
                deep.append((child, name))
            }
        }
        _ = Parallel.map(deep) { folder in removeFolder(folder.name, in: folder.parent) }
        for parent in parents { close(parent) }
    }

    /// Empties the folder open as `fd` (and closes it), name by name relative to it, so no path is looked up
    /// again (nothing swapped for a link on the way is followed) and a name that is not UTF-8 is removed as well.
    private static func removeContents(of fd: Int32) {
        OpenFolder.listOnce(fd) { entries in
            for (name, type) in entries where type == DT_DIR || isFolder(afterUnlinking: name, in: fd) {
                removeFolder(name, in: fd)
            }
        }
    }

    /// Removes the folder `name` in the folder open as `fd` with all it holds. Opened without following a link:
    /// what is no longer a folder by then (the listing said it was one) is unlinked instead, as any file is.
    @discardableResult static func removeFolder(_ name: [CChar], in fd: Int32) -> Bool {
        let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard child >= 0 else { return unlinkat(fd, name, 0) == 0 }
        removeContents(of: child)
        return unlinkat(fd, name, AT_REMOVEDIR) == 0
    }

    /// Unlinks `name` in the folder open as `fd` unless it is a folder, and says whether it is one (to be emptied
    /// and removed by the caller). Unlinking first saves an `lstat` a file: most names are files, and `unlinkat`
    /// without `AT_REMOVEDIR` removes a link itself, never what it points to, and refuses a folder (`EISDIR` on
    /// Linux, `EPERM` where POSIX lets it).
    static func isFolder(afterUnlinking name: [CChar], in fd: Int32) -> Bool {
        if unlinkat(fd, name, 0) == 0 { return false }
        guard errno == EISDIR || errno == EPERM else { return false }
        var info = stat()
        return fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
