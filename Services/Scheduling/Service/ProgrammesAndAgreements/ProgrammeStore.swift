import Bus
import Foundation
import Models
import Postgres
import StaffAccess

/// A restorative case's programme and its agreement.
enum ProgrammeStore {
    /// Starts the case's programme of `kind`; starting the same kind again changes nothing.
    ///
    /// - Throws: ``SchedulingRefusal``: not a restorative case, closed, or a programme of
    ///   another kind runs already.
    static func start(_ kind: ProgrammeKind, in caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection, now: Date) async throws -> Programme {
        let record = try await CaseRecord.lock(caseID, for: caller, in: connection)
        guard !record.state.isClosed else { throw CaseMoveRefusal.caseClosed.refusal }
        guard record.kind == .restorative else {
            throw SchedulingRefusal(
                .conflict, code: "not_restorative", message: "Only a restorative case runs a programme.",
                messageRu: "Восстановительная программа проводится только по восстановительному делу.")
        }
        if let existing = try await programme(of: caseID, in: connection) {
            guard existing.kind == kind else {
                throw SchedulingRefusal(
                    .conflict, code: "programme_running", message: "The case already runs a programme of another kind.",
                    messageRu: "По делу уже проводится программа другого вида.")
            }
            return existing
        }
        let programme = Programme(id: ProgrammeID(UUID.v7(at: now)), kind: kind, startedAt: now, stoppedAt: nil)
        try await connection.query("""
            INSERT INTO scheduling.programmes (id, case_id, kind, started_at) VALUES (\(programme.id.uuid), \(caseID.uuid), \(kind.rawValue), \(now))
            """)
        try await AuditTrail.record("programme.start", by: caller, caseID: caseID, entity: "programme", entityID: programme.id.uuid, in: connection)
        try await MessageBus.publish(
            ProgrammeStarted(programmeID: programme.id, caseID: caseID, organisationID: record.organisationID, kind: kind, startedAt: now),
            correlationID: record.referralID.uuid, in: connection)
        return programme
    }

    /// The caller's case's programme, if one was started.
    static func programme(of caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection) async throws -> Programme? {
        _ = try await CaseRecord.find(caseID, for: caller, in: connection)
        return try await programme(of: caseID, in: connection)
    }

    private static func programme(of caseID: CaseID, in connection: PostgresConnection) async throws -> Programme? {
        try await connection.query("""
            SELECT id, kind, started_at, stopped_at FROM scheduling.programmes WHERE case_id = \(caseID.uuid)
            """).single.map { row in
            Programme(
                id: ProgrammeID(try row.decode(UUID.self, at: 0)), kind: try ProgrammeKind(rawValue: row.decode(String.self, at: 1)).unwrapped("programme kind"),
                startedAt: try row.decode(Date.self, at: 2), stoppedAt: try row.decode(Date?.self, at: 3))
        }
    }

    /// Records the agreement reached at the main meeting, replacing one entered before while no
    /// term of it has been checked. It was reached by today in the organisation's calendar
    /// (`in_future` otherwise); no term falls due before it (`before_agreement`).
    static func recordAgreement(
        reachedOn: LocalDate, terms: [(description: String, dueOn: LocalDate)], in caseID: CaseID, by caller: StaffCaller,
        in connection: PostgresConnection, now: Date
    ) async throws -> Agreement {
        try reachedOn.require(notAfter: try await OrganisationCalendar.today(of: caller.organisationID, in: connection, now: now), at: "/reached_on")
        let record = try await CaseRecord.lock(caseID, for: caller, in: connection)
        guard record.kind == .restorative, [.restorative(.mainMeeting), .restorative(.agreement)].contains(record.state) else {
            throw SchedulingRefusal(
                .conflict, code: "case_not_at_agreement", message: "An agreement is recorded at the main meeting or the agreement step.",
                messageRu: "Договор вносится на этапе примирительной встречи или договора.")
        }
        guard (1...50).contains(terms.count) else {
            throw SchedulingRefusal.invalid("/terms", code: "count", "Give 1 to 50 terms.", "Укажите от 1 до 50 условий.")
        }
        var descriptions: [String] = []
        for (index, term) in terms.enumerated() {
            descriptions.append(try term.description.requiredText(at: "/terms/\(index)/description", max: 2000, multiline: true))
            guard term.dueOn >= reachedOn else {
                throw SchedulingRefusal.invalid(
                    "/terms/\(index)/due_on", code: "before_agreement", "Cannot be before the day the agreement was reached.",
                    "Не может быть раньше дня заключения договора.")
            }
        }
        let checked = try await connection.query("""
            SELECT count(*) FROM scheduling.agreements a JOIN scheduling.agreement_terms t ON t.agreement_id = a.id
            WHERE a.case_id = \(caseID.uuid) AND t.fulfilled IS NOT NULL
            """).single?.decode(Int.self, at: 0) ?? 0
        guard checked == 0 else {
            throw SchedulingRefusal(
                .conflict, code: "agreement_checked", message: "Terms of the agreement have been checked; it can no longer be replaced.",
                messageRu: "Условия договора уже проверялись; заменить его нельзя.")
        }
        let id = AgreementID(UUID.v7(at: now))
        try await connection.query("""
            WITH old AS (SELECT id FROM scheduling.agreements WHERE case_id = \(caseID.uuid)),
            dropped_terms AS (DELETE FROM scheduling.agreement_terms WHERE agreement_id IN (SELECT id FROM old))
            DELETE FROM scheduling.agreements WHERE id IN (SELECT id FROM old)
            """)
        try await connection.query("""
            WITH agreement AS (
                INSERT INTO scheduling.agreements (id, case_id, reached_on, recorded_at)
                VALUES (\(id.uuid), \(caseID.uuid), \(reachedOn.description)::date, \(now)) RETURNING id
            )
            INSERT INTO scheduling.agreement_terms (id, agreement_id, position, description, due_on)
            SELECT gen_random_uuid(), (SELECT id FROM agreement), t.position, t.description, t.due_on::date
            FROM unnest(\(descriptions)::text[],
                        \(terms.map(\.dueOn.description))::text[]) WITH ORDINALITY AS t (description, due_on, position)
            """)
        try await AuditTrail.record("agreement.record", by: caller, caseID: caseID, entity: "agreement", entityID: id.uuid, in: connection)
        let agreement = try await agreement(of: caseID, in: connection).unwrapped("agreement")
        try await publish(agreement, of: record, in: connection, now: now)
        return agreement
    }

