import Foundation

/// When a failed attempt is tried again: the base delay doubling with each attempt, at most six
/// hours, spread ±20 % so that a peer coming back is not hit by every retry at once.
struct RetryPolicy: Sendable {
    /// The first retry's delay.
    var base: Duration
    /// Attempts before giving up.
    var maxAttempts: Int

    /// The longest delay.
    static let ceiling: TimeInterval = 6 * 3600

    /// The delay after failed attempt number `attempt` (1-based), or after what the peer asked for
    /// (`Retry-After`) when that is longer.
    func delay(after attempt: Int, peerAsked: TimeInterval? = nil) -> TimeInterval {
        let base = Double(self.base.components.seconds) + Double(self.base.components.attoseconds) / 1e18
        let exponential = min(Self.ceiling, base * pow(2, Double(max(0, attempt - 1))))
        let spread = min(Self.ceiling, exponential * Double.random(in: 0.8...1.2))
        return max(spread, min(Self.ceiling, peerAsked ?? 0))
    }

    /// Whether attempt number `attempt` was the last.
    func isExhausted(after attempt: Int) -> Bool { attempt >= maxAttempts }
}
