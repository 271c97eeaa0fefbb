import Bus
import Configuration
import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import PostgresMigrations
import Testing
import TestSupport

@Suite("The four services start, migrate and report health", .freshDatabase)
struct ServiceStartupTests {
    /// A reader over the test database's settings plus `extra`, on a free port, with the
    /// secrets a service refuses to start without (notifications' `SECRETS_KEY`).
    private func reader(_ extra: [String: String] = [:]) throws -> ConfigReader {
        let database = try TestDatabase.required()
        let required = ["HTTP_PORT": "0", "SECRETS_KEY": String(repeating: "k", count: 32)]
        return ConfigReader(providers: [
            EnvironmentVariablesProvider(environmentVariables: database.environment.merging(required.merging(extra) { $1 }) { $1 }),
        ])
    }

    @Test("each service applies the bus's and its own migrations at start-up, then is ready", arguments: AccordServiceUnderTest.allCases)
    func startsReady(_ service: AccordServiceUnderTest) async throws {
        let app = try await service.build(try reader())
        try await app.test(.live) { client in
            try await client.execute(uri: "/health/live", method: .get) { #expect($0.status == .ok) }
            // Migrations ran before the server started; the readiness probe still gives up after 2 s,
            // which a machine running every suite at once can exceed, so poll as an orchestrator does.
            #expect(try await eventually(within: .seconds(30)) {
                try await client.execute(uri: "/health/ready", method: .get) { $0.status == .ok }
            })
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .ok) }
        }
        let pool = try TestDatabase.required().makePool()
        defer { Task { await pool.close() } }
        let runner = MigrationRunner(pool: pool)
        #expect(try await runner.pending(try BusSchema.migrations()).isEmpty)
        #expect(try await runner.pending(try service.migrations()).isEmpty)
        let owner = try await pool.query("SELECT obj_description(\(service.schema)::regnamespace, 'pg_namespace')").single?.decode(String?.self, at: 0)
        #expect(owner?.contains("accord-\(service.rawValue)") == true)
    }

    @Test("with MIGRATE_ON_START=false a service is live but not ready until migrations are applied")
    func notReadyUntilMigrated() async throws {
        let app = try await AccordServiceUnderTest.scheduling.build(try reader(["MIGRATE_ON_START": "false"]))
        let pool = try TestDatabase.required().makePool()
        defer { Task { await pool.close() } }
        try await app.test(.live) { client in
            try await client.execute(uri: "/health/ready", method: .get) { #expect($0.status == .serviceUnavailable) }
            try await MigrationRunner(pool: pool).migrate([try BusSchema.migrations(), try AccordServiceUnderTest.scheduling.migrations()])
            // Readiness is checked per request (a query and the migration list); on a loaded machine
            // one check can time out, so the answer is awaited rather than taken from one request.
            let ready = try await eventually(within: .seconds(30)) {
                try await client.execute(uri: "/health/ready", method: .get) { $0.status == .ok }
            }
            #expect(ready)
        }
    }

    @Test("a service whose database is unreachable is live but not ready")
    func unreachableDatabase() async throws {
        let app = try await AccordServiceUnderTest.monitoring.build(try reader([
            "MIGRATE_ON_START": "false", "PGHOST": "127.0.0.1", "PGPORT": "1", "DATABASE_URL": "",
        ]))
        try await app.test(.live) { client in
            try await client.execute(uri: "/health/live", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/health/ready", method: .get) { #expect($0.status == .serviceUnavailable) }
        }
    }

    @Test("a service whose applied migration was edited refuses to start")
    func changedMigrationStopsStartup() async throws {
        let pool = try TestDatabase.required().makePool()
        defer { Task { await pool.close() } }
        try await MigrationRunner(pool: pool).migrate(try BusSchema.migrations())
        try await pool.query("UPDATE bus.schema_migrations SET checksum = 'edited' WHERE version = 1")
        let app = try await AccordServiceUnderTest.intake.build(try reader())
        // Run the application as `runService` does; it must stop with the error, not serve.
        // (HummingbirdTesting's live mode waits for a server that never starts, so it is not used.)
        let refused = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    try await app.run()
                    return false
                } catch is MigrationError {
                    return true
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(20))
                return false
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(refused)
    }
}
