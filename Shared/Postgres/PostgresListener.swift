import CLibPQ
import Foundation
import Logging

/// A notification delivered by `NOTIFY`.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel it was sent on.
    public var channel: String
    /// The payload (empty if none was given).
    public var payload: String
    /// The server process that sent it.
    public var senderPID: Int32
}

/// Listens on channels over a dedicated connection and delivers what arrives as an `AsyncSequence`.
///
/// `LISTEN` belongs to a session, so the listener holds its own direct connection (never a
/// pooled or PgBouncer transaction-mode one). It waits on the socket on a thread of its own.
/// When the connection is lost it reconnects with jittered exponential backoff, listens on every
/// channel again and yields ``Event/reconnected``: notifications sent meanwhile are gone, so the
/// consumer should look for work once.
public final class PostgresListener: Sendable {
    /// What the listener reports.
    public enum Event: Sendable, Equatable {
        /// The first connection is up and listening; look for work that came before it.
        case connected
        /// A notification arrived.
        case notification(PostgresNotification)
        /// The connection was lost and is listening again; notifications may have been missed.
        case reconnected
    }

    /// The events, in order. Bounded: notifications are hints, so when the consumer falls far
    /// behind the oldest are dropped rather than memory growing without limit.
    public let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let configuration: PostgresConfiguration
    private let channels: [String]
    private let logger: Logger
    /// Written to wake the listening thread when the listener is stopped.
    private let stopPipe: (read: Int32, write: Int32)
    /// How long the socket may stay silent before the listener checks the connection is alive.
    private let probeInterval: Duration

    /// Creates a listener for `channels`; it connects when ``run()`` is called.
    public init(
        configuration: PostgresConfiguration,
        channels: [String],
        probeInterval: Duration = .seconds(5),
        logger: Logger = Logger(label: "accord.postgres.listener")
    ) {
        self.configuration = configuration
        self.channels = channels
        self.logger = logger
        self.probeInterval = probeInterval
        (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(4096))
        var descriptors: [Int32] = [0, 0]
        precondition(pipe(&descriptors) == 0, "cannot create the listener's wake-up pipe")
        stopPipe = (descriptors[0], descriptors[1])
    }

    deinit {
        close(stopPipe.read)
        close(stopPipe.write)
    }

    /// Listens until the calling task is cancelled, then closes the connection and finishes `events`.
    public func run() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                let thread = Thread { [self] in
                    listenLoop()
                    done.resume()
                }
                thread.start()
            }
        } onCancel: {
            var byte: UInt8 = 1
            _ = write(stopPipe.write, &byte, 1)
        }
        continuation.finish()
    }

    /// The listening thread: connect, wait for input, deliver, reconnect on loss.
    private func listenLoop() {
        var handle: OpaquePointer?
        var failures = 0
        var hasConnected = false
        defer { if let handle { PQfinish(handle) } }
        while !isStopRequested(waitingUpTo: .zero) {
            guard let connected = handle else {
                do {
                    handle = try connectAndListen()
                    failures = 0
                    continuation.yield(hasConnected ? .reconnected : .connected)
                    if hasConnected { logger.info("listener reconnected", metadata: ["channels": "\(channels.count)"]) }
                    hasConnected = true
                } catch {
                    failures += 1
                    logger.warning("listener cannot connect, retrying", metadata: ["error": "\(error)", "attempt": "\(failures)"])
                    if isStopRequested(waitingUpTo: Self.backoff(afterFailures: failures)) { return }
                }
                continue
            }
            switch waitForInput(on: connected) {
            case .stop:
                return
            case .input:
                if PQconsumeInput(connected) == 0 || PQstatus(connected) != CONNECTION_OK {
                    drop(&handle, reason: "connection lost")
                    continue
                }
            case .silence:
                // Nothing arrived for a while: a tiny query proves the session is still there.
                let result = PQexec(connected, "SELECT 1")
                let healthy = result.map { PQresultStatus($0) == PGRES_TUPLES_OK } ?? false
                if let result { PQclear(result) }
                if !healthy || PQstatus(connected) != CONNECTION_OK {
                    drop(&handle, reason: "connection check failed")
                    continue
                }
            }
            deliverNotifications(from: connected)
        }
    }

    private func connectAndListen() throws -> OpaquePointer {
        let handle = try PostgresConnection.openBlocking(configuration)
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        for channel in channels {
            let result = PQexec(handle, "LISTEN " + PostgresQuery.quoteIdentifier(channel))
            let listening = result.map { PQresultStatus($0) == PGRES_COMMAND_OK } ?? false
            if let result { PQclear(result) }
            guard listening else {
                PQfinish(handle)
                throw PostgresError(.connectionFailure, reason: "LISTEN failed")
            }
        }
        return handle
    }

    private func deliverNotifications(from handle: OpaquePointer) {
        while let notify = PQnotifies(handle) {
            let event = notify.pointee
            continuation.yield(.notification(PostgresNotification(
                channel: String(cString: event.relname),
                payload: event.extra.map { String(cString: $0) } ?? "",
                senderPID: event.be_pid
            )))
            PQfreemem(notify)
        }
    }

    private func drop(_ handle: inout OpaquePointer?, reason: String) {
        logger.warning("listener lost its connection; reconnecting", metadata: ["reason": "\(reason)"])
        if let current = handle { PQfinish(current) }
        handle = nil
    }

    private enum Wake {
        case input, silence, stop
    }

    private func waitForInput(on handle: OpaquePointer) -> Wake {
        var descriptors = [
            pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, 2, Self.milliseconds(probeInterval))
        if descriptors[1].revents != 0 { return .stop }
        return ready > 0 ? .input : .silence
    }

    /// Sleeps up to `duration`, returning early (and true) if the listener was stopped.
    private func isStopRequested(waitingUpTo duration: Duration) -> Bool {
        var descriptor = pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, Self.milliseconds(duration)) > 0
    }

    /// 100 ms, doubling to at most 5 s, with jitter so many replicas do not reconnect in step.
    static func backoff(afterFailures failures: Int) -> Duration {
        let ceiling = min(5_000, 100 << min(failures - 1, 6))
        return .milliseconds(Int.random(in: ceiling / 2...ceiling))
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(duration.totalSeconds * 1000)
    }
}
