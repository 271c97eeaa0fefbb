import ArgumentParser
import Bus
import Foundation
import MonitoringService
import Postgres
import PostgresMigrations

/// `accord-bench seed`: a region's synthetic two-year history in a database of its own, for
/// `accord-bench monitoring`. The events are kept in `bench_events` as their producers would
/// have published them; the benchmark replays them through the bus.
struct MonitoringSeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Generate a region's synthetic history (schools, municipal services, events) for `accord-bench monitoring`.")

    @Option(help: "School services; a municipal service is added per 50.")
    var schools = 1000
    @Option(help: "Events to generate.")
    var events = 1_000_000
    @Option(help: "The database to (re)create on the server the environment names.")
    var database = MonitoringSeed.defaultDatabase
    @Flag(help: "Print figures as JSON.")
    var json = false

    /// Where `seed` writes and `monitoring` reads unless told otherwise.
    static let defaultDatabase = "accord_monitoring_bench"
    /// The region every seeded organisation is in.
    static let region = "bench"

    func run() async throws {
        let server = PostgresConfiguration.fromEnvironment(ProcessInfo.processInfo.environment, applicationName: "accord-bench")
        let admin = try await PostgresConnection.connect(configuration: server)
        try await admin.query("DROP DATABASE IF EXISTS \(identifier: database) WITH (FORCE)")
        try await admin.query("CREATE DATABASE \(identifier: database)")
        await admin.close()
        let pool = PostgresPool(configuration: server.database(database), maxConnections: 2)
        defer { Task { await pool.close() } }
        let started = ContinuousClock.now
        try await MigrationRunner(pool: pool).migrate([try BusSchema.migrations(), try MonitoringSchema.migrations()])
        try await pool.query("CREATE TABLE bench_events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, type text NOT NULL, payload jsonb NOT NULL)")
        let history = MonitoringHistory(schools: schools)
        try await pool.withTransaction { connection in
            for (index, organisation) in history.organisations.enumerated() {
                try await OrganisationRegistry.set(
                    organisation.id, name: organisation.isMunicipal ? "МСП \(index + 1)" : "ШСП \(index + 1)",
                    kind: organisation.isMunicipal ? .municipalService : .schoolService, municipality: organisation.municipality,
                    region: Self.region, timeZone: organisation.timeZone, on: connection)
            }
        }
        var types: [String] = [], payloads: [String] = []
        var written = 0
        func flush() async throws {
            guard !types.isEmpty else { return }
            try await pool.query("INSERT INTO bench_events (type, payload) SELECT t, p::jsonb FROM unnest(\(types)::text[], \(payloads)::text[]) AS e(t, p)")
            written += types.count
            types.removeAll(keepingCapacity: true)
            payloads.removeAll(keepingCapacity: true)
        }
        var pending: [(String, String)] = []
        try history.generate(count: events) { event in
            pending.append((Swift.type(of: event).messageType, try PostgresJSONCoding.encode(event)))
        }
        for (type, payload) in pending {
            types.append(type)
            payloads.append(payload)
            if types.count == 10_000 { try await flush() }
        }
        try await flush()
        try await pool.query("VACUUM ANALYZE bench_events")
        printFigures([
            "events": Double(written), "organisations": Double(history.organisations.count), "schools": Double(schools),
            "seconds": (ContinuousClock.now - started).totalSeconds,
        ], json: json)
    }
}
