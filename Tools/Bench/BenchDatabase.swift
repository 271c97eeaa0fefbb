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

/// 1 when `pool`'s server commits as PostgreSQL ships it (`fsync`, `full_page_writes` on,
/// `synchronous_commit` not off): every commit waits for the disk, as in a deployment. 0 for a
/// throwaway cluster (`scripts/lib/postgres.sh` without `--durable`). Every benchmark prints it
/// as `durable`, so that no figure is quoted without the settings it was measured on.
func serverDurability(_ pool: PostgresPool) async throws -> Double {
    let durable = try await pool.query("""
        SELECT current_setting('fsync') = 'on' AND current_setting('full_page_writes') = 'on'
               AND current_setting('synchronous_commit') <> 'off'
        """).single!.decode(Bool.self, at: 0)
    return durable ? 1 : 0
}
