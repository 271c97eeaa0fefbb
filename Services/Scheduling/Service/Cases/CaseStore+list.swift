import Foundation
import Models
import Postgres
import StaffAccess

extension CaseStore {
    /// A page of the caller's caseload, oldest first: the organisation's cases for a head, the
    /// cases a specialist leads or is proposed for otherwise. `after` is the last id of the
    /// previous page (ids are time-ordered UUIDv7s, so pages do not shift as cases open).
    static func cases(
        of caller: StaffCaller, state: String?, kind: CaseKind?, specialist: SpecialistID?, limit: Int, after: CaseID?,
        in connection: PostgresConnection
    ) async throws -> [CaseRecord] {
        try await connection.query("""
            SELECT \(unescaped: CaseRecord.columns) FROM scheduling.cases
            WHERE organisation_id = \(caller.organisationID.uuid)
              AND (\(caller.role == .head) OR coalesce(specialist_id, proposed_specialist_id) = \(caller.specialistID?.uuid))
              AND (\(state)::text IS NULL OR state = \(state)) AND (\(kind?.rawValue)::text IS NULL OR kind = \(kind?.rawValue))
              AND (\(specialist?.uuid)::uuid IS NULL OR coalesce(specialist_id, proposed_specialist_id) = \(specialist?.uuid))
              AND (\(after?.uuid)::uuid IS NULL OR id > \(after?.uuid))
            ORDER BY id LIMIT \(limit)
            """).map(CaseRecord.init(row:))
    }
}
