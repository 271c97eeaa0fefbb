import Foundation
import Hummingbird
import HummingbirdTesting
import NotificationsService
import Testing
import TestSupport

/// The HTTP API: recipients scoped to the caller's organisation and audited; subscriptions and
/// test sends for the administrator only; a rotated secret signs beside the new one.
@Suite("Notifications API", .freshDatabase)
struct NotificationsAPITests {
    private func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, token: String, json: String? = nil
    ) async throws -> (status: HTTPResponse.Status, object: [String: Any]) {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
            (response.status, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
        }
    }

    @Test("a service's own address is kept by its own people: another organisation's is not found, an administrator's token is refused")
    func organisationAddress() async throws {
        try await NotificationsHarness.run { client, harness in
            let organisation = UUID()
            let head = try await harness.token(.head, organisation: organisation)
            let path = "/v1/recipients/organisation/\(organisation.uuidString.lowercased())"
            let written = try await call(client, .put, path, token: head, json: #"{"email": {"address": "shsp1@school.example.ru", "consent": true}}"#)
            #expect(written.status == .ok && written.object["kind"] as? String == "organisation")
            #expect(try await call(client, .get, path, token: head).status == .ok)
            #expect(try await call(client, .get, path, token: try await harness.token(.head)).status == .notFound)
            #expect(try await call(client, .get, path, token: try await harness.token(.administrator, organisation: organisation)).status == .forbidden)
        }
    }

    @Test("a head records a parent's contacts; another organisation sees nothing; bad values are 422s naming the field; reads and writes are audited")
    func recipients() async throws {
        try await NotificationsHarness.run { client, harness in
            let organisation = UUID()
            let head = try await harness.token(.head, organisation: organisation)
            let stranger = try await harness.token(.head)
            let party = UUID().uuidString.lowercased()
            let written = try await call(client, .put, "/v1/recipients/party/\(party)", token: head, json: """
                {"language": "kk", "time_zone": "Asia/Almaty", "phone": {"address": "8 912 345-67-89", "consent": true}}
                """)
            #expect(written.status == .ok)
            #expect((written.object["phone"] as? [String: Any])?["address"] as? String == "+79123456789")
            #expect(try await call(client, .get, "/v1/recipients/party/\(party)", token: head).status == .ok)
            #expect(try await call(client, .get, "/v1/recipients/party/\(party)", token: stranger).status == .notFound)
            #expect(try await call(client, .put, "/v1/recipients/party/\(party)", token: stranger, json: #"{"language": "ru"}"#).status == .notFound)
            let invalid = try await call(client, .put, "/v1/recipients/party/\(party)", token: head, json: """
                {"phone": {"address": "позвоните маме", "consent": true}, "time_zone": "Mars/Olympus", "colour": "red"}
                """)
            #expect(invalid.status == .unprocessableContent)
            let invalidAgain = try await call(client, .put, "/v1/recipients/party/\(party)", token: head, json: """
                {"phone": {"address": "позвоните маме", "consent": true}, "time_zone": "Mars/Olympus"}
                """)
            let pointers = (invalidAgain.object["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String } ?? []
            #expect(Set(pointers) == ["/phone/address", "/time_zone"])
            #expect(try await harness.pool.count("""
                SELECT count(*) FROM notifications.audit_log WHERE entity_id = \(UUID(uuidString: party)!) AND action IN ('recipient.write', 'recipient.read')
                """) == 2)
            let administrator = try await harness.token(.administrator)
            #expect(try await call(client, .get, "/v1/recipients/party/\(party)", token: administrator).status == .forbidden)
        }
    }

    @Test("only an administrator manages subscriptions; the secret is shown once; after a rotation both secrets sign")
    func subscriptions() async throws {
        let receiver = LoopbackPeer()
        try await receiver.run { url in
            try await NotificationsHarness.run { client, harness in
                let administrator = try await harness.token(.administrator)
                let body = #"{"integrator_id": "\#(UUID().uuidString.lowercased())", "url": "\#(url)/hooks", "events": ["referral.status_changed.v1"]}"#
                #expect(try await call(client, .post, "/v1/webhook-subscriptions", token: try await harness.token(.head), json: body).status == .forbidden)
                let created = try await call(client, .post, "/v1/webhook-subscriptions", token: administrator, json: body)
                #expect(created.status == .created)
                let first = try #require(created.object["signing_secret"] as? String)
                let id = try #require(created.object["id"] as? String)
                #expect(try await call(client, .get, "/v1/webhook-subscriptions/\(id)", token: administrator).object["signing_secret"] == nil)
                let badEvents = try await call(client, .patch, "/v1/webhook-subscriptions/\(id)", token: administrator, json: #"{"events": ["case.opened.v1"]}"#)
                #expect(badEvents.status == .unprocessableContent)
                let rotated = try await call(client, .post, "/v1/webhook-subscriptions/\(id)/secret", token: administrator)
                let second = try #require(rotated.object["signing_secret"] as? String)
                #expect(second != first && rotated.object["previous_secret_expires_at"] != nil)
                let test = try await call(client, .post, "/v1/test-sends", token: administrator, json: #"{"channel": "webhook", "subscription_id": "\#(id)"}"#)
                #expect(test.status == .ok && test.object["outcome"] as? String == "delivered")
                let ping = try #require(receiver.received.last)
                let timestamp = try #require(ping.headers["accord-timestamp"])
                let signature = try #require(ping.headers["accord-signature"])
                #expect(WebhookSignature.verify(body: Data(ping.body.utf8), timestamp: timestamp, header: signature, secret: first))
                #expect(WebhookSignature.verify(body: Data(ping.body.utf8), timestamp: timestamp, header: signature, secret: second))
                #expect(try await call(client, .delete, "/v1/webhook-subscriptions/\(id)", token: administrator).status == .noContent)
                #expect(try await call(client, .get, "/v1/webhook-subscriptions/\(id)", token: administrator).status == .notFound)
            }
        }
    }

    @Test("a notification's status shows each channel's delivery and attempts, only to its own organisation")
    func status() async throws {
        let gateway = LoopbackPeer(answering: [503])
        try await gateway.run { url in
            try await NotificationsHarness.run(settings: ["SMS_GATEWAY_URL": url + "/sms"]) { client, harness in
                let parent = try await harness.recipient(phone: "+79123456789")
                let id = try await harness.request(.caseOverdue, for: parent, data: ["date": "2026-11-24"])
                #expect(try await eventually { try await harness.deliveries(of: id).first?.state == "delivered" })
                let own = try await call(client, .get, "/v1/notifications/\(id.uuidString.lowercased())", token: try await harness.token(.specialist, organisation: parent.organisation!))
                #expect(own.status == .ok && own.object["state"] as? String == "delivered")
                let attempts = ((own.object["deliveries"] as? [[String: Any]])?.first?["attempts"] as? [[String: Any]]) ?? []
                #expect(attempts.compactMap { $0["peer_status"] as? Int } == [503, 200])
                #expect(try await call(client, .get, "/v1/notifications/\(id.uuidString.lowercased())", token: try await harness.token(.head)).status == .notFound)
            }
        }
    }
}
