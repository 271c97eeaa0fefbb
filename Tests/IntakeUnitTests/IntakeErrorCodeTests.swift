import Testing
import TestSupport

/// Every `errors[].code` intake can answer with is one `docs/api/intake.yaml` lists, and every
/// code it lists is one intake answers with.
@Suite("Intake's error codes")
struct IntakeErrorCodeTests {
    @Test("the codes intake answers with are exactly those intake.yaml lists")
    func documented() throws {
        // Intake decodes its bodies itself, reporting every bad field at once.
        let mismatch = try ErrorCodes.mismatch(
            sources: ["Services/Intake/Service", "Shared/ServiceRuntime/Problems/CollectingJSONDecoder.swift"], document: "docs/api/intake.yaml")
        #expect(mismatch == ErrorCodes.agreement, "\(mismatch)")
    }
}
