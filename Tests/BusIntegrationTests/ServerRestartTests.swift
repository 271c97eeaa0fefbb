import Bus
import Foundation
import Postgres
import Testing
import TestSupport

/// The command `scripts/test` gives to restart the test server; without it the suite is skipped,
/// since restarting PostgreSQL under tests running in parallel would break them.
private let restartCommand = ProcessInfo.processInfo.environment["ACCORD_TEST_PG_RESTART"]

@Suite("PostgreSQL restarted mid-drain", .freshDatabase, .enabled(if: restartCommand != nil, "run by scripts/test on its own"))
struct ServerRestartTests {
    @Test("processing resumes after the restart; nothing is lost and nothing runs twice")
    func restartMidDrain() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { try await MessageBus.enqueue(messages(20_000), on: "drain", in: $0) }
        var options = testOptions(batchSize: 200)
        options.lease = .seconds(2)
        let workers = (1...2).map { QueueWorker(pool: pool, queue: "drain", options: options, handler: recordEffect(worker: $0)) }
        try await withWorkers(workers) {
            let started = try await eventually { try await pool.count("SELECT count(*) FROM bus.history") >= 2_000 }
            #expect(started)
            #expect(try await runShell(try #require(restartCommand)) == 0)
            // Queries fail while the server is down; keep asking.
            let drained = try await eventually(within: .seconds(90)) {
                (try? await pool.count("SELECT count(*) FROM bus.history")) == 20_000
            }
            #expect(drained)
        }
        #expect(try await pool.count("SELECT count(*) FROM effects") == 20_000)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages") == 0)
    }
}
