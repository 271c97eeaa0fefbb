import Bus
import Postgres
import PostgresMigrations
import TestSupport

/// A pool on the current test's database with the bus schema migrated and a table handlers
/// record their effects in (a unique key, so a double run would fail loudly).
func makeBusPool(maxConnections: Int = 8) async throws -> PostgresPool {
    let pool = try TestDatabase.required().makePool(maxConnections: maxConnections)
    try await MigrationRunner(pool: pool).migrate(try BusSchema.migrations())
    try await pool.query("CREATE TABLE effects (message_id bigint PRIMARY KEY, worker int NOT NULL)")
    return pool
}

/// `count` no-frills messages.
func messages(_ count: Int, type: String = "test.ping.v1") -> [OutgoingMessage] {
    (0..<count).map { OutgoingMessage(type: type, payload: #"{"n":\#($0)}"#) }
}

/// Fast retries for tests.
func testOptions(batchSize: Int = 100, concurrency: Int = 2) -> QueueWorker.Options {
    var options = QueueWorker.Options()
    options.batchSize = batchSize
    options.concurrency = concurrency
    options.pollInterval = .milliseconds(200)
    options.retryBase = .milliseconds(10)
    return options
}
