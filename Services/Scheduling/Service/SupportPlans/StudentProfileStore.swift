import Bus
import Foundation
import Models
import Postgres
import StaffAccess

/// The student profile's measures over time (seed 003's «Профиль ученика»: attendance, behaviour,
/// performance), recorded for accompaniment cases and announced to monitoring, each access audited.
enum StudentProfileStore {
    /// Records the measures of the caller's open accompaniment case on `recordedOn` and, in the
    /// same transaction, publishes `student_profile.recorded.v1` without the note.
    ///
    /// - Parameters:
    ///   - attendancePercent: 0–100; stored to two decimals, as the record returned shows.
    ///   - behaviour: 1 (worst) to 5 (best).
    ///   - performance: 1 (worst) to 5 (best).
    /// - Throws: ``SchedulingRefusal``: `in_future` for a day after today in the organisation's
    ///   calendar (monitoring reads the change between the first and the last record: a record
    ///   dated ahead would stand as the latest), `out_of_range` for a measure, `too_long` for the
    ///   note; the case is not the caller's, not an accompaniment or closed.
    static func record(
        caseID: CaseID, recordedOn: LocalDate, attendancePercent: Double, behaviour: Int, performance: Int, note: String?,
        by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws -> ProfileRecord {
        guard attendancePercent.isFinite, (0...100).contains(attendancePercent) else {
            throw outOfRange("/attendance_percent", 0, 100)
        }
        guard (1...5).contains(behaviour) else { throw outOfRange("/behaviour", 1, 5) }
        guard (1...5).contains(performance) else { throw outOfRange("/performance", 1, 5) }
        let note = try note.optionalText(at: "/note", max: 4000, multiline: true)
        try recordedOn.require(notAfter: try await OrganisationCalendar.today(of: caller.organisationID, in: connection, now: now), at: "/recorded_on")
        try await CaseRecord.lock(caseID, for: caller, in: connection).requireOpenAccompaniment()
        let id = ProfileRecordID(UUID.v7(at: now))
        let row = try await connection.query("""
            INSERT INTO scheduling.profile_records AS r (id, case_id, recorded_on, attendance_percent, behaviour, performance, note,
                                                         recorded_at, recorded_by)
            VALUES (\(id.uuid), \(caseID.uuid), \(recordedOn.description)::date, \(attendancePercent), \(behaviour), \(performance), \(note),
                    \(now), \(caller.subject))
            RETURNING \(unescaped: ProfileRecord.columns)
            """).single.unwrapped("inserted profile record")
        let record = try ProfileRecord(row: row)
        let event = StudentProfileRecorded(
            caseID: caseID, organisationID: caller.organisationID, recordedOn: recordedOn, attendancePercent: record.attendancePercent,
            behaviour: behaviour, performance: performance, recordedAt: now)
        try await MessageBus.publish(
            [try OutgoingMessage(event, correlationID: caseID.uuid)], topic: StudentProfileRecorded.messageType, in: connection)
        try await AuditTrail.record("profile.record", by: caller, caseID: caseID, entity: "profile_record", entityID: id.uuid, in: connection)
        return record
    }

    /// The profile records of the caller's case, by the day they describe; the read is audited.
    static func records(caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection) async throws -> [ProfileRecord] {
        _ = try await CaseRecord.find(caseID, for: caller, in: connection)
        let records = try await connection.query("""
            SELECT \(unescaped: ProfileRecord.columns) FROM scheduling.profile_records r
            WHERE r.case_id = \(caseID.uuid) ORDER BY r.recorded_on, r.id
            """).map(ProfileRecord.init(row:))
        try await AuditTrail.record("profile.read", by: caller, caseID: caseID, entity: "profile_record", in: connection)
        return records
    }

    /// A measure at `pointer` outside `lowest`…`highest`.
    private static func outOfRange(_ pointer: String, _ lowest: Int, _ highest: Int) -> SchedulingRefusal {
        .invalid(pointer, code: "out_of_range", "Must be from \(lowest) to \(highest).", "Должно быть от \(lowest) до \(highest).")
    }
}
