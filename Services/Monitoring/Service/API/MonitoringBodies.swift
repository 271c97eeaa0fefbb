import MonitoringAPI
import ServiceRuntime

extension RequestBodies {
    /// The body of every monitoring operation that takes one, so that a body the generated
    /// server refuses is answered with all its problems (see ``StaffGate``).
    /// `MonitoringBodiesTests` holds this list to the OpenAPI document.
    static let monitoring = RequestBodies([
        .json(Operations.RequestReport.id, Operations.RequestReport.Input.Body.json),
        .json(Operations.PrepareConclusion.id, Operations.PrepareConclusion.Input.Body.json),
    ])
}
