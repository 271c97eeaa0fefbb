import AsyncHTTPClient
import Bus
import Foundation
import Logging
import Metrics
import Postgres
import ServiceRuntime
import ServiceLifecycle
import Synchronization

/// Sends what is due: claims deliveries per channel (as many as the channel's free slots and rate
/// allow, and for webhooks no more than a subscription's own cap in flight), sends them
/// concurrently, and records each outcome. Wakes on `NOTIFY` from the planner,
/// polls as a backstop, and takes back the claims of replicas that died mid-send.
///
/// On graceful shutdown it claims nothing more and waits for the sends in flight to be recorded,
/// so a SIGTERM loses nothing and leaves nothing uncertain.
struct DeliveryDispatcher: Service {
    let pool: PostgresPool
    let channels: DeliveryChannels
    let planner: DeliveryPlanner
    let log: DeliveryLog
    let settings: DeliverySettings
    let logger: Logger
    /// Made once, not per delivery.
    let metrics = DispatchMetrics()

    func run() async throws {
        let doorbell = Doorbell()
        let wakeUps = pool.notifications.events(on: [DeliveryPlanner.wakeChannel])
        // Per channel, bursts up to one second's worth.
        let limiter = TokenBuckets<Channel> { [rates = settings.ratePerSecond] channel in
            rates[channel].map { TokenBuckets.Rate(perSecond: Double($0), burst: Double($0)) }
        }
        let inFlight = InFlightSends()
        await withTaskGroup(of: Void.self) { background in
            background.addTask { for await _ in wakeUps { doorbell.ring() } }
            await withGracefulShutdownHandler { await withDiscardingTaskGroup { sends in
                var recoveredAt = ContinuousClock.now - .seconds(60)
                var failures = 0
                while !Task.isShuttingDownGracefully, !Task.isCancelled {
                    do {
                        if recoveredAt.duration(to: .now) > .seconds(1) {
                            try await log.recoverExpiredLeases()
                            recoveredAt = .now
                        }
                        var more = false, paced = false
                        for channel in Channel.allCases {
                            let free = settings.concurrency[channel, default: 1] - inFlight.count(channel)
                            guard free > 0 else { continue }
                            let allowed = limiter.take(channel, upTo: min(free, 200))
                            guard allowed > 0 else {
                                paced = true
                                continue
                            }
                            let claims = try await ClaimedDelivery.claim(
                                channel, limit: allowed, perSubscription: settings.perSubscriptionConcurrency, lease: settings.lease, on: pool)
                            limiter.giveBack(channel, allowed - claims.count)
                            more = more || claims.count == allowed
                            for claim in claims {
                                inFlight.start(channel)
                                let limit = settings.concurrency[channel, default: 1]
                                sends.addTask {
                                    await deliver(claim)
                                    // A freed slot in a saturated channel is worth a look at once.
                                    if inFlight.finish(channel) >= limit { doorbell.ring() }
                                }
                            }
                        }
                        failures = 0
                        if !more { await doorbell.wait(upTo: paced ? .milliseconds(20) : settings.pollInterval) }
                    } catch {
                        failures += 1
                        logger.warning("delivery dispatcher failed; retrying", metadata: ["error": "\(error)"])
                        try? await Task.sleep(for: RetryBackoff.delay(afterFailures: failures))
                    }
                }
            } } onGracefulShutdown: {
                // An idle dispatcher stops at once rather than after its poll interval.
                doorbell.open()
            }
            background.cancelAll()
        }
    }

    /// Sends one claimed delivery and records the outcome; if the record cannot be written, the
    /// lease runs out and the delivery comes back as uncertain.
    private func deliver(_ claim: ClaimedDelivery) async {
        let started = ContinuousClock.now
        let now = Date()
        let outcome = await channels.send(claim, now: now)
        let latency = started.duration(to: .now)
        let timeZone = claim.notification?.recipient?.timeZone ?? planner.defaultTimeZone
        let next = log.next(after: outcome, attempt: claim.attempt, now: now) {
            planner.earliestSend(at: $0, on: claim.channel, timeZone: timeZone)
        }
        metrics.attempts(claim.channel, outcome: next.state).increment()
        metrics.sendDuration(claim.channel).recordNanoseconds(latency.components.seconds * 1_000_000_000 + latency.components.attoseconds / 1_000_000_000)
        for attempt in 1...3 {
            do {
                try await log.record(claim, outcome: outcome, latency: latency, next: next)
                break
            } catch {
                logger.warning("could not record a delivery attempt", metadata: ["delivery": "\(claim.id)", "attempt": "\(attempt)", "error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
        if case .failed(_, let reason) = outcome {
            logger.notice("delivery failed for good", metadata: ["delivery": "\(claim.id)", "channel": "\(claim.channel.rawValue)", "reason": "\(reason)"])
        }
    }
}

/// How many sends are in flight per channel.
final class InFlightSends: Sendable {
    private let counts = Mutex<[Channel: Int]>([:])

    /// Sends in flight on `channel`.
    func count(_ channel: Channel) -> Int { counts.withLock { $0[channel, default: 0] } }

    /// One more on `channel`.
    func start(_ channel: Channel) { counts.withLock { $0[channel, default: 0] += 1 } }

    /// One fewer on `channel`; returns how many there were before.
    func finish(_ channel: Channel) -> Int {
        counts.withLock {
            let before = $0[channel, default: 1]
            $0[channel] = before - 1
            return before
        }
    }
}

/// The dispatcher's metric handles, made on first use per channel and outcome and kept: a
/// handle made per delivery costs a registry lookup under its lock on every send.
final class DispatchMetrics: Sendable {
    private struct Handles {
        var attempts: [String: Counter] = [:]
        var sendDurations: [Channel: Metrics.Timer] = [:]
    }

    private let handles = Mutex(Handles())

    /// `accord_notifications_attempts_total` for `channel` and the delivery's next state.
    func attempts(_ channel: Channel, outcome: String) -> Counter {
        handles.withLock { handles in
            let key = channel.rawValue + "/" + outcome
            if let counter = handles.attempts[key] { return counter }
            let counter = Counter(label: "accord_notifications_attempts_total", dimensions: [("channel", channel.rawValue), ("outcome", outcome)])
            handles.attempts[key] = counter
            return counter
        }
    }

    /// `accord_notifications_send_seconds` for `channel`.
    func sendDuration(_ channel: Channel) -> Metrics.Timer {
        handles.withLock { handles in
            if let timer = handles.sendDurations[channel] { return timer }
            let timer = Metrics.Timer(label: "accord_notifications_send_seconds", dimensions: [("channel", channel.rawValue)])
            handles.sendDurations[channel] = timer
            return timer
        }
    }
}
