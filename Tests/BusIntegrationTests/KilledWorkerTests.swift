import Bus
import Foundation
import Postgres
import Testing
import TestSupport

@Suite("A worker process killed with SIGKILL", .freshDatabase)
struct KilledWorkerTests {
    /// `accord-bench`, built next to this test bundle by `swift build --build-tests`.
    private var drillExecutable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("accord-bench")
    }

    @Test("its claimed messages run again once its lease expires; each takes effect exactly once")
    func sigkill() async throws {
        let database = try TestDatabase.required()
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { try await MessageBus.enqueue(messages(40), on: "drill", in: $0) }
        try #require(FileManager.default.isExecutableFile(atPath: drillExecutable.path), "build accord-bench first")

        let process = Process()
        process.executableURL = drillExecutable
        process.arguments = ["bus-worker", "--queue", "drill", "--lease-seconds", "6", "--handler-sleep-milliseconds", "400", "--batch-size", "10"]
        process.environment = database.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it mid-batch: once it has committed some work and holds a claimed batch (a batch
        // takes 4 s, well inside its 6 s lease, so a busy machine still kills it mid-batch).
        let midBatch = try await eventually(within: .seconds(30)) {
            let finished = try await pool.count("SELECT count(*) FROM bus.history")
            let claimed = try await pool.count("SELECT count(*) FROM bus.messages WHERE state = 'running'")
            return finished >= 10 && claimed > 0
        }
        #expect(midBatch)
        kill(process.processIdentifier, SIGKILL)
        #expect(await process.exit())
        let stranded = try await pool.count("SELECT count(*) FROM bus.messages WHERE state = 'running'")
        #expect(stranded > 0, "the kill must leave claimed messages behind")

        var options = testOptions()
        options.lease = .seconds(2)
        let survivor = QueueWorker(pool: pool, queue: "drill", options: options, handler: recordEffect(worker: 1))
        let drained = try await withWorkers([survivor]) {
            try await eventually(within: .seconds(30)) { try await pool.count("SELECT count(*) FROM bus.history") == 40 }
        }
        #expect(drained)
        #expect(try await pool.count("SELECT count(*) FROM effects") == 40)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages") == 0)
    }
}
