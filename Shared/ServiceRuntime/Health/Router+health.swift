import Hummingbird

extension Router {
    /// Adds `GET /health/live` and `GET /health/ready`.
    ///
    /// Liveness answers 200 whenever the process can answer at all, so an orchestrator restarts
    /// only a hung process, never one whose database is merely down. Readiness answers 200 when
    /// every check in `readinessChecks` passes and 503 otherwise, with a JSON body naming the
    /// failing checks, so traffic moves away from a replica that cannot serve it.
    public func addHealthRoutes(readinessChecks: [ReadinessCheck]) {
        get("/health/live") { _, _ in
            HealthReport(status: "live", failing: nil)
        }
        get("/health/ready") { _, _ in
            let failures = await readinessChecks.failures()
            guard failures.isEmpty else {
                let failing = failures.map { HealthReport.FailingCheck(name: $0.name, reason: $0.outcome.rawValue) }
                return EditedResponse(
                    status: .serviceUnavailable,
                    response: HealthReport(status: "unavailable", failing: failing)
                )
            }
            return EditedResponse(status: .ok, response: HealthReport(status: "ready", failing: nil))
        }
    }
}
