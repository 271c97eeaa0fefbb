import Foundation
import Bus
import Postgres
import Testing
import TestSupport

/// Runs workers until `body` returns, then cancels them.
func withWorkers<T>(_ workers: [QueueWorker], _ body: () async throws -> T) async throws -> T {
    let tasks = workers.map { worker in Task { try await worker.run() } }
    defer { tasks.forEach { $0.cancel() } }
    return try await body()
}

/// Records a message's effect in `effects`, in the handler's transaction.
func recordEffect(worker: Int) -> QueueWorker.Handler {
    { message, transaction in
        try await transaction.query("INSERT INTO effects (message_id, worker) VALUES (\(message.id), \(worker))")
        return .done
    }
}

@Suite("Queue workers", .freshDatabase)
struct QueueWorkerTests {
    @Test("4 concurrent workers over 10,000 messages: each processed exactly once, none lost")
    func noLossNoDuplicates() async throws {
        let pool = try await makeBusPool(maxConnections: 12)
        defer { Task { await pool.close() } }
        try await pool.withTransaction { try await MessageBus.enqueue(messages(10_000), on: "scheduling", in: $0) }
        let workers = (1...4).map { QueueWorker(pool: pool, queue: "scheduling", options: testOptions(), handler: recordEffect(worker: $0)) }
        let drained = try await withWorkers(workers) {
            try await eventually { try await pool.count("SELECT count(*) FROM bus.history") == 10_000 }
        }
        #expect(drained)
        #expect(try await pool.count("SELECT count(*) FROM effects") == 10_000)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages") == 0)
        #expect(try await pool.count("SELECT count(DISTINCT worker) FROM effects") > 1, "work must actually be shared")
    }

    @Test("a failing handler's writes roll back with it; the retry's writes commit with the ack")
    func atomicEffects() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { try await MessageBus.enqueue(messages(1), on: "scheduling", in: $0) }
        struct Flaky: Error {}
        let worker = QueueWorker(pool: pool, queue: "scheduling", options: testOptions()) { message, transaction in
            try await transaction.query("INSERT INTO effects (message_id, worker) VALUES (\(message.id), \(message.attempt))")
            if message.attempt == 1 { throw Flaky() }
            return .done
        }
        let done = try await withWorkers([worker]) {
            try await eventually { try await pool.count("SELECT count(*) FROM bus.history") == 1 }
        }
        #expect(done)
        // Only the second attempt's write survived.
        #expect(try await pool.query("SELECT worker FROM effects").map { try $0.decode(Int.self, at: 0) } == [2])
    }

    @Test("a poison message is dead-lettered after its attempts while the rest flows")
    func poison() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        var batch = messages(50)
        batch.append(OutgoingMessage(type: "test.poison.v1", payload: "{}", maxAttempts: 3))
        try await pool.withTransaction { try await MessageBus.enqueue(batch, on: "scheduling", in: $0) }
        struct Poison: Error {}
        let worker = QueueWorker(pool: pool, queue: "scheduling", options: testOptions()) { message, transaction in
            if message.type == "test.poison.v1" { throw Poison() }
            try await transaction.query("INSERT INTO effects (message_id, worker) VALUES (\(message.id), 1)")
            return .done
        }
        let settled = try await withWorkers([worker]) {
            try await eventually { try await pool.count("SELECT count(*) FROM bus.messages WHERE state = 'dead'") == 1 }
        }
        #expect(settled)
        #expect(try await pool.count("SELECT count(*) FROM effects") == 50)
        let dead = try #require(try await pool.query("SELECT attempts, last_error FROM bus.messages WHERE state = 'dead'").single)
        #expect(try dead.decode(Int.self, at: 0) == 3)
        #expect(try dead.decode(String.self, at: 1) == "Poison")
    }

    @Test("a snoozed message runs again later without counting a failed attempt")
    func snooze() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { try await MessageBus.enqueue(messages(1), on: "notifications", in: $0) }
        let worker = QueueWorker(pool: pool, queue: "notifications", options: testOptions()) { message, transaction in
            try await transaction.query("INSERT INTO effects (message_id, worker) VALUES (\(message.id), \(message.attempt)) ON CONFLICT (message_id) DO UPDATE SET worker = effects.worker + 10")
            let seen = try await transaction.query("SELECT worker FROM effects WHERE message_id = \(message.id)").single!.decode(Int.self, at: 0)
            return seen < 10 ? .snooze(.milliseconds(300)) : .done
        }
        let done = try await withWorkers([worker]) {
            try await eventually { try await pool.count("SELECT count(*) FROM bus.history") == 1 }
        }
        #expect(done)
        // Both runs were attempt 1: the snooze gave its attempt back.
        #expect(try await pool.query("SELECT attempts FROM bus.history").single?.decode(Int.self, at: 0) == 1)
    }

    @Test("a claimed message whose worker vanished runs again once its lease expires")
    func expiredLease() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { try await MessageBus.enqueue(messages(3), on: "scheduling", in: $0) }
        // A worker that claimed and then died: rows running, lease already over, no locks held.
        try await pool.query("UPDATE bus.messages SET state = 'running', attempts = 1, worker = 'dead-worker', lease_until = now() - interval '1 second'")
        var options = testOptions()
        options.lease = .seconds(1)
        let worker = QueueWorker(pool: pool, queue: "scheduling", options: options, handler: recordEffect(worker: 1))
        let done = try await withWorkers([worker]) {
            try await eventually { try await pool.count("SELECT count(*) FROM bus.history") == 3 }
        }
        #expect(done)
        #expect(try await pool.count("SELECT count(*) FROM effects") == 3)
    }
}

