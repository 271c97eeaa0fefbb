import Bus
import Foundation
import Models
import Postgres
import StaffAccess

extension CaseStore {
    /// Moves the caller's case to `target`: checks the procedure's order and the gates, then
    /// stores the move and publishes what it means, all in the caller's transaction.
    ///
    /// - Throws: ``SchedulingRefusal`` for a move the procedure or the gates refuse.
    static func move(
        _ id: CaseID, to target: CaseState, outcome: CaseOutcome?, reason: ClosingReason?, by caller: StaffCaller,
        in connection: PostgresConnection, now: Date
    ) async throws -> CaseRecord {
        let record = try await CaseRecord.lock(id, for: caller, in: connection)
        do {
            try record.state.checkMove(to: target, outcome: outcome)
        } catch {
            throw error.refusal
        }
        try await checkGates(moving: record, to: target, outcome: outcome, reason: reason, in: connection)
        return try await apply(record, to: target, outcome: outcome, reason: reason, actor: caller.actor, in: connection, now: now)
    }

    /// Gives the case to `specialistID` (or moves it from one to another): only a head may. A new
    /// restorative case moves to «assigned», an accompaniment whose needs are assessed to
    /// «curator chosen» (``CaseState/stepOnAssignment``); any other keeps its step.
    static func assign(
        _ id: CaseID, to specialistID: SpecialistID, by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws -> CaseRecord {
        try caller.require(.head, for: "assign cases")
        var record = try await CaseRecord.lock(id, for: caller, in: connection)
        guard !record.state.isClosed else { throw CaseMoveRefusal.caseClosed.refusal }
        let fits = try await connection.query("""
            SELECT 1 FROM scheduling.specialists
            WHERE id = \(specialistID.uuid) AND organisation_id = \(caller.organisationID.uuid) AND active
              AND roles && \(leadRoles(for: record.kind).map(\.rawValue))::text[]
            """).single
        guard fits != nil else {
            throw SchedulingRefusal.invalid(
                "/specialist_id", code: "specialist_unsuitable",
                "Not an active specialist of your organisation who may lead this kind of case.",
                "Это не действующий специалист вашей организации, который может вести дело такого вида.")
        }
        let previous = record.specialistID
        guard previous != specialistID else { return record }
        try await connection.query("""
            UPDATE scheduling.cases SET specialist_id = \(specialistID.uuid), updated_at = \(now) WHERE id = \(id.uuid)
            """)
        try await AuditTrail.record("case.assign", by: caller, caseID: id, entity: "specialist", entityID: specialistID.uuid, in: connection)
        try await MessageBus.publish(
            CaseAssigned(caseID: id, organisationID: record.organisationID, specialistID: specialistID, previousSpecialistID: previous, assignedAt: now),
            correlationID: record.referralID.uuid, in: connection)
        record.specialistID = specialistID
        guard let next = record.state.stepOnAssignment else {
            record.updatedAt = now
            return record
        }
        return try await apply(record, to: next, outcome: nil, reason: nil, actor: caller.actor, in: connection, now: now)
    }

    /// Stores a checked move and publishes it: `case.state_changed.v1`, or `case.closed.v1` and
    /// the referral's closing. Leaving the programme (closing, or a consent withdrawn) stops it
    /// and cancels its scheduled meetings.
    static func apply(
        _ record: CaseRecord, to target: CaseState, outcome: CaseOutcome?, reason: ClosingReason?, actor: String,
        in connection: PostgresConnection, now: Date
    ) async throws -> CaseRecord {
        let row = try await connection.query("""
            WITH moved AS (
                UPDATE scheduling.cases SET state = \(target.rawValue), outcome = \(outcome?.rawValue),
                       closing_reason = \(reason?.rawValue), updated_at = \(now)
                WHERE id = \(record.id.uuid)
                RETURNING \(unescaped: CaseRecord.columns)
            ), move AS (
                INSERT INTO scheduling.case_moves (case_id, from_state, to_state, outcome, actor, at)
                VALUES (\(record.id.uuid), \(record.state.rawValue), \(target.rawValue), \(outcome?.rawValue), \(actor), \(now))
            )
            SELECT * FROM moved
            """).single
        let moved = try CaseRecord(row: row.unwrapped("moved case"))
        let stopsProgramme = target.isClosed || target == .restorative(.consentPending)
        if stopsProgramme {
            try await MeetingStore.cancelScheduled(of: moved, in: connection, now: now)
        }
        // A programme stopped for want of consent runs again once consent is back.
        if target == .restorative(.consentPending) {
            try await connection.query("UPDATE scheduling.programmes SET stopped_at = \(now) WHERE case_id = \(record.id.uuid) AND stopped_at IS NULL")
        } else if target == .restorative(.preparation) {
            try await connection.query("UPDATE scheduling.programmes SET stopped_at = NULL WHERE case_id = \(record.id.uuid)")
        }
        if target.isClosed, let outcome {
            try await publishClosing(of: moved, from: record.state, outcome: outcome, reason: reason, in: connection, now: now)
        } else {
            try await MessageBus.publish(
                CaseStateChanged(
                    caseID: moved.id, referralID: moved.referralID, organisationID: moved.organisationID, kind: moved.kind,
                    from: record.state.rawValue, to: target.rawValue, specialistID: moved.specialistID, movedAt: now),
                correlationID: moved.referralID.uuid, in: connection)
        }
        return moved
    }

    /// Stops the programme and publishes `case.closed.v1` with what the quarterly report counts,
    /// and the referral's closing for intake.
    private static func publishClosing(
        of record: CaseRecord, from state: CaseState, outcome: CaseOutcome, reason: ClosingReason?,
        in connection: PostgresConnection, now: Date
    ) async throws {
        let facts = try await connection.query("""
            WITH stopped AS (
                UPDATE scheduling.programmes SET stopped_at = coalesce(stopped_at, \(now))
                WHERE case_id = \(record.id.uuid) RETURNING kind
            )
            SELECT (SELECT kind FROM stopped),
                   (SELECT count(*) FROM scheduling.parties WHERE case_id = \(record.id.uuid) AND role = 'minor'),
                   (SELECT count(*) FROM scheduling.parties WHERE case_id = \(record.id.uuid) AND role <> 'minor'),
                   (SELECT count(*) FROM scheduling.meetings WHERE case_id = \(record.id.uuid) AND status = 'held')
            """).single.unwrapped("closing facts")
        let closed = CaseClosed(
            caseID: record.id, referralID: record.referralID, organisationID: record.organisationID, kind: record.kind,
            nature: record.nature, outcome: outcome, closingReason: reason, closedFrom: state.rawValue,
            programmeKind: try facts.decode(String?.self, at: 0).flatMap(ProgrammeKind.init(rawValue:)),
            minorCount: try facts.decode(Int.self, at: 1), adultCount: try facts.decode(Int.self, at: 2),
            meetingsHeld: try facts.decode(Int.self, at: 3), referralReceivedAt: record.referralReceivedAt,
            openedAt: record.openedAt, firstContactAt: record.firstContactAt, closedAt: now)
        try await MessageBus.publish(closed, correlationID: record.referralID.uuid, in: connection)
        try await MessageBus.publish(
            ReferralStatusReported(referralID: record.referralID, status: .closed, outcome: outcome, caseID: record.id, reportedAt: now),
            correlationID: record.referralID.uuid, in: connection)
    }

    /// Notes a contact with a party (a consent entered, a meeting held) at the moment it
    /// happened, not when it was entered: the first contact is the earliest ever recorded, so a
    /// meeting entered late still counts from its start. It is never before the referral was
    /// received: time to first contact is never negative.
    static func noteFirstContact(of id: CaseID, at contact: Date, in connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE scheduling.cases
            SET first_contact_at = least(first_contact_at, greatest(\(contact), referral_received_at))
            WHERE id = \(id.uuid)
            """)
    }
}
