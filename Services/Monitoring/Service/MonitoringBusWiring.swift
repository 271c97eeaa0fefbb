import Bus
import Models

extension BusWiring {
    /// Monitoring on the bus: the facts of its reports come from the other services' events,
    /// and it asks notifications to remind schools of reports due.
    public static let monitoring = BusWiring(
        service: "monitoring",
        publishes: [NotificationRequested.self],
        queues: [.init(EventProjection.queue, takes: EventProjection.contracts)]
    )
}