    /// Checks one term as kept or not, on a day no earlier than the agreement (`before_agreement`)
    /// and no later than today in the organisation's calendar (`in_future`).
    static func checkTerm(
        _ termID: UUID, fulfilled: Bool, on day: LocalDate, in caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws -> Agreement {
        try day.require(notAfter: try await OrganisationCalendar.today(of: caller.organisationID, in: connection, now: now), at: "/checked_on")
        let record = try await CaseRecord.lock(caseID, for: caller, in: connection)
        guard !record.state.isClosed else { throw CaseMoveRefusal.caseClosed.refusal }
        let updated = try await connection.query("""
            UPDATE scheduling.agreement_terms t SET fulfilled = \(fulfilled), checked_on = \(day.description)::date
            FROM scheduling.agreements a
            WHERE t.id = \(termID) AND t.agreement_id = a.id AND a.case_id = \(caseID.uuid) AND a.reached_on <= \(day.description)::date
            RETURNING t.id
            """)
        guard !updated.isEmpty else {
            guard let agreement = try await agreement(of: caseID, in: connection), agreement.terms.contains(where: { $0.id == termID }) else {
                throw SchedulingRefusal.notFound("agreement term", "условие договора")
            }
            throw SchedulingRefusal.invalid(
                "/checked_on", code: "before_agreement", "Cannot be before the day the agreement was reached.",
                "Не может быть раньше дня заключения договора.")
        }
        try await AuditTrail.record("agreement.check", by: caller, caseID: caseID, entity: "agreement_term", entityID: termID, in: connection)
        let agreement = try await agreement(of: caseID, in: connection).unwrapped("agreement")
        try await publish(agreement, of: record, in: connection, now: now)
        return agreement
    }

    /// The caller's case's agreement, if one was recorded.
    static func agreement(of caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection) async throws -> Agreement? {
        _ = try await CaseRecord.find(caseID, for: caller, in: connection)
        return try await agreement(of: caseID, in: connection)
    }

    private static func agreement(of caseID: CaseID, in connection: PostgresConnection) async throws -> Agreement? {
        let rows = try await connection.query("""
            SELECT a.id, a.reached_on::text, a.recorded_at, t.id, t.description, t.due_on::text, t.fulfilled, t.checked_on::text
            FROM scheduling.agreements a JOIN scheduling.agreement_terms t ON t.agreement_id = a.id
            WHERE a.case_id = \(caseID.uuid) ORDER BY t.position
            """)
        guard let first = rows.first else { return nil }
        return Agreement(
            id: AgreementID(try first.decode(UUID.self, at: 0)), reachedOn: try LocalDate(first.decode(String.self, at: 1)).unwrapped("agreement day"),
            recordedAt: try first.decode(Date.self, at: 2),
            terms: try rows.map { row in
                Agreement.Term(
                    id: try row.decode(UUID.self, at: 3), description: try row.decode(String.self, at: 4),
                    dueOn: try LocalDate(row.decode(String.self, at: 5)).unwrapped("term due day"), fulfilled: try row.decode(Bool?.self, at: 6),
                    checkedOn: try row.decode(String?.self, at: 7).flatMap(LocalDate.init))
            })
    }

    private static func publish(_ agreement: Agreement, of record: CaseRecord, in connection: PostgresConnection, now: Date) async throws {
        try await MessageBus.publish(
            AgreementRecorded(
                agreementID: agreement.id, caseID: record.id, organisationID: record.organisationID, reachedOn: agreement.reachedOn,
                termCount: agreement.terms.count, fulfilledCount: agreement.terms.filter { $0.fulfilled == true }.count,
                brokenCount: agreement.terms.filter { $0.fulfilled == false }.count, recordedAt: now),
            correlationID: record.referralID.uuid, in: connection)
    }
}
