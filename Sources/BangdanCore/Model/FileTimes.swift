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
