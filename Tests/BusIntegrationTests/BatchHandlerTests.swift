import Bus
import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Queue workers with a whole-batch handler", .freshDatabase)
struct BatchHandlerTests {
    /// Inserts every message of the batch in one statement and counts the calls.
    private func insertAll(calls: Calls) -> QueueWorker.BatchHandler {
        { batch, transaction in
            await calls.record(batch.count)
            let ids = batch.map(\.id)
            if batch.contains(where: { $0.payload.contains("poison") }) { struct Poison: Error {}; throw Poison() }
            try await transaction.query("INSERT INTO effects (message_id, worker) SELECT unnest(\(ids)::int8[]), 1")
        }
    }

    /// The sizes of the batches the handler was given.
    actor Calls {
        private(set) var sizes: [Int] = []
        func record(_ size: Int) { sizes.append(size) }
    }

    @Test("a claimed batch reaches the handler in one call, and its writes commit with the acknowledgement")
    func wholeBatches() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { try await MessageBus.enqueue(messages(500), on: "projection", in: $0) }
        let calls = Calls()
        let worker = QueueWorker(pool: pool, queue: "projection", options: testOptions(batchSize: 100, concurrency: 1), batchHandler: insertAll(calls: calls))
        let drained = try await withWorkers([worker]) {
            try await eventually { try await pool.count("SELECT count(*) FROM bus.history") == 500 }
        }
        #expect(drained)
        #expect(try await pool.count("SELECT count(*) FROM effects") == 500)
        #expect(await calls.sizes == [100, 100, 100, 100, 100])
    }

    @Test("a batch the handler refuses is retried one message at a time: the bad one fails alone, the rest commit")
    func poisonFailsAlone() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        var batch = messages(9)
        batch.insert(OutgoingMessage(type: "test.ping.v1", payload: #"{"poison":true}"#, maxAttempts: 1), at: 4)
        try await pool.withTransaction { try await MessageBus.enqueue(batch, on: "projection", in: $0) }
        let calls = Calls()
        let worker = QueueWorker(pool: pool, queue: "projection", options: testOptions(batchSize: 10, concurrency: 1), batchHandler: insertAll(calls: calls))
        let settled = try await withWorkers([worker]) {
            try await eventually { try await pool.count("SELECT count(*) FROM bus.messages WHERE state = 'dead'") == 1 }
        }
        #expect(settled)
        #expect(try await pool.count("SELECT count(*) FROM effects") == 9)
        #expect(try await pool.count("SELECT count(*) FROM bus.history") == 9)
        #expect(await calls.sizes == [10] + Array(repeating: 1, count: 10))
    }
}
