import Bus
import Crypto
import Foundation
import Models
import NotificationsService
import Postgres
import Testing
import TestSupport

/// Integrators' webhooks end to end: intake's registration and a referral's status change arrive
/// on the bus, the integrator's receiver (a real HTTP server on loopback) gets one signed POST per
/// event, which it can verify on its own; a redelivered message is not sent twice, a 4xx is final,
/// and a removal stops further deliveries.
@Suite("Webhook delivery", .freshDatabase)
struct WebhookDeliveryTests {
    private func publish(_ event: some MessageContract, in harness: NotificationsHarness) async throws {
        try await harness.pool.withConnection { try await MessageBus.publish(event, correlationID: nil, in: $0) }
    }

    /// Registers `integrator`'s webhook at `url` through the bus and waits until it is applied.
    private func register(
        _ integrator: IntegratorID, url: String, secret: String, at time: Date = Date(), in harness: NotificationsHarness
    ) async throws {
        try await publish(
            WebhookRegistered(integratorID: integrator, url: url, events: [ReferralStatusChanged.messageType], signingSecret: secret, registeredAt: time),
            in: harness)
        #expect(try await eventually { try await activeSubscriptions(of: integrator, in: harness) == 1 })
    }

    private func activeSubscriptions(of integrator: IntegratorID, in harness: NotificationsHarness) async throws -> Int {
        try await harness.pool.count("""
            SELECT count(*) FROM notifications.webhook_subscriptions WHERE integrator_id = \(integrator.uuid) AND removed_at IS NULL
            """)
    }

    private func statusChange(for integrator: IntegratorID, reference: String) -> ReferralStatusChanged {
        ReferralStatusChanged(
            referralID: .make(), integratorID: integrator, referenceNumber: reference, status: .caseOpened, outcome: nil, changedAt: Date())
    }

