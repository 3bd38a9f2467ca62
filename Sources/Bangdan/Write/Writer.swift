import CBangdanSystem
import Foundation

/// The `write` stage: stages the whole site in a sibling folder, then swaps it into place in one step, so a
/// reader never sees half a site and no file of an older build survives. With `load`, the only stage that
/// touches the file system.
///
/// Files whose bytes are unchanged since the previous build (by the manifest of output hashes) are hard-linked
/// from the previous output into the staged tree instead of written again.
public enum Writer {
    /// What was written where: output path → hash and size, for the next build's comparison.
    public typealias Manifest = [String: (hash: UInt64, size: Int)]

    /// Writes `files` as the new content of `output`; returns the new manifest. Attachments are copied from
    /// `site`. Top-level dotfiles of the previous output (`.gitkeep`, `.nojekyll`) are not build output and are
    /// carried over.
    @discardableResult
    public static func write(_ files: [OutputFile], to output: String, site: String, previous: Manifest = [:]) throws -> Manifest {
        let fm = FileManager.default
        let output = URL(fileURLWithPath: output).standardizedFileURL.path
        let parent = (output as NSString).deletingLastPathComponent
        let staging = "\(parent)/.\((output as NSString).lastPathComponent).staging-\(getpid())"
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: output, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw BangdanError.writeFailed(path: output, reason: "exists and is not a folder")
        }
        let manifest: Manifest
        do {
            try? fm.removeItem(atPath: staging)
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try makeFolders(for: files, under: staging)
            let results = Parallel.map(files) { file in
                place(file, staging: staging, output: output, site: site, previous: exists ? previous : [:])
            }
            if let failure = results.first(where: { $0.error != nil })?.error {
                throw BangdanError.writeFailed(path: failure.path, reason: failure.reason)
            }
            manifest = Dictionary(uniqueKeysWithValues: zip(files, results).map { ($0.path, ($1.hash, $1.size)) })
            if exists {
                for dotfile in (try? fm.contentsOfDirectory(atPath: output))?.filter({ $0.hasPrefix(".") }) ?? [] {
                    try? fm.copyItem(atPath: output + "/" + dotfile, toPath: staging + "/" + dotfile)
                }
            }
        } catch let error as BangdanError {
            try? fm.removeItem(atPath: staging)
            throw error
        } catch {
            try? fm.removeItem(atPath: staging)
            throw BangdanError.writeFailed(path: output, reason: error.localizedDescription)
        }
        try swap(staging: staging, into: output, exists: exists)
        return manifest
    }

    /// Every folder the files need, parents before children.
    private static func makeFolders(for files: [OutputFile], under root: String) throws {
        var folders: Set<String> = [""]
        for file in files {
            var folder = (file.path as NSString).deletingLastPathComponent
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        for folder in folders.sorted(by: { $0.count < $1.count }) {
            let path = folder.isEmpty ? root : root + "/" + folder
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw BangdanError.writeFailed(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    private struct Placed: Sendable {
        var hash: UInt64
        var size: Int
        var error: (path: String, reason: String)?
    }

    /// Writes one file into the staged tree, or links the previous build's identical file.
    private static func place(_ file: OutputFile, staging: String, output: String, site: String, previous: Manifest) -> Placed {
        let target = staging + "/" + file.path
        let bytes: [UInt8]
        switch file.content {
        case .bytes(let content):
            bytes = content
        case .copy(let source):
            guard let data = FileManager.default.contents(atPath: (site as NSString).appendingPathComponent(source)) else {
                return Placed(hash: 0, size: 0, error: (source, "cannot read"))
            }
            bytes = [UInt8](data)
        }
        let hash = Fingerprint.of(bytes)
        if let old = previous[file.path], old.hash == hash, old.size == bytes.count, link(output + "/" + file.path, target) == 0 {
            return Placed(hash: hash, size: bytes.count)
        }
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return Placed(hash: 0, size: 0, error: (file.path, String(cString: strerror(errno)))) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard written > 0 else { return Placed(hash: 0, size: 0, error: (file.path, String(cString: strerror(errno)))) }
            offset += written
        }
        return Placed(hash: hash, size: bytes.count)
    }

    /// One atomic exchange where the system has it (Linux renameat2), else two renames.
    private static func swap(staging: String, into output: String, exists: Bool) throws {
        let fm = FileManager.default
        guard exists else {
            guard rename(staging, output) == 0 else {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(atPath: staging)
                throw BangdanError.writeFailed(path: output, reason: reason)
            }
            return
        }
        if bangdan_exchange_paths(staging, output) == 0 {
            removeTree(staging)  // now the previous build
            return
        }
        let old = staging + ".old"
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
        removeTree(old)
    }

    /// Removes a previous build's tree.
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
