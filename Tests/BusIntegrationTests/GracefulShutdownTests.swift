import Bus
import Logging
import Postgres
import ServiceLifecycle
import Testing
import TestSupport

@Suite("Graceful shutdown of a worker", .freshDatabase)
struct GracefulShutdownTests {
    @Test("a batch in progress when shutdown begins finishes and commits; nothing new is claimed")
    func finishesBatch() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { try await MessageBus.enqueue(messages(2), on: "monitoring", in: $0) }
        var options = testOptions(batchSize: 1, concurrency: 1)
        options.pollInterval = .milliseconds(50)
        let worker = QueueWorker(pool: pool, queue: "monitoring", options: options) { message, transaction in
            // Long enough that the test sees the first message running before it is done, even
            // on a machine busy with every other suite (with 0.5 s it sometimes saw the second).
            try await Task.sleep(for: .seconds(3))
            try await transaction.query("INSERT INTO effects (message_id, worker) VALUES (\(message.id), 1)")
            return .done
        }
        let group = ServiceGroup(services: [worker], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        let busy = try await eventually { try await pool.count("SELECT count(*) FROM bus.messages WHERE state = 'running'") == 1 }
        #expect(busy)
        await group.triggerGracefulShutdown()
        try await running.value
        // The batch that was running committed with its effect; the other message was never claimed.
        #expect(try await pool.count("SELECT count(*) FROM bus.history") == 1)
        #expect(try await pool.count("SELECT count(*) FROM effects") == 1)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE state = 'ready' AND attempts = 0") == 1)
    }
}
