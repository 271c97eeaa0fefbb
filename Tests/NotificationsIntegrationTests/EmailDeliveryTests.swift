import Foundation
import Testing
import TestSupport

/// Email through a real SMTP server on loopback (STARTTLS with a certificate trusted through
/// `SMTP_CA_FILE`, AUTH): the message as it arrives, an address the server refuses failing for
/// good after one attempt, and wrong credentials retried without anything being sent.
@Suite("Email delivery", .freshDatabase)
struct EmailDeliveryTests {
    private func settings(_ smtp: SMTPPeer, _ peer: SMTPPeer.Listening, password: String? = nil) -> [String: String] {
        [
            "SMTP_URL": "smtp://127.0.0.1:\(peer.port)", "SMTP_TLS": "required", "SMTP_USERNAME": smtp.username,
            "SMTP_PASSWORD": password ?? smtp.password, "SMTP_FROM": "noreply@accord.example", "SMTP_CA_FILE": peer.certificate.path,
            "SENDER_NAME": "Служба примирения",
        ]
    }

    /// The delivery log of a notification with each attempt's error class and how long it took.
    private func attempts(of notification: UUID, in harness: NotificationsHarness) async throws -> [(outcome: String?, peerStatus: Int?, error: String?, milliseconds: Double?)] {
        try await harness.pool.query("""
            SELECT a.outcome, a.peer_status, a.error, a.latency_ms FROM notifications.delivery_attempts a
            JOIN notifications.deliveries d ON d.id = a.delivery_id WHERE d.notification_id = \(notification) ORDER BY a.attempt
            """).map { (try $0.decode(String?.self, at: 0), try $0.decode(Int?.self, at: 1), try $0.decode(String?.self, at: 2), try $0.decode(Double?.self, at: 3)) }
    }

    @Test("an invitation arrives once over STARTTLS and AUTH, with MIME headers, a Russian subject in encoded words and a base64 UTF-8 body in local time")
    func invitation() async throws {
        let smtp = SMTPPeer()
        try await smtp.run { peer in
            try await NotificationsHarness.run(settings: settings(smtp, peer)) { _, harness in
                let parent = try await harness.recipient(email: "ivanova@example.ru", timeZone: "Asia/Yekaterinburg")
                let id = try await harness.request(.meetingInvitation, for: parent, data: [
                    "starts_at": "2026-12-01T07:00:00Z", "ends_at": "2026-12-01T08:00:00Z", "meeting_kind": "preliminary",
                ])
                #expect(try await eventually { try await harness.deliveries(of: id).first?.state == "delivered" })
                let delivery = try #require(try await harness.deliveries(of: id).first)
                #expect(delivery.channel == "email" && delivery.attempts == 1)
                #expect(try await attempts(of: id, in: harness).map(\.peerStatus) == [250])
                let deliveryID = try #require(try await harness.pool.query("SELECT id FROM notifications.deliveries WHERE notification_id = \(id)").single?.decode(UUID.self, at: 0))

                let messages = try peer.messages
                try #require(messages.count == 1)
                let message = messages[0]
                #expect(message.mailFrom == "noreply@accord.example")
                #expect(message.recipients == ["ivanova@example.ru"])
                let headers = message.headers
                #expect(headers["from"]?.hasSuffix(" <noreply@accord.example>") == true)
                #expect(message.decoded("from") == "Служба примирения <noreply@accord.example>")
                #expect(headers["to"] == "<ivanova@example.ru>")
                #expect(headers["message-id"] == "<\(deliveryID.uuidString.lowercased())@accord-notifications>")
                #expect(headers["mime-version"] == "1.0")
                #expect(headers["content-type"] == "text/plain; charset=utf-8")
                #expect(headers["content-transfer-encoding"] == "base64")
                let subject = try #require(headers["subject"])
                #expect(subject.hasPrefix("=?UTF-8?B?") && subject.unicodeScalars.allSatisfy(\.isASCII))
                let decodedSubject = try #require(message.decoded("subject"))
                #expect(decodedSubject.contains("Приглашение") && decodedSubject.contains("12:00"), "\(decodedSubject)")
                let bytes = try #require(Data(base64Encoded: message.body, options: .ignoreUnknownCharacters))
                let text = try #require(String(data: bytes, encoding: .utf8))
                #expect(text.contains("восстановительной программы"))
                #expect(text.contains("1 декабря 2026") && text.contains("12:00") && text.contains("13:00"), "the meeting in Yekaterinburg time: \(text)")
                #expect(text.contains("Служба примирения"))
            }
        }
    }

