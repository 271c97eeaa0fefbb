import Foundation
import Models
import Postgres
import StaffAccess

/// Individual support plans (ИПП) of accompaniment cases (seed 003, steps 5–8): created, read
/// with their interventions and notes, and completed at their evaluation, each access audited.
enum SupportPlanStore {
    /// Starts a support plan for the caller's open accompaniment case.
    ///
    /// - Throws: ``SchedulingRefusal``: the case is not the caller's (`not_found`), not an
    ///   accompaniment (`not_accompaniment`), closed (`case_closed`) or already has an active plan
    ///   (`plan_active`); the review is before the start (`before_start`); the goals are
    ///   empty or too long (`length`).
    static func create(
        caseID: CaseID, startsOn: LocalDate, reviewOn: LocalDate, goals: String, by caller: StaffCaller,
        in connection: PostgresConnection, now: Date
    ) async throws -> SupportPlan {
        let goals = try goals.requiredText(at: "/goals", max: 4000, multiline: true)
        try reviewOn.require(notBefore: startsOn, at: "/review_on", code: "before_start", "starts_on", "starts_on")
        // Locked, so that of two plans started at once the second sees the first.
        try await CaseRecord.lock(caseID, for: caller, in: connection).requireOpenAccompaniment()
        let id = SupportPlanID(UUID.v7(at: now))
        let row = try await connection.query("""
            INSERT INTO scheduling.support_plans AS p (id, case_id, starts_on, review_on, goals, created_at)
            SELECT \(id.uuid), \(caseID.uuid), \(startsOn.description)::date, \(reviewOn.description)::date, \(goals), \(now)
            WHERE NOT EXISTS (SELECT 1 FROM scheduling.support_plans WHERE case_id = \(caseID.uuid) AND status = 'active')
            RETURNING \(unescaped: SupportPlan.columns)
            """).single
        guard let row else {
            throw SchedulingRefusal(
                .conflict, code: "plan_active", message: "The case has an active support plan; complete it before starting another.",
                messageRu: "У дела уже есть действующий индивидуальный план поддержки; завершите его, прежде чем начинать новый.")
        }
        try await AuditTrail.record("support_plan.create", by: caller, caseID: caseID, entity: "support_plan", entityID: id.uuid, in: connection)
        return try SupportPlan(row: row, interventions: [], notes: [])
    }

    /// The support plans of the caller's case, by start, with their interventions and notes;
    /// the read is audited.
    static func plans(caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection) async throws -> [SupportPlan] {
        _ = try await CaseRecord.find(caseID, for: caller, in: connection)
        let plans = try await load(caseID: caseID, in: connection)
        try await AuditTrail.record("support_plan.read", by: caller, caseID: caseID, entity: "support_plan", in: connection)
        return plans
    }

    /// Completes the caller's active plan: the team has evaluated it (seed 003, step 8), and the
    /// case closes or goes on under a new plan.
    ///
    /// - Throws: ``SchedulingRefusal``: no such plan in the caller's organisation, the plan is
    ///   completed already (`plan_completed`) or its case is closed.
    static func complete(planID: SupportPlanID, by caller: StaffCaller, in connection: PostgresConnection, now: Date) async throws -> SupportPlan {
        let caseID = try await lockActive(planID, for: caller, in: connection)
        try await connection.query("""
            UPDATE scheduling.support_plans SET status = 'completed', completed_at = \(now) WHERE id = \(planID.uuid)
            """)
        try await AuditTrail.record("support_plan.complete", by: caller, caseID: caseID, entity: "support_plan", entityID: planID.uuid, in: connection)
        return try await load(caseID: caseID, only: planID, in: connection)[0]
    }

    /// The caller's plan `planID`, locked for the rest of the transaction, provided it is active
    /// and its case open: a completed plan is the record of what was done and changes no more.
    ///
    /// - Returns: the plan's case.
    static func lockActive(_ planID: SupportPlanID, for caller: StaffCaller, in connection: PostgresConnection) async throws -> CaseID {
        let notFound = SchedulingRefusal.notFound("support plan", "индивидуальный план поддержки")
        let found = try await connection.query("""
            SELECT p.case_id FROM scheduling.support_plans p JOIN scheduling.cases c ON c.id = p.case_id
            WHERE p.id = \(planID.uuid) AND c.organisation_id = \(caller.organisationID.uuid)
            """).single
        guard let found else { throw notFound }
        let caseID = CaseID(try found.decode(UUID.self, at: 0))
        // The case first, locked and checked for access, as every writer of a case takes it: a
        // closing cannot slip in between, and a plan of a case the caller does not reach is not
        // found rather than reported completed.
        let record: CaseRecord
        do {
            record = try await CaseRecord.lock(caseID, for: caller, in: connection)
        } catch let refusal as SchedulingRefusal where refusal.kind == .notFound {
            throw notFound
        }
        let row = try await connection.query("""
            SELECT status FROM scheduling.support_plans WHERE id = \(planID.uuid) FOR UPDATE
            """).single.unwrapped("support plan")
        guard try row.decode(String.self, at: 0) == SupportPlanStatus.active.rawValue else {
            throw SchedulingRefusal(
                .conflict, code: "plan_completed", message: "The support plan is completed; it changes no more.",
                messageRu: "Индивидуальный план поддержки завершён и больше не изменяется.")
        }
        try record.requireOpenAccompaniment()
        return caseID
    }

    /// The plans of `caseID` (or only `planID`), by start, with their interventions by start
    /// and their notes by date.
    private static func load(caseID: CaseID, only planID: SupportPlanID? = nil, in connection: PostgresConnection) async throws -> [SupportPlan] {
        let interventions = try await connection.query("""
            SELECT \(unescaped: Intervention.columns), i.plan_id
            FROM scheduling.interventions i JOIN scheduling.support_plans p ON p.id = i.plan_id
            WHERE p.case_id = \(caseID.uuid) AND (\(planID?.uuid)::uuid IS NULL OR p.id = \(planID?.uuid))
            ORDER BY i.starts_on, i.id
            """).map { row in (try row.decode(UUID.self, named: "plan_id"), try Intervention(row: row)) }
        let notes = try await connection.query("""
            SELECT \(unescaped: ProgressNote.columns), n.plan_id
            FROM scheduling.progress_notes n JOIN scheduling.support_plans p ON p.id = n.plan_id
            WHERE p.case_id = \(caseID.uuid) AND (\(planID?.uuid)::uuid IS NULL OR p.id = \(planID?.uuid))
            ORDER BY n.written_on, n.id
            """).map { row in (try row.decode(UUID.self, named: "plan_id"), try ProgressNote(row: row)) }
        return try await connection.query("""
            SELECT \(unescaped: SupportPlan.columns) FROM scheduling.support_plans p
            WHERE p.case_id = \(caseID.uuid) AND (\(planID?.uuid)::uuid IS NULL OR p.id = \(planID?.uuid))
            ORDER BY p.starts_on, p.id
            """).map { row in
            let id = try row.decode(UUID.self, at: 0)
            return try SupportPlan(
                row: row, interventions: interventions.filter { $0.0 == id }.map(\.1), notes: notes.filter { $0.0 == id }.map(\.1))
        }
    }
}
