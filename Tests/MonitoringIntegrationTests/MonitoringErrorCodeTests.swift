import Testing
import TestSupport

/// Every `errors[].code` monitoring can answer with is one `docs/api/monitoring.yaml` lists, and
/// every code it lists is one monitoring answers with. (Reads sources only; no database.)
@Suite("Monitoring's error codes")
struct MonitoringErrorCodeTests {
    @Test("the codes monitoring answers with are exactly those monitoring.yaml lists")
    func documented() throws {
        let mismatch = try ErrorCodes.mismatch(sources: ["Services/Monitoring/Service", "Shared/StaffAccess"], document: "docs/api/monitoring.yaml")
        #expect(mismatch == ErrorCodes.agreement, "\(mismatch)")
    }
}
