import Foundation
import Postgres
import Synchronization

/// A token bucket per API key: `perSecond` requests sustained, up to `burst` at once.
///
/// Per process: with several replicas behind a balancer each enforces its own budget, which is
/// what protects each replica's database pool.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updatedAt: ContinuousClock.Instant
    }

    private let perSecond: Double
    private let burst: Double
    private let buckets = Mutex<[UUID: Bucket]>([:])

    init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = burst
    }

    /// Takes one token for `key`; returns `nil` when allowed, or the whole seconds to wait.
    func take(_ key: UUID) -> Int? {
        let now = ContinuousClock.now
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updatedAt: now)
            let elapsed = (now - bucket.updatedAt).totalSeconds
            bucket.tokens = min(burst, bucket.tokens + elapsed * perSecond)
            bucket.updatedAt = now
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else {
                return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
            }
            bucket.tokens -= 1
            return nil
        }
    }
}
