import Bus
import Foundation
import Models
import Postgres
import StaffAccess

/// A service's plans of work (seeds 000, 001): the head sets them and their activities, moves or
/// cancels an activity, anyone on the staff marks one held; each change is published for
/// monitoring, which counts the planned against the held. Every write is audited.
enum WorkPlanStore {
    /// Creates an empty work plan of the caller's organisation for `year`.
    ///
    /// - Throws: ``SchedulingRefusal``: `forbidden` for a specialist; `out_of_range` year,
    ///   `length` title; `work_plan_exists` when the organisation has a plan of that title for that year.
    static func create(year: Int, title: String, by caller: StaffCaller, in connection: PostgresConnection, now: Date) async throws -> WorkPlan {
        try caller.require(.head, for: "manage work plans")
        guard (2000...2100).contains(year) else {
            throw SchedulingRefusal.invalid("/year", code: "out_of_range", "Must be from 2000 to 2100.", "Должно быть от 2000 до 2100.")
        }
        let title = try title.requiredText(at: "/title", max: 300)
        let id = WorkPlanID(UUID.v7(at: now))
        let row = try await connection.query("""
            INSERT INTO scheduling.work_plans AS w (id, organisation_id, year, title, created_at)
            VALUES (\(id.uuid), \(caller.organisationID.uuid), \(year), \(title), \(now))
            ON CONFLICT (organisation_id, year, title) DO NOTHING
            RETURNING \(unescaped: WorkPlan.columns)
            """).single
        guard let row else {
            throw SchedulingRefusal(
                .conflict, code: "work_plan_exists", message: "Your organisation has a work plan with this title for this year.",
                messageRu: "У вашей организации уже есть план работы с таким названием на этот год.")
        }
        try await AuditTrail.record("work_plan.create", by: caller, entity: "work_plan", entityID: id.uuid, in: connection)
        return try WorkPlan(row: row, activities: [])
    }

    /// The caller's organisation's work plans for `year`, by title, with their activities by period.
    static func plans(year: Int, by caller: StaffCaller, in connection: PostgresConnection) async throws -> [WorkPlan] {
        let activities = try await connection.query("""
            SELECT \(unescaped: PlanActivity.columns), a.plan_id
            FROM scheduling.plan_activities a JOIN scheduling.work_plans w ON w.id = a.plan_id
            WHERE w.organisation_id = \(caller.organisationID.uuid) AND w.year = \(year)
            ORDER BY a.period_start, a.period_end, a.id
            """).map { row in (try row.decode(UUID.self, named: "plan_id"), try PlanActivity(row: row)) }
        return try await connection.query("""
            SELECT \(unescaped: WorkPlan.columns) FROM scheduling.work_plans w
            WHERE w.organisation_id = \(caller.organisationID.uuid) AND w.year = \(year)
            ORDER BY w.title, w.id
            """).map { row in
            let id = try row.decode(UUID.self, at: 0)
            return try WorkPlan(row: row, activities: activities.filter { $0.0 == id }.map(\.1))
        }
    }

