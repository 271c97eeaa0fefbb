// Runs once the test target depends on swift-metrics' MetricsTestKit; until then it compiles to nothing.
#if canImport(MetricsTestKit)
import Bus
import MetricsTestKit
import Postgres
import Testing
import TestSupport

@Suite("Queue gauges", .freshDatabase)
struct BusMetricsTests {
    @Test("depth per state of the consumed and subscribed queues only, the due backlog's age, and zeros for an empty queue")
    func gauges() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { try await MessageBus.enqueue(messages(3), on: "intake", in: $0) }
        // Another service's queue that no topic feeds: not this process's to report. A subscribed
        // one is, even with nobody consuming it.
        try await pool.withTransaction { try await MessageBus.enqueue(messages(2), on: "scheduling", in: $0) }
        try await pool.withConnection { try await MessageBus.subscribe("notifications", to: ["test.topic.v1"], in: $0) }
        try await pool.query("UPDATE bus.messages SET state = 'dead' WHERE id = (SELECT min(id) FROM bus.messages WHERE queue = 'intake')")
        try await pool.query("UPDATE bus.messages SET run_at = now() - interval '1 minute' WHERE id = (SELECT max(id) FROM bus.messages WHERE queue = 'intake')")
        let metrics = TestMetrics()
        let running = Task { try await BusMetrics(pool: pool, queues: ["intake", "monitoring"], interval: .milliseconds(50), factory: metrics).run() }
        defer { running.cancel() }

        func depth(_ state: String) throws -> Int64? {
            try metrics.expectGauge("accord_bus_queue_depth", [("queue", "intake"), ("state", state)]).lastValue.map(Int64.init)
        }
        // A round records its gauges one after another: wait for the whole round, not its first gauge.
        #expect(try await eventually {
            (try? depth("ready")) == 2 && (try? depth("dead")) == 1 && (try? depth("running")) == 0
        })
        #expect(try depth("dead") == 1)
        #expect(try depth("running") == 0)
        let age = try #require(try metrics.expectGauge("accord_bus_oldest_ready_age_seconds", [("queue", "intake")]).lastValue)
        #expect(age >= 60)
        #expect(try metrics.expectGauge("accord_bus_queue_depth", [("queue", "monitoring"), ("state", "ready")]).lastValue == 0)
        #expect(throws: (any Error).self) { try metrics.expectGauge("accord_bus_queue_depth", [("queue", "scheduling"), ("state", "ready")]) }
        #expect(try metrics.expectGauge("accord_bus_queue_depth", [("queue", "notifications"), ("state", "ready")]).lastValue == 0)

        try await pool.query("DELETE FROM bus.messages WHERE queue = 'intake'")
        #expect(try await eventually { (try? depth("ready")) == 0 && (try? depth("dead")) == 0 })
        #expect(try depth("dead") == 0)
    }
}
#endif
