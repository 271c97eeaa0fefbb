import Foundation
import Synchronization

/// The thread that owns one connection's libpq calls, and a `TaskExecutor` running on it.
///
/// libpq blocks, so its calls must stay off Swift's cooperative pool. Each connection gets a
/// thread of its own for them. The thread is also a task executor: `PostgresPool.withConnection`
/// runs the caller's body with it as the preferred executor, so every statement in the body
/// runs inline on this thread — no hop to another thread and back per statement, which on a
/// 2-core machine costs more than a loopback round trip. Callers elsewhere hand work over.
final class PostgresConnectionThread: TaskExecutor, @unchecked Sendable {
    private enum Work {
        case job(UnownedJob)
        case block(@Sendable () -> Void)
    }

    private let condition = NSCondition()
    /// Pending work; guarded by `condition`.
    private var pending: [Work] = []
    /// Set by `stop()`; guarded by `condition`.
    private var stopping = false
    /// Set when the loop has ended; guarded by `condition`.
    private var exited = false
    /// The pthread running the loop, so code can tell whether it already runs there.
    private let owner = Atomic<UInt>(0)

    /// Starts the thread.
    init() {
        Thread { [self] in loop() }.start()
    }

    /// Whether the caller runs on this thread (and may call libpq directly).
    var isCurrent: Bool {
        owner.load(ordering: .acquiring) == UInt(bitPattern: Int(bitPattern: pthreadID()))
    }

    /// Runs an async job on this thread (TaskExecutor).
    func enqueue(_ job: consuming ExecutorJob) {
        push(.job(UnownedJob(job)))
    }

    /// Runs a blocking closure on this thread.
    func run(_ block: @escaping @Sendable () -> Void) {
        push(.block(block))
    }

    /// Ends the thread once the work already handed over is done.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func push(_ work: Work) {
        condition.lock()
        guard !exited else {
            condition.unlock()
            runElsewhere(work)
            return
        }
        pending.append(work)
        condition.signal()
        condition.unlock()
    }

    /// Work that arrives after the thread ended still runs. A task spawned inside a
    /// `withConnection` body inherits this executor as its preference and may outlive the
    /// connection; its jobs go to the global executor instead of waiting forever.
    private func runElsewhere(_ work: Work) {
        switch work {
        case .job(let job):
            globalConcurrentExecutor.enqueue(job)
        case .block(let block):
            Thread { block() }.start()
        }
    }

    private func loop() {
        owner.store(UInt(bitPattern: Int(bitPattern: pthreadID())), ordering: .releasing)
        var batch: [Work] = []
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty {
                exited = true
                // pthread ids are reused: a later thread must not pass for this one.
                owner.store(0, ordering: .releasing)
                condition.unlock()
                return
            }
            swap(&batch, &pending)
            condition.unlock()
            for work in batch {
                switch work {
                case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
                case .block(let block): block()
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
    }

    private func pthreadID() -> UInt {
        UInt(bitPattern: Int(bitPattern: UInt(pthread_self())))
    }
}
