/// One condition a service needs before it can do useful work, e.g. "the database answers".
///
/// `/health/ready` answers 200 only while every check passes, so a load balancer or
/// orchestrator stops sending traffic to a replica that has lost its database.
public struct ReadinessCheck: Sendable {
    /// Short stable name reported when the check fails (`database`); never personal data.
    public let name: String
    /// How long the probe may take before it counts as failed, so a hung dependency
    /// makes the readiness answer fail fast instead of hanging the health request too.
    public let timeout: Duration
    /// Returns `true` when the condition holds.
    let probe: @Sendable () async -> Bool

    /// Creates a check; `probe` should be cheap (`SELECT 1`), it runs on every readiness request.
    public init(name: String, timeout: Duration = .seconds(2), probe: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.timeout = timeout
        self.probe = probe
    }
}
