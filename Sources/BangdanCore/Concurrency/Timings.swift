import Foundation

/// How long each stage took, in the order they ran (`bangdan build --timings`), as Zola logs its steps: wall time,
/// and the CPU time of every core, which tells a stage that keeps both cores busy from one that waits on one.
public struct Timings: Sendable {
    public var stages: [(name: String, seconds: Double, cpu: Double)] = []

    public init() {}

    public mutating func measure<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds, cpu = Self.cpuNanoseconds()
        defer { record(name, since: start, cpuSince: cpu) }
        return try work()
    }

    /// A stage that began at `start` (`DispatchTime`'s uptime) and, when known, `cpuSince` (`cpuNanoseconds()`).
    public mutating func record(_ name: String, since start: UInt64, cpuSince: UInt64? = nil) {
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = cpuSince.map { Double(Self.cpuNanoseconds() &- $0) / 1e9 } ?? .nan
        stages.append((name, wall, cpu))
    }

    /// The process's CPU time so far, every thread's, user and system.
    public static func cpuNanoseconds() -> UInt64 {
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return 0 }
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    public var report: String {
        let top = stages.filter { !$0.name.hasPrefix(" ") }
        let total = (name: "total", seconds: top.map(\.seconds).reduce(0, +), cpu: top.map(\.cpu).reduce(0, +))
        return (stages + [total]).map { name, seconds, cpu in
            name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", seconds * 1000)
                + (cpu.isNaN ? "" : String(format: "  %8.1f ms CPU", cpu * 1000))
        }.joined(separator: "\n")
    }
}