@Suite("Fan-out and fan-in", .freshDatabase)
struct BatchTests {
    @Test("the completion message is enqueued exactly once, after the last member, with 4 workers racing")
    func completionOnce() async throws {
        let pool = try await makeBusPool(maxConnections: 12)
        defer { Task { await pool.close() } }
        var members = messages(1_000)
        members.append(OutgoingMessage(type: "test.poison.v1", payload: "{}", maxAttempts: 2))
        let completion = OutgoingMessage(type: "report.region.aggregate.v1", payload: #"{"quarter":"2026-Q4"}"#)
        let batch = try await pool.withTransaction {
            try await MessageBus.enqueueBatch(members, on: "monitoring", completion: completion, completionQueue: "monitoring.fan_in", in: $0)
        }
        struct Poison: Error {}
        let workers = (1...4).map { id in
            QueueWorker(pool: pool, queue: "monitoring", options: testOptions(batchSize: 7)) { message, transaction in
                if message.type == "test.poison.v1" { throw Poison() }
                try await transaction.query("INSERT INTO effects (message_id, worker) VALUES (\(message.id), \(id))")
                return .done
            }
        }
        let completed = try await withWorkers(workers) {
            try await eventually { try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'monitoring.fan_in'") > 0 }
        }
        #expect(completed)
        // Give any duplicate a chance to appear before counting.
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'monitoring.fan_in'") == 1)
        #expect(try await pool.count("SELECT count(*) FROM effects") == 1_000)
        let row = try #require(try await pool.query("SELECT remaining, failed, completed_at IS NOT NULL FROM bus.batches WHERE id = \(batch)").single)
        #expect(try row.decode(Int.self, at: 0) == 0)
        #expect(try row.decode(Int.self, at: 1) == 1)
        #expect(try row.decode(Bool.self, at: 2))
    }
}

@Suite("Fan-in with deduplicated members", .freshDatabase)
struct BatchDedupeTests {
    @Test("members dropped by their dedupe key do not keep the batch from completing")
    func dedupedMembers() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        let twin = OutgoingMessage(type: "test.ping.v1", payload: "{}", dedupeKey: "same")
        let completion = OutgoingMessage(type: "test.done.v1", payload: "{}")
        let batch = try await pool.withTransaction {
            try await MessageBus.enqueueBatch([twin, twin] + messages(2), on: "monitoring", completion: completion, completionQueue: "fan_in", in: $0)
        }
        #expect(try await pool.count("SELECT total FROM bus.batches WHERE id = \(batch)") == 3)
        let worker = QueueWorker(pool: pool, queue: "monitoring", options: testOptions(), handler: recordEffect(worker: 1))
        let completed = try await withWorkers([worker]) {
            try await eventually { try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'fan_in'") == 1 }
        }
        #expect(completed)
    }
}

@Suite("Wake-ups", .freshDatabase)
struct WakeUpTests {
    @Test("after the worker's listener backend is terminated, wake-ups resume: handled in seconds, not at the 600 s poll")
    func listenerReconnects() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        var options = testOptions()
        // Polling so slow that only a wake-up can explain a start within a tenth of it.
        let poll = Duration.seconds(600)
        options.pollInterval = poll
        let worker = QueueWorker(pool: pool, queue: "scheduling", options: options, handler: recordEffect(worker: 1))
        // The listener's session: its last statement is its LISTEN, or after 5 s of silence its
        // probe, `SELECT 1`, which nothing else here sends. On a loaded machine a poll can come
        // after the probe, so both count.
        func listeners(besides old: Int32 = 0) async throws -> [Int32] {
            try await pool.query("""
                SELECT pid FROM pg_stat_activity WHERE (query LIKE 'LISTEN%' OR query = 'SELECT 1') AND datname = current_database() AND pid <> \(old)
                """).map { try $0.decode(Int32.self, at: 0) }
        }
        try await withWorkers([worker]) {
            var first: [Int32] = []
            let listening = try await eventually(within: .seconds(20)) {
                first = try await listeners()
                return first.count == 1
            }
            #expect(listening)
            // The loops did their first poll on connecting; wait until they sleep on the long poll.
            try await Task.sleep(for: .milliseconds(300))
            try await pool.query("SELECT pg_terminate_backend(\(try #require(first.first)))")
            let relistening = try await eventually(within: .seconds(20)) { try await listeners(besides: first[0]).count == 1 }
            #expect(relistening)
            try await Task.sleep(for: .milliseconds(300))
            let enqueued = ContinuousClock.now
            try await pool.withTransaction { try await MessageBus.enqueue(messages(1), on: "scheduling", in: $0) }
            // Alone it takes milliseconds; beside every other suite on two cores while the machine
            // builds, up to about 9 s. Without the wake-up it would wait for the 600 s poll.
            let handled = try await eventually(within: poll / 10) { try await pool.count("SELECT count(*) FROM effects") == 1 }
            #expect(handled, "no wake-up within a tenth of the poll interval")
            #expect(ContinuousClock.now - enqueued < poll / 10)
        }
    }
}

@Suite("Stopping workers", .freshDatabase)
struct StoppingWorkerTests {
    @Test("a worker cut short hands its claimed messages back at once, without using up an attempt")
    func releasesClaims() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { try await MessageBus.enqueue(messages(3), on: "monitoring", in: $0) }
        let worker = QueueWorker(pool: pool, queue: "monitoring", options: testOptions()) { _, _ in
            try await Task.sleep(for: .seconds(60))
            return .done
        }
        let running = Task { try await worker.run() }
        let claimed = try await eventually { try await pool.count("SELECT count(*) FROM bus.messages WHERE state = 'running'") == 3 }
        #expect(claimed)
        running.cancel()
        _ = await running.result
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE state = 'ready' AND attempts = 0 AND worker IS NULL") == 3)
    }
}