    @Test("an address the server refuses with 550 fails for good as address_rejected after one attempt, and nothing is accepted")
    func rejectedAddress() async throws {
        let smtp = SMTPPeer(rejecting: ["nobody@example.ru"])
        try await smtp.run { peer in
            try await NotificationsHarness.run(settings: settings(smtp, peer)) { _, harness in
                let parent = try await harness.recipient(email: "nobody@example.ru")
                let id = try await harness.request(.caseOverdue, for: parent, data: ["date": "2026-11-24"])
                #expect(try await eventually { try await harness.deliveries(of: id).first?.state == "failed" })
                let delivery = try #require(try await harness.deliveries(of: id).first)
                #expect(delivery.attempts == 1 && delivery.failure == "address_rejected")
                let log = try await attempts(of: id, in: harness)
                #expect(log.map(\.outcome) == ["failed"] && log.map(\.peerStatus) == [550])
                #expect(try peer.messages.isEmpty)
            }
        }
    }

    @Test("a server that does not answer DATA within the timeout: each attempt ends at the timeout and is logged as one, the delivery fails as attempts_exhausted, nothing is accepted")
    func slowServer() async throws {
        let smtp = SMTPPeer(dataDelay: 5)
        try await smtp.run { peer in
            let overrides = settings(smtp, peer).merging(["DELIVERY_TIMEOUT_SECONDS": "2", "DELIVERY_MAX_ATTEMPTS": "2"]) { $1 }
            try await NotificationsHarness.run(settings: overrides) { _, harness in
                let parent = try await harness.recipient(email: "ivanova@example.ru")
                let id = try await harness.request(.caseOverdue, for: parent, data: ["date": "2026-11-24"])
                #expect(try await eventually(within: .seconds(15)) { try await harness.deliveries(of: id).first?.state == "failed" })
                let delivery = try #require(try await harness.deliveries(of: id).first)
                #expect(delivery.attempts == 2 && delivery.failure == "attempts_exhausted")
                let log = try await attempts(of: id, in: harness)
                #expect(log.map(\.outcome) == ["retry", "failed"] && log.map(\.error) == ["timeout", "timeout"])
                // Longer than the server's wait: a session the client gave up on delivers nothing.
                try await Task.sleep(for: .seconds(6))
                let accepted = try peer.messages.count
                #expect(log.allSatisfy { ($0.milliseconds ?? .infinity) < 3_500 }, "attempts took \(log.map(\.milliseconds)) ms")
                #expect(accepted == 0, "the server accepted \(accepted) copies")
            }
        }
    }

    @Test("a wrong password is retried later, logged as an authentication error, and nothing is sent")
    func wrongPassword() async throws {
        let smtp = SMTPPeer()
        try await smtp.run { peer in
            // A long first backoff keeps the delivery pending after its first attempt.
            let overrides = settings(smtp, peer, password: "not-the-password").merging(["DELIVERY_RETRY_BASE_MS": "60000"]) { $1 }
            try await NotificationsHarness.run(settings: overrides) { _, harness in
                let parent = try await harness.recipient(email: "ivanova@example.ru")
                let id = try await harness.request(.caseOverdue, for: parent, data: ["date": "2026-11-24"])
                #expect(try await eventually { try await attempts(of: id, in: harness).first?.outcome != nil })
                let log = try await attempts(of: id, in: harness)
                #expect(log.count == 1 && log.first?.outcome == "retry")
                let authErrors: Set<String?> = ["smtp_login_denied", "smtp_auth_required"]
                #expect(authErrors.contains(log.first?.error), "logged: \(String(describing: log.first?.error))")
                let delivery = try #require(try await harness.deliveries(of: id).first)
                #expect(delivery.state == "pending" && delivery.attempts == 1 && authErrors.contains(delivery.failure))
                #expect(delivery.dueAt > Date().addingTimeInterval(30), "the retry waits for the backoff")
                #expect(try peer.messages.isEmpty)
            }
        }
    }
}
