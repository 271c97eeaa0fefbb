import Bus
import Models

extension BusWiring {
    /// Notifications on the bus: it sends what the others ask for, tells integrators and
    /// specialists what concerns them, and reports what could not be delivered.
    public static let notifications = BusWiring(
        service: "notifications",
        publishes: [],
        publishesForOutside: [NotificationDeliveryFailed.self],
        queues: [
            .init(NotificationConsumer.queue, takes: [
                NotificationRequested.self, NotificationsWithdrawn.self, ReferralStatusChanged.self, CaseAssigned.self,
                WebhookRegistered.self, WebhookRemoved.self,
            ]),
        ]
    )
}
