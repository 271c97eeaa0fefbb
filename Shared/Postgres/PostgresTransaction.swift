/// The isolation level of a transaction.
public enum PostgresIsolationLevel: String, Sendable {
    /// PostgreSQL's default: each statement sees data committed before it began.
    case readCommitted = "READ COMMITTED"
    /// The whole transaction sees one snapshot.
    case repeatableRead = "REPEATABLE READ"
    /// As if transactions ran one after another; may fail with a serialization error to retry.
    case serializable = "SERIALIZABLE"
}

extension PostgresConnection {
    /// Runs `body` inside `BEGIN … COMMIT` on this connection; rolls back if `body` throws.
    ///
    /// If the commit itself fails, the error is thrown and nothing was committed.
    @discardableResult
    public func withTransaction<T: Sendable>(
        isolation: PostgresIsolationLevel = .readCommitted,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        // A nested BEGIN is only a warning to PostgreSQL, and its COMMIT would commit the outer
        // transaction halfway (a bus handler would release its batch's locks): refuse it.
        guard isOutsideTransaction else {
            throw PostgresError(.server, reason: "withTransaction called inside a transaction; use the open one")
        }
        try await query(isolation == .readCommitted
            ? PostgresQuery(sql: "BEGIN", prepared: true)
            : PostgresQuery(sql: "BEGIN ISOLATION LEVEL " + isolation.rawValue))
        let value: T
        do {
            value = try await body(self)
        } catch {
            await rollBack()
            throw error
        }
        do {
            try await query(PostgresQuery(sql: "COMMIT", prepared: true))
        } catch {
            await rollBack()
            throw error
        }
        return value
    }

    /// Rolls back after a failure; if even that fails the connection is unusable and dropped.
    private func rollBack() async {
        guard !isBroken else { return }
        do {
            try await query("ROLLBACK")
        } catch {
            markBroken()
        }
    }
}

extension PostgresPool {
    /// Runs `body` in a transaction on a pooled connection; rolls back if `body` throws.
    @discardableResult
    public func withTransaction<T: Sendable>(
        isolation: PostgresIsolationLevel = .readCommitted,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection { try await $0.withTransaction(isolation: isolation, body) }
    }

    /// Runs `body` in a transaction and runs it again, from the start and on a fresh
    /// transaction, when it fails with a serialization failure or a deadlock.
    ///
    /// `body` must therefore be safe to repeat: it should only touch the database.
    @discardableResult
    public func withRetryingTransaction<T: Sendable>(
        isolation: PostgresIsolationLevel = .serializable,
        maxAttempts: Int = 5,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withTransaction(isolation: isolation, body)
            } catch let error as PostgresError where error.isTransient && attempt < maxAttempts {
                // Jittered exponential backoff, so the transactions that collided do not collide again.
                let base = 5 << min(attempt, 8)
                try await Task.sleep(for: .milliseconds(Int.random(in: base / 2...base)))
                attempt += 1
            }
        }
    }
}
