import ArgumentParser
import Bus
import Foundation
import IntakeService
import Logging
import MonitoringService
import NotificationsService
import Postgres
import PostgresMigrations
import SchedulingService

/// `accord migrate`: applies the migrations of the bus and all four services, and subscribes
/// the services' queues as their wirings declare.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending database migrations of the bus and every service.",
        discussion: "Safe to run while services start: migrations take an advisory lock, and each schema's batch commits or rolls back as a whole."
    )

    @Flag(name: .long, help: "List pending migrations without applying them.")
    var dryRun = false

    /// Every owner's migrations, in the order they apply: the bus first, as services publish to it.
    static func allMigrations() throws -> [MigrationSet] {
        [
            try BusSchema.migrations(),
            try IntakeSchema.migrations(),
            try SchedulingSchema.migrations(),
            try MonitoringSchema.migrations(),
            try NotificationsSchema.migrations(),
        ]
    }

    func run() async throws {
        let pool = PostgresPool(configuration: try administrationDatabase(), maxConnections: 1)
        let runner = MigrationRunner(pool: pool, logger: Logger(label: "accord.migrate"))
        do {
            for set in try Self.allMigrations() {
                let migrations = dryRun ? try await runner.pending(set) : try await runner.migrate(set)
                let verb = dryRun ? "pending" : "applied"
                print("\(set.schema): \(migrations.count) \(verb)\(migrations.isEmpty ? "" : ": " + migrations.map { "\($0.version)_\($0.name)" }.joined(separator: ", "))")
            }
            // The queues' subscriptions, as each service would make them at its start.
            if !dryRun {
                for wiring in BusWiring.all { try await pool.withConnection { try await wiring.subscribe(on: $0) } }
            }
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
    }
}
