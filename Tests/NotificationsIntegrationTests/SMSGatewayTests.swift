import Foundation
import Testing
import TestSupport

/// SMS through a real HTTP gateway on loopback: retries on 5xx, none on 4xx, each attempt in the
/// delivery log, the idempotency key the same on every attempt.
@Suite("SMS gateway", .freshDatabase)
struct SMSGatewayTests {
    @Test("a gateway answering 500, 500, then 200 gets one delivery after three attempts, all logged")
    func retriesServerErrors() async throws {
        let gateway = LoopbackPeer(answering: [500, 500, 200])
        try await gateway.run { url in
            try await NotificationsHarness.run(settings: ["SMS_GATEWAY_URL": url + "/send"]) { _, harness in
                let parent = try await harness.recipient(phone: "+79123456789")
                let id = try await harness.request(.meetingReminder, for: parent, data: [
                    "starts_at": "2026-12-01T07:00:00Z", "ends_at": "2026-12-01T08:00:00Z", "meeting_kind": "preliminary",
                ])
                #expect(try await eventually { try await harness.deliveries(of: id).first?.state == "delivered" })
                let delivery = try #require(try await harness.deliveries(of: id).first)
                #expect(delivery.channel == "sms" && delivery.attempts == 3)
                let log = try await harness.attempts(of: id)
                #expect(log.map(\.outcome) == ["retry", "retry", "delivered"])
                #expect(log.map(\.peerStatus) == [500, 500, 200])
                let received = gateway.received
                #expect(received.count == 3)
                #expect(Set(received.compactMap { $0.headers["idempotency-key"] }).count == 1)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(received[2].body.utf8)) as? [String: String])
                #expect(body["to"] == "+79123456789")
                #expect(body["text"]?.contains("1 декабря") == true)
            }
        }
    }

    @Test("a gateway answering 400 is not asked again: the delivery fails for good and says so on the bus")
    func clientErrorIsPermanent() async throws {
        let gateway = LoopbackPeer(answering: [400])
        try await gateway.run { url in
            try await NotificationsHarness.run(settings: ["SMS_GATEWAY_URL": url + "/sms"]) { _, harness in
                let parent = try await harness.recipient(phone: "8 912 345-67-89")
                let id = try await harness.request(.caseOverdue, for: parent, data: ["date": "2026-11-24", "lessons_missed": "3"])
                #expect(try await eventually { try await harness.deliveries(of: id).first?.state == "failed" })
                let delivery = try #require(try await harness.deliveries(of: id).first)
                #expect(delivery.attempts == 1 && delivery.failure == "peer_rejected")
                try await Task.sleep(for: .milliseconds(500))
                #expect(gateway.received.count == 1)
                #expect(try await harness.pool.count("""
                    SELECT count(*) FROM bus.messages WHERE queue = 'observed' AND lower(payload->>'notification_id') = \(id.uuidString.lowercased())
                    """) == 1)
            }
        }
    }
}
