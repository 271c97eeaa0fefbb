import Bus
import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Operating the bus: figures, dead letters, retries, purges, history pruning", .freshDatabase)
struct BusAdministrationTests {
    @Test("status counts each queue's messages by state, the due backlog and its age, and history")
    func status() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        let later = OutgoingMessage(type: "test.reminder.v1", payload: "{}", runAt: .now.addingTimeInterval(3600))
        try await pool.withTransaction { connection in
            try await MessageBus.enqueue([later, later] + messages(5), on: "scheduling", in: connection)
            try await MessageBus.enqueue(messages(3), on: "monitoring", in: connection)
            try await MessageBus.subscribe("notifications", to: ["case.opened.v1"], in: connection)
        }
        try await markDead(2, on: "scheduling", in: pool)
        try await pool.query("UPDATE bus.messages SET state = 'running' WHERE id = (SELECT min(id) FROM bus.messages WHERE queue = 'monitoring')")
        try await pool.query("UPDATE bus.messages SET run_at = now() - interval '90 seconds' WHERE id = (SELECT max(id) FROM bus.messages WHERE queue = 'monitoring')")
        try await insertHistory(count: 4, finishedAgo: "1 hour", in: pool)

        let status = try await BusAdministration(pool: pool).status()
        #expect(status.historyCount == 4)
        #expect(status.queues.map(\.queue) == ["monitoring", "notifications", "scheduling"])
        let monitoring = try #require(status.queues.first { $0.queue == "monitoring" })
        #expect([monitoring.ready, monitoring.running, monitoring.dead, monitoring.dueNow] == [2, 1, 0, 2] as [Int])
        #expect((90..<120).contains(try #require(monitoring.oldestDueAgeSeconds)))
        let scheduling = try #require(status.queues.first { $0.queue == "scheduling" })
        #expect([scheduling.ready, scheduling.running, scheduling.dead, scheduling.dueNow] == [5, 0, 2, 3] as [Int])
        #expect(status.queues.first { $0.queue == "notifications" }
            == QueueStatus(queue: "notifications", ready: 0, running: 0, dead: 0, dueNow: 0, oldestDueAgeSeconds: nil))
        #expect(try await BusAdministration(pool: pool).status(countingHistory: false).historyCount == nil)
    }

    @Test("dead letters are listed newest first, by queue, without their payloads")
    func deadLetters() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        let personal = OutgoingMessage(type: "referral.received.v1", payload: #"{"name":"Jane Roe"}"#)
        try await pool.withTransaction { connection in
            try await MessageBus.enqueue([personal, personal, personal], on: "intake", in: connection)
            try await MessageBus.enqueue([personal], on: "monitoring", in: connection)
        }
        try await markDead(3, on: "intake", in: pool)
        try await markDead(1, on: "monitoring", in: pool)
        let administration = BusAdministration(pool: pool)

        let intake = try await administration.deadLetters(queue: "intake", limit: 2)
        #expect(intake.count == 2)
        #expect(intake.map(\.id) == intake.map(\.id).sorted(by: >))
        #expect(intake.allSatisfy { $0.queue == "intake" && $0.type == "referral.received.v1" && $0.attempts == 3 && $0.lastError == "boom" })
        #expect(try await administration.deadLetters().count == 4)
        let json = String(decoding: try JSONEncoder().encode(try await administration.deadLetters()), as: UTF8.self)
        #expect(!json.contains("Jane Roe"))
    }

    @Test("retry makes dead messages ready with no attempts and wakes their queues in the same statement")
    func retry() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { connection in
            try await MessageBus.enqueue(messages(3), on: "scheduling", in: connection)
            try await MessageBus.enqueue(messages(2), on: "monitoring", in: connection)
        }
        try await markDead(3, on: "scheduling", in: pool)
        try await markDead(2, on: "monitoring", in: pool)
        let listener = PostgresListener(configuration: try TestDatabase.required().configuration)
        defer { Task { await listener.stop() } }
        var events = listener.events(on: ["scheduling", "monitoring"].map(MessageBus.wakeChannel(for:))).makeAsyncIterator()
        #expect(await events.next() == .connected)
        let administration = BusAdministration(pool: pool)

        let one = try #require(try await administration.deadLetters(queue: "scheduling").first?.id)
        #expect(try await administration.retry(ids: [one]) == 1)
        #expect(await nextWakeUp(&events) == "scheduling")
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE id = \(one) AND state = 'ready' AND attempts = 0 AND last_error IS NULL AND run_at <= now()") == 1)

        #expect(try await administration.retry(queue: "scheduling") == 2)
        #expect(await nextWakeUp(&events) == "scheduling")
        #expect(try await administration.retry() == 2)
        #expect(await nextWakeUp(&events) == "monitoring")
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE state = 'dead'") == 0)
        #expect(try await administration.retry() == 0)
    }

    @Test("retry leaves a dead message dead when its dedupe key is pending again, and revives one per key")
    func retryRespectsDedupeKeys() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        let reminder = OutgoingMessage(type: "test.reminder.v1", payload: "{}", dedupeKey: "meeting-42-24h")
        for _ in 0..<2 {
            try await pool.withTransaction { try await MessageBus.enqueue([reminder], on: "notifications", in: $0) }
            try await markDead(1, on: "notifications", in: pool)
        }
        try await pool.withTransaction { try await MessageBus.enqueue([reminder], on: "notifications", in: $0) }
        let administration = BusAdministration(pool: pool)

        #expect(try await administration.retry(queue: "notifications") == 0)
        try await pool.query("DELETE FROM bus.messages WHERE state = 'ready'")
        #expect(try await administration.retry(queue: "notifications") == 1)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE state = 'dead'") == 1)
    }

    @Test("retry reopens a dead member's open batch, and detaches members of a completed one")
    func retryBatchMembers() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        let completion = OutgoingMessage(type: "test.done.v1", payload: "{}")
        let (open, completed) = try await pool.withTransaction { connection in
            (try await MessageBus.enqueueBatch(messages(2), on: "fanout", completion: completion, completionQueue: "fanin", in: connection),
             try await MessageBus.enqueueBatch(messages(1), on: "fanout", completion: completion, completionQueue: "fanin", in: connection))
        }
        // What a worker does when a member dies: the batch counts it as finished and failed.
        try await pool.query("""
            WITH died AS (
                UPDATE bus.messages SET state = 'dead', attempts = 3
                WHERE id IN (SELECT min(id) FROM bus.messages GROUP BY batch_id) RETURNING batch_id
            )
            UPDATE bus.batches AS b SET remaining = b.remaining - 1, failed = b.failed + 1,
                                        completed_at = CASE WHEN b.remaining = 1 THEN now() END
            FROM died WHERE b.id = died.batch_id
            """)

        #expect(try await BusAdministration(pool: pool).retry(queue: "fanout") == 2)
        #expect(try await pool.count("SELECT count(*) FROM bus.batches WHERE id = \(open) AND remaining = 2 AND failed = 0") == 1)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE batch_id = \(open) AND state = 'ready'") == 2)
        #expect(try await pool.count("SELECT count(*) FROM bus.batches WHERE id = \(completed) AND remaining = 0 AND failed = 1") == 1)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE batch_id = \(completed)") == 0)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'fanout' AND batch_id IS NULL AND state = 'ready'") == 1)
    }

    @Test("purge deletes one queue's dead messages, optionally only the old ones")
    func purge() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { connection in
            try await MessageBus.enqueue(messages(4), on: "intake", in: connection)
            try await MessageBus.enqueue(messages(1), on: "monitoring", in: connection)
        }
        try await markDead(3, on: "intake", in: pool)
        try await markDead(1, on: "monitoring", in: pool)
        try await pool.query("""
            UPDATE bus.messages SET created_at = now() - interval '3 days'
            WHERE id = (SELECT min(id) FROM bus.messages WHERE queue = 'intake' AND state = 'dead')
            """)
        let administration = BusAdministration(pool: pool)

        #expect(try await administration.purge(queue: "intake", olderThan: .seconds(24 * 3600)) == 1)
        #expect(try await administration.purge(queue: "intake") == 2)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'intake'") == 1)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'monitoring' AND state = 'dead'") == 1)
    }

    @Test("the history pruner deletes rows past the retention in chunks and keeps recent ones")
    func pruneHistory() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await insertHistory(count: 25, finishedAgo: "8 days", in: pool)
        try await insertHistory(count: 5, finishedAgo: "6 days", in: pool)

        let pruner = RetentionPruner.busHistory(pool: pool, interval: .milliseconds(100), chunkSize: 10)
        #expect(try await pruner.prune() == 25)
        #expect(try await pool.count("SELECT count(*) FROM bus.history") == 5)

        try await insertHistory(count: 3, finishedAgo: "30 days", in: pool)
        let running = Task { try await pruner.run() }
        #expect(try await eventually { try await pool.count("SELECT count(*) FROM bus.history") == 5 })
        running.cancel()
        try await running.value
    }

    /// The queue the next notification wakes, told by its channel.
    private func nextWakeUp(_ events: inout AsyncStream<PostgresListener.Event>.Iterator) async -> String? {
        guard case .notification(let notification) = await events.next() else { return nil }
        return notification.channel.hasPrefix("accord_bus.") ? String(notification.channel.dropFirst("accord_bus.".count)) : nil
    }

    /// Marks the `count` newest messages of `queue` dead after three failed attempts.
    private func markDead(_ count: Int, on queue: String, in pool: PostgresPool) async throws {
        try await pool.query("""
            UPDATE bus.messages SET state = 'dead', attempts = 3, last_error = 'boom'
            WHERE id IN (SELECT id FROM bus.messages WHERE queue = \(queue) AND state = 'ready' ORDER BY id DESC LIMIT \(count))
            """)
    }

    /// Inserts `count` finished messages, finished `finishedAgo` (an interval) ago.
    private func insertHistory(count: Int, finishedAgo: String, in pool: PostgresPool) async throws {
        try await pool.query("""
            INSERT INTO bus.history (id, queue, type, payload, attempts, created_at, finished_at)
            SELECT coalesce((SELECT max(id) FROM bus.history), 0) + n, 'intake', 'test.ping.v1', '{}', 1,
                   now() - \(finishedAgo)::interval, now() - \(finishedAgo)::interval
            FROM generate_series(1, \(count)) AS n
            """)
    }
}
