import CLibPQ
import Foundation
import Logging
import Synchronization

/// A notification delivered by `NOTIFY`.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel it was sent on.
    public var channel: String
    /// The payload (empty if none was given).
    public var payload: String
    /// The server process that sent it.
    public var senderPID: Int32
}

/// One `LISTEN` session that any number of subscribers share, each for the channel it names
/// (as postgres-nio's `listen(on:consume:)` shares a connection between listeners).
///
/// A process needs one: every pool has one (``PostgresPool/notifications``), which its queue
/// workers and dispatchers subscribe to, so a process holds one session for its wake-ups
/// however many workers it runs, instead of one each outside the pool's limit.
///
/// `LISTEN` belongs to a session, so the listener holds its own direct connection (never a
/// pooled or PgBouncer transaction-mode one), opened on the first subscription and waited on by
/// a thread of its own. A new subscriber's channel is listened to at once. When the connection
/// is lost the listener reconnects with jittered exponential backoff, listens on every channel
/// again and tells every subscriber ``Event/reconnected``: notifications sent meanwhile are
/// gone, so a consumer should look for work once.
public final class PostgresListener: Sendable {
    /// What a subscriber hears.
    public enum Event: Sendable, Equatable {
        /// Its channel is listened to; look for work that came before.
        case connected
        /// A notification arrived on its channel.
        case notification(PostgresNotification)
        /// The connection was lost and is listening again; notifications may have been missed.
        case reconnected
    }

    private struct Subscriber {
        let channels: Set<String>
        let continuation: AsyncStream<Event>.Continuation
        /// Whether it has been told its channels are listened to.
        var isGreeted = false
    }

    private struct State: ~Copyable {
        var subscribers: [UInt64: Subscriber] = [:]
        var nextID: UInt64 = 0
        var isThreadRunning = false
        var isStopped = false
        /// Callers of ``stop()`` waiting for the thread to end.
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let configuration: PostgresConfiguration
    private let logger: Logger
    /// Written to wake the listening thread: a new channel, or a stop.
    private let wakePipe: (read: Int32, write: Int32)
    /// How long the socket may stay silent before the listener checks the connection is alive.
    private let probeInterval: Duration
    private let state = Mutex(State())

    /// Creates a listener; it connects on the first subscription.
    public init(
        configuration: PostgresConfiguration,
        probeInterval: Duration = .seconds(5),
        logger: Logger = Logger(label: "accord.postgres.listener")
    ) {
        self.configuration = configuration
        self.logger = logger
        self.probeInterval = probeInterval
        var descriptors: [Int32] = [0, 0]
        precondition(pipe(&descriptors) == 0, "cannot create the listener's wake-up pipe")
        wakePipe = (descriptors[0], descriptors[1])
        // The thread drains the pipe until it would block, so it never sleeps on a stale byte.
        _ = fcntl(wakePipe.read, F_SETFL, fcntl(wakePipe.read, F_GETFL) | O_NONBLOCK)
        _ = fcntl(wakePipe.write, F_SETFL, fcntl(wakePipe.write, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(wakePipe.read)
        close(wakePipe.write)
    }

    /// What arrives on `channels`, from now until the iterating task stops (which unsubscribes)
    /// or the listener is stopped (which finishes the sequence). The first event is
    /// ``Event/connected`` once the channels are listened to. Bounded: notifications are hints,
    /// so when a subscriber falls far behind the oldest are dropped.
    public func events(on channels: [String]) -> AsyncStream<Event> {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(64))
        let (id, startThread) = state.withLock { state -> (UInt64?, Bool) in
            guard !state.isStopped else { return (nil, false) }
            state.nextID += 1
            state.subscribers[state.nextID] = Subscriber(channels: Set(channels), continuation: continuation)
            defer { state.isThreadRunning = true }
            return (state.nextID, !state.isThreadRunning)
        }
        guard let id else {
            continuation.finish()
            return events
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        if startThread {
            Thread { [self] in
                listenLoop()
                let (subscribers, waiters) = state.withLock { state in
                    state.isThreadRunning = false
                    defer {
                        state.subscribers = [:]
                        state.stopWaiters = []
                    }
                    return (Array(state.subscribers.values), state.stopWaiters)
                }
                for subscriber in subscribers { subscriber.continuation.finish() }
                for waiter in waiters { waiter.resume() }
            }.start()
        } else {
            ringThread()
        }
        return events
    }

    /// Closes the session and finishes every subscriber's events; returns once the listening
    /// thread has ended. Subscribing afterwards gets a finished sequence.
    public func stop() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let running = state.withLock { state -> Bool in
                state.isStopped = true
                if state.isThreadRunning { state.stopWaiters.append(done) }
                return state.isThreadRunning
            }
            if running { ringThread() } else { done.resume() }
        }
    }

