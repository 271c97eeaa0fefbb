import Foundation
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

@Suite("A restorative programme from preparation to closing", .freshDatabase)
struct ProgrammeLifecycleTests {
    @Test("preliminary meetings, the agreement and its terms gate the steps; closing publishes what the report counts")
    func lifecycle() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let mediator = try await work.addSpecialist()
        let prepared = try await work.preparedCase(specialist: mediator)
        let programme = try await work.transaction { try await ProgrammeStore.start(.mediation, in: prepared.id, by: work.head, in: $0, now: Date()) }
        #expect(try await work.refusal { try await ProgrammeStore.start(.communityCircle, in: prepared.id, by: work.head, in: $0, now: Date()) } == "programme_running")
        #expect(try await work.transaction { try await ProgrammeStore.start(.mediation, in: prepared.id, by: work.head, in: $0, now: Date()) }.id == programme.id)
        #expect(try await work.refusal { try await CaseStore.move(prepared.id, to: .restorative(.mainMeeting), outcome: nil, reason: nil, by: work.head, in: $0, now: Date()) }
            == "preliminary_meetings_missing")
        // Preliminary meetings with each party, held (their start moved into the past).
        for (index, party) in [prepared.minor, prepared.harmed].enumerated() {
            let meeting = try await work.transaction { connection in
                try await MeetingStore.book(
                    MeetingStore.Draft(
                        kind: .preliminary, startsAt: upcoming(weekday: 2, hour: 10 + index), endsAt: upcoming(weekday: 2, hour: 11 + index),
                        roomID: nil, specialistIDs: [mediator], partyIDs: [party]),
                    for: prepared.id, by: work.head, in: connection, now: Date())
            }
            #expect(try await work.refusal { try await MeetingStore.recordHeld(meeting.id, by: work.head, in: $0, now: Date()) } == "not_started")
            _ = try await work.transaction { try await MeetingStore.recordHeld(meeting.id, by: work.head, in: $0, now: meeting.startsAt.addingTimeInterval(60)) }
        }
        try await work.move(prepared.id, to: .restorative(.mainMeeting))
        #expect(try await work.refusal { try await CaseStore.move(prepared.id, to: .restorative(.agreement), outcome: nil, reason: nil, by: work.head, in: $0, now: Date()) }
            == "agreement_missing")
        let today = LocalDate(containing: Date(), in: .gmt)
        let agreement = try await work.transaction { connection in
            try await ProgrammeStore.recordAgreement(
                reachedOn: today, terms: [("Извиниться", today.adding(days: 7)), ("Возместить ущерб", today.adding(days: 30))],
                in: prepared.id, by: work.head, in: connection, now: Date())
        }
        try await work.move(prepared.id, to: .restorative(.agreement))
        try await work.move(prepared.id, to: .restorative(.followUp))
        _ = try await work.transaction { connection in
            try await ProgrammeStore.checkTerm(agreement.terms[0].id, fulfilled: true, on: today, in: prepared.id, by: work.head, in: connection, now: Date())
        }
        let close: (PostgresConnection) async throws -> CaseRecord = {
            try await CaseStore.move(prepared.id, to: .restorative(.closed), outcome: .agreementFulfilled, reason: nil, by: work.head, in: $0, now: Date())
        }
        #expect(try await work.refusal(close) == "agreement_terms_open")
        #expect(try await work.refusal {
            try await CaseStore.move(prepared.id, to: .restorative(.closed), outcome: .notReconciled, reason: nil, by: work.head, in: $0, now: Date())
        } == "reason_required")
        #expect(try await work.refusal {
            try await CaseStore.move(prepared.id, to: .restorative(.closed), outcome: .agreementFulfilled, reason: .other, by: work.head, in: $0, now: Date())
        } == "reason_not_allowed")
        _ = try await work.transaction { connection in
            try await ProgrammeStore.checkTerm(agreement.terms[1].id, fulfilled: true, on: today, in: prepared.id, by: work.head, in: connection, now: Date())
        }
        let closed = try await work.transaction(close)
        #expect(closed.outcome == .agreementFulfilled)
        let payload = try #require(try await work.pool.query("""
            SELECT payload->>'programme_kind', (payload->>'minor_count')::int, (payload->>'adult_count')::int, (payload->>'meetings_held')::int,
                   payload->>'outcome', payload ? 'first_contact_at'
            FROM bus.messages WHERE queue = 'observed' AND type = 'case.closed.v1'
            """).single)
        #expect(try payload.decode(String.self, at: 0) == "mediation")
        #expect(try payload.decode(Int.self, at: 1) == 1)
        #expect(try payload.decode(Int.self, at: 2) == 2)
        #expect(try payload.decode(Int.self, at: 3) == 2)
        #expect(try payload.decode(String.self, at: 4) == "agreement_fulfilled")
        #expect(try await work.published(MeetingHeld.messageType) == 2)
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.programmes WHERE stopped_at IS NOT NULL") == 1)
        #expect(try await work.refusal(close) == "case_closed")
        // Every move is on record, the opening included.
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.case_moves WHERE case_id = \(prepared.id.uuid)") == 8)
    }

    @Test("an accompaniment follows seed 003's steps; a child in danger is handed to guardianship")
    func accompaniment() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let curator = try await work.addSpecialist(roles: ["curator"])
        let ids = try await work.openCases(2, kind: .schoolIdentification, minors: 1)
        for state in [AccompanimentCaseState.informationGathered, .opened, .needsAssessed] {
            try await work.move(ids[0], to: .accompaniment(state))
        }
        let chosen = try await work.transaction { try await CaseStore.assign(ids[0], to: curator, by: work.head, in: $0, now: Date()) }
        #expect(chosen.state == .accompaniment(.curatorChosen))
        for state in [AccompanimentCaseState.supportPlan, .implementation, .evaluated] {
            try await work.move(ids[0], to: .accompaniment(state))
        }
        #expect(try await work.move(ids[0], to: .accompaniment(.closed), outcome: .goalsAchieved).outcome == .goalsAchieved)
        for state in [AccompanimentCaseState.informationGathered, .opened, .needsAssessed] {
            try await work.move(ids[1], to: .accompaniment(state))
        }
        let handedOver = try await work.move(ids[1], to: .accompaniment(.closed), outcome: .transferred, reason: .handedToGuardianship)
        #expect(handedOver.outcome == .transferred)
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.cases WHERE closing_reason = 'handed_to_guardianship'") == 1)
        // A specialist may not assign; another organisation sees nothing.
        let specialist = StaffCaller(organisationID: work.organisation, role: .specialist, subject: "s")
        let stranger = StaffCaller(organisationID: OrganisationID(UUID.v7()), role: .head, subject: "x")
        #expect(try await work.refusal { try await CaseStore.assign(ids[0], to: curator, by: specialist, in: $0, now: Date()) } == "forbidden")
        #expect(try await work.refusal { try await CaseRecord.find(ids[0], for: stranger, in: $0) } == "not_found")
    }

    @Test("an evaluated accompaniment continues under a new support plan (seed 003, step 8), announced as evaluated → support plan")
    func accompanimentContinued() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let curator = try await work.addSpecialist(roles: ["curator"])
        let id = try await work.openCases(1, kind: .schoolIdentification, minors: 1)[0]
        for state in [AccompanimentCaseState.informationGathered, .opened, .needsAssessed] {
            try await work.move(id, to: .accompaniment(state))
        }
        _ = try await work.transaction { try await CaseStore.assign(id, to: curator, by: work.head, in: $0, now: Date()) }
        let today = LocalDate(containing: Date(), in: .gmt)
        let startPlan: @Sendable () async throws -> SupportPlan = {
            try await work.transaction {
                try await SupportPlanStore.create(
                    caseID: id, startsOn: today, reviewOn: today.adding(days: 30), goals: "Посещаемость не ниже 90 %", by: work.head, in: $0, now: Date())
            }
        }
        let first = try await startPlan()
        for state in [AccompanimentCaseState.supportPlan, .implementation, .evaluated] {
            try await work.move(id, to: .accompaniment(state))
        }
        let goOn: @Sendable (PostgresConnection) async throws -> CaseRecord = {
            try await CaseStore.move(id, to: .accompaniment(.supportPlan), outcome: nil, reason: nil, by: work.head, in: $0, now: Date())
        }
        // The evaluated plan is no new plan; nor is none.
        #expect(try await work.refusal(goOn) == "new_support_plan_missing")
        _ = try await work.transaction { try await SupportPlanStore.complete(planID: first.id, by: work.head, in: $0, now: Date()) }
        #expect(try await work.refusal(goOn) == "new_support_plan_missing")
        _ = try await startPlan()
        #expect(try await work.transaction(goOn).state == .accompaniment(.supportPlan))
        #expect(try await work.pool.count("""
            SELECT count(*) FROM bus.messages WHERE queue = 'observed' AND type = 'case.state_changed.v1'
              AND payload->>'from' = 'evaluated' AND payload->>'to' = 'support_plan' AND payload->>'kind' = 'accompaniment'
            """) == 1)
        // It goes round again, and closes when the goals are met.
        for state in [AccompanimentCaseState.implementation, .evaluated] {
            try await work.move(id, to: .accompaniment(state))
        }
        #expect(try await work.move(id, to: .accompaniment(.closed), outcome: .goalsAchieved).outcome == .goalsAchieved)
    }
}
