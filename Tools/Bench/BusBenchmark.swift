import ArgumentParser
import Bus
import Foundation
import Postgres
import PostgresMigrations

/// `accord-bench bus`: bulk enqueue and drain rates of the bus, in a database of its own
/// (created and dropped by the benchmark, so it never touches real data).
struct BusBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus",
        abstract: "Measure the bus: bulk enqueue rate and how fast one worker process drains a backlog."
    )

    @Option(help: "Messages in the backlog.")
    var messages = 100_000

    @Option(help: "Messages per bulk-enqueue statement.")
    var bulkSize = 2_000

    @Option(help: "Seconds each single-message enqueue measurement runs.")
    var seconds = 3.0

    @Option(help: "Messages per second for the latency measurement.")
    var latencyRate = 200

    @Option(help: "Messages sent for the latency measurement.")
    var latencyMessages = 2_000

    @Option(help: "Messages a worker claims at once.")
    var batchSize = 500

    @Option(help: "Batches one process works on at once.")
    var concurrency = 2

    @Flag(help: "Print one JSON object instead of lines.")
    var json = false

    func run() async throws {
        try await withBenchDatabase(connections: concurrency + 4) { pool in
            try await MigrationRunner(pool: pool).migrate(try BusSchema.migrations())
            let enqueueRate = try await measureBulkEnqueue(pool)
            let drainRate = try await measureDrain(pool)
            let withNotify = try await measureSingleEnqueue(pool, due: true)
            let withoutNotify = try await measureSingleEnqueue(pool, due: false)
            let latency = try await BusLatency(rate: latencyRate, count: latencyMessages).measure(pool)
            report([
                "bulk_enqueue_per_s": enqueueRate, "drain_per_s": drainRate,
                "single_enqueue_notify_per_s": withNotify, "single_enqueue_no_notify_per_s": withoutNotify,
                "notify_enqueue_ratio": withNotify / withoutNotify,
                "latency_p50_ms": latency.p50, "latency_p99_ms": latency.p99, "durable": try await serverDurability(pool),
            ])
        }
    }

    /// Enqueues the backlog in `bulkSize` statements, one transaction each.
    private func measureBulkEnqueue(_ pool: PostgresPool) async throws -> Double {
        let chunk = (0..<bulkSize).map { OutgoingMessage(type: "bench.noop.v1", payload: #"{"n":\#($0)}"#) }
        let started = ContinuousClock.now
        var enqueued = 0
        while enqueued < messages {
            let size = min(bulkSize, messages - enqueued)
            enqueued += try await pool.withTransaction {
                try await MessageBus.enqueue(Array(chunk.prefix(size)), on: "bench", in: $0)
            }
        }
        return Double(enqueued) / seconds(since: started)
    }

    /// Drains the backlog with one worker (no-op handler) and times it to the last commit.
    private func measureDrain(_ pool: PostgresPool) async throws -> Double {
        var options = QueueWorker.Options()
        options.batchSize = batchSize
        options.concurrency = concurrency
        let worker = QueueWorker(pool: pool, queue: "bench", options: options) { _, _ in .done }
        let started = ContinuousClock.now
        let running = Task { try await worker.run() }
        while try await pool.query("SELECT EXISTS (SELECT 1 FROM bus.messages)").single?.decode(Bool.self, at: 0) == true {
            try await Task.sleep(for: .milliseconds(10))
        }
        let elapsed = seconds(since: started)
        running.cancel()
        _ = await running.result
        return Double(messages) / elapsed
    }

    /// Enqueues one message per transaction for `seconds`. Due messages send a NOTIFY at commit;
    /// messages due in an hour run the very same statement but send none — the difference
    /// between the two rates is the cost of the wake-up.
    private func measureSingleEnqueue(_ pool: PostgresPool, due: Bool) async throws -> Double {
        let message = OutgoingMessage(type: "bench.noop.v1", payload: "{}", runAt: due ? nil : .now.addingTimeInterval(3600))
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let count = try await pool.withConnection { connection in
            var count = 0
            while ContinuousClock.now < deadline {
                try await connection.withTransaction { try await MessageBus.enqueue([message], on: "bench.single", in: $0) }
                count += 1
            }
            return count
        }
        let rate = Double(count) / seconds(since: started)
        try await pool.query("DELETE FROM bus.messages WHERE queue = 'bench.single'")
        return rate
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return elapsed.totalSeconds
    }

    private func report(_ figures: [String: Double]) {
        printFigures(figures, json: json)
    }
}