    /// Adds an activity to a work plan of the caller's organisation and, in the same
    /// transaction, publishes it as planned (`plan_activity.recorded.v1`).
    ///
    /// - Throws: ``SchedulingRefusal``: `forbidden` for a specialist; no such plan; `length` or
    ///   `too_long` texts; `before_start` when the period ends before it starts.
    static func addActivity(
        planID: WorkPlanID, title: String, kind: PlanActivityKind, periodStart: LocalDate, periodEnd: LocalDate, responsible: String,
        expectedResult: String?, by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws -> PlanActivity {
        try caller.require(.head, for: "manage work plans")
        let title = try title.requiredText(at: "/title", max: 500)
        let responsible = try responsible.requiredText(at: "/responsible", max: 200)
        let expectedResult = try expectedResult.optionalText(at: "/expected_result", max: 2000, multiline: true)
        try periodEnd.require(notBefore: periodStart, at: "/period_end", code: "before_start", "period_start", "period_start")
        let id = PlanActivityID(UUID.v7(at: now))
        let row = try await connection.query("""
            INSERT INTO scheduling.plan_activities AS a (id, plan_id, title, kind, period_start, period_end, responsible, expected_result)
            SELECT \(id.uuid), w.id, \(title), \(kind.rawValue), \(periodStart.description)::date, \(periodEnd.description)::date,
                   \(responsible), \(expectedResult)
            FROM scheduling.work_plans w WHERE w.id = \(planID.uuid) AND w.organisation_id = \(caller.organisationID.uuid)
            RETURNING \(unescaped: PlanActivity.columns)
            """).single
        guard let row else { throw SchedulingRefusal.notFound("work plan", "план работы") }
        let activity = try PlanActivity(row: row)
        try await publish(activity, of: planID, by: caller, in: connection, now: now)
        try await AuditTrail.record("plan_activity.create", by: caller, entity: "plan_activity", entityID: id.uuid, in: connection)
        return activity
    }

    /// Moves an activity still open to another period (перенос срока): head only. Monitoring
    /// counts it as planned in the quarters the new period overlaps.
    ///
    /// - Throws: ``SchedulingRefusal``: `forbidden` for a specialist; no such activity;
    ///   `before_start`; `activity_already_done` or `activity_cancelled`.
    static func replanActivity(
        activityID: PlanActivityID, periodStart: LocalDate, periodEnd: LocalDate, by caller: StaffCaller, in connection: PostgresConnection,
        now: Date
    ) async throws -> PlanActivity {
        try caller.require(.head, for: "manage work plans")
        try periodEnd.require(notBefore: periodStart, at: "/period_end", code: "before_start", "period_start", "period_start")
        return try await changeOpen(activityID, action: "plan_activity.replan", by: caller, in: connection, now: now, with: """
            UPDATE scheduling.plan_activities AS a SET period_start = \(periodStart.description)::date, period_end = \(periodEnd.description)::date
            WHERE a.id = \(activityID.uuid)
            RETURNING \(unescaped: PlanActivity.columns)
            """)
    }

    /// Calls off an activity still open, as of today where the organisation is: head only. It
    /// stays in the plan, marked cancelled, and counts as planned no more.
    ///
    /// - Throws: ``SchedulingRefusal``: `forbidden` for a specialist; no such activity;
    ///   `activity_already_done` or `activity_cancelled`.
    static func cancelActivity(activityID: PlanActivityID, by caller: StaffCaller, in connection: PostgresConnection, now: Date) async throws -> PlanActivity {
        try caller.require(.head, for: "manage work plans")
        let today = LocalDate(containing: now, in: try await OrganisationCalendar.timeZone(of: caller.organisationID, in: connection))
        return try await changeOpen(activityID, action: "plan_activity.cancel", by: caller, in: connection, now: now, with: """
            UPDATE scheduling.plan_activities AS a SET cancelled_on = \(today.description)::date
            WHERE a.id = \(activityID.uuid)
            RETURNING \(unescaped: PlanActivity.columns)
            """)
    }

    /// Marks an activity of the caller's organisation's plan held on `doneOn` and, in the same
    /// transaction, publishes it done. Heads and specialists alike: whoever held it reports it.
    ///
    /// - Throws: ``SchedulingRefusal``: no such activity; `activity_already_done`, so that
    ///   monitoring counts it once; `activity_cancelled`; `too_long` note.
    static func completeActivity(
        activityID: PlanActivityID, doneOn: LocalDate, note: String?, by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws -> PlanActivity {
        let note = try note.optionalText(at: "/note", max: 2000, multiline: true)
        return try await changeOpen(activityID, action: "plan_activity.complete", by: caller, in: connection, now: now, with: """
            UPDATE scheduling.plan_activities AS a SET done = true, done_on = \(doneOn.description)::date, note = \(note)
            WHERE a.id = \(activityID.uuid)
            RETURNING \(unescaped: PlanActivity.columns)
            """)
    }

    /// Runs `update` (which returns the activity's columns) on an activity still open, locked
    /// first, then publishes the activity as it now is and audits the change as `action`.
    private static func changeOpen(
        _ activityID: PlanActivityID, action: String, by caller: StaffCaller, in connection: PostgresConnection, now: Date,
        with update: PostgresQuery
    ) async throws -> PlanActivity {
        let planID = try await lockOpen(activityID, for: caller, in: connection)
        let activity = try PlanActivity(row: try await connection.query(update).single.unwrapped("changed plan activity"))
        try await publish(activity, of: planID, by: caller, in: connection, now: now)
        try await AuditTrail.record(action, by: caller, entity: "plan_activity", entityID: activityID.uuid, in: connection)
        return activity
    }

    /// The plan of the caller's organisation's activity `activityID`, the activity locked for the
    /// rest of the transaction, provided it is neither held nor cancelled: those change no more.
    private static func lockOpen(_ activityID: PlanActivityID, for caller: StaffCaller, in connection: PostgresConnection) async throws -> WorkPlanID {
        let found = try await connection.query("""
            SELECT a.plan_id, a.done, a.cancelled_on IS NOT NULL FROM scheduling.plan_activities a JOIN scheduling.work_plans w ON w.id = a.plan_id
            WHERE a.id = \(activityID.uuid) AND w.organisation_id = \(caller.organisationID.uuid)
            FOR UPDATE OF a
            """).single
        guard let found else { throw SchedulingRefusal.notFound("work plan activity", "мероприятие плана работы") }
        guard try !found.decode(Bool.self, at: 1) else {
            throw SchedulingRefusal(
                .conflict, code: "activity_already_done", message: "This activity is already marked done.",
                messageRu: "Это мероприятие уже отмечено выполненным.")
        }
        guard try !found.decode(Bool.self, at: 2) else {
            throw SchedulingRefusal(
                .conflict, code: "activity_cancelled", message: "This activity was cancelled; it changes no more.",
                messageRu: "Это мероприятие отменено и больше не изменяется.")
        }
        return WorkPlanID(try found.decode(UUID.self, at: 0))
    }

    /// Publishes the activity's state as it now stands, for monitoring's planned-versus-done.
    private static func publish(
        _ activity: PlanActivity, of planID: WorkPlanID, by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws {
        let event = PlanActivityRecorded(
            organisationID: caller.organisationID, planID: planID, activityID: activity.id, kind: activity.kind,
            periodStart: activity.periodStart, periodEnd: activity.periodEnd, done: activity.done, doneOn: activity.doneOn,
            cancelled: activity.cancelledOn != nil, recordedAt: now)
        try await MessageBus.publish([try OutgoingMessage(event, correlationID: planID.uuid)], topic: PlanActivityRecorded.messageType, in: connection)
    }
}
