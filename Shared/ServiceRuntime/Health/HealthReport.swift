import Hummingbird

/// The JSON body of the health endpoints: a status word and, when not ready, which checks failed.
///
/// Only check names and outcomes appear, never what a probe saw, so nothing personal leaks
/// to whoever can reach the health port.
struct HealthReport: ResponseEncodable {
    /// A readiness check that did not pass, with `reason` `failed` or `timeout`.
    struct FailingCheck: Codable {
        let name: String
        let reason: String
    }

    let status: String
    let failing: [FailingCheck]?
}
