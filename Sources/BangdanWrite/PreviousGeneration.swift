import BangdanCore
import Foundation

/// The generation an output replaced, kept for the next build to stage into rather than staging into an empty
/// folder: most of its files are hard links to the current output's (unchanged from one build to the next), so
/// the next build needs neither to link them again nor to remove the old tree once it has swapped the new one in.
///
/// It waits in the cache folder (`.public.bangdan-cache/previous`). Nothing in it is trusted: before a build stages
/// into it, every file that is not the very file the current output's manifest records at its path (a regular
/// file, never a link, with the recorded size, inode and modification time, not racy) is removed, and with it
/// everything else (links, files nobody recorded, folders left empty). What is kept is therefore exactly a file
/// the current output holds, and the staging goes on as if that file had just been linked in. A crash at any
/// point leaves at worst a staging folder, removed by the next build (`OutputFolder.removeStaleStaging`), or a
/// spare that the next build sweeps the same way.
extension Writer {
    /// Where the previous generation of `output` waits.
    static func spare(for output: String) -> String { BuildCache.folder(for: output) + "/previous" }

    /// Moves the spare generation of `output` to `root` (the staging folder, which must not exist), swept against
    /// `previous`, the manifest of the current output: the paths of the files kept. Nil when there is no spare to
    /// use (none, no manifest, or anything in the way), with the spare removed and `root` not made. `swept`: the
    /// spare as a `SpareSweep` begun with the same manifest left it, when one was.
    static func recycleSpare(of output: String, into root: String, previous: Manifest, swept: SpareSweep? = nil)
        -> Set<String>?
    {
        let spare = spare(for: output)
        guard let kept = swept.map({ $0.wait() }) ?? sweepSpare(of: output, previous: previous) else { return nil }
        guard rename(spare, root) == 0 else {
            removeTree(spare)
            return nil
        }
        return kept
    }

