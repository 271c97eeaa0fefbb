import Foundation
import Metrics

/// The worker's own metrics, labelled by queue only (never by anything in a payload).
struct QueueWorkerMetrics: Sendable {
    let processed: Counter
    let failed: Counter
    let dead: Counter
    let handlerDuration: Metrics.Timer
    let claimLatency: Metrics.Timer

    init(queue: String) {
        let dimensions = [("queue", queue)]
        processed = Counter(label: "accord_bus_messages_processed_total", dimensions: dimensions)
        failed = Counter(label: "accord_bus_messages_failed_total", dimensions: dimensions)
        dead = Counter(label: "accord_bus_messages_dead_total", dimensions: dimensions)
        handlerDuration = Metrics.Timer(label: "accord_bus_handler_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
        // How long a due message waited before a worker claimed it.
        claimLatency = Metrics.Timer(label: "accord_bus_claim_latency_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
    }

    func recordClaimed(_ batch: [ClaimedMessage]) {
        let now = Date()
        for message in batch {
            claimLatency.recordNanoseconds(Int64(max(0, now.timeIntervalSince(message.runAt)) * 1e9))
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds, for swift-metrics timers.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
