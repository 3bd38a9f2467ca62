import CBangdanSystem
import Foundation

/// The `write` stage: stages the whole site in a sibling folder, then swaps it into place in one step, so a
/// reader never sees half a site and no file of an older build survives. With `load`, the only stage that
/// touches the file system.
public enum Writer {
    /// Writes `files` as the new content of `output`. Attachments are copied from `site`. Top-level dotfiles of
    /// the previous output (`.gitkeep`, `.nojekyll`) are not build output and are carried over.
    public static func write(_ files: [OutputFile], to output: String, site: String) throws {
        let fm = FileManager.default
        let output = URL(fileURLWithPath: output).standardizedFileURL.path
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let staging = "\(parent)/.\(name).staging-\(getpid())"
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: output, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw BangdanError.writeFailed(path: output, reason: "exists and is not a folder")
        }
        do {
            try? fm.removeItem(atPath: staging)
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            var made: Set<String> = [staging]
            for file in files {
                let target = staging + "/" + file.path
                let folder = (target as NSString).deletingLastPathComponent
                if !made.contains(folder) {
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    made.insert(folder)
                }
                switch file.content {
                case .bytes(let bytes):
                    guard fm.createFile(atPath: target, contents: Data(bytes)) else {
                        throw BangdanError.writeFailed(path: file.path, reason: "cannot create the file")
                    }
                case .copy(let source):
                    try fm.copyItem(atPath: (site as NSString).appendingPathComponent(source), toPath: target)
                }
            }
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
            try? fm.removeItem(atPath: staging)  // now the previous build
            return
        }
        let old = staging + ".old"
        guard rename(output, old) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(atPath: staging)
            throw BangdanError.writeFailed(path: output, reason: reason)
        }
        guard rename(staging, output) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, output)
            try? fm.removeItem(atPath: staging)
            throw BangdanError.writeFailed(path: output, reason: reason)
        }
        try? fm.removeItem(atPath: old)
    }
}