    /// Sweeps the spare generation of `output` where it waits against `previous` (`sweep`): the paths of the
    /// files kept, or nil (the spare removed) when there is none to use. A sweep cut short leaves a spare the next
    /// sweep goes over the same way.
    static func sweepSpare(of output: String, previous: Manifest, onEveryCore: Bool = true) -> Set<String>? {
        let spare = spare(for: output)
        var info = stat()
        // Never through a cache folder that is a link: nothing is used or removed there.
        guard lstat(BuildCache.folder(for: output), &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        guard !previous.isEmpty, lstat(spare, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            removeTree(spare)
            return nil
        }
        guard let kept = sweep(spare, previous: previous, onEveryCore: onEveryCore) else {
            removeTree(spare)
            return nil
        }
        return kept
    }

    /// The sweep of an output's spare generation (`sweepSpare`) beside the build (`IdleWork`), begun as soon as the
    /// previous manifest is known, so that its system calls (an `fstatat` a file: 14,000 at 10,000 requirements)
    /// run while the build reads, checks and renders, often on one core, rather than before staging. The build
    /// waits for it before staging and before it returns on any path. Nothing else touches the spare meanwhile:
    /// the build holds the output's lock, and only staging moves the spare.
    public struct SpareSweep: Sendable {
        private let work: IdleWork<Set<String>?>

        /// Begins sweeping the spare of `output` (a resolved path) against `previous`, the manifest of the
        /// current output; nil when there is no current output to have a spare of.
        public static func begin(output: String, previous: Manifest) -> SpareSweep? {
            var info = stat()
            guard !previous.isEmpty, lstat(output, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
            return SpareSweep(work: IdleWork { Writer.sweepSpare(of: output, previous: previous, onEveryCore: false) })
        }

        /// Waits until the sweep has ended: the files it kept, as `sweepSpare` gives them. Any number of times.
        public func wait() -> Set<String>? { work.value() }
    }

    /// Keeps `tree`, the generation just swapped out of `output`, as its spare; removes it when it cannot be kept:
    /// there is no cache folder (the writer never makes one: an output without a cache has no manifest to sweep a
    /// spare against), or it is not a real folder.
    static func keepAsSpare(_ tree: String, of output: String) {
        let cache = BuildCache.folder(for: output), spare = spare(for: output)
        var info = stat()
        guard lstat(cache, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            removeTree(tree)
            return
        }
        removeTree(spare)
        if rename(tree, spare) != 0 { removeTree(tree) }
    }

    /// Removes from the tree at `root` every entry but the regular files `previous` records with their identity
    /// (not racy), and every folder left empty: the relative paths of the files kept, or nil when `root` cannot be
    /// opened as a folder. The first two levels here, the folders below them (a list's pages, a term's) on every
    /// core, as `removeTree` does.
    static func sweep(_ root: String, previous: Manifest, onEveryCore: Bool = true) -> Set<String>? {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var sweeper = Sweeper(previous: previous)
        var deep: [(parent: Int32, name: [CChar], path: String)] = []
        var parents: [(fd: Int32, name: [CChar], remaining: Int)] = []
        for (name, path, kind) in sweeper.judge(OpenFolder.rawEntries(of: fd) ?? [], in: fd, under: "")
        where kind == .folder {
            let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else {
                removeEntry(name, in: fd)
                continue
            }
            var remaining = 0
            let entries = OpenFolder.rawEntries(of: child) ?? []
            for (grandchild, childPath, childKind) in sweeper.judge(entries, in: child, under: path + "/") {
                switch childKind {
                case .kept: remaining += 1
                case .folder: deep.append((child, grandchild, childPath))
                case .removed: break
                }
            }
            parents.append((child, name, remaining))
        }
        let sweepFolder = {
            @Sendable (folder: (parent: Int32, name: [CChar], path: String)) -> (kept: [String], empty: Bool) in
            var sweeper = Sweeper(previous: previous)
            let empty = sweeper.sweep(folder.name, in: folder.parent, path: folder.path)
            return (sweeper.kept, empty)
        }
        let results = onEveryCore ? Parallel.map(deep, sweepFolder) : deep.map(sweepFolder)
        var kept = Set(sweeper.kept)
        kept.reserveCapacity(previous.count)
        var deepIndex = 0
        for parent in parents {
            var remaining = parent.remaining
            while deepIndex < deep.count, deep[deepIndex].parent == parent.fd {
                let result = results[deepIndex]
                kept.formUnion(result.kept)
                if !result.empty { remaining += 1 }
                deepIndex += 1
            }
            close(parent.fd)
            if remaining == 0 { unlinkat(fd, parent.name, AT_REMOVEDIR) }
        }
        return kept
    }

    /// Removes the kept file at `path` in the staged tree `root`, and the folders above it that it leaves empty.
    static func removeUnused(_ path: String, under root: String) {
        unlink(root + "/" + path)
        var folder = Substring(path)
        while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
            folder = folder[..<slash]
            guard rmdir(root + "/" + folder) == 0 else { return }
        }
    }

    /// Removes `name` in the folder open as `fd`, whatever it is, never following a link.
    fileprivate static func removeEntry(_ name: [CChar], in fd: Int32) {
        if isFolder(afterUnlinking: name, in: fd) { removeFolder(name, in: fd) }
    }

    /// A listed name (up to its NUL) as text; nil when it is not UTF-8. Read in place, not through a lazy view
    /// (1,800 instructions a name, a third of the sweep's).
    static func pathText(_ name: [CChar]) -> String? {
        name.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt8.self) { bytes in
                let text = UnsafeBufferPointer(rebasing: bytes.prefix { $0 != 0 })
                // Most names are ASCII: valid UTF-8 with no check of their sequences.
                if text.allSatisfy({ $0 < 0x80 }) { return String(decoding: text, as: UTF8.self) }
                return String(validating: text, as: UTF8.self)
            }
        }
    }

    /// The sweep of one part of a spare tree, on one thread.
    private struct Sweeper {
        let previous: Manifest
        /// The relative paths of the files kept so far.
        var kept: [String] = []

        enum Kind { case kept, folder, removed }

        init(previous: Manifest) { self.previous = previous }

        /// The `entries` of the folder open as `fd` (at `prefix`, "" or ending in "/"), each file judged at once
        /// (kept, or removed with anything that is neither a file nor a folder): the folders are for the caller,
        /// who opens them without following a link (a folder by its listed type may be a link by then).
        mutating func judge(_ entries: [(name: [CChar], type: UInt8)], in fd: Int32, under prefix: String)
            -> [(name: [CChar], path: String, kind: Kind)]
        {
            var result: [(name: [CChar], path: String, kind: Kind)] = []
            for (name, type) in entries {
                // A name that is not UTF-8 is no path a build wrote.
                guard let text = Writer.pathText(name) else {
                    Writer.removeEntry(name, in: fd)
                    result.append((name, "", .removed))
                    continue
                }
                let path = prefix + text
                var info = stat()
                let described = type == DT_DIR ? false : fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0
                if type == DT_DIR || (described && info.st_mode & S_IFMT == S_IFDIR) {
                    result.append((name, path, .folder))
                } else if described, info.st_mode & S_IFMT == S_IFREG,
                    let entry = previous[path], !entry.racy, entry.identity == FileIdentity(info)
                {
                    kept.append(path)
                    result.append((name, path, .kept))
                } else {
                    Writer.removeEntry(name, in: fd)
                    result.append((name, path, .removed))
                }
            }
            return result
        }

        /// Sweeps the folder `name` in the folder open as `fd` (at `path`) and all below it, and removes it when
        /// nothing is left in it: whether it was removed.
        mutating func sweep(_ name: [CChar], in fd: Int32, path: String) -> Bool {
            let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else {
                Writer.removeEntry(name, in: fd)
                return true
            }
            var remaining = 0
            OpenFolder.listOnce(child) { entries in
                for (entry, entryPath, kind) in judge(entries, in: child, under: path + "/") {
                    switch kind {
                    case .kept: remaining += 1
                    case .folder: if !sweep(entry, in: child, path: entryPath) { remaining += 1 }
                    case .removed: break
                    }
                }
            }
            guard remaining == 0 else { return false }
            return unlinkat(fd, name, AT_REMOVEDIR) == 0
        }
    }
}
