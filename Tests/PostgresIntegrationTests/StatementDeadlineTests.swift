import Foundation
@testable import Postgres
import Testing
import TestSupport

@Suite("Statement deadlines", .freshDatabase)
struct StatementDeadlineTests {
    @Test("the server cancels a statement that runs past the pool's statement timeout")
    func serverSideTimeout() async throws {
        let pool = try TestDatabase.required().makePool(statementTimeout: .milliseconds(500))
        defer { Task { await pool.close() } }
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT pg_sleep(30)") }
        #expect(error?.kind == .queryCanceled)
        // A statement within the limit runs, on the same pool.
        #expect(try await pool.query("SELECT 1").single?.decode(Int32.self, at: 0) == 1)
    }

    @Test("a server that gives no answer loses the connection at the deadline, instead of keeping the caller forever")
    func clientSideDeadline() async throws {
        let pool = try TestDatabase.required().makePool(maxConnections: 1, statementTimeout: .milliseconds(500))
        defer { Task { await pool.close() } }
        // The session lifts the server's own limit, so only the client's deadline (a second past
        // the timeout) can end a 30 s sleep early, as it must for a server that is frozen.
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in
                try await connection.query("SET statement_timeout = 0")
                try await connection.query("SELECT pg_sleep(30)")
            }
        }
        #expect(error?.kind == .connectionFailure)
        #expect(clock.now - started < .seconds(20), "given up at the deadline, long before the sleep ends")
        // The connection was dropped, not returned to serve the next caller.
        #expect(try await pool.query("SELECT 1").single?.decode(Int32.self, at: 0) == 1)
    }

    @Test("work run without the answer deadline may take as long as it needs")
    func liftedDeadline() async throws {
        let pool = try TestDatabase.required().makePool(maxConnections: 1, statementTimeout: .milliseconds(200))
        defer { Task { await pool.close() } }
        let slept = try await PostgresConnection.withoutAnswerDeadline {
            try await pool.withTransaction { connection in
                try await connection.query("SET LOCAL statement_timeout = 0")
                return try await connection.query("SELECT true FROM pg_sleep(1.5)").single?.decode(Bool.self, at: 0)
            }
        }
        #expect(slept == true)
    }

    @Test("connections get a bounded connect and keepalives unless the configuration names its own")
    func networkDefaults() {
        let parameters = Dictionary(PostgresConfiguration(keywords: ["host": "db"]).connectionParameters(), uniquingKeysWith: { $1 })
        #expect(parameters["connect_timeout"] == "5" && parameters["keepalives"] == "1" && parameters["tcp_user_timeout"] == "10000")
        let own = PostgresConfiguration(keywords: ["connect_timeout": "12"]).connectionParameters().filter { $0.0 == "connect_timeout" }
        #expect(own.map(\.1) == ["12"])
        let url = PostgresConfiguration(url: "postgres://db/accord?connect_timeout=9").connectionParameters()
        #expect(!url.contains { $0.0 == "connect_timeout" }, "the URI's own value stands")
    }
}
