import Foundation
import Models
import Postgres
import StaffAccess

/// Notes on a support plan's course: what the team's monitoring meetings found (seed 003,
/// steps 6–8), signed by the caller.
extension SupportPlanStore {
    /// Adds a note, written by the caller, to their active plan.
    ///
    /// - Throws: ``SchedulingRefusal``: the text is empty or too long (`length`); written after
    ///   today in the organisation's calendar (`in_future`); no such plan, a completed plan or a
    ///   closed case.
    static func addProgressNote(
        planID: SupportPlanID, writtenOn: LocalDate, text: String, by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws -> ProgressNote {
        let text = try text.requiredText(at: "/text", max: 4000, multiline: true)
        try writtenOn.require(notAfter: try await OrganisationCalendar.today(of: caller.organisationID, in: connection, now: now), at: "/written_on")
        let caseID = try await lockActive(planID, for: caller, in: connection)
        let id = ProgressNoteID(UUID.v7(at: now))
        let row = try await connection.query("""
            INSERT INTO scheduling.progress_notes AS n (id, plan_id, written_on, text, author, created_at)
            VALUES (\(id.uuid), \(planID.uuid), \(writtenOn.description)::date, \(text), \(caller.subject), \(now))
            RETURNING \(unescaped: ProgressNote.columns)
            """).single.unwrapped("inserted progress note")
        try await AuditTrail.record("progress_note.create", by: caller, caseID: caseID, entity: "progress_note", entityID: id.uuid, in: connection)
        return try ProgressNote(row: row)
    }
}
