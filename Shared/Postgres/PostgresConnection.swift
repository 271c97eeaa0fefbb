import CLibPQ
import Foundation
import Logging
import Synchronization

/// One connection to PostgreSQL.
///
/// libpq runs in non-blocking mode: a statement is sent from the calling task without waiting,
/// and the task suspends on its connection's ``PostgresSocketPoller`` until the answer arrives,
/// so no libpq call ever blocks a thread of Swift's pool, NIO's event loops or the pollers.
/// Only connecting blocks, and it runs on a thread of its own. Connections normally come from a ``PostgresPool``, which gives each
/// to one task at a time, so two tasks never drive the same `PGconn` at once.
public final class PostgresConnection: @unchecked Sendable {
    /// The libpq connection; used by the one task holding the connection (or by the pool while
    /// the connection is idle).
    let handle: OpaquePointer
    /// The connection's socket, which the poller watches.
    private let socket: Int32
    /// The event loop that waits for this connection's socket and runs `withConnection` bodies.
    let poller = PostgresSocketPoller.next()
    /// Thread-safe by libpq's contract: sends a cancel request on a separate socket.
    private let cancelHandle: OpaquePointer?
    /// Statement names prepared on this connection, keyed by SQL and parameter types; touched
    /// only by the task holding the connection.
    private var preparedStatements: [PreparedKey: String] = [:]
    /// That the task holding the connection is the only one driving `handle` and
    /// `preparedStatements`, checked in debug builds around every statement.
    private let exclusiveUse = ExclusiveUse("a PostgresConnection")
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
    /// How long a statement may go without an answer before the connection is given up as lost
    /// (`nil`: no limit). See ``PostgresPool/init(configuration:maxConnections:acquireTimeout:statementTimeout:logger:)``.
    let answerDeadline: Duration?

    private struct PreparedKey: Hashable {
        var sql: String
        var types: [UInt32]
    }

    private init(handle: OpaquePointer, answerDeadline: Duration?, logger: Logger) {
        self.handle = handle
        self.answerDeadline = answerDeadline
        self.socket = PQsocket(handle)
        self.cancelHandle = PQgetCancel(handle)
        self.backendPID = PQbackendPID(handle)
        var logger = logger
        logger[metadataKey: "db.backend_pid"] = "\(PQbackendPID(handle))"
        self.logger = logger
        // libpq prints notices to stderr by default; they can quote data, so they are dropped.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        PQsetnonblocking(handle, 1)
    }

    deinit {
        if !closed.load(ordering: .acquiring) { PQfinish(handle) }
        if let cancelHandle { PQfreeCancel(cancelHandle) }
    }

