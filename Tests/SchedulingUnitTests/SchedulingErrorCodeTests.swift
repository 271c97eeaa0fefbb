import Testing
import TestSupport

/// Every `errors[].code` scheduling can answer with is one `docs/api/scheduling.yaml` lists, and
/// every code it lists is one scheduling answers with.
@Suite("Scheduling's error codes")
struct SchedulingErrorCodeTests {
    @Test("the codes scheduling answers with are exactly those scheduling.yaml lists")
    func documented() throws {
        // A 404 or 403 refusal is answered without `errors` (SchedulingRefusal+problem): its
        // code is for the admin CLI, which prints it.
        let mismatch = try ErrorCodes.mismatch(
            sources: ["Services/Scheduling/Service", "Shared/StaffAccess"], document: "docs/api/scheduling.yaml",
            notInErrors: ["not_found", "forbidden"])
        #expect(mismatch == ErrorCodes.agreement, "\(mismatch)")
    }
}
