import CLibPQ
import Logging
import Synchronization

/// One connection to PostgreSQL.
///
/// libpq blocks, so every libpq call of a connection runs on that connection's own thread and
/// never on Swift's cooperative pool: inline when the caller already runs there (inside
/// `PostgresPool.withConnection`, whose body prefers that thread as its task executor), handed
/// over otherwise. One thread per connection also means two tasks can never drive the same
/// `PGconn` at once. Connections normally come from a ``PostgresPool``; one task uses one at a time.
public final class PostgresConnection: @unchecked Sendable {
    /// The libpq connection; touched only on `thread` (or by the pool while the connection is idle).
    let handle: OpaquePointer
    /// Thread-safe by libpq's contract: sends a cancel request on a separate socket.
    private let cancelHandle: OpaquePointer?
    /// Runs this connection's libpq calls; the task executor `withConnection` bodies prefer.
    let thread: PostgresConnectionThread
    /// Statement names prepared on this connection, keyed by SQL and parameter types; `thread` only.
    private var preparedStatements: [PreparedKey: String] = [:]
    /// Set when the connection failed; the pool drops broken connections instead of reusing them.
    private let broken = Atomic<Bool>(false)
    /// Counts statements so a cancellation reaches only the statement it was meant for.
    private let statementCounter = Atomic<UInt64>(0)
    private let runningStatement = Atomic<UInt64>(0)
    private let closed = Atomic<Bool>(false)
    /// The server process id, for `pg_terminate_backend` and for log correlation.
    public let backendPID: Int32
    /// The logger the connection reports to (no parameter values are ever logged).
    public let logger: Logger

    private struct PreparedKey: Hashable {
        var sql: String
        var types: [UInt32]
    }

    private init(handle: OpaquePointer, thread: PostgresConnectionThread, logger: Logger) {
        self.handle = handle
        self.thread = thread
        self.cancelHandle = PQgetCancel(handle)
        self.backendPID = PQbackendPID(handle)
        var logger = logger
        logger[metadataKey: "db.backend_pid"] = "\(PQbackendPID(handle))"
        self.logger = logger
        // libpq prints notices to stderr by default; they can quote data, so they are dropped.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit {
        if !closed.load(ordering: .acquiring) { PQfinish(handle) }
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        thread.stop()
    }

    /// Opens a connection; the blocking connect runs off the cooperative pool.
    public static func connect(
        configuration: PostgresConfiguration,
        logger: Logger = Logger(label: "accord.postgres")
    ) async throws -> PostgresConnection {
        let thread = PostgresConnectionThread()
        do {
            return try await withCheckedThrowingContinuation { continuation in
                thread.run {
                    continuation.resume(with: Result {
                        PostgresConnection(handle: try openBlocking(configuration), thread: thread, logger: logger)
                    })
                }
            }
        } catch {
            thread.stop()
            throw error
        }
    }

    /// Opens a libpq connection, blocking the calling thread. Used from dedicated threads only.
    static func openBlocking(_ configuration: PostgresConfiguration) throws -> OpaquePointer {
        let parameters = configuration.connectionParameters()
        let handle: OpaquePointer? = withCStringArray(parameters.map(\.0)) { keywords in
            withCStringArray(parameters.map(\.1)) { values in
                PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let handle else {
            throw PostgresError(.connectionFailure, reason: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines()
            PQfinish(handle)
            throw PostgresError(.connectionFailure, reason: "could not connect: \(message)")
        }
        return handle
    }

    /// True once the connection has failed or been closed; such a connection is not reused.
    public var isBroken: Bool {
        broken.load(ordering: .acquiring) || closed.load(ordering: .acquiring)
    }

    /// Runs a statement and returns its rows.
    ///
    /// Cancelling the calling task sends a cancel request to the server for this statement.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        if Task.isCancelled { throw PostgresError(.queryCanceled, reason: "task was cancelled before the statement ran") }
        let encoded = try EncodedParameters(query.binds)
        let statement = statementCounter.add(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            if thread.isCurrent {
                return try executeBlocking(query, encoded, statement: statement)
            }
            return try await withCheckedThrowingContinuation { continuation in
                thread.run {
                    continuation.resume(with: Result { try self.executeBlocking(query, encoded, statement: statement) })
                }
            }
        } onCancel: {
            cancel(statement: statement)
        }
    }

    /// Runs several statements given as one SQL text, without parameters (migrations, `BEGIN`).
    public func execute(script sql: String) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            thread.run {
                continuation.resume(with: Result {
                    try self.ensureOpen()
                    let result = PQexec(self.handle, sql)
                    _ = try self.check(result)
                })
            }
        }
    }