    /// Opens a connection; the blocking connect runs on a thread of its own, off the
    /// cooperative pool and the event loops, and gives up after the configuration's
    /// `connect_timeout`.
    ///
    /// - Parameter answerDeadline: How long any one statement may wait for the server's answer
    ///   before the connection is given up as lost; `nil` waits as long as it takes.
    public static func connect(
        configuration: PostgresConfiguration,
        answerDeadline: Duration? = nil,
        logger: Logger = Logger(label: "accord.postgres")
    ) async throws -> PostgresConnection {
        let handle = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<OpaquePointer, any Error>) in
            Thread { continuation.resume(with: Result { try openBlocking(configuration) }) }.start()
        }
        return PostgresConnection(handle: handle, answerDeadline: answerDeadline, logger: logger)
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
            try await exclusiveUse.run { try await run(query, encoded, statement: statement) }
        } onCancel: {
            cancel(statement: statement)
        }
    }

    /// Runs several statements given as one SQL text, without parameters (migrations, `BEGIN`).
    public func execute(script sql: String) async throws {
        try await exclusiveUse.run {
            try ensureOpen()
            let deadline = statementDeadline()
            try await send(PQsendQuery(handle, sql), deadline: deadline)
            _ = try check(try await result(deadline: deadline))
        }
    }

    /// Closes the connection; later statements fail with a connection error.
    public func close() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        PQfinish(handle)
    }

    /// Refuses work after `close()`: the `PGconn` is freed by then.
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

    /// Runs a statement, recording it as the one a cancel targets.
    private func run(_ query: PostgresQuery, _ parameters: EncodedParameters, statement: UInt64) async throws -> PostgresRows {
        try ensureOpen()
        runningStatement.store(statement, ordering: .releasing)
        defer { runningStatement.store(0, ordering: .releasing) }
        let count = Int32(parameters.count)
        let deadline = statementDeadline()
        if query.isPrepared {
            let name = try await preparedName(for: query.sql, types: parameters.types, deadline: deadline)
            try await send(parameters.withPointers { PQsendQueryPrepared(handle, name, count, $0, nil, nil, 0) }, deadline: deadline)
        } else {
            try await send(parameters.withPointers { PQsendQueryParams(handle, query.sql, count, parameters.types, $0, nil, nil, 0) }, deadline: deadline)
        }
        return try check(try await result(deadline: deadline))
    }

    /// When the statement starting now stops waiting for the server: `answerDeadline` from now,
    /// unless the task runs under ``withoutAnswerDeadline(_:)``.
    private func statementDeadline() -> ContinuousClock.Instant? {
        guard !Self.deadlineLifted, let answerDeadline else { return nil }
        return .now + answerDeadline
    }

    /// Prepares a statement the first time this connection sees it; later calls only bind and run.
    private func preparedName(for sql: String, types: [UInt32], deadline: ContinuousClock.Instant?) async throws -> String {
        let key = PreparedKey(sql: sql, types: types)
        if let name = preparedStatements[key] { return name }
        let name = "accord_\(preparedStatements.count + 1)"
        try await send(PQsendPrepare(handle, name, sql, Int32(types.count), types), deadline: deadline)
        _ = try check(try await result(deadline: deadline))
        preparedStatements[key] = name
        return name
    }

    /// Finishes sending what a `PQsend…` call (whose return value is `queued`) left in libpq's
    /// buffer, waiting for the socket to drain when it is full and reading whatever the server
    /// sends meanwhile, as libpq requires.
    private func send(_ queued: Int32, deadline: ContinuousClock.Instant?) async throws {
        guard queued == 1 else { throw lost("could not send the statement") }
        while true {
            switch PQflush(handle) {
            case 0: return
            case 1:
                try await waitForServer(.readableOrWritable, until: deadline, doing: "could not send the statement")
                guard PQconsumeInput(handle) == 1 else {
                    throw lost("could not send the statement")
                }
            default: throw lost("could not send the statement")
            }
        }
    }

    /// Collects the statement's results as they arrive: the first failed one, or else the last,
    /// as `PQexec` would return; `nil` when the connection was lost.
    private func result(deadline: ContinuousClock.Instant?) async throws -> OpaquePointer? {
        var kept: OpaquePointer?
        while true {
            while PQisBusy(handle) == 1 {
                do {
                    try await waitForServer(.readable, until: deadline, doing: "the connection was lost during the statement")
                    guard PQconsumeInput(handle) == 1 else { throw lost("the connection was lost during the statement") }
                } catch {
                    if let kept { PQclear(kept) }
                    throw error
                }
            }
            guard let next = PQgetResult(handle) else { return kept }
            if let earlier = kept, Self.failed(earlier) {
                PQclear(next)
            } else {
                if let earlier = kept { PQclear(earlier) }
                kept = next
            }
        }
    }

    private static func failed(_ result: OpaquePointer) -> Bool {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: false
        default: true
        }
    }

    /// Waits on the poller for the socket. Past `deadline` the connection is given up: a cancel
    /// request would itself wait on the unresponsive server, and the statement's fate there is
    /// unknown, so the connection is marked broken (the pool closes it) and the caller gets a
    /// connection failure, which a service answers with 503.
    private func waitForServer(_ readiness: PostgresSocketPoller.Readiness, until deadline: ContinuousClock.Instant?, doing what: String) async throws {
        switch await poller.wait(for: socket, readiness, until: deadline) {
        case .ready: return
        case .unwatchable: throw lost(what)
        case .timedOut:
            markBroken()
            throw PostgresError(.connectionFailure, reason: "the server did not answer within \(answerDeadline ?? .zero)")
        }
    }

    /// Marks the connection broken and describes the failure (libpq's message names no values).
    private func lost(_ what: String) -> PostgresError {
        markBroken()
        let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines()
        return PostgresError(.connectionFailure, reason: message.isEmpty ? what : "\(what): \(message)")
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
