import Postgres
import Synchronization

/// Token buckets, one per key, each filling at its rate up to its burst: what paces intake's API
/// keys (requests) and notifications' channels (sends).
///
/// Per process: with several replicas each enforces its own budget, which is what protects each
/// replica's database pool, and what a provider's limit per sender wants divided by replicas.
public final class TokenBuckets<Key: Hashable & Sendable>: Sendable {
    /// How fast a bucket fills and how much it holds.
    public struct Rate: Sendable {
        /// Tokens added a second.
        public var perSecond: Double
        /// The most it holds, and what a new bucket starts with.
        public var burst: Double

        /// A rate of `perSecond`, holding at most `burst`.
        public init(perSecond: Double, burst: Double) {
            precondition(perSecond > 0 && burst >= 1, "a bucket fills and holds at least one token")
            self.perSecond = perSecond
            self.burst = burst
        }
    }

    private struct Bucket {
        var tokens: Double
        var refilledAt: ContinuousClock.Instant
    }

    private let rate: @Sendable (Key) -> Rate?
    private let buckets = Mutex<[Key: Bucket]>([:])

    /// Buckets whose rate `rate` gives per key; a key without one (`nil`) is not limited.
    public init(rate: @escaping @Sendable (Key) -> Rate?) {
        self.rate = rate
    }

    /// Takes one token of `key`: `nil` when there was one, or how long until there will be.
    public func take(_ key: Key) -> Duration? {
        guard let rate = rate(key) else { return nil }
        return withBucket(key, rate) { bucket in
            guard bucket.tokens < 1 else {
                bucket.tokens -= 1
                return nil
            }
            return .seconds((1 - bucket.tokens) / rate.perSecond)
        }
    }

    /// Takes up to `wanted` tokens of `key` and returns how many it got.
    public func take(_ key: Key, upTo wanted: Int) -> Int {
        guard let rate = rate(key) else { return wanted }
        return withBucket(key, rate) { bucket in
            let granted = min(wanted, Int(bucket.tokens))
            bucket.tokens -= Double(granted)
            return granted
        }
    }

    /// Gives back tokens taken but not used (fewer sends were due than were allowed).
    public func giveBack(_ key: Key, _ count: Int) {
        guard count > 0, let rate = rate(key) else { return }
        withBucket(key, rate) { $0.tokens = min(rate.burst, $0.tokens + Double(count)) }
    }

    /// Runs `body` on `key`'s bucket, refilled for the time since it last was.
    @discardableResult
    private func withBucket<Result>(_ key: Key, _ rate: Rate, _ body: (inout Bucket) -> Result) -> Result {
        let now = ContinuousClock.now
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: rate.burst, refilledAt: now)
            bucket.tokens = min(rate.burst, bucket.tokens + (now - bucket.refilledAt).totalSeconds * rate.perSecond)
            bucket.refilledAt = now
            defer { buckets[key] = bucket }
            return body(&bucket)
        }
    }
}
