import Foundation
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

@Suite("Support plans", .freshDatabase)
struct SupportPlanTests {
    @Test("a plan on an open accompaniment takes interventions and notes, reads back whole, and every access is audited")
    func lifecycle() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let (caseID, organisation) = try await PlanFixtures.openCases(accompaniment: [true], in: pool)[0]
        let specialist = try await SpecialistAdministration(pool: pool).addSpecialist(
            organisationID: organisation.uuid, displayName: "Иванова Е. П.", roles: ["social_pedagogue"], maxCaseload: 10)
        let caller = StaffCaller.specialist(of: organisation)
        let day = PlanFixtures.day

        let plan = try await pool.withTransaction { connection in
            try await SupportPlanStore.create(
                caseID: caseID, startsOn: day("2026-09-01"), reviewOn: day("2026-12-01"), goals: "  Вернуть к регулярному посещению  ",
                by: caller, in: connection, now: Date())
        }
        #expect(plan.goals == "Вернуть к регулярному посещению")
        #expect(plan.status == .active && plan.interventions.isEmpty && plan.notes.isEmpty)
        let homeVisit = try await pool.withTransaction { connection in
            try await SupportPlanStore.addIntervention(
                planID: plan.id, area: .attendance, kind: .homeVisit, description: nil,
                responsibleSpecialistID: SpecialistID(specialist.id), responsibleName: nil, startsOn: day("2026-09-05"),
                endsOn: day("2026-09-05"), by: caller, in: connection, now: Date())
        }
        let referral = try await pool.withTransaction { connection in
            try await SupportPlanStore.addIntervention(
                planID: plan.id, area: .behaviour, kind: nil, description: "Консультации психолога центра семьи",
                responsibleSpecialistID: nil, responsibleName: "Центр поддержки семьи", startsOn: day("2026-09-02"),
                endsOn: day("2026-11-30"), by: caller, in: connection, now: Date())
        }
        #expect(homeVisit.kind == .homeVisit && homeVisit.responsibleSpecialistID == SpecialistID(specialist.id))
        #expect(referral.kind == nil && referral.responsibleName == "Центр поддержки семьи" && referral.status == .planned)
        var visited = homeVisit
        for status in [InterventionStatus.inProgress, .done] {
            visited = try await pool.withTransaction { connection in
                try await SupportPlanStore.setInterventionStatus(interventionID: homeVisit.id, status: status, by: caller, in: connection, now: Date())
            }
            #expect(visited.status == status)
        }
        let note = try await pool.withTransaction { connection in
            try await SupportPlanStore.addProgressNote(
                planID: plan.id, writtenOn: day("2026-10-01"), text: "Пропусков за сентябрь меньше вдвое", by: caller, in: connection, now: Date())
        }
        #expect(note.author == caller.subject)

        let read = try await pool.withTransaction { connection in
            try await SupportPlanStore.plans(caseID: caseID, by: caller, in: connection)
        }
        var expected = plan
        // By start: the referral starts before the home visit.
        expected.interventions = [referral, visited]
        expected.notes = [note]
        #expect(read == [expected])

        let completed = try await pool.withTransaction { connection in
            try await SupportPlanStore.complete(planID: plan.id, by: StaffCaller.head(of: organisation), in: connection, now: Date())
        }
        expected.status = .completed
        #expect(completed == expected)
        // «Продолжение работы по плану»: once the first is completed, the case may go on under a new one.
        let next = try await pool.withTransaction { connection in
            try await SupportPlanStore.create(
                caseID: caseID, startsOn: day("2026-12-02"), reviewOn: day("2027-03-01"), goals: "Закрепить результат",
                by: caller, in: connection, now: Date())
        }
        let both = try await pool.withTransaction { try await SupportPlanStore.plans(caseID: caseID, by: caller, in: $0) }
        #expect(both.map(\.id) == [plan.id, next.id])
        #expect(both.map(\.status) == [.completed, .active])

