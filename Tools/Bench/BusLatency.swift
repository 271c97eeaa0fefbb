import Bus
import Foundation
import Postgres
import Synchronization

/// Enqueue-commit → handler-start latency at a light steady rate, with one worker woken by
/// NOTIFY (its polling backstop is 1 s, so slow wake-ups would show in the tail).
struct BusLatency {
    let rate: Int
    let count: Int

    /// Percentiles in milliseconds.
    struct Result {
        let p50: Double
        let p99: Double
    }

    func measure(_ pool: PostgresPool) async throws -> Result {
        // Commit instants by sequence number, and handler-start instants, both on one monotonic clock.
        let committed = Mutex<[Int: ContinuousClock.Instant]>([:])
        let started = Mutex<[Int: ContinuousClock.Instant]>([:])
        let worker = QueueWorker(pool: pool, queue: "bench.latency") { message, _ in
            let now = ContinuousClock.now
            if let sequence = Int(message.payload.filter(\.isNumber)) {
                started.withLock { $0[sequence] = now }
            }
            return .done
        }
        let running = Task { try await worker.run() }
        try await Task.sleep(for: .milliseconds(500)) // the worker's listener connects
        let interval = Duration.seconds(1) / rate
        var next = ContinuousClock.now
        for sequence in 0..<count {
            try await pool.withTransaction { connection in
                try await MessageBus.enqueue([OutgoingMessage(type: "bench.latency.v1", payload: #"{"n":\#(sequence)}"#)], on: "bench.latency", in: connection)
            }
            let now = ContinuousClock.now
            committed.withLock { $0[sequence] = now }
            next += interval
            try await Task.sleep(until: next, clock: .continuous)
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while started.withLock({ $0.count }) < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        running.cancel()
        _ = await running.result
        // A handler may start before the producer records the commit returning; that counts as 0.
        let latencies = committed.withLock { commits in
            started.withLock { starts in
                commits.compactMap { sequence, commit in starts[sequence].map { max(.zero, $0 - commit) } }
            }
        }.map { $0.totalSeconds * 1000 }.sorted()
        guard !latencies.isEmpty else { return Result(p50: .infinity, p99: .infinity) }
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return Result(p50: percentile(0.50), p99: percentile(0.99))
    }
}
