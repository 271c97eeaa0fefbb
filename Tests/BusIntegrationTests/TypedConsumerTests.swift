import Bus
import Foundation
import Models
import Postgres
import Testing
import TestSupport

/// A contract of the test's own.
private struct Ping: MessageContract, Equatable {
    static let messageType = "test.ping.v1"
    var number: Int
}

@Suite("Typed consumers and queue names", .freshDatabase)
struct TypedConsumerTests {
    @Test("a typed worker hands over decoded contracts and acknowledges a stray type without handling it")
    func typedWorker() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        try await pool.withTransaction { connection in
            try await MessageBus.enqueue(
                [try OutgoingMessage(Ping(number: 7)), OutgoingMessage(type: "test.other.v1", payload: "{}")], on: "pings", in: connection)
        }
        let worker = QueueWorker(pool: pool, queue: "pings", consuming: Ping.self, options: testOptions()) { ping, transaction in
            try await transaction.query("INSERT INTO effects (message_id, worker) VALUES (\(ping.number), 0)")
            return .done
        }
        let drained = try await withWorkers([worker]) {
            try await eventually { try await pool.count("SELECT count(*) FROM bus.messages") == 0 }
        }
        #expect(drained)
        #expect(try await pool.count("SELECT count(*) FROM effects WHERE message_id = 7") == 1)
        #expect(try await pool.count("SELECT count(*) FROM effects") == 1)
        #expect(try await pool.count("SELECT count(*) FROM bus.history WHERE type = 'test.other.v1'") == 1)
    }

    @Test("a queue name too long for its wake channel is refused by the database, not by pg_notify at publish time")
    func queueNameLength() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        let longest = String(repeating: "q", count: 52)
        try await pool.withConnection { try await MessageBus.subscribe(longest, to: ["test.topic.v1"], in: $0) }
        #expect(try await pool.withTransaction { try await MessageBus.publish(messages(1), topic: "test.topic.v1", in: $0) } == 1)
        await #expect(throws: PostgresError.self) {
            try await pool.withConnection { try await MessageBus.subscribe(longest + "й", to: ["test.topic.v1"], in: $0) }
        }
        await #expect(throws: PostgresError.self) {
            try await pool.withTransaction { try await MessageBus.enqueue(messages(1), on: longest + "q", in: $0) }
        }
    }
}
