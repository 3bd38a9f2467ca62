import CBangdanSystem
import Foundation
import Synchronization

/// Work begun on a thread of its own in the idle scheduling class (Linux SCHED_IDLE, `bangdan_run_when_idle`), for
/// a build to do beside its stages what it needs only later: it takes only what the stages leave of the cores, so
/// it never slows one down. `value` waits for it, first putting it back in the normal class, so a busy machine
/// never leaves the build waiting behind other processes. Whoever begins one waits for it on every path (a
/// preview server builds again in the same process: no work outlives its build).
///
/// A thread of its own, not a dispatch queue's: on Linux the global queues' threads are as many as the cores,
/// and one taken by this work would be one fewer for the stages' `Parallel.map`. The work itself should run on
/// its thread alone, not spread with `Parallel`.
public final class IdleWork<Value: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let state = Mutex(State())

    private struct State {
        /// The thread while it runs in the idle class; nil once it is back in the normal one or has ended.
        var idleThread: pthread_t?
        /// Whether someone waits for the value: from then on the work runs in the normal class.
        var awaited = false
        var value: Value?
    }

    public init(_ work: @escaping @Sendable () -> Value) {
        Thread { [self] in
            state.withLock { state in
                if !state.awaited, bangdan_run_when_idle(pthread_self(), 1) == 0 { state.idleThread = pthread_self() }
            }
            let value = work()
            state.withLock { state in
                state.value = value
                state.idleThread = nil
            }
            done.signal()
        }.start()
    }

    /// Waits until the work has ended: what it gave. Any number of times.
    public func value() -> Value {
        state.withLock { state in
            state.awaited = true
            // Still running (it clears `idleThread` under this lock before it ends): its handle is valid.
            if let thread = state.idleThread, bangdan_run_when_idle(thread, 0) == 0 { state.idleThread = nil }
        }
        done.wait()
        done.signal()
        // Set before `done` was signalled, which this thread has waited for.
        return state.withLock { $0.value! }
    }
}
