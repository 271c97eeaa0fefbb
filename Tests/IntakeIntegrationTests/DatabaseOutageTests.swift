import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// The commands `scripts/test` gives to stop and start the test server; without them the suite
/// is skipped, since stopping PostgreSQL under tests running in parallel would break them.
private let stopCommand = ProcessInfo.processInfo.environment["ACCORD_TEST_PG_STOP"]
private let startCommand = ProcessInfo.processInfo.environment["ACCORD_TEST_PG_START"]

@Suite(
    "Intake while PostgreSQL is stopped", .freshDatabase,
    .enabled(if: stopCommand != nil && startCommand != nil, "run by scripts/test on its own"))
struct DatabaseOutageTests {
    @Test("requests get a prompt 503 with Retry-After while the database is down, and 201 again once it is back, without a restart")
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
}
