import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Testing
import TestSupport

/// The commands `scripts/test` gives to stop and start the test server; without them the suite
/// is skipped, since stopping PostgreSQL under tests running in parallel would break them.
private let stopCommand = ProcessInfo.processInfo.environment["ACCORD_TEST_PG_STOP"]
private let startCommand = ProcessInfo.processInfo.environment["ACCORD_TEST_PG_START"]
/// The commands that freeze every process of the test server (SIGSTOP) and thaw them.
private let pauseCommand = ProcessInfo.processInfo.environment["ACCORD_TEST_PG_PAUSE"]
private let resumeCommand = ProcessInfo.processInfo.environment["ACCORD_TEST_PG_RESUME"]

@Suite("Intake while PostgreSQL is stopped or frozen", .freshDatabase, .serialized)
struct DatabaseOutageTests {
    @Test(
        "requests get a prompt 503 with Retry-After while the database is down, and 201 again once it is back, without a restart",
        .enabled(if: stopCommand != nil && startCommand != nil, "run by scripts/test on its own"))
    func outageAndRecovery() async throws {
        try await IntakeHarness.run(settings: ["INTAKE_UNAVAILABLE_RETRY_AFTER_SECONDS": "7"]) { client, harness in
            let court = try await harness.integrator()
            #expect(try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody()).status == .created)
            #expect(try await runShell(try #require(stopCommand)) == 0)
            do {
                let clock = ContinuousClock()
                let started = clock.now
                let refused = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody())
                #expect(clock.now - started < .seconds(15), "an answer, not a hang")
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.headers[.retryAfter] == "7")
                #expect(refused.headers[.contentType] == "application/problem+json")
                #expect(try await client.call(.get, "/v1/referrals", key: court.key).status == .serviceUnavailable)
                try await client.execute(uri: "/health/ready", method: .get) { #expect($0.status == .serviceUnavailable) }
            } catch {
                _ = try? await runShell(try #require(startCommand))
                throw error
            }
            #expect(try await runShell(try #require(startCommand)) == 0)
            var status = HTTPResponse.Status.serviceUnavailable
            for _ in 0..<120 where status != .created {
                status = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody()).status
                if status != .created { try await Task.sleep(for: .milliseconds(500)) }
            }
            #expect(status == .created)
            #expect(try await harness.count("SELECT count(*) FROM intake.referrals") == 2)
        }
    }

    /// A frozen server keeps its connections open and answers nothing, which no socket error
    /// reports: before statements had deadlines these requests got no answer in 40 s.
    @Test(
        "with every PostgreSQL process frozen, writes and reads get a 503 within seconds, and the service recovers by itself once it thaws",
        .enabled(if: pauseCommand != nil && resumeCommand != nil, "run by scripts/test on its own"))
    func frozenAndThawed() async throws {
        try await IntakeHarness.run(settings: ["INTAKE_UNAVAILABLE_RETRY_AFTER_SECONDS": "3"]) { client, harness in
            let court = try await harness.integrator()
            #expect(try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody()).status == .created)
            #expect(try await runShell(try #require(pauseCommand)) == 0)
            do {
                let clock = ContinuousClock()
                // One after another (the test client has one connection): the first meets a pooled
                // connection the server stopped answering on, the later ones new connections.
                for (method, body) in [(HTTPRequest.Method.post, referralBody()), (.get, nil), (.post, referralBody())] {
                    let started = clock.now
                    let response = try await client.call(method, "/v1/referrals", key: court.key, json: body)
                    let took = clock.now - started
                    #expect(response.status == .serviceUnavailable, "\(method)")
                    #expect(response.headers[.retryAfter] == "3")
                    // Deadlines of 5 s (statement, acquire, connect) on a loaded machine; a hang is 40 s and more.
                    #expect(took < .seconds(18), "\(method): an answer, not a hang (\(took))")
                }
            } catch {
                _ = try? await runShell(try #require(resumeCommand))
                throw error
            }
            #expect(try await runShell(try #require(resumeCommand)) == 0)
            var status = HTTPResponse.Status.serviceUnavailable
            for _ in 0..<120 where status != .created {
                status = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody()).status
                if status != .created { try await Task.sleep(for: .milliseconds(500)) }
            }
            #expect(status == .created)
            #expect(try await harness.count("SELECT count(*) FROM intake.referrals") >= 2)
        }
    }

    @Test(
        "with every PostgreSQL process frozen, closing a pool is not held up by its LISTEN session, so a SIGTERM still ends the process",
        .enabled(if: pauseCommand != nil && resumeCommand != nil, "run by scripts/test on its own"))
    func listenerStopsWhileFrozen() async throws {
        let pool = try TestDatabase.required().makePool()
        var events = pool.notifications.events(on: ["frozen"]).makeAsyncIterator()
        #expect(await events.next() == .connected)
        #expect(try await runShell(try #require(pauseCommand)) == 0)
        // Thawed after a minute whatever happens, so that a listener stuck on the frozen server
        // fails the test instead of hanging it.
        let thaw = Task {
            try? await Task.sleep(for: .seconds(60))
            _ = try? await runShell(resumeCommand ?? "true")
        }
        // After 5 s of silence the listener probes the session, and the probe meets the frozen server.
        try await Task.sleep(for: .seconds(7))
        let clock = ContinuousClock()
        let started = clock.now
        await pool.close()
        let took = clock.now - started
        thaw.cancel()
        #expect(try await runShell(try #require(resumeCommand)) == 0)
        // Waiting on the probe's answer, the close would last until the thaw (53 s here).
        #expect(took < .seconds(30), "closing the pool took \(took)")
    }
}