@Suite("Ordering and timing", .freshDatabase)
struct OrderingTests {
    @Test("higher priority runs first, then earlier run-at; future-dated messages wait for their time")
    func priorityAndRunAt() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.query("CREATE TABLE runs (seq serial PRIMARY KEY, type text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())")
        let now = Date()
        let reminderDue = now.addingTimeInterval(2)
        let batch = [
            OutgoingMessage(type: "low.late", payload: "{}", priority: 0, runAt: now.addingTimeInterval(-1)),
            OutgoingMessage(type: "high", payload: "{}", priority: 5, runAt: now.addingTimeInterval(-1)),
            OutgoingMessage(type: "low.early", payload: "{}", priority: 0, runAt: now.addingTimeInterval(-60)),
            OutgoingMessage(type: "reminder", payload: "{}", runAt: reminderDue),
        ]
        try await pool.withTransaction { try await MessageBus.enqueue(batch, on: "notifications", in: $0) }
        let worker = QueueWorker(pool: pool, queue: "notifications", options: testOptions(concurrency: 1)) { message, transaction in
            try await transaction.query("INSERT INTO runs (type) VALUES (\(message.type))")
            return .done
        }
        let ran = try await withWorkers([worker]) {
            // Seconds alone; the generous bound is for a machine that stalls (what it checks is the order).
            try await eventually(within: .seconds(60)) { try await pool.count("SELECT count(*) FROM runs") == 4 }
        }
        #expect(ran)
        // The reminder waited for its time, however slowly the others ran (a loaded machine may
        // take longer than its delay to run them, so "not yet run" at some moment proves nothing).
        #expect(try await pool.count("SELECT count(*) FROM runs WHERE type = 'reminder' AND at >= \(reminderDue)") == 1)
        let order = try await pool.query("SELECT type FROM runs ORDER BY seq").map { try $0.decode(String.self, at: 0) }
        #expect(order == ["high", "low.early", "low.late", "reminder"])
    }
}