    /// Closes the connection; later statements fail with a connection error.
    public func close() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        await withCheckedContinuation { continuation in
            thread.run {
                PQfinish(self.handle)
                continuation.resume()
            }
        }
        thread.stop()
    }

    /// Refuses work after `close()`: the `PGconn` is freed by then. Runs on the connection's
    /// thread, after the closing block if there was one, so the check is in order.
    private func ensureOpen() throws {
        guard !closed.load(ordering: .acquiring) else {
            throw PostgresError(.connectionFailure, reason: "the connection was closed")
        }
    }

    /// Marks the connection unusable, so the pool replaces it.
    func markBroken() {
        broken.store(true, ordering: .releasing)
    }

    private func cancel(statement: UInt64) {
        guard let cancelHandle, runningStatement.load(ordering: .acquiring) == statement else { return }
        // The cancel request may land after this statement has finished, on whatever runs next on
        // the connection; the connection is therefore not reused for anyone else.
        markBroken()
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
    }

    /// Runs a statement on the connection's thread, recording it as the one a cancel targets.
    private func executeBlocking(_ query: PostgresQuery, _ parameters: EncodedParameters, statement: UInt64) throws -> PostgresRows {
        try ensureOpen()
        runningStatement.store(statement, ordering: .releasing)
        defer { runningStatement.store(0, ordering: .releasing) }
        let count = Int32(parameters.count)
        let result: OpaquePointer? = try parameters.withPointers { values in
            if query.isPrepared {
                let name = try preparedName(for: query.sql, types: parameters.types)
                return PQexecPrepared(handle, name, count, values, nil, nil, 0)
            }
            return PQexecParams(handle, query.sql, count, parameters.types, values, nil, nil, 0)
        }
        return try check(result)
    }

    /// Prepares a statement the first time this connection sees it; later calls only bind and run.
    private func preparedName(for sql: String, types: [UInt32]) throws -> String {
        let key = PreparedKey(sql: sql, types: types)
        if let name = preparedStatements[key] { return name }
        let name = "accord_\(preparedStatements.count + 1)"
        _ = try check(PQprepare(handle, name, sql, Int32(types.count), types))
        preparedStatements[key] = name
        return name
    }

    /// Turns a libpq result into rows or a `PostgresError`, marking the connection broken on
    /// connection failures.
    private func check(_ result: OpaquePointer?) throws -> PostgresRows {
        guard let result else {
            markBroken()
            throw PostgresError(.connectionFailure, reason: "no result: the connection was lost")
        }
        let owned = PostgresResult(result)
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(result: owned)
        default:
            let error = PostgresError(result: result)
            if error.kind == .connectionFailure || PQstatus(handle) != CONNECTION_OK {
                markBroken()
                var lost = error
                lost.kind = .connectionFailure
                throw lost
            }
            throw error
        }
    }
}

extension PostgresError {
    /// Builds an error from a failed result's fields, never from its message or detail, which
    /// can quote values (except for classes whose message is about the SQL text only).
    init(result: OpaquePointer) {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        guard let sqlState = field("C") else {
            self.init(.connectionFailure, reason: "the connection was lost during the statement")
            return
        }
        let kind = PostgresError.Kind(sqlState: sqlState)
        self.init(
            kind,
            sqlState: sqlState,
            reason: PostgresError.reason(for: kind, sqlState: sqlState, serverMessage: field("M")),
            constraint: field("n"),
            schema: field("s"),
            table: field("t"),
            column: field("c")
        )
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
