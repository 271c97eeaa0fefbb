import Foundation
import Hummingbird
import HummingbirdTesting
import NotificationsService
import Testing
import TestSupport

/// Every problem of a body in one 422, whichever stage finds it: members the operation does not
/// take, values that do not decode, and the rules the rest breaks (issue 17 item 3). An unknown
/// member no longer hides the others.
@Suite("Notifications reports every problem of a body at once", .freshDatabase)
struct AllProblemsAtOnceTests {
    /// The status and the problems ("pointer code", sorted) of `body` sent to `path`.
    private func problems(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, token: String, _ body: String
    ) async throws -> (HTTPResponse.Status, [String]) {
        let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        return try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: body)) { response in
            let problem = try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let errors = problem?["errors"] as? [[String: Any]] ?? []
            return (response.status, errors.map { "\($0["pointer"] as? String ?? "-") \($0["code"] as? String ?? "-")" }.sorted())
        }
    }

    @Test("a recipient: unknown members at any depth, values that do not decode, and bad contacts, all named")
    func recipient() async throws {
        try await NotificationsHarness.run { client, harness in
            let head = try await harness.token(.head)
            let (status, found) = try await problems(client, .put, "/v1/recipients/party/\(UUID().uuidString.lowercased())", token: head, """
                {"colour": "red", "language": "fr", "time_zone": "Mars/Olympus",
                 "phone": {"address": "позвоните маме", "consent": "yes", "extra": 1}, "email": {"address": "x"}}
                """)
            #expect(status == .unprocessableContent)
            #expect(found == [
                "/colour unknown_field", "/email/address invalid_value", "/email/consent required", "/language invalid_value",
                "/phone/address invalid_value", "/phone/consent wrong_type", "/phone/extra unknown_field", "/time_zone invalid_value",
            ])
            #expect(try await harness.pool.count("SELECT count(*) FROM notifications.recipients") == 0)
        }
    }

    @Test("a subscription: unknown members, members of the wrong type or form, and a URL no webhook may use, all named")
    func subscription() async throws {
        try await NotificationsHarness.run { client, harness in
            let administrator = try await harness.token(.administrator)
            let (status, created) = try await problems(client, .post, "/v1/webhook-subscriptions", token: administrator, """
                {"integrator_id": "not-a-uuid", "url": "ftp://example.org/hook", "events": "case.opened.v1", "secret": "x", "extra": 1}
                """)
            #expect(status == .unprocessableContent)
            // Nothing more is said of the integrator or the events, which are themselves wrong.
            #expect(created == ["/events wrong_type", "/extra unknown_field", "/integrator_id invalid_value", "/secret unknown_field", "/url invalid_value"])
            // A member the type knows but a change does not take, beside a wrong type and a broken rule.
            let (_, changed) = try await problems(client, .patch, "/v1/webhook-subscriptions/\(UUID().uuidString.lowercased())", token: administrator, """
                {"integrator_id": "\(UUID().uuidString.lowercased())", "url": 5, "events": ["no.such.event.v1"]}
                """)
            #expect(changed == ["/events invalid_value", "/integrator_id unknown_field", "/url wrong_type"])
            #expect(try await harness.pool.count("SELECT count(*) FROM notifications.webhook_subscriptions") == 0)
        }
    }

    @Test("a test send: two values outside their enumerations and an unknown member, all named")
    func testSend() async throws {
        try await NotificationsHarness.run { client, harness in
            let administrator = try await harness.token(.administrator)
            let (status, found) = try await problems(client, .post, "/v1/test-sends", token: administrator, #"{"channel": "fax", "language": "fr", "extra": true}"#)
            #expect(status == .unprocessableContent)
            #expect(found == ["/channel invalid_value", "/extra unknown_field", "/language invalid_value"])
        }
    }

    @Test("text that is not JSON is still a 400")
    func notJSON() async throws {
        try await NotificationsHarness.run { client, harness in
            let administrator = try await harness.token(.administrator)
            let (status, _) = try await problems(client, .post, "/v1/test-sends", token: administrator, #"{"channel": "#)
            #expect(status == .badRequest)
        }
    }
}
