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
/// The figures are the whole bus's, not this process's: run it in one service, or aggregate
/// replicas with `max`. Labels are queue names only.
public struct BusMetrics: Service {
    let administration: BusAdministration
    let interval: Duration
    let factory: (any MetricsFactory)?
    let logger: Logger

    /// Creates the recorder.
    ///
    /// - Parameters:
    ///   - interval: the pause between readings.
    ///   - factory: where gauges go; `nil` for the metrics system as bootstrapped when a reading
    ///     is recorded (not when the service is created), tests pass their own.
    public init(
        pool: PostgresPool,
        interval: Duration = .seconds(10),
        factory: (any MetricsFactory)? = nil,
        logger: Logger = Logger(label: "accord.bus.metrics")
    ) {
        administration = BusAdministration(pool: pool)
        self.interval = interval
        self.factory = factory
        self.logger = logger
    }

    /// Records until graceful shutdown or cancellation; a failed reading is logged and the
    /// gauges keep their last values until the next one.
    public func run() async throws {
        var known: Set<String> = []
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let status = try await administration.status(countingHistory: false)
                for queue in status.queues { record(queue) }
                // A queue whose last message left has no row any more; zero it rather than
                // leave its last figures standing.
                let current = Set(status.queues.map(\.queue))
                for vanished in known.subtracting(current) {
                    record(QueueStatus(queue: vanished, ready: 0, running: 0, dead: 0, dueNow: 0, oldestDueAgeSeconds: nil))
                }
                known = current
            } catch {
                logger.warning("reading bus figures failed", metadata: ["error": "\(error)"])
            }
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
