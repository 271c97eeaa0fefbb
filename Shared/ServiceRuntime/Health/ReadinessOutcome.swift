/// How one readiness check ended; the raw value is the `reason` `/health/ready` reports.
enum ReadinessOutcome: String, Sendable {
    case passed
    case failed
    case timedOut = "timeout"
}
