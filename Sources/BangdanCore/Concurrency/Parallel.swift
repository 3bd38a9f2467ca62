import Foundation
import Synchronization

/// Data parallelism for the per-file and per-page stages (docs/ARCHITECTURE.md): the input is cut into
/// chunks, chunks run on all cores, and results come back in input order, so output never depends on scheduling.
public enum Parallel {
    /// `serialUpTo`: so few items that they are mapped on this thread (the default suits items of a few
    /// microseconds; a handful of large ones, such as sorts of thousands, are worth spreading from 2).
    public static func map<T: Sendable, U: Sendable>(
        _ items: [T], serialUpTo: Int = 32, _ transform: @Sendable (T) -> U
    ) -> [U] {
        let workers = ProcessInfo.processInfo.activeProcessorCount
        guard workers > 1, items.count > max(serialUpTo, 0) else { return items.map(transform) }
        let chunkCount = min(items.count, workers * 8)
        let chunkSize = (items.count + chunkCount - 1) / chunkCount
        // Each chunk puts its results straight into the array returned, where they stay: no array a chunk, no
        // serial pass copying them all into one and freeing the chunks (60 M instructions of an edit rebuild at
        // 10,000 requirements, on one core).
        return Array(unsafeUninitializedCapacity: items.count) { buffer, initialized in
            // Safe: items.count > serialUpTo >= 0 here, so the buffer holds at least one element and has a base.
            let output = Output(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = chunk * chunkSize
                guard start < items.count else { return }
                for index in start..<min(items.count, start + chunkSize) {
                    (output.base + index).initialize(to: transform(items[index]))
                }
            }
            initialized = items.count
        }
    }

    /// The storage of `map`'s result, shared by its chunks. Safe to share: the chunks cover `0..<items.count`
    /// (`chunkCount * chunkSize >= items.count`) without overlapping, so each element is initialized exactly once,
    /// by one thread, and `concurrentPerform` returns only when every chunk has, which orders all their writes
    /// before the count is set and the array is read. A `transform` that traps ends the process.
    private struct Output<U>: @unchecked Sendable {
        let base: UnsafeMutablePointer<U>
    }

    /// `first` and `second` at once, on two cores when there are two: for a stage that keeps one core busy and
    /// a piece of work beside it that needs nothing from it.
    public static func both<A: Sendable, B: Sendable>(
        _ first: @Sendable () -> A, _ second: @Sendable () -> B
    ) -> (A, B) {
        let results = Mutex<(A?, B?)>((nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let a = first()
                results.withLock { $0.0 = a }
            } else {
                let b = second()
                results.withLock { $0.1 = b }
            }
        }
        return results.withLock { results in
            // Both iterations ran to completion before `concurrentPerform` returned: each set its result.
            (results.0!, results.1!)
        }
    }

    /// The bytes `append` writes for each item, in order: chunks of `chunk` items made on every core, joined.
    public static func bytes<T: Sendable>(
        _ items: [T], chunk: Int = 512, _ append: @Sendable (T, inout [UInt8]) -> Void
    ) -> [UInt8] {
        let parts = chunks(items, chunk: chunk, append)
        var joined: [UInt8] = []
        joined.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { joined += part }
        return joined
    }

    /// The same bytes, left in their chunks: for a caller that writes them out one after the other, without
    /// ever holding them joined.
    public static func chunks<T: Sendable>(
        _ items: [T], chunk: Int = 512, _ append: @Sendable (T, inout [UInt8]) -> Void
    ) -> [[UInt8]] {
        let starts = Array(stride(from: 0, to: items.count, by: max(chunk, 1)))
        return map(starts, serialUpTo: 1) { start in
            var bytes: [UInt8] = []
            for item in items[start..<min(items.count, start + chunk)] { append(item, &bytes) }
            return bytes
        }
    }
}
