import Foundation

extension stat {
    /// The last modification time as whole seconds and nanoseconds, under its name on each system
    /// (`st_mtimespec` on macOS, `st_mtim` on Linux), so the stages that compare files build on both.
    public var modification: (seconds: Int64, nanoseconds: Int64) {
        #if canImport(Darwin)
            (Int64(st_mtimespec.tv_sec), Int64(st_mtimespec.tv_nsec))
        #else
            (Int64(st_mtim.tv_sec), Int64(st_mtim.tv_nsec))
        #endif
    }
}

extension stat {
    /// The last status change time (`st_ctimespec` on macOS, `st_ctim` on Linux): set by the system on every
    /// write, and unlike the modification time never set back by a program.
    public var statusChange: (seconds: Int64, nanoseconds: Int64) {
        #if canImport(Darwin)
            (Int64(st_ctimespec.tv_sec), Int64(st_ctimespec.tv_nsec))
        #else
            (Int64(st_ctim.tv_sec), Int64(st_ctim.tv_nsec))
        #endif
    }
}

/// What `lstat` says of a content file, enough to tell that it has not been written since it was read: its size,
/// inode, modification and status change times (as Git's index keeps them). The status change time cannot be set
/// back by a program, so a file written and then given its old modification time again is still seen as changed.
public struct FileStamp: Hashable, Sendable {
    public var size: Int
    public var inode: UInt64
    public var modified: Int64
    public var modifiedNanoseconds: Int64
    public var changed: Int64
    public var changedNanoseconds: Int64

    public init(
        size: Int, inode: UInt64, modified: Int64, modifiedNanoseconds: Int64, changed: Int64,
        changedNanoseconds: Int64
    ) {
        self.size = size
        self.inode = inode
        self.modified = modified
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changed = changed
        self.changedNanoseconds = changedNanoseconds
    }

    public init(_ info: stat) {
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
        (modified, modifiedNanoseconds) = info.modification
        (changed, changedNanoseconds) = info.statusChange
    }

    /// True when either time is not older than `moment`: a write in that clock tick would leave every field as it
    /// is, so such a stamp cannot vouch for the file's bytes (a "racily clean" file, in Git's words).
    public func isRacy(at moment: (seconds: Int64, nanoseconds: Int64)) -> Bool {
        (modified, modifiedNanoseconds) >= moment || (changed, changedNanoseconds) >= moment
    }
}

/// A content file as a build read it: its stamp then, and the fingerprint of its bytes. A later build that finds
/// the same stamp takes the fingerprint instead of reading the file (`Loader.read(site:known:)`).
public struct KnownFile: Hashable, Sendable {
    public var stamp: FileStamp
    public var hash: UInt64

    public init(stamp: FileStamp, hash: UInt64) {
        self.stamp = stamp
        self.hash = hash
    }
}

/// The wall clock, as file times are written: whole seconds and nanoseconds since 1970.
public enum WallClock {
    public static func now() -> (seconds: Int64, nanoseconds: Int64) {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return (Int64(time.tv_sec), Int64(time.tv_nsec))
    }
}
