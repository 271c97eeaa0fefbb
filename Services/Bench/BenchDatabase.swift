import Foundation
import Postgres

/// Runs `body` with a pool on a database of its own, created on the server the environment
/// names and dropped afterwards whatever happens, so a benchmark never touches real data.
func withBenchDatabase(connections: Int, _ body: (PostgresPool) async throws -> Void) async throws {
    let server = PostgresConfiguration.fromEnvironment(ProcessInfo.processInfo.environment, applicationName: "accord-bench")
    let database = "accord_bench_\(ProcessInfo.processInfo.processIdentifier)"
    let admin = try await PostgresConnection.connect(configuration: server)
    try await admin.query("CREATE DATABASE \(identifier: database)")
    let pool = PostgresPool(configuration: server.database(database), maxConnections: connections)
    do {
        try await body(pool)
    } catch {
        await pool.close()
        try await admin.query("DROP DATABASE \(identifier: database) WITH (FORCE)")
        await admin.close()
        throw error
    }
    await pool.close()
    try await admin.query("DROP DATABASE \(identifier: database) WITH (FORCE)")
    await admin.close()
}
