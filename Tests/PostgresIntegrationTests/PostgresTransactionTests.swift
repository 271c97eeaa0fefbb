import Postgres
import Testing
import TestSupport

private struct Abort: Error {}

@Suite("Transactions", .freshDatabase)
struct PostgresTransactionTests {
    @Test("a body that throws rolls back everything it wrote")
    func rollbackOnThrow() async throws {
        let pool = try TestDatabase.required().makePool()
        defer { Task { await pool.close() } }
        try await pool.query("CREATE TABLE cases (id int PRIMARY KEY)")
        await #expect(throws: Abort.self) {
            try await pool.withTransaction { connection in
                try await connection.query("INSERT INTO cases VALUES (1)")
                try await connection.query("INSERT INTO cases VALUES (2)")
                throw Abort()
            }
        }
        #expect(try await pool.query("SELECT count(*) FROM cases").single?.decode(Int.self, at: 0) == 0)
        // The connection went back to the pool outside any transaction and still works.
        try await pool.withTransaction { try await $0.query("INSERT INTO cases VALUES (3)") }
        #expect(try await pool.query("SELECT count(*) FROM cases").single?.decode(Int.self, at: 0) == 1)
    }

    @Test("a failing statement rolls back the transaction and surfaces its SQLSTATE")
    func rollbackOnServerError() async throws {
        let pool = try TestDatabase.required().makePool()
        defer { Task { await pool.close() } }
        try await pool.query("CREATE TABLE cases (id int PRIMARY KEY)")
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withTransaction { connection in
                try await connection.query("INSERT INTO cases VALUES (1)")
                try await connection.query("INSERT INTO cases VALUES (1)")
            }
        }
        #expect(error?.kind == .uniqueViolation)
        #expect(try await pool.query("SELECT count(*) FROM cases").single?.decode(Int.self, at: 0) == 0)
    }

    @Test("a transaction inside a transaction is refused rather than committing the outer one halfway")
    func nestedTransactionRefused() async throws {
        let pool = try TestDatabase.required().makePool()
        defer { Task { await pool.close() } }
        try await pool.query("CREATE TABLE cases (id int PRIMARY KEY)")
        await #expect(throws: PostgresError.self) {
            try await pool.withTransaction { connection in
                try await connection.query("INSERT INTO cases VALUES (1)")
                try await connection.withTransaction { try await $0.query("INSERT INTO cases VALUES (2)") }
            }
        }
        #expect(try await pool.query("SELECT count(*) FROM cases").single?.decode(Int.self, at: 0) == 0)
    }

    @Test("serialization failures are retried until the transaction commits")
    func retryOnSerializationFailure() async throws {
        let pool = try TestDatabase.required().makePool(maxConnections: 8)
        defer { Task { await pool.close() } }
        try await pool.query("CREATE TABLE counter (value int NOT NULL)")
        try await pool.query("INSERT INTO counter VALUES (0)")
        // Eight serializable read-modify-write transactions at once: most collide at least once.
        let attempts = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await pool.withRetryingTransaction(maxAttempts: 50) { connection in
                        await attempts.increment()
                        let value = try await connection.query("SELECT value FROM counter").single!.decode(Int.self, at: 0)
                        try await Task.sleep(for: .milliseconds(20))
                        try await connection.query("UPDATE counter SET value = \(value + 1)")
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await pool.query("SELECT value FROM counter").single?.decode(Int.self, at: 0) == 8)
        #expect(await attempts.value > 8, "the test must actually provoke serialization failures")
    }
}

/// Counts across tasks.
actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}