    /// The channels subscribers want now, and whether the listener should stop.
    private var wanted: (channels: Set<String>, stop: Bool) {
        state.withLock { state in (state.subscribers.values.reduce(into: Set()) { $0.formUnion($1.channels) }, state.isStopped) }
    }

    /// The listening thread: connect, listen to what subscribers want, wait for input, deliver,
    /// reconnect on loss.
    private func listenLoop() {
        var handle: OpaquePointer?
        var listened: Set<String> = []
        var failures = 0
        var hasConnected = false
        /// Set on a reconnection, until every channel is listened to again.
        var isReconnecting = false
        defer { if let handle { PQfinish(handle) } }
        while true {
            let (channels, stop) = wanted
            if stop { return }
            guard let connected = handle else {
                do {
                    handle = try PostgresConnection.openBlocking(configuration)
                    PQsetNoticeProcessor(handle, { _, _ in }, nil)
                    listened = []
                    isReconnecting = hasConnected
                    hasConnected = true
                } catch {
                    failures += 1
                    logger.warning("listener cannot connect, retrying", metadata: ["error": "\(error)", "attempt": "\(failures)"])
                    waitForWake(upTo: RetryBackoff.delay(afterFailures: failures))
                }
                continue
            }
            do {
                for channel in channels.subtracting(listened) {
                    try execute("LISTEN " + PostgresQuery.quoteIdentifier(channel), on: connected)
                    listened.insert(channel)
                }
            } catch {
                // A LISTEN that keeps failing (a hot standby after a failover) backs off as a
                // failed connection does, rather than reconnecting in a tight loop.
                drop(&handle, reason: "LISTEN failed")
                failures += 1
                waitForWake(upTo: RetryBackoff.delay(afterFailures: failures))
                continue
            }
            failures = 0
            // Notifications that arrived while a LISTEN waited for its answer are already read
            // from the socket into libpq's queue: deliver them now, not at the next input.
            deliverNotifications(from: connected)
            if isReconnecting {
                // Only now: a subscriber told earlier might look for work and miss a wake-up.
                isReconnecting = false
                logger.info("listener reconnected", metadata: ["channels": "\(channels.count)"])
                tellGreeted(.reconnected)
            }
            greetNewSubscribers(listened: listened)
            switch waitForInput(on: connected) {
            case .wake:
                continue
            case .input:
                if PQconsumeInput(connected) == 0 || PQstatus(connected) != CONNECTION_OK {
                    drop(&handle, reason: "connection lost")
                    continue
                }
            case .silence:
                // Nothing arrived for a while: a tiny query proves the session is still there.
                do {
                    try execute("SELECT 1", on: connected)
                } catch {
                    drop(&handle, reason: "connection check failed")
                    continue
                }
            }
            deliverNotifications(from: connected)
        }
    }

    /// Runs `sql` (a `LISTEN`, the probe) and waits for its answer at most two probe intervals.
    ///
    /// Not `PQexec`: a server that is frozen while its host still acknowledges TCP (stopped
    /// processes, stuck storage) would hold the thread for as long as it stays frozen, and with it
    /// `stop()` and so the process's graceful shutdown. Here the statement fails at its deadline,
    /// the connection is dropped and the listener reconnects with backoff; a stop ends the wait.
    private func execute(_ sql: String, on handle: OpaquePointer) throws {
        let failed = PostgresError(.connectionFailure, reason: "the listener's statement failed")
        guard PQsendQuery(handle, sql) == 1 else { throw failed }
        let deadline = ContinuousClock.now + probeInterval * 2
        while true {
            let flushed = PQflush(handle)
            if flushed == 0 { break }
            guard flushed > 0 else { throw failed }
            try waitForSocket(of: handle, events: Int16(POLLIN | POLLOUT), until: deadline)
            guard PQconsumeInput(handle) == 1 else { throw failed }
        }
        var succeeded = true
        while true {
            while PQisBusy(handle) == 1 {
                try waitForSocket(of: handle, events: Int16(POLLIN), until: deadline)
                guard PQconsumeInput(handle) == 1 else { throw failed }
            }
            guard let result = PQgetResult(handle) else { break }
            let status = PQresultStatus(result)
            PQclear(result)
            if status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK { succeeded = false }
        }
        guard succeeded, PQstatus(handle) == CONNECTION_OK else { throw failed }
    }