        // Monitoring hears each change with the catalogue's terms and dates, never the description or who is responsible.
        let announced = try await pool.query("""
            SELECT payload->>'status', payload->>'kind', payload::text FROM bus.messages
            WHERE queue = 'observed' AND type = 'intervention.recorded.v1' ORDER BY id
            """).map { (try $0.decode(String.self, at: 0), try $0.decode(String?.self, at: 1), try $0.decode(String.self, at: 2)) }
        #expect(announced.map(\.0) == ["planned", "planned", "in_progress", "done"])
        #expect(announced.map(\.1) == ["home_visit", nil, "home_visit", "home_visit"])
        #expect(announced.allSatisfy { !$0.2.contains("Центр поддержки семьи") && !$0.2.contains("Консультации") })
        for (action, times) in [
            ("support_plan.create", 2), ("intervention.create", 2), ("intervention.set_status", 2), ("progress_note.create", 1),
            ("support_plan.read", 2), ("support_plan.complete", 1),
        ] {
            #expect(try await PlanFixtures.audited(action, case: caseID, organisation: organisation, in: pool) == times, "\(action)")
        }
    }

    @Test("plans are only for the caller's open accompaniment cases, one active at a time")
    func caseRefusals() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let cases = try await PlanFixtures.openCases(accompaniment: [true, false, true], in: pool)
        let (open, organisation) = cases[0]
        let caller = StaffCaller.specialist(of: organisation)
        let day = PlanFixtures.day
        func create(_ caseID: CaseID, by caller: StaffCaller) async throws {
            _ = try await pool.withTransaction { connection in
                try await SupportPlanStore.create(
                    caseID: caseID, startsOn: day("2026-09-01"), reviewOn: day("2026-12-01"), goals: "Цели", by: caller, in: connection, now: Date())
            }
        }

        await PlanFixtures.expectRefusal("conflict not_accompaniment") { try await create(cases[1].id, by: .specialist(of: cases[1].organisation)) }
        try await PlanFixtures.close(cases[2].id, in: pool)
        await PlanFixtures.expectRefusal("conflict case_closed") { try await create(cases[2].id, by: .specialist(of: cases[2].organisation)) }
        // Another organisation's case does not exist for the caller, to read or to write.
        await PlanFixtures.expectRefusal("notFound not_found") { try await create(open, by: .head(of: cases[1].organisation)) }
        await PlanFixtures.expectRefusal("notFound not_found") {
            _ = try await pool.withTransaction { try await SupportPlanStore.plans(caseID: open, by: .head(of: cases[1].organisation), in: $0) }
        }
        try await create(open, by: caller)
        await PlanFixtures.expectRefusal("conflict plan_active") { try await create(open, by: caller) }
        #expect(try await pool.count("SELECT count(*) FROM scheduling.support_plans") == 1)
        #expect(try await pool.count("SELECT count(*) FROM scheduling.audit_log WHERE action LIKE 'support_plan.%'") == 1)
    }

    @Test("bad fields are refused with their JSON pointer, and nothing is written")
    func fieldRefusals() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let cases = try await PlanFixtures.openCases(accompaniment: [true, true], in: pool)
        let (caseID, organisation) = cases[0]
        let administration = SpecialistAdministration(pool: pool)
        let elsewhere = try await administration.addSpecialist(
            organisationID: cases[1].organisation.uuid, displayName: "Петров И. И.", roles: ["psychologist"], maxCaseload: 10)
        let caller = StaffCaller.specialist(of: organisation)
        let day = PlanFixtures.day
        func create(startsOn: String = "2026-09-01", reviewOn: String = "2026-12-01", goals: String = "Цели") async throws {
            _ = try await pool.withTransaction { connection in
                try await SupportPlanStore.create(
                    caseID: caseID, startsOn: day(startsOn), reviewOn: day(reviewOn), goals: goals, by: caller, in: connection, now: Date())
            }
        }
        await PlanFixtures.expectRefusal("invalid before_start /review_on") { try await create(reviewOn: "2026-08-31") }
        await PlanFixtures.expectRefusal("invalid length /goals") { try await create(goals: " \n ") }
        await PlanFixtures.expectRefusal("invalid length /goals") { try await create(goals: String(repeating: "ц", count: 4001)) }
        #expect(try await pool.count("SELECT count(*) FROM scheduling.support_plans") == 0)

        try await create()
        let planID = try #require(try await pool.withTransaction { try await SupportPlanStore.plans(caseID: caseID, by: caller, in: $0) }.first?.id)
        func add(
            area: InterventionArea = .performance, kind: InterventionKind? = .extraClasses, description: String? = nil,
            specialist: UUID? = nil, name: String? = "Учитель математики", startsOn: String = "2026-09-10", endsOn: String = "2026-10-10"
        ) async throws {
            _ = try await pool.withTransaction { connection in
                try await SupportPlanStore.addIntervention(
                    planID: planID, area: area, kind: kind, description: description, responsibleSpecialistID: specialist.map(SpecialistID.init),
                    responsibleName: name, startsOn: day(startsOn), endsOn: day(endsOn), by: caller, in: connection, now: Date())
            }
        }
        await PlanFixtures.expectRefusal("invalid kind_not_in_area /kind") { try await add(area: .attendance) }
        await PlanFixtures.expectRefusal("invalid required /description") { try await add(kind: nil, description: "   ") }
        await PlanFixtures.expectRefusal("invalid too_long /description") { try await add(description: String(repeating: "о", count: 2001)) }
        await PlanFixtures.expectRefusal("invalid one_responsible /responsible_specialist_id") { try await add(name: nil) }
        await PlanFixtures.expectRefusal("invalid one_responsible /responsible_specialist_id") { try await add(specialist: elsewhere.id) }
        await PlanFixtures.expectRefusal("invalid unknown_specialist /responsible_specialist_id") { try await add(specialist: elsewhere.id, name: nil) }
        await PlanFixtures.expectRefusal("invalid before_start /ends_on") { try await add(startsOn: "2026-10-11") }
        await PlanFixtures.expectRefusal("invalid length /text") {
            _ = try await pool.withTransaction { connection in
                try await SupportPlanStore.addProgressNote(planID: planID, writtenOn: day("2026-10-01"), text: "", by: caller, in: connection, now: Date())
            }
        }
        #expect(try await pool.count("SELECT count(*) FROM scheduling.interventions") == 0)
        #expect(try await pool.count("SELECT count(*) FROM scheduling.progress_notes") == 0)
        // The same intervention with its kind in its area passes.
        try await add()
        #expect(try await pool.count("SELECT count(*) FROM scheduling.interventions") == 1)
    }

    @Test("final intervention statuses and completed plans change no more; another organisation's plan is not found")
    func frozen() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let cases = try await PlanFixtures.openCases(accompaniment: [true, true], in: pool)
        let (caseID, organisation) = cases[0]
        let caller = StaffCaller.specialist(of: organisation)
        let stranger = StaffCaller.head(of: cases[1].organisation)
        let day = PlanFixtures.day
        let plan = try await pool.withTransaction { connection in
            try await SupportPlanStore.create(
                caseID: caseID, startsOn: day("2026-09-01"), reviewOn: day("2026-12-01"), goals: "Цели", by: caller, in: connection, now: Date())
        }
        func add(by caller: StaffCaller) async throws -> Intervention {
            try await pool.withTransaction { connection in
                try await SupportPlanStore.addIntervention(
                    planID: plan.id, area: .attendance, kind: .absenceNotice, description: nil, responsibleSpecialistID: nil,
                    responsibleName: "Классный руководитель", startsOn: day("2026-09-01"), endsOn: day("2026-09-30"),
                    by: caller, in: connection, now: Date())
            }
        }
        func set(_ intervention: Intervention, _ status: InterventionStatus, by caller: StaffCaller) async throws {
            _ = try await pool.withTransaction { connection in
                try await SupportPlanStore.setInterventionStatus(interventionID: intervention.id, status: status, by: caller, in: connection, now: Date())
            }
        }
        func note(by caller: StaffCaller) async throws {
            _ = try await pool.withTransaction { connection in
                try await SupportPlanStore.addProgressNote(planID: plan.id, writtenOn: day("2026-09-15"), text: "Запись", by: caller, in: connection, now: Date())
            }
        }
        func complete(by caller: StaffCaller) async throws {
            _ = try await pool.withTransaction { try await SupportPlanStore.complete(planID: plan.id, by: caller, in: $0, now: Date()) }
        }

        let intervention = try await add(by: caller)
        await PlanFixtures.expectRefusal("conflict illegal_status_change") { try await set(intervention, .planned, by: caller) }
        try await set(intervention, .cancelled, by: caller)
        await PlanFixtures.expectRefusal("conflict illegal_status_change") { try await set(intervention, .inProgress, by: caller) }

        await PlanFixtures.expectRefusal("notFound not_found") { _ = try await add(by: stranger) }
        await PlanFixtures.expectRefusal("notFound not_found") { try await set(intervention, .done, by: stranger) }
        await PlanFixtures.expectRefusal("notFound not_found") { try await note(by: stranger) }
        await PlanFixtures.expectRefusal("notFound not_found") { try await complete(by: stranger) }

        try await complete(by: caller)
        await PlanFixtures.expectRefusal("conflict plan_completed") { _ = try await add(by: caller) }
        await PlanFixtures.expectRefusal("conflict plan_completed") { try await note(by: caller) }
        await PlanFixtures.expectRefusal("conflict plan_completed") { try await complete(by: caller) }
        // Not even whether it is completed is told to another organisation.
        await PlanFixtures.expectRefusal("notFound not_found") { try await complete(by: stranger) }
        let status = try await pool.query("SELECT status FROM scheduling.interventions").single?.decode(String.self, at: 0)
        #expect(status == "cancelled")
    }

    @Test("an active plan of a case that has closed takes no more writes")
    func closedCase() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let (caseID, organisation) = try await PlanFixtures.openCases(accompaniment: [true], in: pool)[0]
        let caller = StaffCaller.specialist(of: organisation)
        let plan = try await pool.withTransaction { connection in
            try await SupportPlanStore.create(
                caseID: caseID, startsOn: PlanFixtures.day("2026-09-01"), reviewOn: PlanFixtures.day("2026-12-01"), goals: "Цели",
                by: caller, in: connection, now: Date())
        }
        try await PlanFixtures.close(caseID, in: pool)
        await PlanFixtures.expectRefusal("conflict case_closed") {
            _ = try await pool.withTransaction { connection in
                try await SupportPlanStore.addProgressNote(
                    planID: plan.id, writtenOn: PlanFixtures.day("2026-09-15"), text: "Запись", by: caller, in: connection, now: Date())
            }
        }
        // Still readable: a closed case's history stays.
        #expect(try await pool.withTransaction { try await SupportPlanStore.plans(caseID: caseID, by: caller, in: $0) }.count == 1)
    }
}
