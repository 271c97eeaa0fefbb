import Postgres

/// The open transaction a handler writes in. Its writes commit together with the message's
/// acknowledgement, so either both happen or neither does.
///
/// Each handler's writes sit behind a savepoint, opened on its first statement (a handler that
/// never touches the database costs no round trip), so a failing handler undoes only its own
/// writes and not those of the other messages in the batch.
public final class HandlerTransaction: @unchecked Sendable {
    private let connection: PostgresConnection
    /// Touched only by the batch's task, one handler at a time (`exclusiveUse` checks it in
    /// debug builds).
    private(set) var hasSavepoint = false
    private let exclusiveUse = ExclusiveUse("a HandlerTransaction")

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The connection inside the transaction, for statements and for `MessageBus` calls.
    public func connection() async throws -> PostgresConnection {
        try await exclusiveUse.run {
            if !hasSavepoint {
                try await connection.query(PostgresQuery(sql: "SAVEPOINT accord_handler", prepared: true))
                hasSavepoint = true
            }
            return connection
        }
    }

    /// Runs a statement in the transaction.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await connection().query(query)
    }

    /// Keeps the handler's writes.
    func keep() async throws {
        try await exclusiveUse.run {
            guard hasSavepoint else { return }
            try await connection.query(PostgresQuery(sql: "RELEASE SAVEPOINT accord_handler", prepared: true))
        }
    }

    /// Undoes the handler's writes.
    func undo() async throws {
        try await exclusiveUse.run {
            guard hasSavepoint else { return }
            try await connection.query(PostgresQuery(sql: "ROLLBACK TO SAVEPOINT accord_handler", prepared: true))
            try await connection.query(PostgresQuery(sql: "RELEASE SAVEPOINT accord_handler", prepared: true))
        }
    }
}
