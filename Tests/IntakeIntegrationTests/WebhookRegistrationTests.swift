import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

@Suite("Webhook registration for status changes", .freshDatabase, .serialized)
struct WebhookRegistrationTests {
    @Test("registering returns the signing secret once and announces it to notifications; get and delete follow")
    func lifecycle() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            #expect(try await client.call(.get, "/v1/webhook", key: court.key).status == .notFound)
            let put = try await client.call(.put, "/v1/webhook", key: court.key, json: ["url": "https://court.example/accord/events"])
            #expect(put.status == .ok)
            let secret = try #require(put.object["signing_secret"] as? String)
            #expect(secret.hasPrefix("whsec_"))
            #expect(put.object["events"] as? [String] == ["referral.status_changed.v1"])
            let got = try await client.call(.get, "/v1/webhook", key: court.key)
            #expect(got.object["url"] as? String == "https://court.example/accord/events")
            #expect(got.object["signing_secret"] == nil)
            let announced = try await harness.pool.query("""
                SELECT payload->>'signing_secret', payload->>'integrator_id' FROM bus.messages WHERE type = 'integrator.webhook_registered.v1'
                """).single
            #expect(try announced?.decode(String.self, at: 0) == secret)
            #expect(try announced?.decode(String.self, at: 1) == court.id.uuidString.lowercased())
            #expect(try await client.call(.delete, "/v1/webhook", key: court.key).status == .noContent)
            #expect(try await client.call(.get, "/v1/webhook", key: court.key).status == .notFound)
            #expect(try await harness.count("SELECT count(*) FROM bus.messages WHERE type = 'integrator.webhook_removed.v1'") == 1)
        }
    }

    @Test("plain http only to private addresses; no credentials; nothing else", arguments: [
        ("https://a.example/hook", true), ("http://10.1.2.3:8080/hook", true), ("http://localhost/hook", true),
        ("http://court.example/hook", false), ("ftp://a.example/x", false), ("https://user:pw@a.example/x", false), ("not a url", false),
    ])
    func urls(url: String, accepted: Bool) async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let response = try await client.call(.put, "/v1/webhook", key: court.key, json: ["url": url])
            #expect(response.status == (accepted ? .ok : .unprocessableContent))
            if !accepted { #expect(response.pointers == ["/url"]) }
        }
    }
}