    /// Waits until `handle`'s socket is ready for `events`, failing at `deadline` or when the
    /// listener is asked to stop (whose wake byte stays in the pipe for the loop to see). A wake
    /// for a new subscriber is drained: the loop looks at the subscribers after the statement.
    private func waitForSocket(of handle: OpaquePointer, events: Int16, until deadline: ContinuousClock.Instant) throws {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { throw PostgresError(.connectionFailure, reason: "the server did not answer the listener in time") }
            var descriptors = [
                pollfd(fd: PQsocket(handle), events: events, revents: 0),
                pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, max(1, Self.milliseconds(remaining)))
            if descriptors[1].revents != 0 {
                if wanted.stop { throw PostgresError(.connectionFailure, reason: "the listener is stopping") }
                drainWakePipe()
            }
            if descriptors[0].revents != 0 { return }
            if ready < 0 && errno != EINTR { throw PostgresError(.connectionFailure, reason: "poll failed") }
        }
    }

    /// Tells each subscriber whose channels are now listened to, and who has not heard yet, to
    /// look for work.
    private func greetNewSubscribers(listened: Set<String>) {
        let greeted = state.withLock { state -> [AsyncStream<Event>.Continuation] in
            var greeted: [AsyncStream<Event>.Continuation] = []
            for (id, subscriber) in state.subscribers where !subscriber.isGreeted && subscriber.channels.isSubset(of: listened) {
                state.subscribers[id]?.isGreeted = true
                greeted.append(subscriber.continuation)
            }
            return greeted
        }
        for continuation in greeted { continuation.yield(.connected) }
    }

    private func tellGreeted(_ event: Event) {
        let greeted = state.withLock { state in state.subscribers.values.filter(\.isGreeted).map(\.continuation) }
        for continuation in greeted { continuation.yield(event) }
    }

    private func deliverNotifications(from handle: OpaquePointer) {
        var arrived: [PostgresNotification] = []
        while let notify = PQnotifies(handle) {
            let event = notify.pointee
            arrived.append(PostgresNotification(
                channel: String(cString: event.relname),
                payload: event.extra.map { String(cString: $0) } ?? "",
                senderPID: event.be_pid
            ))
            PQfreemem(notify)
        }
        guard !arrived.isEmpty else { return }
        // Only to subscribers told `.connected`: that is their first event.
        let subscribers = state.withLock { state in state.subscribers.values.filter(\.isGreeted) }
        for notification in arrived {
            for subscriber in subscribers where subscriber.channels.contains(notification.channel) {
                subscriber.continuation.yield(.notification(notification))
            }
        }
    }

    private func drop(_ handle: inout OpaquePointer?, reason: String) {
        logger.warning("listener lost its connection; reconnecting", metadata: ["reason": "\(reason)"])
        if let current = handle { PQfinish(current) }
        handle = nil
    }

    private enum Wake {
        case input, silence, wake
    }

    /// Wakes the listening thread: a subscriber joined, or the listener is stopping. (The pipe
    /// is non-blocking: when it is full, the thread is awake anyway.)
    private func ringThread() {
        var byte: UInt8 = 1
        _ = write(wakePipe.write, &byte, 1)
    }

    private func waitForInput(on handle: OpaquePointer) -> Wake {
        var descriptors = [
            pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, 2, Self.milliseconds(probeInterval))
        if descriptors[1].revents != 0 {
            drainWakePipe()
            return .wake
        }
        return ready > 0 ? .input : .silence
    }

    /// Sleeps up to `duration`; true if woken early (a subscriber joined or a stop).
    @discardableResult
    private func waitForWake(upTo duration: Duration) -> Bool {
        var descriptor = pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0)
        let woken = poll(&descriptor, 1, Self.milliseconds(duration)) > 0
        if woken { drainWakePipe() }
        return woken
    }

    private func drainWakePipe() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wakePipe.read, &bytes, bytes.count) > 0 {}
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(duration.totalSeconds * 1000)
    }
}
