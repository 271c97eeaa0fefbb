import Postgres
import Testing
import TestSupport

@Suite("LISTEN/NOTIFY", .freshDatabase)
struct PostgresListenerTests {
    /// Waits for the next event that matches, failing after `timeout`.
    private func next(
        _ iterator: inout AsyncStream<PostgresListener.Event>.Iterator,
        within timeout: Duration = .seconds(10),
        where matches: (PostgresListener.Event) -> Bool
    ) async throws -> PostgresListener.Event {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let event = await iterator.next() else { break }
            if matches(event) { return event }
        }
        Issue.record("no matching event within \(timeout)")
        throw CancellationError()
    }

    @Test("notifications arrive on the channels listened to, with their payloads")
    func delivery() async throws {
        let database = try TestDatabase.required()
        let listener = PostgresListener(configuration: database.configuration)
        defer { Task { await listener.stop() } }
        var events = listener.events(on: ["intake", "очередь"]).makeAsyncIterator()
        #expect(try await next(&events) { _ in true } == .connected)
        let pool = database.makePool()
        defer { Task { await pool.close() } }
        try await pool.query("SELECT pg_notify('other', 'ignored'), pg_notify('очередь', 'ә')")
        let event = try await next(&events) { if case .notification = $0 { true } else { false } }
        guard case .notification(let notification) = event else { return }
        #expect(notification.channel == "очередь")
        #expect(notification.payload == "ә")
    }

    @Test("after its backend is terminated the listener reconnects, says so, and notifications flow again")
    func reconnect() async throws {
        let database = try TestDatabase.required()
        let listener = PostgresListener(configuration: database.configuration)
        defer { Task { await listener.stop() } }
        var events = listener.events(on: ["bus"]).makeAsyncIterator()
        _ = try await next(&events) { $0 == .connected }
        let pool = database.makePool()
        defer { Task { await pool.close() } }
        let terminated = try await pool.query("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND (query LIKE 'LISTEN%' OR query = 'SELECT 1')
            """)
        #expect(terminated.count >= 1)
        let started = ContinuousClock.now
        _ = try await next(&events) { $0 == .reconnected }
        #expect(ContinuousClock.now - started < .seconds(2))
        try await pool.query("NOTIFY bus, 'after'")
        let event = try await next(&events) { if case .notification = $0 { true } else { false } }
        guard case .notification(let notification) = event else { return }
        #expect(notification.channel == "bus")
        #expect(notification.payload == "after")
    }

    @Test("stop() ends every subscriber's events and closes the session; a later subscription is finished at once")
    func stop() async throws {
        let database = try TestDatabase.required()
        let listener = PostgresListener(configuration: database.configuration)
        var events = listener.events(on: ["bus"]).makeAsyncIterator()
        _ = try await next(&events) { $0 == .connected }
        await listener.stop()
        while await events.next() != nil {}
        var late = listener.events(on: ["bus"]).makeAsyncIterator()
        #expect(await late.next() == nil)
        let pool = database.makePool()
        defer { Task { await pool.close() } }
        #expect(try await pool.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'") == 0)
    }

    @Test("subscribers share one session: each hears only its own channels, and a later subscriber is told when it is listening")
    func sharedSession() async throws {
        let database = try TestDatabase.required()
        let listener = PostgresListener(configuration: database.configuration)
        defer { Task { await listener.stop() } }
        var first = listener.events(on: ["first"]).makeAsyncIterator()
        _ = try await next(&first) { $0 == .connected }
        let secondEvents = listener.events(on: ["second", "both"])
        var second = secondEvents.makeAsyncIterator()
        _ = try await next(&second) { $0 == .connected }
        let pool = database.makePool()
        defer { Task { await pool.close() } }
        // One session for both, whatever it last ran (LISTEN, or the probe after 5 s of silence).
        let sessions = try await pool.count("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND (query LIKE 'LISTEN%' OR query = 'SELECT 1')
            """)
        #expect(sessions == 1)
        try await pool.query("SELECT pg_notify('second', 'to the second'), pg_notify('first', 'to the first')")
        let toFirst = try await next(&first) { if case .notification = $0 { true } else { false } }
        let toSecond = try await next(&second) { if case .notification = $0 { true } else { false } }
        guard case .notification(let heardFirst) = toFirst, case .notification(let heardSecond) = toSecond else { return }
        // 'second' was sent first: the first subscriber's next notification being its own shows
        // it never heard the other's.
        #expect(heardFirst.payload == "to the first" && heardSecond.payload == "to the second")
    }
}
