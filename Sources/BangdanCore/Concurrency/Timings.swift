import Foundation

/// How long each stage took, in the order they ran (`bangdan build --timings`), as Zola logs its steps.
public struct Timings: Sendable {
    public var stages: [(name: String, seconds: Double)] = []

    public init() {}

    public mutating func measure<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try work()
    }

    public mutating func record(_ name: String, since start: UInt64) {
        stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
    }

    public var report: String {
        let total = stages.filter { !$0.name.hasPrefix(" ") }.map(\.seconds).reduce(0, +)
        return (stages + [("total", total)]).map { name, seconds in
            name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", seconds * 1000)
        }.joined(separator: "\n")
    }
}
