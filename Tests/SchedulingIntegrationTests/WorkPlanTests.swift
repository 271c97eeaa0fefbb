import Foundation
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

@Suite("Work plans", .freshDatabase)
struct WorkPlanTests {
    /// Two organisations of their own: work plans need no case.
    let organisation = OrganisationID.make()
    let stranger = OrganisationID.make()

    /// Adds an activity to `planID` as the head.
    func addActivity(
        _ planID: WorkPlanID, _ title: String, _ kind: PlanActivityKind, from start: String, to end: String, in pool: PostgresPool
    ) async throws -> PlanActivity {
        try await pool.withTransaction { connection in
            try await WorkPlanStore.addActivity(
                planID: planID, title: title, kind: kind, periodStart: PlanFixtures.day(start), periodEnd: PlanFixtures.day(end),
                responsible: "Руководитель ШСП", expectedResult: "Анализ текущей деятельности", by: .head(of: organisation),
                in: connection, now: Date())
        }
    }

    @Test("the head sets a plan and its activities; a specialist marks one held, which is audited and announced once")
    func planAndComplete() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let head = StaffCaller.head(of: organisation)
        let plan = try await pool.withTransaction { connection in
            try await WorkPlanStore.create(year: 2026, title: " План работы ШСП на 2026–2027 учебный год ", by: head, in: connection, now: Date())
        }
        #expect(plan.title == "План работы ШСП на 2026–2027 учебный год" && plan.year == 2026 && plan.activities.isEmpty)
        let circle = try await addActivity(plan.id, "Кружок «Юный медиатор»", .training, from: "2026-10-01", to: "2027-05-31", in: pool)
        let meeting = try await addActivity(plan.id, "Совещание службы примирения", .meeting, from: "2026-09-01", to: "2026-09-30", in: pool)
        #expect(!meeting.done && meeting.doneOn == nil && meeting.note == nil)

        let held = try await pool.withTransaction { connection in
            try await WorkPlanStore.completeActivity(
                activityID: circle.id, doneOn: PlanFixtures.day("2026-10-08"), note: "Первое занятие, 12 учеников",
                by: .specialist(of: organisation), in: connection, now: Date())
        }
        var expected = circle
        expected.done = true
        expected.doneOn = PlanFixtures.day("2026-10-08")
        expected.note = "Первое занятие, 12 учеников"
        #expect(held == expected)
        await PlanFixtures.expectRefusal("conflict activity_already_done") {
            _ = try await pool.withTransaction { connection in
                try await WorkPlanStore.completeActivity(
                    activityID: circle.id, doneOn: PlanFixtures.day("2026-10-15"), note: nil, by: head, in: connection, now: Date())
            }
        }

        let plans = try await pool.withTransaction { try await WorkPlanStore.plans(year: 2026, by: .specialist(of: organisation), in: $0) }
        var whole = plan
        whole.activities = [meeting, held]
        #expect(plans == [whole])
        #expect(try await pool.withTransaction { try await WorkPlanStore.plans(year: 2027, by: head, in: $0) }.isEmpty)
        #expect(try await pool.withTransaction { try await WorkPlanStore.plans(year: 2026, by: .head(of: stranger), in: $0) }.isEmpty)

