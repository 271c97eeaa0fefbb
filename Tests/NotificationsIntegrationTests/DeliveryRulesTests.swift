import Bus
import Foundation
import Models
import Testing
import TestSupport

/// What decides whether, when and how often a notification goes out: quiet hours in the
/// recipient's own time zone (per channel), consent and an opt-out checked again at send time,
/// a redelivered request planned once, and a withdrawn group sending nothing, even to a request
/// that arrives after its withdrawal.
@Suite("Delivery rules", .freshDatabase)
struct DeliveryRulesTests {
    private let reminder = ["starts_at": "2026-12-01T07:00:00Z", "ends_at": "2026-12-01T08:00:00Z", "meeting_kind": "preliminary"]

    /// Why a notification was recorded without deliveries, once it was handled.
    private func unsentReason(_ notification: UUID, in harness: NotificationsHarness) async throws -> String? {
        try await harness.pool.query("SELECT unsent_reason FROM notifications.notifications WHERE id = \(notification)").single?.decode(String?.self, at: 0)
    }

    @Test("inside quiet hours in the recipient's time zone the SMS waits for their end while the email goes at once")
    func quietHours() async throws {
        let gateway = LoopbackPeer()
        let smtp = SMTPPeer()
        try await gateway.run { url in
            try await smtp.run { peer in
                let zone = TimeZone(identifier: "Asia/Yekaterinburg")!
                let now = Date()
                let clock = Date.VerbatimFormatStyle(
                    format: "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)", timeZone: zone,
                    calendar: Calendar(identifier: .gregorian))
                let end = now.addingTimeInterval(2 * 3600)
                let window = clock.format(now.addingTimeInterval(-3600)) + "-" + clock.format(end)
                // The window closes at the start of its last minute (whole-hour offsets keep minutes aligned with UTC's).
                let windowEnd = Date(timeIntervalSince1970: (end.timeIntervalSince1970 / 60).rounded(.down) * 60)
                try await NotificationsHarness.run(settings: [
                    "QUIET_HOURS": window, "QUIET_HOURS_CHANNELS": "sms", "DEFAULT_TIME_ZONE": "Europe/Kaliningrad",
                    "SMS_GATEWAY_URL": url + "/sms", "SMTP_URL": "smtp://127.0.0.1:\(peer.port)", "SMTP_USERNAME": smtp.username,
                    "SMTP_PASSWORD": smtp.password, "SMTP_FROM": "noreply@accord.example", "SMTP_CA_FILE": peer.certificate.path,
                ]) { _, harness in
                    let parent = try await harness.recipient(email: "ivanova@example.ru", phone: "+79123456789", timeZone: "Asia/Yekaterinburg")
                    let id = try await harness.request(.meetingReminder, for: parent, data: reminder)
                    #expect(try await eventually { try await harness.deliveries(of: id).first?.state == "delivered" })
                    let deliveries = try await harness.deliveries(of: id)
                    try #require(deliveries.map(\.channel) == ["email", "sms"], "window \(window)")
                    #expect(deliveries[0].state == "delivered" && deliveries[0].dueAt < now.addingTimeInterval(60))
                    let sms = deliveries[1]
                    #expect(sms.state == "pending" && sms.attempts == 0)
                    #expect(abs(sms.dueAt.timeIntervalSince(windowEnd)) < 0.001, "window \(window): due \(sms.dueAt), expected \(windowEnd)")
                    #expect(try await harness.pool.query("""
                        SELECT deferred_for FROM notifications.deliveries WHERE notification_id = \(id) AND channel = 'sms'
                        """).single?.decode(String?.self, at: 0) == "quiet_hours")
                    try await Task.sleep(for: .seconds(1))
                    #expect(gateway.received.isEmpty)
                    #expect(try peer.messages.count == 1)
                }
            }
        }
    }

    @Test("a recipient without consent gets nothing (no_consent), an unknown one is no_contact")
    func consent() async throws {
        try await NotificationsHarness.run { _, harness in
            let unwilling = try await harness.recipient(email: "ivanova@example.ru", phone: "+79123456789", consent: false)
            let refused = try await harness.request(.meetingReminder, for: unwilling, data: reminder)
            let unknown = try await harness.request(.meetingReminder, for: (id: UUID.v7(), organisation: UUID.v7()), data: reminder)
            #expect(try await eventually {
                let refusedReason = try await unsentReason(refused, in: harness), unknownReason = try await unsentReason(unknown, in: harness)
                return refusedReason != nil && unknownReason != nil
            })
            #expect(try await unsentReason(refused, in: harness) == "no_consent")
            #expect(try await unsentReason(unknown, in: harness) == "no_contact")
            #expect(try await harness.pool.count("SELECT count(*) FROM notifications.deliveries") == 0)
        }
    }

    @Test("an SMS opt-out recorded after planning but before the due time fails the delivery as opted_out without contacting the gateway")
    func optOutAtSendTime() async throws {
        let gateway = LoopbackPeer()
        try await gateway.run { url in
            try await NotificationsHarness.run(settings: ["SMS_GATEWAY_URL": url + "/sms"]) { _, harness in
                let parent = try await harness.recipient(phone: "+79123456789")
                let id = try await harness.request(.meetingReminder, for: parent, data: reminder, sendAfter: Date().addingTimeInterval(3))
                #expect(try await eventually { try await !harness.deliveries(of: id).isEmpty })
                try await harness.pool.query("UPDATE notifications.recipients SET sms_opted_out_at = now() WHERE id = \(parent.id)")
                let planned = try #require(try await harness.deliveries(of: id).first)
                try #require(planned.state == "pending" && planned.attempts == 0, "the opt-out must land before the send")
                #expect(try await eventually { try await harness.deliveries(of: id).first?.state == "failed" })
                let delivery = try #require(try await harness.deliveries(of: id).first)
                #expect(delivery.failure == "opted_out" && delivery.attempts == 1)
                #expect(gateway.received.isEmpty)
            }
        }
    }

    @Test("the same request delivered twice makes one notification, one delivery and one SMS")
    func redeliveredRequest() async throws {
        let gateway = LoopbackPeer()
        try await gateway.run { url in
            try await NotificationsHarness.run(settings: ["SMS_GATEWAY_URL": url + "/sms"]) { _, harness in
                let parent = try await harness.recipient(phone: "+79123456789")
                let id = try await harness.request(.meetingReminder, for: parent, data: reminder)
                try await harness.request(.meetingReminder, for: parent, data: reminder, id: id)
                #expect(try await eventually {
                    let waiting = try await harness.pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'notifications'")
                    let state = try await harness.deliveries(of: id).first?.state
                    return waiting == 0 && state == "delivered"
                })
                try await Task.sleep(for: .seconds(1))
                #expect(try await harness.pool.count("SELECT count(*) FROM notifications.notifications WHERE id = \(id)") == 1)
                #expect(try await harness.deliveries(of: id).count == 1)
                #expect(gateway.received.count == 1)
            }
        }
    }

    @Test("a withdrawn group's pending delivery is never sent (another organisation's group of the same key is), and a request of that group arriving afterwards is recorded as withdrawn")
    func withdrawal() async throws {
        let gateway = LoopbackPeer()
        try await gateway.run { url in
            try await NotificationsHarness.run(settings: ["SMS_GATEWAY_URL": url + "/sms"]) { _, harness in
                let parent = try await harness.recipient(phone: "+79123456789")
                let neighbour = try await harness.recipient(phone: "+79120000000")
                let organisation = OrganisationID(try #require(parent.organisation))
                let sendAfter = Date().addingTimeInterval(5)
                let id = try await harness.request(.meetingReminder, for: parent, data: reminder, sendAfter: sendAfter, groupKey: "meeting:x:1")
                let kept = try await harness.request(.meetingReminder, for: neighbour, data: reminder, sendAfter: sendAfter, groupKey: "meeting:x:1")
                #expect(try await eventually {
                    let withdrawable = try await harness.deliveries(of: id).first?.state, other = try await harness.deliveries(of: kept).first?.state
                    return withdrawable == "pending" && other == "pending"
                })
                try await harness.pool.withConnection {
                    try await MessageBus.publish(
                        NotificationsWithdrawn(organisationID: organisation, groupKey: "meeting:x:1", withdrawnAt: Date()), correlationID: nil, in: $0)
                }
                #expect(try await eventually { try await harness.deliveries(of: id).first?.state == "withdrawn" })
                #expect(try await eventually { try await harness.deliveries(of: kept).first?.state == "delivered" })
                // Past the time it would have gone.
                try await Task.sleep(for: .seconds(max(0, sendAfter.timeIntervalSinceNow) + 1))
                #expect(gateway.received.map(\.body).allSatisfy { $0.contains("+79120000000") } && gateway.received.count == 1)
                #expect(try await harness.deliveries(of: id).first?.state == "withdrawn")

                let late = try await harness.request(.meetingReminder, for: parent, data: reminder, groupKey: "meeting:x:1")
                #expect(try await eventually { try await unsentReason(late, in: harness) == "withdrawn" })
                #expect(try await harness.deliveries(of: late).isEmpty)
                try await Task.sleep(for: .seconds(1))
                #expect(gateway.received.count == 1)
            }
        }
    }
}
