/// How long to wait before trying again after consecutive failures: 100 ms, doubling to at most
/// 5 s, with jitter (half to all of it) so that many replicas or loops that failed together do
/// not retry in step. The one rule for every loop that retries a database or a peer (the
/// listener's reconnects, the bus's workers, notifications' dispatcher).
public enum RetryBackoff {
    /// The wait after `failures` consecutive failures (1 for the first).
    public static func delay(afterFailures failures: Int) -> Duration {
        let ceiling = ceilingMilliseconds(afterFailures: failures)
        return .milliseconds(Int.random(in: ceiling / 2...ceiling))
    }

    /// The upper end of ``delay(afterFailures:)``, in milliseconds.
    static func ceilingMilliseconds(afterFailures failures: Int) -> Int {
        min(5_000, 100 << min(max(failures, 1) - 1, 6))
    }
}