    /// The webhook deliveries: state, attempts, failure, event id, in the order they were planned.
    private func webhookDeliveries(in harness: NotificationsHarness) async throws -> [(state: String, attempts: Int, failure: String?, eventID: UUID)] {
        try await harness.pool.query("""
            SELECT state, attempts, failure, event_id FROM notifications.deliveries WHERE channel = 'webhook' ORDER BY created_at, event_id
            """).map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1), try $0.decode(String?.self, at: 2), try $0.decode(UUID.self, at: 3)) }
    }

    /// Whether the `notifications` queue has nothing left to handle.
    private func drained(_ harness: NotificationsHarness) async throws -> Bool {
        try await harness.pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'notifications'") == 0
    }

    @Test("a status change reaches the receiver once, signed so that the receiver can verify it on its own; a redelivered message sends nothing more")
    func signedDelivery() async throws {
        let receiver = LoopbackPeer()
        try await receiver.run { url in
            try await NotificationsHarness.run { _, harness in
                let integrator = IntegratorID.make()
                let secret = "whsec_" + UUID().uuidString
                try await register(integrator, url: url + "/hooks/accord", secret: secret, in: harness)
                let reference = "ОМВД-2026/0457"
                try await publish(statusChange(for: integrator, reference: reference), in: harness)
                #expect(try await eventually { try await webhookDeliveries(in: harness).first?.state == "delivered" })

                let received = receiver.received
                try #require(received.count == 1)
                let post = received[0]
                #expect(post.path == "/hooks/accord")
                let timestamp = try #require(post.headers["accord-timestamp"])
                let signature = try #require(post.headers["accord-signature"])
                let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(post.body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
                #expect(signature == "v1=" + mac.map { String(format: "%02x", $0) }.joined())
                #expect(WebhookSignature.verify(body: Data(post.body.utf8), timestamp: timestamp, header: signature, secret: secret))
                let tampered = post.body.replacingOccurrences(of: reference, with: "ОМВД-2026/0458")
                #expect(tampered != post.body)
                #expect(!WebhookSignature.verify(body: Data(tampered.utf8), timestamp: timestamp, header: signature, secret: secret))
                #expect(!WebhookSignature.verify(body: Data(post.body.utf8), timestamp: timestamp, header: signature, secret: "whsec_another"))

                let envelope = try #require(try JSONSerialization.jsonObject(with: Data(post.body.utf8)) as? [String: Any])
                let eventID = try #require(post.headers["accord-event-id"])
                #expect(envelope["id"] as? String == eventID)
                #expect(post.headers["idempotency-key"] == eventID)
                #expect(envelope["type"] as? String == "referral.status_changed.v1")
                #expect(post.headers["accord-event-type"] == "referral.status_changed.v1")
                let data = try #require(envelope["data"] as? [String: Any])
                #expect(data["reference_number"] as? String == reference)
                #expect(data["integrator_id"] as? String == integrator.uuid.uuidString.lowercased())
                let delivery = try #require(try await webhookDeliveries(in: harness).first)
                #expect(delivery.attempts == 1 && delivery.eventID.uuidString.lowercased() == eventID)

                // The bus hands the same message over again (as after a replay): same event, no second delivery.
                let replayed = try await harness.pool.query("""
                    WITH taken AS (
                        DELETE FROM bus.history WHERE queue = 'notifications' AND type = \(ReferralStatusChanged.messageType)
                        RETURNING id, queue, type, payload, correlation_id, causation_id, created_at
                    )
                    INSERT INTO bus.messages (id, queue, type, payload, correlation_id, causation_id, created_at)
                    OVERRIDING SYSTEM VALUE SELECT * FROM taken
                    """).affectedRows
                try #require(replayed == 1)
                #expect(try await eventually { try await drained(harness) })
                try await Task.sleep(for: .seconds(1))
                #expect(try await webhookDeliveries(in: harness).count == 1)
                #expect(receiver.received.count == 1)

                // The same change published again is another message, so another event.
                try await publish(statusChange(for: integrator, reference: reference), in: harness)
                #expect(try await eventually { receiver.received.count == 2 })
                let deliveries = try await webhookDeliveries(in: harness)
                #expect(deliveries.count == 2 && Set(deliveries.map(\.eventID)).count == 2)
                #expect(Set(receiver.received.compactMap { $0.headers["accord-event-id"] }).count == 2)
            }
        }
    }

    @Test("a receiver that hangs with 100 events due to it holds only its subscription's share of the sends; another integrator's events arrive at once")
    func hangingReceiverHoldsOnlyItsShare() async throws {
        // The hanging receiver would hold each send this long (the send's time limit): without a
        // cap per subscription it takes every webhook slot, and the other integrator waits that long.
        let hang = Duration.seconds(60)
        let cap = 4
        let settings = ["WEBHOOK_CONCURRENCY": "16", "WEBHOOK_SUBSCRIPTION_CONCURRENCY": "\(cap)", "DELIVERY_TIMEOUT_SECONDS": "\(hang.components.seconds)"]
        let hanging = HoldingPeer()
        let prompt = LoopbackPeer()
        try await hanging.run { hangingURL in
            try await prompt.run { promptURL in
                try await NotificationsHarness.run(settings: settings) { _, harness in
                    let stuck = IntegratorID.make(), other = IntegratorID.make()
                    try await register(stuck, url: hangingURL + "/hooks", secret: "whsec_" + UUID().uuidString, in: harness)
                    try await register(other, url: promptURL + "/hooks", secret: "whsec_" + UUID().uuidString, in: harness)
                    for index in 0..<100 { try await publish(statusChange(for: stuck, reference: "STUCK-\(index)"), in: harness) }
                    #expect(try await eventually { hanging.held == cap })

                    var published: [String: Date] = [:]
                    for index in 0..<20 {
                        let reference = "OTHER-\(index)"
                        published[reference] = Date()
                        try await publish(statusChange(for: other, reference: reference), in: harness)
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    let allArrived = try await eventually(within: hang / 4) { prompt.received.count == 20 }
                    // The stuck subscription's rows only: the other integrator's may be on their way too.
                    let sending = try await harness.pool.count("""
                        SELECT count(*) FROM notifications.deliveries d JOIN notifications.webhook_subscriptions s ON s.id = d.subscription_id
                        WHERE d.state = 'sending' AND s.integrator_id = \(stuck.uuid)
                        """)
                    hanging.release()

                    #expect(allArrived, "\(prompt.received.count) of 20 arrived while the other receiver hung")
                    let latencies = prompt.received.compactMap { post in
                        published.first { post.body.contains("\"\($0.key)\"") }.map { post.at.timeIntervalSince($0.value) }
                    }.sorted()
                    let p99 = try #require(latencies.last, "nothing arrived")
                    // A twelfth of the hang: far from what waiting behind the stuck receiver takes, and loose
                    // enough for a loaded machine.
                    #expect(latencies.count == 20 && p99 < (hang / 12) / .seconds(1), "p99 \(p99) s")
                    #expect(hanging.mostHeld == cap && sending <= cap, "held \(hanging.mostHeld), sending \(sending)")
                    #expect(try await eventually(within: .seconds(30)) {
                        try await harness.pool.count("SELECT count(*) FROM notifications.deliveries WHERE state = 'delivered'") == 120
                    })
                }
            }
        }
    }

    @Test("a receiver answering 410 is not asked again: the delivery fails as peer_rejected after one attempt")
    func goneIsFinal() async throws {
        let receiver = LoopbackPeer(answering: [410])
        try await receiver.run { url in
            try await NotificationsHarness.run { _, harness in
                let integrator = IntegratorID.make()
                try await register(integrator, url: url + "/hooks", secret: "whsec_" + UUID().uuidString, in: harness)
                try await publish(statusChange(for: integrator, reference: "REF-410"), in: harness)
                #expect(try await eventually { try await webhookDeliveries(in: harness).first?.state == "failed" })
                let delivery = try #require(try await webhookDeliveries(in: harness).first)
                #expect(delivery.attempts == 1 && delivery.failure == "peer_rejected")
                try await Task.sleep(for: .seconds(1))
                #expect(receiver.received.count == 1)
            }
        }
    }

    @Test("a removal withdraws a delivery waiting to be retried")
    func removalWithdrawsPending() async throws {
        let receiver = LoopbackPeer(answering: [503])
        try await receiver.run { url in
            // A long first backoff keeps the delivery pending after the 503.
            try await NotificationsHarness.run(settings: ["DELIVERY_RETRY_BASE_MS": "60000"]) { _, harness in
                let integrator = IntegratorID.make()
                let registeredAt = Date()
                try await register(integrator, url: url + "/hooks", secret: "whsec_" + UUID().uuidString, at: registeredAt, in: harness)
                try await publish(statusChange(for: integrator, reference: "REF-503"), in: harness)
                #expect(try await eventually {
                    let delivery = try await webhookDeliveries(in: harness).first
                    return delivery?.state == "pending" && delivery?.attempts == 1
                })
                try await publish(WebhookRemoved(integratorID: integrator, removedAt: registeredAt.addingTimeInterval(1)), in: harness)
                #expect(try await eventually { try await webhookDeliveries(in: harness).first?.state == "withdrawn" })
                #expect(try await webhookDeliveries(in: harness).first?.failure == "subscription_removed")
                #expect(receiver.received.count == 1)
            }
        }
    }

    @Test("after a removal, neither a further status change nor an older registration delivered late sends anything")
    func removalStopsDeliveries() async throws {
        let receiver = LoopbackPeer()
        try await receiver.run { url in
            try await NotificationsHarness.run { _, harness in
                let integrator = IntegratorID.make()
                let registeredAt = Date()
                try await register(integrator, url: url + "/hooks", secret: "whsec_" + UUID().uuidString, at: registeredAt, in: harness)
                try await publish(statusChange(for: integrator, reference: "REF-1"), in: harness)
                #expect(try await eventually { receiver.received.count == 1 })

                try await publish(WebhookRemoved(integratorID: integrator, removedAt: registeredAt.addingTimeInterval(60)), in: harness)
                #expect(try await eventually { try await activeSubscriptions(of: integrator, in: harness) == 0 })
                try await publish(
                    WebhookRegistered(
                        integratorID: integrator, url: url + "/hooks", events: [ReferralStatusChanged.messageType], signingSecret: "whsec_stale",
                        registeredAt: registeredAt.addingTimeInterval(30)),
                    in: harness)
                #expect(try await eventually { try await drained(harness) })
                #expect(try await activeSubscriptions(of: integrator, in: harness) == 0, "a registration older than the removal must not revive it")

                try await publish(statusChange(for: integrator, reference: "REF-2"), in: harness)
                #expect(try await eventually { try await drained(harness) })
                try await Task.sleep(for: .seconds(1))
                #expect(receiver.received.count == 1)
                #expect(try await webhookDeliveries(in: harness).count == 1)
            }
        }
    }
}
