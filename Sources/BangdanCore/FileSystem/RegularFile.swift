import Foundation

/// Reads regular files below a folder and nothing else: every step of the path is opened without following a
/// symbolic link (`O_NOFOLLOW`), the file itself without blocking (`O_NONBLOCK`, so a named pipe cannot hang the
/// build), and its type is checked on the open descriptor, so a file swapped for a link or a pipe after the
/// folder was listed is refused, not read.
public enum RegularFile {
    public enum Outcome: Sendable {
        case bytes([UInt8])
        /// Larger than the limit (the bytes are not read).
        case tooLarge
        /// Not a regular file, or a symbolic link somewhere on the way.
        case notRegular(FileType)
        /// Missing or unreadable: the reason, from the system.
        case failed(String)
    }

    /// Why a read gave no bytes, for an error message: the system's reason, what the file is instead, or that it
    /// is larger than `limit`.
    public static func reason(_ outcome: Outcome, limit: Int) -> String {
        switch outcome {
        case .failed(let text): text
        case .notRegular(let type): "\(type)"
        case .tooLarge: "larger than \(limit >> 20) MiB"
        case .bytes: ""
        }
    }

    /// Reads `parts` (names, no `/`, no `.` or `..`) below `root`, at most `limit` bytes.
    public static func read(under root: String, _ parts: [String], limit: Int) -> Outcome {
        guard !parts.isEmpty, parts.allSatisfy(OpenFolder.isName) else {
            return .failed("not a path below the folder")
        }
        guard var folder = OpenFolder(root) else { return .failed(String(cString: strerror(errno))) }
        var refusal = Outcome.failed("")
        for name in parts.dropLast() {
            guard let next = OpenFolder.open(name, in: folder, refusal: &refusal) else { return refusal }
            folder = next
        }
        // `parts` is not empty (checked above).
        return folder.read(parts[parts.count - 1], limit: limit)
    }

    /// Reads the regular file `fd` (open, its type checked) to its end, at most `limit` bytes: into one buffer of
    /// the size it has, then on in chunks if it grew meanwhile.
    static func readAll(_ fd: Int32, size: Int, limit: Int) -> Outcome {
        var failure: Int32 = 0
        // One byte more than the size: reading it tells a file that grew.
        let capacity = min(limit, size) + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = systemRead(fd, buffer.baseAddress.map { $0 + count }, buffer.count - count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno }
                if n <= 0 { break }
                count += n
            }
        }
        guard failure == 0 else { return .failed(String(cString: strerror(failure))) }
        if bytes.count == capacity {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while bytes.count <= limit {
                let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n >= 0 else { return .failed(String(cString: strerror(errno))) }
                if n == 0 { break }
                bytes.append(contentsOf: chunk[0..<n])
            }
        }
        guard bytes.count <= limit else { return .tooLarge }
        return .bytes(bytes)
    }

    /// Why `openat` failed: a symbolic link (`ELOOP` under `O_NOFOLLOW`), something that is not a folder, or the
    /// system's reason.
    static func refusal(at folder: Int32, _ name: String) -> Outcome {
        let reason = errno
        var info = stat()
        if reason == ELOOP || reason == ENOTDIR, fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 {
            return .notRegular(FileType(mode: info.st_mode))
        }
        return .failed(String(cString: strerror(reason)))
    }
}

/// `read(2)`, under a name that `RegularFile.read` does not shadow.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

extension FileType {
    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symlink
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        default: self = .unknown
        }
    }
}
