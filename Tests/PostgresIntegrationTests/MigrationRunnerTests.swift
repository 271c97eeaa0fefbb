import Postgres
import PostgresMigrations
import Testing
import TestSupport

@Suite("Migrations", .freshDatabase)
struct MigrationRunnerTests {
    private static let migrations = [
        Migration(version: 1, name: "create_cases", sql: "CREATE TABLE scheduling_test.cases (id int PRIMARY KEY);"),
        Migration(version: 2, name: "add_state", sql: """
            ALTER TABLE scheduling_test.cases ADD COLUMN state text NOT NULL DEFAULT 'new';
            INSERT INTO scheduling_test.cases (id) VALUES (1);
            """),
    ]

    @Test("several runners started at once apply each migration exactly once")
    func concurrentRunners() async throws {
        let database = try TestDatabase.required()
        let set = try MigrationSet(schema: "scheduling_test", migrations: Self.migrations)
        let applied = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    let pool = database.makePool(maxConnections: 1)
                    defer { Task { await pool.close() } }
                    return try await MigrationRunner(pool: pool).migrate(set).count
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(applied.sorted() == [0, 0, 0, 0, 0, 2])
        let pool = database.makePool()
        defer { Task { await pool.close() } }
        #expect(try await pool.query("SELECT count(*) FROM scheduling_test.cases").single?.decode(Int.self, at: 0) == 1)
        let ledger = try await pool.query("SELECT version FROM scheduling_test.schema_migrations ORDER BY version")
        #expect(try ledger.map { try $0.decode(Int.self, at: 0) } == [1, 2])
        #expect(try await MigrationRunner(pool: pool).pending(set).isEmpty)
    }

    @Test("a changed applied migration stops the runner")
    func checksumMismatch() async throws {
        let pool = try TestDatabase.required().makePool()
        defer { Task { await pool.close() } }
        let runner = MigrationRunner(pool: pool)
        try await runner.migrate(try MigrationSet(schema: "scheduling_test", migrations: Self.migrations))
        var edited = Self.migrations
        edited[0] = Migration(version: 1, name: "create_cases", sql: "CREATE TABLE scheduling_test.cases (id bigint PRIMARY KEY);")
        let changed = try MigrationSet(schema: "scheduling_test", migrations: edited)
        await #expect(throws: MigrationError.checksumMismatch(schema: "scheduling_test", version: 1, name: "create_cases")) {
            try await runner.migrate(changed)
        }
        await #expect(throws: MigrationError.self) { try await runner.pending(changed) }
    }

    @Test("a failing migration leaves nothing behind: the whole batch rolls back")
    func failingMigration() async throws {
        let pool = try TestDatabase.required().makePool()
        defer { Task { await pool.close() } }
        let broken = Self.migrations + [Migration(version: 3, name: "broken", sql: "ALTER TABLE scheduling_test.nope ADD COLUMN x int;")]
        await #expect(throws: PostgresError.self) {
            try await MigrationRunner(pool: pool).migrate(try MigrationSet(schema: "scheduling_test", migrations: broken))
        }
        #expect(try await pool.query("SELECT to_regclass('scheduling_test.cases') IS NULL").single?.decode(Bool.self, at: 0) == true)
    }

    @Test("pending lists what has not been applied, oldest first")
    func pending() async throws {
        let pool = try TestDatabase.required().makePool()
        defer { Task { await pool.close() } }
        let runner = MigrationRunner(pool: pool)
        let first = try MigrationSet(schema: "scheduling_test", migrations: [Self.migrations[0]])
        let both = try MigrationSet(schema: "scheduling_test", migrations: Self.migrations)
        #expect(try await runner.pending(both).map(\.version) == [1, 2])
        try await runner.migrate(first)
        #expect(try await runner.pending(both).map(\.version) == [2])
    }
}
