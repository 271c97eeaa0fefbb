import Foundation
import Synchronization

/// A token bucket per channel: at most `rate` sends a second on average, bursts up to one
/// second's worth. Per replica: with several replicas each gets the whole rate.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var rate: Double
        var refilledAt: ContinuousClock.Instant
    }

    private let buckets: Mutex<[Channel: Bucket]>

    init(ratePerSecond: [Channel: Int]) {
        let now = ContinuousClock.now
        buckets = Mutex(ratePerSecond.mapValues { Bucket(tokens: Double($0), rate: Double($0), refilledAt: now) })
    }

    /// Takes up to `wanted` tokens of `channel` and returns how many it got.
    func take(_ channel: Channel, upTo wanted: Int) -> Int {
        buckets.withLock { buckets in
            guard var bucket = buckets[channel] else { return wanted }
            let now = ContinuousClock.now
            let elapsed = bucket.refilledAt.duration(to: now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(bucket.rate, bucket.tokens + seconds * bucket.rate)
            bucket.refilledAt = now
            let granted = min(wanted, Int(bucket.tokens))
            bucket.tokens -= Double(granted)
            buckets[channel] = bucket
            return granted
        }
    }

    /// Gives back tokens taken but not used (fewer deliveries were due than were allowed).
    func giveBack(_ channel: Channel, _ count: Int) {
        guard count > 0 else { return }
        buckets.withLock { buckets in
            guard var bucket = buckets[channel] else { return }
            bucket.tokens = min(bucket.rate, bucket.tokens + Double(count))
            buckets[channel] = bucket
        }
    }
}
