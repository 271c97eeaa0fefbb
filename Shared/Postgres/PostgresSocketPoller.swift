import CLibPQ
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

#if !os(Linux)
#error("Accord runs on Linux only: the poller waits on libpq's sockets with epoll and eventfd")
#endif

/// A small event loop for libpq's sockets: one thread that waits, with one epoll set, until the
/// sockets of its connections can be read or written, and that is also a Swift `TaskExecutor`.
///
/// A process has one per core, and each connection belongs to one. A statement is sent from the
/// task that runs it (libpq in non-blocking mode never waits) and the task then suspends here
/// until the answer arrives. `PostgresPool.withConnection` runs its body with the connection's
/// poller as the preferred executor, so the task resumes on the poller's own thread, in the same
/// wake-up that saw the answer, and sends its next statement from there: a loop of statements
/// costs no thread hand-off at all, and one wake-up serves every connection that became ready
/// together. (A thread per connection, as before, kept a thread blocked per connection; resuming
/// on another executor than the poller cost two wake-ups per statement.)
final class PostgresSocketPoller: TaskExecutor, @unchecked Sendable {
    /// The process's pollers, one per core, started on first use.
    private static let all: [PostgresSocketPoller] = (0..<max(1, ProcessInfo.processInfo.activeProcessorCount)).map {
        PostgresSocketPoller(name: "accord-pg-poller-\($0)")
    }
    private static let turn = Atomic<Int>(0)

    /// A poller for a new connection, taking them in turn.
    static func next() -> PostgresSocketPoller {
        all[turn.add(1, ordering: .relaxed).oldValue % all.count]
    }

    private let epoll: Int32
    /// An eventfd in the epoll set: written to wake the thread when a job arrives while it sleeps.
    private let wakeUp: Int32

    private struct State {
        var jobs: [UnownedJob] = []
        /// The thread is (about to be) blocked in `epoll_wait` and needs `wakeUp` for new jobs.
        var sleeping = false
        /// The task waiting on each socket; a socket has at most one, as a connection serves one task.
        var waiters: [Int32: Waiter] = [:]
    }

    /// A task waiting on a socket, and when it stops waiting whatever happens.
    private struct Waiter {
        let continuation: CheckedContinuation<WaitOutcome, Never>
        let deadline: ContinuousClock.Instant?
    }

    private let state = Mutex(State())

    private init(name: String) {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeUp = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        precondition(epoll >= 0 && wakeUp >= 0, "epoll_create1 or eventfd failed: errno \(errno)")
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = wakeUp
        epoll_ctl(epoll, EPOLL_CTL_ADD, wakeUp, &event)
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Runs a task's job on this thread (TaskExecutor).
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let wake = state.withLock { state in
            state.jobs.append(job)
            defer { state.sleeping = false }
            return state.sleeping
        }
        if wake { _ = eventfd_write(wakeUp, 1) }
    }

    /// What a wait is for.
    enum Readiness {
        /// An answer to read.
        case readable
        /// Room to write, or something to read first (libpq must read what the server sends
        /// while it still has output, or both sides could block writing to each other).
        case readableOrWritable
    }

    /// How a wait ended.
    enum WaitOutcome: Equatable {
        /// The socket is ready as asked, has an error, or was hung up on: the caller's next libpq
        /// call reads what arrived or reports what went wrong.
        case ready
        /// epoll cannot watch the socket at all (closed under us, or out of resources): waiting
        /// would never end, so the caller treats the connection as lost.
        case unwatchable
        /// The deadline passed first: the server is alive enough to hold the connection open but
        /// does not answer (a frozen host, a partition that drops packets).
        case timedOut
    }

    /// Waits until `socket` is ready as asked, or until `deadline` (none: as long as it takes).
    func wait(for socket: Int32, _ readiness: Readiness = .readable, until deadline: ContinuousClock.Instant? = nil) async -> WaitOutcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<WaitOutcome, Never>) in
            let wake = state.withLock { state in
                state.waiters[socket] = Waiter(continuation: continuation, deadline: deadline)
                // A sleeping loop computed its timeout without this deadline: wake it to recompute.
                defer { if deadline != nil { state.sleeping = false } }
                return deadline != nil && state.sleeping
            }
            if wake { _ = eventfd_write(wakeUp, 1) }
            var event = epoll_event()
            // One-shot: the wait is consumed by the wake-up, and the socket stays quiet until
            // the next statement's wait re-arms it.
            let interest = readiness == .readable ? EPOLLIN.rawValue : EPOLLIN.rawValue | EPOLLOUT.rawValue
            event.events = interest | EPOLLONESHOT.rawValue
            event.data.fd = socket
            // A socket is added on its first wait and modified on the later ones; a closed
            // socket leaves the set by itself, so its number may come back as a new one.
            if epoll_ctl(epoll, EPOLL_CTL_MOD, socket, &event) != 0,
               errno != ENOENT || epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event) != 0 {
                state.withLock { $0.waiters.removeValue(forKey: socket) }?.continuation.resume(returning: .unwatchable)
            }
        }
    }

    /// Milliseconds until the earliest deadline among `waiters` (-1: none, wait for sockets only).
    private static func timeout(_ waiters: [Int32: Waiter], now: ContinuousClock.Instant) -> Int32 {
        guard let earliest = waiters.values.lazy.compactMap(\.deadline).min() else { return -1 }
        let left = now.duration(to: earliest)
        guard left > .zero else { return 0 }
        // Rounded up: waking a millisecond early would only find nothing expired and sleep again.
        let (seconds, attoseconds) = left.components
        return Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }

    /// Resumes, with `.timedOut`, every waiter whose deadline has passed.
    private func expireWaiters() {
        let now = ContinuousClock.now
        let expired = state.withLock { state -> [Waiter] in
            let sockets = state.waiters.filter { $0.value.deadline.map { $0 <= now } ?? false }.keys
            return sockets.compactMap { state.waiters.removeValue(forKey: $0) }
        }
        for waiter in expired { waiter.continuation.resume(returning: .timedOut) }
    }

    private func loop() {
        var events = [epoll_event](repeating: epoll_event(), count: 64)
        var jobs: [UnownedJob] = []
        while true {
            // Jobs first; then wait for sockets, without blocking if more jobs came meanwhile.
            let timeout = state.withLock { state in
                swap(&jobs, &state.jobs)
                state.sleeping = jobs.isEmpty
                return state.sleeping ? Self.timeout(state.waiters, now: .now) : 0
            }
            for job in jobs { job.runSynchronously(on: asUnownedTaskExecutor()) }
            jobs.removeAll(keepingCapacity: true)
            let count = events.withUnsafeMutableBufferPointer {
                epoll_wait(epoll, $0.baseAddress, Int32($0.count), timeout)
            }
            state.withLock { $0.sleeping = false }
            if timeout >= 0 { expireWaiters() }
            guard count > 0 else { continue }  // none ready, or EINTR
            for index in 0..<Int(count) {
                let socket = events[index].data.fd
                if socket == wakeUp {
                    var value: eventfd_t = 0
                    _ = eventfd_read(wakeUp, &value)
                } else {
                    // Resuming a task that prefers this executor enqueues its job here; it runs
                    // at the top of the next turn, before any further wait.
                    state.withLock { $0.waiters.removeValue(forKey: socket) }?.continuation.resume(returning: .ready)
                }
            }
        }
    }
}
