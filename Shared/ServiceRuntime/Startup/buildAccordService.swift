import Bus
import Configuration
import Hummingbird
import PostgresMigrations
import ServiceLifecycle

/// Builds one of the four Accord services the way they all start: settings from `reader`, a
/// database pool, the bus's and the service's migrations applied before serving (unless
/// `MIGRATE_ON_START=false`), `/health/ready` tied to the database, `/metrics`, and `routes`.
///
/// Tests call it (through each service's `buildApplication(reader:)`) with in-memory
/// configuration; `runService` calls it with the process environment.
///
/// - Parameters:
///   - wiring: The service's place on the bus; its queues are subscribed after the migrations.
///   - workers: The service's own long-running work (bus consumers, pruners), started after the
///     pool and stopped before it.
public func buildAccordService(
    _ service: ServiceIdentity,
    reader: ConfigReader,
    migrations: [MigrationSet],
    wiring: BusWiring,
    workers: (ServiceDatabase) throws -> [any Service] = { _ in [] },
    routes: (Router<BasicRequestContext>, ServiceDatabase) throws -> Void = { _, _ in }
) async throws -> some ApplicationProtocol {
    let settings = try await ServiceSettings(service: service, reader: reader)
    let database = ServiceDatabase(settings: settings, migrations: [try BusSchema.migrations()] + migrations, wiring: wiring)
    let workers = try workers(database)
    let consumed = workers.compactMap { ($0 as? QueueWorker)?.queue }
    return try buildServiceApplication(
        settings: settings,
        context: BasicRequestContext.self,
        readinessChecks: [database.readinessCheck],
        // Every replica prunes bus history and reports the depths of the queues it consumes:
        // pruning skips rows another replica holds, and dashboards take the max of the gauges.
        services: [database, RetentionPruner.busHistory(pool: database.pool), BusMetrics(pool: database.pool, queues: consumed)] + workers,
        migrate: database.migrate
    ) { router in
        try routes(router, database)
    }
}
