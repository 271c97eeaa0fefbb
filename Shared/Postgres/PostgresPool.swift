import Logging
import Synchronization

/// A bounded pool of connections.
///
/// - At most `maxConnections` are open; a caller that finds none free waits up to
///   `acquireTimeout` and then gets ``PostgresError/Kind/poolTimeout``.
/// - With a `statementTimeout`, no statement keeps its caller waiting much longer: the server
///   cancels a statement that runs past it, and a server that does not answer at all (a frozen
///   host, a partition dropping packets, which no TCP error ever reports) loses the connection
///   a second later, so the caller gets ``PostgresError/Kind/connectionFailure`` instead of
///   hanging.
/// - A connection that failed is closed and its slot reused for a fresh one; an idle connection
///   whose server went away (terminated backend, restarted server) is noticed before it is
///   handed out, so the caller's statement runs on a fresh connection instead.
public final class PostgresPool: Sendable {
    /// The settings new connections use.
    public let configuration: PostgresConfiguration
    /// The most connections open at once.
    public let maxConnections: Int
    /// How long a caller waits for a free connection.
    public let acquireTimeout: Duration
    /// How long a statement may run (`nil`: no limit).
    public let statementTimeout: Duration?
    /// The process's `LISTEN` session on this server, shared by every subscriber (queue workers,
    /// dispatchers): one connection, outside `maxConnections`, opened on the first subscription
    /// and closed by ``close()``.
    public let notifications: PostgresListener
    /// `configuration` plus the server-side `statement_timeout`.
    let connectionConfiguration: PostgresConfiguration
    let logger: Logger
    let state: Mutex<State>

    /// Creates a pool; connections open lazily, on first use.
    ///
    /// - Parameter statementTimeout: The longest a statement may run: the server's
    ///   `statement_timeout` on every connection, and one second later the client stops waiting
    ///   for an answer and drops the connection. `nil` (the default) leaves both unlimited.
    ///   ``PostgresConnection/withoutAnswerDeadline(_:)`` lifts the client's limit for long work.
    public init(
        configuration: PostgresConfiguration,
        maxConnections: Int = 10,
        acquireTimeout: Duration = .seconds(10),
        statementTimeout: Duration? = nil,
        logger: Logger = Logger(label: "accord.postgres.pool")
    ) {
        precondition(maxConnections > 0, "a pool needs at least one connection")
        self.configuration = configuration
        self.maxConnections = maxConnections
        self.acquireTimeout = acquireTimeout
        self.statementTimeout = statementTimeout
        self.connectionConfiguration = statementTimeout.map { configuration.statementTimeout($0) } ?? configuration
        self.logger = logger
        self.state = Mutex(State())
        notifications = PostgresListener(configuration: configuration, logger: logger)
    }

    /// Runs `body` with a connection of its own, returning the connection afterwards.
    ///
    /// `body` runs on the connection's event loop (``PostgresSocketPoller``, its preferred task
    /// executor), so after each statement it resumes in the very wake-up that saw the answer,
    /// with no thread hand-off. It may await anything; it just should not keep the connection
    /// while waiting for long.
    public func withConnection<T: Sendable>(
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await acquire()
        do {
            let value = try await withTaskExecutorPreference(connection.poller) { try await body(connection) }
            release(connection)
            return value
        } catch {
            release(connection)
            throw error
        }
    }

    /// Runs one statement on a pooled connection.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await withConnection { try await $0.query(query) }
    }

    /// Closes idle connections and the `LISTEN` session, and refuses new work; waiting callers
    /// get ``PostgresError/Kind/poolClosed``.
    public func close() async {
        await notifications.stop()
        let (idle, waiters) = state.withLock { state in
            state.isClosed = true
            let idle = state.idle
            state.total -= idle.count
            state.idle = []
            let waiters = state.waiters.values
            state.waiters = [:]
            return (idle, Array(waiters))
        }
        for waiter in waiters {
            waiter.continuation.resume(throwing: PostgresError(.poolClosed, reason: "the pool was closed"))
        }
        for connection in idle { await connection.close() }
    }

    /// Open connections and idle ones, for metrics and tests.
    public var statistics: (open: Int, idle: Int, waiting: Int) {
        state.withLock { ($0.total, $0.idle.count, $0.waiters.count) }
    }
}
