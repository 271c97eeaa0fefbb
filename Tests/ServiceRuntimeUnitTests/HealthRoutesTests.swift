import Foundation
import HummingbirdTesting
import ServiceRuntime
import Testing

@Suite("Health endpoints")
struct HealthRoutesTests {
    private static let passing = ReadinessCheck(name: "database") { true }
    private static let failing = ReadinessCheck(name: "bus") { false }
    private static let hanging = ReadinessCheck(name: "slow", timeout: .milliseconds(50)) {
        try? await Task.sleep(for: .seconds(30))
        return true
    }

    @Test("live answers 200 even when a readiness check fails")
    func live() async throws {
        let app = try await buildTestApplication(readinessChecks: [Self.failing])
        try await app.test(.router) { client in
            try await client.execute(uri: "/health/live", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"live"}"#)
            }
        }
    }

    @Test("ready answers 200 when every check passes")
    func ready() async throws {
        let app = try await buildTestApplication(readinessChecks: [Self.passing])
        try await app.test(.router) { client in
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ready"}"#)
            }
        }
    }

    @Test("ready answers 503 naming the failing and timed-out checks")
    func notReady() async throws {
        let app = try await buildTestApplication(readinessChecks: [Self.passing, Self.failing, Self.hanging])
        try await app.test(.router) { client in
            let started = ContinuousClock.now
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(body?["status"] as? String == "unavailable")
                let failing = body?["failing"] as? [[String: String]]
                #expect(failing == [["name": "bus", "reason": "failed"], ["name": "slow", "reason": "timeout"]])
            }
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }
}
