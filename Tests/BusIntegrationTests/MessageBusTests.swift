import Bus
import Postgres
import Testing
import TestSupport

@Suite("Enqueue and publish inside the caller's transaction", .freshDatabase)
struct MessageBusTests {
    @Test("messages commit with the caller's transaction and vanish with its rollback")
    func transactional() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        struct Abort: Error {}
        await #expect(throws: Abort.self) {
            try await pool.withTransaction { connection in
                try await MessageBus.enqueue(messages(3), on: "scheduling", in: connection)
                throw Abort()
            }
        }
        #expect(try await pool.count("SELECT count(*) FROM bus.messages") == 0)
        let enqueued = try await pool.withTransaction { try await MessageBus.enqueue(messages(3), on: "scheduling", in: $0) }
        #expect(enqueued == 3)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'scheduling' AND state = 'ready'") == 3)
    }

    @Test("publish after the caller's writes is one statement: both commit, or a failing write leaves neither")
    func publishAfterWrites() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.query("CREATE TABLE referrals (id int PRIMARY KEY, note text NOT NULL)")
        try await pool.withConnection { try await MessageBus.subscribe("scheduling", to: ["referral.received.v1"], in: $0) }
        func publish(id: Int, note: String) async throws -> Int {
            try await pool.withConnection { connection in
                try await MessageBus.publish(
                    messages(2, type: "referral.received.v1"), topic: "referral.received.v1",
                    after: "referral AS (INSERT INTO referrals (id, note) VALUES (\(id), \(note)))", on: connection)
            }
        }
        // The caller's parameters come first; the bus's are numbered after them.
        #expect(try await publish(id: 1, note: "first") == 2)
        #expect(try await pool.count("SELECT count(*) FROM referrals WHERE note = 'first'") == 1)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'scheduling'") == 2)
        await #expect(throws: PostgresError.self) { try await publish(id: 1, note: "again") }
        #expect(try await pool.count("SELECT count(*) FROM referrals") == 1)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages") == 2)
    }

    @Test("bulk enqueue of thousands is one statement and one wake-up on the queue's channel")
    func bulkAndNotify() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        let listener = PostgresListener(configuration: try TestDatabase.required().configuration)
        defer { Task { await listener.stop() } }
        var events = listener.events(on: ["monitoring", "notifications", "intake"].map(MessageBus.wakeChannel(for:))).makeAsyncIterator()
        #expect(await events.next() == .connected)
        let enqueued = try await pool.withTransaction { try await MessageBus.enqueue(messages(5_000), on: "monitoring", in: $0) }
        #expect(enqueued == 5_000)
        guard case .notification(let wake) = await events.next() else {
            Issue.record("no wake-up")
            return
        }
        #expect(wake.channel == MessageBus.wakeChannel(for: "monitoring"))
        // Future-dated messages wake nobody.
        let later = OutgoingMessage(type: "test.reminder.v1", payload: "{}", runAt: .now.addingTimeInterval(3600))
        try await pool.withTransaction { try await MessageBus.enqueue([later], on: "notifications", in: $0) }
        try await pool.withTransaction { try await MessageBus.enqueue(messages(1), on: "intake", in: $0) }
        guard case .notification(let next) = await events.next() else { return }
        #expect(next.channel == MessageBus.wakeChannel(for: "intake"))
    }

    @Test("published without a wake-up, the statement sends no NOTIFY and names the due queues; BusWakeUps wakes them after the commit")
    func wakeUpAfterCommit() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.query("CREATE TABLE referrals (id int PRIMARY KEY)")
        try await pool.withConnection { connection in
            try await MessageBus.subscribe("scheduling", to: ["referral.received.v1"], in: connection)
            try await MessageBus.subscribe("monitoring", to: ["referral.received.v1"], in: connection)
        }
        let listener = PostgresListener(configuration: try TestDatabase.required().configuration)
        defer { Task { await listener.stop() } }
        var events = listener.events(on: ["scheduling", "monitoring", "intake"].map(MessageBus.wakeChannel(for:))).makeAsyncIterator()
        #expect(await events.next() == .connected)
        let due = try await pool.withConnection { connection in
            try await MessageBus.publishByTypeWithoutWakeUp(
                messages(1, type: "referral.received.v1"), after: "referral AS (INSERT INTO referrals (id) VALUES (1))", on: connection)
        }
        #expect(due.sorted() == ["monitoring", "scheduling"])
        #expect(try await pool.count("SELECT count(*) FROM bus.messages") == 2)
        // Nothing rang: the next wake-up the listener hears is the marker's, sent after it.
        try await pool.withTransaction { try await MessageBus.enqueue(messages(1), on: "intake", in: $0) }
        guard case .notification(let marker) = await events.next() else { return }
        #expect(marker.channel == MessageBus.wakeChannel(for: "intake"))
        BusWakeUps(pool: pool).wake(due)
        var woken: Set<String> = []
        while woken.count < 2, case .notification(let wake) = await events.next() { woken.insert(wake.channel) }
        #expect(woken == Set(due.map(MessageBus.wakeChannel(for:))))
    }

    @Test("a topic fans out to every subscribed queue")
    func publish() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withConnection { connection in
            try await MessageBus.subscribe("scheduling", to: ["referral.received.v1"], in: connection)
            try await MessageBus.subscribe("monitoring", to: ["referral.received.v1", "case.opened.v1"], in: connection)
            try await MessageBus.subscribe("monitoring", to: ["referral.received.v1"], in: connection)
        }
        let copies = try await pool.withTransaction {
            try await MessageBus.publish(messages(2, type: "referral.received.v1"), topic: "referral.received.v1", in: $0)
        }
        #expect(copies == 4)
        #expect(try await pool.count("SELECT count(DISTINCT queue) FROM bus.messages") == 2)
    }

    @Test("one pending message per dedupe key and queue")
    func dedupe() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        let reminder = OutgoingMessage(type: "test.reminder.v1", payload: "{}", dedupeKey: "meeting-42-24h")
        let first = try await pool.withTransaction { try await MessageBus.enqueue([reminder], on: "notifications", in: $0) }
        let second = try await pool.withTransaction { try await MessageBus.enqueue([reminder, reminder], on: "notifications", in: $0) }
        let elsewhere = try await pool.withTransaction { try await MessageBus.enqueue([reminder], on: "monitoring", in: $0) }
        #expect([first, second, elsewhere] == [1, 0, 1])
    }
}
