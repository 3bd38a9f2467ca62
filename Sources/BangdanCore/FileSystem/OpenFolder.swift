import CBangdanSystem
import Foundation

/// An open folder: the names, types and regular files in it are looked up relative to it (`fstatat`, `openat`),
/// so a walk over thousands of files does not resolve each file's path from the root again. Every folder below
/// the first is opened without following a symbolic link (`O_NOFOLLOW`), as `RegularFile.read` does.
public struct OpenFolder: ~Copyable {
    let descriptor: Int32

    /// Opens the folder at `path` (a link on the way to it is followed: it is the folder the user named); nil
    /// with `errno` set when it cannot be opened as a folder.
    public init?(_ path: String) {
        let fd = Foundation.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        descriptor = fd
    }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// A name that stays in the folder: not empty, no `/`, not `.` or `..`.
    public static func isName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.utf8.contains(0x2F)
    }

    /// The folder `name` inside `parent`, never through a symbolic link. Nil when it cannot be opened so, with
    /// `refusal` saying why: what it is instead (`RegularFile.Outcome.notRegular`), or the system's reason.
    public static func open(_ name: String, in parent: borrowing OpenFolder, refusal: inout RegularFile.Outcome)
        -> OpenFolder?
    {
        guard isName(name) else {
            refusal = .failed("not a path below the folder")
            return nil
        }
        let fd = openat(parent.descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            refusal = RegularFile.refusal(at: parent.descriptor, name)
            return nil
        }
        return OpenFolder(descriptor: fd)
    }

    /// The names in the folder, `.` and `..` left out, in the order the system gives them (`readdir`: several
    /// times cheaper a name than Foundation's listing); nil with `errno` set when it cannot be listed. A name that
    /// is not UTF-8 comes back with U+FFFD in it, so it never matches a path a build wrote.
    public func names() -> [String]? {
        Self.rawNames(of: descriptor)?.map {
            String(decoding: $0.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The names in the folder open as `fd` as they are on disk (C strings, NUL-terminated, any bytes), `.` and
    /// `..` left out; nil with `errno` set when it cannot be listed. Read through a duplicate, from the start, so
    /// `fd` stays open and can be listed again (`dup` shares the offset).
    public static func rawNames(of fd: Int32) -> [[CChar]]? { rawEntries(of: fd)?.map(\.name) }

    /// `rawNames`, each with the type the listing gives (`d_type`: `DT_DIR`, `DT_REG`…, or `DT_UNKNOWN` where the
    /// file system does not say). A type can be out of date by the time it is used: it is a hint, to be checked.
    /// Listed from the start (`fd` may have been listed before), and left at the start again: `fd` stays open, to
    /// be listed again (by `listOnce` as well).
    public static func rawEntries(of fd: Int32) -> [(name: [CChar], type: UInt8)]? {
        guard lseek(fd, 0, SEEK_SET) == 0 else { return nil }
        let entries = entries(reading: fd)
        let reason = errno
        lseek(fd, 0, SEEK_SET)
        errno = reason
        return entries
    }

    /// Lists the folder open as `fd`, which was just opened or listed by `rawEntries` (so its listing starts at
    /// the beginning), hands its entries (as `rawEntries` gives them; none when it cannot be listed) to `body`
    /// while `fd` is still open, then closes `fd`. For a folder opened only to be listed and emptied, as a tree
    /// being removed is: its `getdents64` calls and `close`, three system calls a folder where a directory stream
    /// took seven.
    public static func listOnce(_ fd: Int32, _ body: ([(name: [CChar], type: UInt8)]) -> Void) {
        defer { close(fd) }
        body(entries(reading: fd) ?? [])
    }

    /// The entries of the folder open as `fd`, from its offset to its end, `.` and `..` left out; nil with `errno`
    /// set when it cannot be listed. Read with `getdents64` (`bangdan_read_entries`), or through a directory stream
    /// where there is no such call.
    static func entries(reading fd: Int32) -> [(name: [CChar], type: UInt8)]? {
        let capacity = 16_384
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        var entries: [(name: [CChar], type: UInt8)] = []
        while true {
            let count = bangdan_read_entries(fd, buffer, UInt(capacity))
            if count == 0 { return entries }
            guard count > 0 else { return errno == ENOSYS ? streamEntries(of: fd) : nil }
            // Each record: its length at byte 16, its type at 18, its name from 19 to a NUL within the record.
            var offset = 0
            while offset + 19 < count {
                let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 16, as: UInt16.self))
                guard length > 19, offset + length <= count else { return nil }
                let type = buffer.load(fromByteOffset: offset + 18, as: UInt8.self)
                let name = UnsafeRawBufferPointer(start: buffer + offset + 19, count: length - 19)
                if let listed = listed(name) { entries.append((listed, type)) }
                offset += length
            }
        }
    }

    /// A listed name's bytes up to its NUL, copied once with the NUL; nil for `.` and `..`, before any copy.
    private static func listed(_ raw: UnsafeRawBufferPointer) -> [CChar]? {
        let length = raw.firstIndex(of: 0) ?? raw.count
        guard length > 0, !(raw[0] == 0x2E && (length == 1 || (length == 2 && raw[1] == 0x2E))) else { return nil }
        return [CChar](unsafeUninitializedCapacity: length + 1) { buffer, count in
            for i in 0..<length { buffer[i] = CChar(bitPattern: raw[i]) }
            buffer[length] = 0
            count = length + 1
        }
    }

    /// The entries through a directory stream on a duplicate of `fd`, from the start (systems without
    /// `getdents64`).
    private static func streamEntries(of fd: Int32) -> [(name: [CChar], type: UInt8)]? {
        let copy = dup(fd)
        guard copy >= 0 else { return nil }
        guard let stream = fdopendir(copy) else {
            let reason = errno
            close(copy)
            errno = reason
            return nil
        }
        defer { closedir(stream) }
        rewinddir(stream)
        return entries(of: stream)
    }

    private static func entries(of stream: OpaquePointer) -> [(name: [CChar], type: UInt8)] {
        var entries: [(name: [CChar], type: UInt8)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { listed($0) }
            if let name { entries.append((name, entry.pointee.d_type)) }
        }
        return entries
    }

    /// `lstat` of `name` in the folder: a symbolic link is described, never followed. Nil with `errno` set.
    public func info(_ name: String) -> stat? {
        var info = stat()
        guard OpenFolder.isName(name), fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return info
    }

    /// Reads the regular file `name` in the folder, at most `limit` bytes, as `RegularFile.read` describes.
    public func read(_ name: String, limit: Int) -> RegularFile.Outcome {
        guard OpenFolder.isName(name) else { return .failed("not a path below the folder") }
        // Look before opening: opening a device can itself do something (rewind a tape, wait for a terminal).
        var info = stat()
        guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            return .failed(String(cString: strerror(errno)))
        }
        guard FileType(mode: info.st_mode) == .regular else { return .notRegular(FileType(mode: info.st_mode)) }
        return readRegular(name, limit: limit)
    }

    /// `read`, for a name the caller has found to be a regular file (`info`, or a stamp taken from it): the look
    /// before opening is not taken again (a walk over thousands of files would `lstat` each twice). What is opened
    /// is still checked on its descriptor, so a file swapped since is refused, not read. Only the opening itself is
    /// then unguarded, and only against a device put there meanwhile, which takes `mknod` (root) or a mount, and
    /// could as well win the moment between `read`'s own look and its opening.
    public func readRegular(_ name: String, limit: Int) -> RegularFile.Outcome {
        guard OpenFolder.isName(name) else { return .failed("not a path below the folder") }
        let fd = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return RegularFile.refusal(at: descriptor, name) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failed(String(cString: strerror(errno))) }
        guard FileType(mode: info.st_mode) == .regular else { return .notRegular(FileType(mode: info.st_mode)) }
        guard Int(info.st_size) <= limit else { return .tooLarge }
        return RegularFile.readAll(fd, size: Int(info.st_size), limit: limit)
    }
}
