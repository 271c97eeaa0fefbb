import Postgres
import Testing
import TestSupport

@Suite("Errors carry SQLSTATE and never values", .freshDatabase)
struct PostgresErrorTests {
    private static let secret = "Иванов Қайрат, тел. +7 701 555 12 34"

    private func pool() throws -> PostgresPool {
        try TestDatabase.required().makePool(maxConnections: 2)
    }

    private func prepare(_ pool: PostgresPool) async throws {
        try await pool.query("""
            CREATE TABLE families (id int PRIMARY KEY, name text NOT NULL UNIQUE CHECK (length(name) < 60));
            """)
        try await pool.query("CREATE TABLE children (id int PRIMARY KEY, family int NOT NULL REFERENCES families(id))")
        try await pool.query("INSERT INTO families VALUES (1, \(Self.secret))")
    }

    private func failure(_ pool: PostgresPool, _ query: PostgresQuery) async throws -> PostgresError {
        let error = await #expect(throws: PostgresError.self) { try await pool.query(query) }
        let unwrapped = try #require(error)
        #expect(!unwrapped.description.contains("Иванов"), "error text must not carry the value")
        #expect(!unwrapped.description.contains("701"), "error text must not carry the value")
        return unwrapped
    }

    @Test("unique, foreign key, check, not-null and bad input map to their cases")
    func constraintViolations() async throws {
        let pool = try pool()
        defer { Task { await pool.close() } }
        try await prepare(pool)
        let unique = try await failure(pool, "INSERT INTO families VALUES (2, \(Self.secret))")
        #expect(unique.kind == .uniqueViolation)
        #expect(unique.sqlState == "23505")
        #expect(unique.constraint == "families_name_key")
        #expect(unique.table == "families")
        let foreignKey = try await failure(pool, "INSERT INTO children VALUES (1, \(99))")
        #expect(foreignKey.kind == .foreignKeyViolation)
        let check = try await failure(pool, "INSERT INTO families VALUES (3, \(Self.secret + String(repeating: "я", count: 60)))")
        #expect(check.kind == .checkViolation)
        let notNull = try await failure(pool, PostgresQuery(sql: "INSERT INTO families VALUES (4, $1)", binds: [String?.none]))
        #expect(notNull.kind == .notNullViolation)
        #expect(notNull.column == "name")
        let badInput = try await failure(pool, "SELECT \(Self.secret)::int")
        #expect(badInput.sqlState == "22P02")
    }

    @Test("syntax errors keep the server's explanation, which speaks of SQL only")
    func syntaxError() async throws {
        let pool = try pool()
        defer { Task { await pool.close() } }
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELEC 1") }
        #expect(error?.sqlState == "42601")
        #expect(error?.description.contains("syntax error") == true)
    }

    @Test("a deadlock is reported as such")
    func deadlock() async throws {
        let pool = try pool()
        defer { Task { await pool.close() } }
        try await pool.query("CREATE TABLE locks (id int PRIMARY KEY)")
        try await pool.query("INSERT INTO locks VALUES (1), (2)")
        // Each transaction takes its first lock, waits until the other has taken its own, then
        // asks for the other's: a deadlock whatever the timing.
        let bothLocked = Barrier(parties: 2)
        let results = await withTaskGroup(of: PostgresError?.self) { group in
            for (first, second) in [(1, 2), (2, 1)] {
                group.addTask {
                    do {
                        try await pool.withTransaction { connection in
                            try await connection.query("SELECT * FROM locks WHERE id = \(first) FOR UPDATE")
                            await bothLocked.arrive()
                            try await connection.query("SELECT * FROM locks WHERE id = \(second) FOR UPDATE")
                        }
                        return nil
                    } catch {
                        return error as? PostgresError
                    }
                }
            }
            return await group.reduce(into: [PostgresError?]()) { $0.append($1) }
        }
        #expect(results.compactMap { $0 }.map(\.kind) == [.deadlockDetected])
    }

    @Test("cancelling the task cancels the running statement on the server")
    func cancellation() async throws {
        let pool = try pool()
        defer { Task { await pool.close() } }
        let started = ContinuousClock.now
        let task = Task { try await pool.query("SELECT pg_sleep(30)") }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let error = await #expect(throws: PostgresError.self) { try await task.value }
        #expect(error?.kind == .queryCanceled)
        #expect(ContinuousClock.now - started < .seconds(10))
        // The connection is still good afterwards.
        #expect(try await pool.query("SELECT 1").single?.decode(Int32.self, at: 0) == 1)
    }
}

/// Lets tasks wait until a given number of them have arrived.
actor Barrier {
    private let parties: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) {
        self.parties = parties
    }

    /// Waits until `parties` tasks have called this.
    func arrive() async {
        arrived += 1
        if arrived >= parties {
            waiting.forEach { $0.resume() }
            waiting = []
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}
