import Logging
import Metrics
import Postgres
import ServiceLifecycle

/// Records the bus's queue figures as gauges every `interval`, as a lifecycle service:
///
/// - `accord_bus_queue_depth{queue, state}`: messages per state (`ready`, `running`, `dead`);
/// - `accord_bus_oldest_ready_age_seconds{queue}`: how long the oldest due message has waited
///   (0 when none is due), the figure to alert on when workers fall behind.
///
/// A service reports the queues its own workers consume and every queue a topic is delivered
/// to, each read through that queue's own indexes rather than by counting the whole bus (a
/// whole-bus count every few seconds used to stall intake's requests under load). A subscribed
/// queue whose consumer is down is exactly the one to alert on, so every service reports it.
/// Replicas report the same figures; aggregate them with `max`. Labels are queue names only.
public struct BusMetrics: Service {
    let administration: BusAdministration
    let queues: [String]
    let interval: Duration
    let factory: (any MetricsFactory)?
    let logger: Logger

    /// Creates the recorder.
    ///
    /// - Parameters:
    ///   - queues: the queues this process consumes; subscribed queues are added at each reading.
    ///   - interval: the pause between readings.
    ///   - factory: where gauges go; `nil` for the metrics system as bootstrapped when a reading
    ///     is recorded (not when the service is created), tests pass their own.
    public init(
        pool: PostgresPool,
        queues: [String],
        interval: Duration = .seconds(10),
        factory: (any MetricsFactory)? = nil,
        logger: Logger = Logger(label: "accord.bus.metrics")
    ) {
        administration = BusAdministration(pool: pool)
        self.queues = queues
        self.interval = interval
        self.factory = factory
        self.logger = logger
    }

    /// Records until graceful shutdown or cancellation; a failed reading is logged and the
    /// gauges keep their last values until the next one. With no queues it still runs until
    /// shutdown, recording nothing: a lifecycle service that returns ends its whole group.
    ///
    /// Other services' subscribed queues are read every sixth round only: when their consumer is
    /// down they grow, and counting a backlog of many thousands every 10 s in every service
    /// would itself take a core from a small server.
    public func run() async throws {
        var round = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                var reported = Set(queues)
                if round % 6 == 0 { reported.formUnion(try await administration.subscribedQueues()) }
                for queue in try await administration.status(of: reported.sorted()) { record(queue) }
            } catch {
                logger.warning("reading bus figures failed", metadata: ["error": "\(error)"])
            }
            round += 1
            try? await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
        }
    }

    private func record(_ queue: QueueStatus) {
        let factory = factory ?? MetricsSystem.factory
        for (state, count) in [("ready", queue.ready), ("running", queue.running), ("dead", queue.dead)] {
            Gauge(label: "accord_bus_queue_depth", dimensions: [("queue", queue.queue), ("state", state)], factory: factory)
                .record(count)
        }
        Gauge(label: "accord_bus_oldest_ready_age_seconds", dimensions: [("queue", queue.queue)], factory: factory)
            .record(queue.oldestDueAgeSeconds ?? 0)
    }
}
