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
        let listener = PostgresListener(configuration: database.configuration, channels: ["intake", "очередь"])
        let running = Task { await listener.run() }
        defer { running.cancel() }
        var events = listener.events.makeAsyncIterator()
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
        let listener = PostgresListener(configuration: database.configuration, channels: ["bus"])
        let running = Task { await listener.run() }
        defer { running.cancel() }
        var events = listener.events.makeAsyncIterator()
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

    @Test("cancelling run() ends the event stream")
    func stop() async throws {
        let database = try TestDatabase.required()
        let listener = PostgresListener(configuration: database.configuration, channels: ["bus"])
        let running = Task { await listener.run() }
        var events = listener.events.makeAsyncIterator()
        _ = try await next(&events) { $0 == .connected }
        running.cancel()
        await running.value
        while await events.next() != nil {}
    }
}
