import Logging
import Postgres
import Synchronization

/// Wakes queues after their messages have committed, for publishers that use
/// ``MessageBus/publishByTypeWithoutWakeUp(_:after:amendments:on:)``.
///
/// Wake-ups asked for while one is being sent are gathered and go together in the next, so under
/// load a stream of commits costs one wake-up statement per round trip, not one per commit, and
/// at most one connection of the pool. A wake-up that fails is logged and dropped: workers also
/// poll, so it only delays delivery.
public final class BusWakeUps: Sendable {
    private let pool: PostgresPool
    private let logger: Logger
    /// Queues waiting for their wake-up, and whether a sender is running.
    private let state = Mutex<(pending: Set<String>, sending: Bool)>(([], false))

    /// Wake-ups sent through `pool`.
    public init(pool: PostgresPool, logger: Logger = Logger(label: "accord.bus.wake-ups")) {
        self.pool = pool
        self.logger = logger
    }

    /// Asks for `queues` to be woken soon; returns at once.
    public func wake(_ queues: [String]) {
        guard !queues.isEmpty else { return }
        let start = state.withLock { state in
            state.pending.formUnion(queues)
            defer { state.sending = true }
            return !state.sending
        }
        if start { Task { await send() } }
    }

    /// Sends what is pending until nothing is.
    private func send() async {
        while true {
            let queues = state.withLock { state in
                let queues = Array(state.pending)
                state.pending = []
                if queues.isEmpty { state.sending = false }
                return queues
            }
            guard !queues.isEmpty else { return }
            do {
                try await pool.withConnection { try await MessageBus.wake(queues, on: $0) }
            } catch {
                logger.warning("bus wake-up not sent; the queues' workers will poll", metadata: ["queues": "\(queues)", "error": "\(error)"])
            }
        }
    }
}
