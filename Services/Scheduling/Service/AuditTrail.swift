import Foundation
import Models
import Postgres
import StaffAccess

/// The audit log of personal and case data: who read or wrote what, when and why, written in the
/// same transaction as the access it records, so an access that happened is never missing from it.
enum AuditTrail {
    /// Records `action` (`party.read`, `consent.withdraw`, …) by `caller` on `entity`.
    static func record(
        _ action: String, by caller: StaffCaller, caseID: CaseID? = nil, entity: String? = nil, entityID: UUID? = nil,
        purpose: String? = nil, in connection: PostgresConnection
    ) async throws {
        try await connection.query("""
            INSERT INTO scheduling.audit_log (actor, action, organisation_id, case_id, entity, entity_id, purpose)
            VALUES (\(caller.actor), \(action), \(caller.organisationID.uuid), \(caseID?.uuid), \(entity), \(entityID), \(purpose))
            """)
    }
}
