import Bus
import Models

extension BusWiring {
    /// Intake on the bus: it announces referrals and integrators' webhooks, and hears how the
    /// work on each referral stands.
    public static let intake = BusWiring(
        service: "intake",
        publishes: [ReferralReceived.self, ReferralStatusChanged.self, WebhookRegistered.self, WebhookRemoved.self],
        queues: [.init(ReferralStatusConsumer.queue, takes: [ReferralStatusReported.self])]
    )
}