        // Each activity announced as planned when added, the circle again once held.
        let payloads = try await pool.query("""
            SELECT payload::text FROM bus.messages WHERE queue = 'observed' AND type = 'plan_activity.recorded.v1' ORDER BY id
            """).map { try PostgresJSONCoding.decoder().decode(PlanActivityRecorded.self, from: Data(try $0.decode(String.self, at: 0).utf8)) }
        #expect(payloads.map(\.activityID) == [circle.id, meeting.id, circle.id])
        #expect(payloads.map(\.done) == [false, false, true] && payloads.allSatisfy { !$0.cancelled })
        #expect(payloads.last.map { [$0.organisationID == organisation, $0.planID == plan.id, $0.kind == .training] } == [true, true, true])
        #expect(payloads.last?.periodStart == PlanFixtures.day("2026-10-01") && payloads.last?.periodEnd == PlanFixtures.day("2027-05-31"))
        #expect(payloads.last?.doneOn == PlanFixtures.day("2026-10-08") && payloads.first?.doneOn == nil)
        // The wire names are the contract's: pinned here, whatever the Swift properties are called.
        let keys = try await pool.query("""
            SELECT array_agg(DISTINCT key ORDER BY key) FROM bus.messages, jsonb_object_keys(payload) AS key WHERE type = 'plan_activity.recorded.v1'
            """).single?.decode([String].self, at: 0)
        #expect(keys == [
            "activity_id", "cancelled", "done", "done_on", "kind", "organisation_id", "period_end", "period_start", "plan_id", "recorded_at",
        ])
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE type = 'plan_activity.completed.v1'") == 0)

        for (action, times) in [("work_plan.create", 1), ("plan_activity.create", 2), ("plan_activity.complete", 1)] {
            #expect(try await PlanFixtures.audited(action, organisation: organisation, in: pool) == times, "\(action)")
        }
    }

    @Test("a completion and its message commit together: rolled back, neither is there")
    func sameTransaction() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let plan = try await pool.withTransaction { try await WorkPlanStore.create(year: 2026, title: "План", by: .head(of: organisation), in: $0, now: Date()) }
        let activity = try await addActivity(plan.id, "Семинар", .training, from: "2026-11-01", to: "2026-11-30", in: pool)
        await #expect(throws: PlanFixtures.Rollback.self) {
            try await pool.withTransaction { connection in
                _ = try await WorkPlanStore.completeActivity(
                    activityID: activity.id, doneOn: PlanFixtures.day("2026-11-20"), note: nil, by: .head(of: organisation), in: connection, now: Date())
                #expect(try await connection.query("SELECT count(*) FROM bus.messages WHERE type = 'plan_activity.recorded.v1' AND payload->>'done' = 'true'")
                    .single?.decode(Int.self, at: 0) == 1)
                throw PlanFixtures.Rollback()
            }
        }
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE type = 'plan_activity.recorded.v1' AND payload->>'done' = 'true'") == 0)
        #expect(try await pool.count("SELECT count(*) FROM scheduling.plan_activities WHERE done") == 0)
    }

    @Test("the head moves an open activity's period or cancels it; each change is announced; held or cancelled ones change no more")
    func replanAndCancel() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let head = StaffCaller.head(of: organisation)
        let plan = try await pool.withTransaction { try await WorkPlanStore.create(year: 2026, title: "План", by: head, in: $0, now: Date()) }
        let seminar = try await addActivity(plan.id, "Семинар", .training, from: "2026-09-01", to: "2026-09-30", in: pool)
        let circle = try await addActivity(plan.id, "Круг", .event, from: "2026-11-01", to: "2026-11-30", in: pool)
        func replan(_ id: PlanActivityID, _ start: String, _ end: String, by caller: StaffCaller) async throws -> PlanActivity {
            try await pool.withTransaction {
                try await WorkPlanStore.replanActivity(
                    activityID: id, periodStart: PlanFixtures.day(start), periodEnd: PlanFixtures.day(end), by: caller, in: $0, now: Date())
            }
        }
        func cancel(_ id: PlanActivityID, by caller: StaffCaller) async throws -> PlanActivity {
            try await pool.withTransaction { try await WorkPlanStore.cancelActivity(activityID: id, by: caller, in: $0, now: Date()) }
        }
        func complete(_ id: PlanActivityID, on day: String) async throws -> PlanActivity {
            try await pool.withTransaction {
                try await WorkPlanStore.completeActivity(activityID: id, doneOn: PlanFixtures.day(day), note: nil, by: head, in: $0, now: Date())
            }
        }
        let moved = try await replan(seminar.id, "2026-10-01", "2026-10-31", by: head)
        #expect(moved.periodStart == PlanFixtures.day("2026-10-01") && moved.periodEnd == PlanFixtures.day("2026-10-31") && !moved.done)
        let cancelled = try await cancel(circle.id, by: head)
        #expect(cancelled.cancelledOn != nil && !cancelled.done)
        await PlanFixtures.expectRefusal("forbidden forbidden") { _ = try await replan(seminar.id, "2026-10-01", "2026-10-31", by: .specialist(of: organisation)) }
        await PlanFixtures.expectRefusal("forbidden forbidden") { _ = try await cancel(seminar.id, by: .specialist(of: organisation)) }
        await PlanFixtures.expectRefusal("notFound not_found") { _ = try await cancel(seminar.id, by: .head(of: stranger)) }
        await PlanFixtures.expectRefusal("invalid before_start /period_end") { _ = try await replan(seminar.id, "2026-10-01", "2026-09-30", by: head) }
        await PlanFixtures.expectRefusal("conflict activity_cancelled") { _ = try await replan(circle.id, "2026-12-01", "2026-12-31", by: head) }
        await PlanFixtures.expectRefusal("conflict activity_cancelled") { _ = try await cancel(circle.id, by: head) }
        await PlanFixtures.expectRefusal("conflict activity_cancelled") { _ = try await complete(circle.id, on: "2026-11-20") }
        _ = try await complete(seminar.id, on: "2026-10-20")
        await PlanFixtures.expectRefusal("conflict activity_already_done") { _ = try await replan(seminar.id, "2026-12-01", "2026-12-31", by: head) }
        await PlanFixtures.expectRefusal("conflict activity_already_done") { _ = try await cancel(seminar.id, by: head) }

        // Planned twice, re-planned, cancelled, done: five records, each the activity's whole state.
        let records = try await pool.query("""
            SELECT payload::text FROM bus.messages WHERE queue = 'observed' AND type = 'plan_activity.recorded.v1' ORDER BY id
            """).map { try PostgresJSONCoding.decoder().decode(PlanActivityRecorded.self, from: Data(try $0.decode(String.self, at: 0).utf8)) }
        #expect(records.map(\.activityID) == [seminar.id, circle.id, seminar.id, circle.id, seminar.id])
        #expect(records.map(\.periodStart) == ["2026-09-01", "2026-11-01", "2026-10-01", "2026-11-01", "2026-10-01"].map(PlanFixtures.day))
        #expect(records.map(\.cancelled) == [false, false, false, true, false])
        #expect(records.map(\.done) == [false, false, false, false, true])
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.recordedAt <= $1.recordedAt })
        for (action, times) in [("plan_activity.replan", 1), ("plan_activity.cancel", 1), ("plan_activity.complete", 1)] {
            #expect(try await PlanFixtures.audited(action, organisation: organisation, in: pool) == times, "\(action)")
        }
        let listed = try await pool.withTransaction { try await WorkPlanStore.plans(year: 2026, by: head, in: $0) }
        #expect(listed.first?.activities.map(\.cancelledOn) == [nil, cancelled.cancelledOn])
    }


    @Test("specialists may not manage plans; bad fields, duplicates and other organisations' plans are refused")
    func refusals() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let head = StaffCaller.head(of: organisation)
        func create(_ year: Int, _ title: String, by caller: StaffCaller) async throws -> WorkPlan {
            try await pool.withTransaction { try await WorkPlanStore.create(year: year, title: title, by: caller, in: $0, now: Date()) }
        }
        func add(
            to planID: WorkPlanID, by caller: StaffCaller, title: String = "Семинар", start: String = "2026-11-01", end: String = "2026-11-30",
            responsible: String = "Психолог", expectedResult: String? = nil
        ) async throws {
            _ = try await pool.withTransaction { connection in
                try await WorkPlanStore.addActivity(
                    planID: planID, title: title, kind: .training, periodStart: PlanFixtures.day(start), periodEnd: PlanFixtures.day(end),
                    responsible: responsible, expectedResult: expectedResult, by: caller, in: connection, now: Date())
            }
        }
        await PlanFixtures.expectRefusal("forbidden forbidden") { _ = try await create(2026, "План", by: .specialist(of: organisation)) }
        await PlanFixtures.expectRefusal("invalid out_of_range /year") { _ = try await create(1999, "План", by: head) }
        await PlanFixtures.expectRefusal("invalid out_of_range /year") { _ = try await create(2101, "План", by: head) }
        await PlanFixtures.expectRefusal("invalid length /title") { _ = try await create(2026, "\t", by: head) }
        await PlanFixtures.expectRefusal("invalid length /title") { _ = try await create(2026, String(repeating: "п", count: 301), by: head) }
        let plan = try await create(2026, "План", by: head)
        await PlanFixtures.expectRefusal("conflict work_plan_exists") { _ = try await create(2026, "План", by: head) }
        // Another year, or another organisation, may have a plan of that title.
        _ = try await create(2027, "План", by: head)
        _ = try await create(2026, "План", by: .head(of: stranger))

        await PlanFixtures.expectRefusal("forbidden forbidden") { try await add(to: plan.id, by: .specialist(of: organisation)) }
        await PlanFixtures.expectRefusal("notFound not_found") { try await add(to: plan.id, by: .head(of: stranger)) }
        await PlanFixtures.expectRefusal("invalid before_start /period_end") { try await add(to: plan.id, by: head, end: "2026-10-31") }
        await PlanFixtures.expectRefusal("invalid length /title") { try await add(to: plan.id, by: head, title: "") }
        await PlanFixtures.expectRefusal("invalid length /responsible") { try await add(to: plan.id, by: head, responsible: " ") }
        await PlanFixtures.expectRefusal("invalid too_long /expected_result") {
            try await add(to: plan.id, by: head, expectedResult: String(repeating: "р", count: 2001))
        }
        #expect(try await pool.count("SELECT count(*) FROM scheduling.plan_activities") == 0)

        let activity = try await addActivity(plan.id, "Семинар", .training, from: "2026-11-01", to: "2026-11-30", in: pool)
        await PlanFixtures.expectRefusal("notFound not_found") {
            _ = try await pool.withTransaction { connection in
                try await WorkPlanStore.completeActivity(
                    activityID: activity.id, doneOn: PlanFixtures.day("2026-11-20"), note: nil, by: .specialist(of: stranger), in: connection, now: Date())
            }
        }
        await PlanFixtures.expectRefusal("invalid too_long /note") {
            _ = try await pool.withTransaction { connection in
                try await WorkPlanStore.completeActivity(
                    activityID: activity.id, doneOn: PlanFixtures.day("2026-11-20"), note: String(repeating: "з", count: 2001), by: head,
                    in: connection, now: Date())
            }
        }
        #expect(try await pool.count("SELECT count(*) FROM scheduling.plan_activities WHERE done") == 0)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE type = 'plan_activity.recorded.v1' AND payload->>'done' = 'true'") == 0)
    }
}
