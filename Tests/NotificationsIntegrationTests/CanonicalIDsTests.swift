import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Every id the notifications API writes is lowercase (RFC 9562, as intake writes them), and an id
/// given in either case, in a path or a query, finds the same record.
@Suite("Notifications API ids", .freshDatabase)
struct CanonicalIDsTests {
    private func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, token: String, json: String? = nil
    ) async throws -> (status: HTTPResponse.Status, object: [String: Any], text: String) {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
            let data = Data(buffer: response.body)
            return (response.status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:], String(decoding: data, as: UTF8.self))
        }
    }

    /// Every string in `text` (a JSON document) that is a UUID, in order.
    private func uuids(in text: String) -> [String] {
        text.split(separator: "\"").map(String.init).filter { UUID(uuidString: $0) != nil }
    }

    @Test("a subscription created with an uppercase integrator id is shown, listed and found with lowercase ids, by either case")
    func subscriptions() async throws {
        try await NotificationsHarness.run { client, harness in
            let administrator = try await harness.token(.administrator)
            let integrator = UUID()
            let created = try await call(client, .post, "/v1/webhook-subscriptions", token: administrator, json: """
                {"integrator_id": "\(integrator.uuidString)", "url": "http://127.0.0.1:9/hooks", "events": ["referral.status_changed.v1"]}
                """)
            try #require(created.status == .created)
            let id = try #require(created.object["id"] as? String)
            #expect(id == id.lowercased() && created.object["integrator_id"] as? String == integrator.uuidString.lowercased())

            for path in ["/v1/webhook-subscriptions/\(id)", "/v1/webhook-subscriptions/\(id.uppercased())"] {
                let found = try await call(client, .get, path, token: administrator)
                #expect(found.status == .ok && found.object["id"] as? String == id, "\(path)")
                #expect(uuids(in: found.text) == [id, integrator.uuidString.lowercased()])
            }
            for query in [integrator.uuidString, integrator.uuidString.lowercased()] {
                let listed = try await call(client, .get, "/v1/webhook-subscriptions?integrator_id=\(query)", token: administrator)
                #expect(listed.status == .ok && (listed.object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
                #expect(uuids(in: listed.text).allSatisfy { $0 == $0.lowercased() })
            }
            let patched = try await call(client, .patch, "/v1/webhook-subscriptions/\(id.uppercased())", token: administrator, json: #"{"url": "http://127.0.0.1:9/other"}"#)
            #expect(patched.status == .ok && patched.object["id"] as? String == id)
        }
    }

    @Test("a recipient and a notification's status read by an uppercase id answer with lowercase ids")
    func recipientAndStatus() async throws {
        let gateway = LoopbackPeer()
        try await gateway.run { url in
            try await NotificationsHarness.run(settings: ["SMS_GATEWAY_URL": url + "/sms"]) { client, harness in
                let parent = try await harness.recipient(phone: "+79123456789")
                let specialist = try await harness.token(.specialist, organisation: parent.organisation!)
                let recipient = try await call(client, .get, "/v1/recipients/party/\(parent.id.uuidString)", token: specialist)
                #expect(recipient.status == .ok && recipient.object["id"] as? String == parent.id.uuidString.lowercased())

                let id = try await harness.request(.caseOverdue, for: parent, data: ["date": "2026-11-24"])
                #expect(try await eventually { try await harness.deliveries(of: id).first?.state == "delivered" })
                let status = try await call(client, .get, "/v1/notifications/\(id.uuidString)", token: specialist)
                try #require(status.status == .ok)
                #expect(status.object["id"] as? String == id.uuidString.lowercased())
                #expect((status.object["recipient"] as? [String: Any])?["id"] as? String == parent.id.uuidString.lowercased())
                let deliveries = try #require(status.object["deliveries"] as? [[String: Any]])
                #expect(deliveries.count == 1 && (deliveries.first?["id"] as? String).map { $0 == $0.lowercased() } == true)
                let all = uuids(in: status.text)
                #expect(all.count == 3 && all.allSatisfy { $0 == $0.lowercased() }, "\(status.text)")
            }
        }
    }
}
