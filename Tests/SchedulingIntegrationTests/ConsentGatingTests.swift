import Foundation
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

@Suite("Consent gates the programme", .freshDatabase)
struct ConsentGatingTests {
    @Test("a programme with a minor passes «consent pending» only with a representative's consent to take part")
    func gating() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let mediator = try await work.addSpecialist()
        let id = try await work.openCases(1, minors: 1)[0]
        #expect(try await work.refusal { try await CaseStore.move(id, to: .restorative(.consentPending), outcome: nil, reason: nil, by: work.head, in: $0, now: Date()) } == "illegal_transition")
        #expect(try await work.refusal { try await CaseStore.move(id, to: .restorative(.assigned), outcome: nil, reason: nil, by: work.head, in: $0, now: Date()) } == "specialist_missing")
        let assigned = try await work.transaction { try await CaseStore.assign(id, to: mediator, by: work.head, in: $0, now: Date()) }
        #expect(assigned.state == .restorative(.assigned))
        try await work.move(id, to: .restorative(.consentPending))
        let toPreparation: (PostgresConnection) async throws -> CaseRecord = {
            try await CaseStore.move(id, to: .restorative(.preparation), outcome: nil, reason: nil, by: work.head, in: $0, now: Date())
        }
        #expect(try await work.refusal(toPreparation) == "parties_missing")
        let minor = try await work.addParty(.minor, to: id)
        #expect(try await work.refusal(toPreparation) == "consent_missing")
        let representative = try await work.addParty(.legalRepresentative, to: id, represents: minor)
        let stranger = try await work.addParty(.supporter, to: id)
        let today = LocalDate(containing: Date(), in: .gmt)
        func consent(by giver: PartyID, scopes: [ConsentScope]) async throws -> String? {
            try await work.refusal { connection in
                try await ConsentStore.record(
                    minor: minor, givenBy: giver, form: .written, scopes: scopes, givenOn: today, caseID: id, by: work.head, in: connection, now: Date())
            }
        }
        // Only the minor's own representative consents, and consent to other things does not count.
        #expect(try await consent(by: stranger, scopes: [.programmeParticipation]) == "not_a_representative_of_minor")
        #expect(try await consent(by: representative, scopes: [.personalDataProcessing]) == nil)
        #expect(try await work.refusal(toPreparation) == "consent_missing")
        #expect(try await consent(by: representative, scopes: [.programmeParticipation, .personalDataProcessing]) == nil)
        let moved = try await work.transaction(toPreparation)
        #expect(moved.state == .restorative(.preparation))
        #expect(moved.firstContactAt != nil, "taking a consent is the first contact")
        #expect(try await work.published(CaseStateChanged.messageType) == 3)
        #expect(try await work.published(CaseAssigned.messageType) == 1)
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.audit_log WHERE action = 'consent.create' AND actor = 'staff:head'") == 2)
    }

    @Test("withdrawing consent stops the programme: back to «consent pending», meetings cancelled, reminders withdrawn")
    func withdrawalBeforeAgreement() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let mediator = try await work.addSpecialist()
        let prepared = try await work.preparedCase(specialist: mediator)
        let meeting = try await work.transaction { connection in
            try await MeetingStore.book(
                MeetingStore.Draft(
                    kind: .preliminary, startsAt: upcoming(weekday: 3, hour: 10), endsAt: upcoming(weekday: 3, hour: 11), roomID: nil,
                    specialistIDs: [mediator], partyIDs: [prepared.minor, prepared.representative]),
                for: prepared.id, by: work.head, in: connection, now: Date())
        }
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.bookings") == 3)
        let withdrawn = try await work.transaction { connection in
            try await ConsentStore.withdraw(
                prepared.consent, of: prepared.id, on: LocalDate(containing: Date(), in: .gmt), reason: nil, by: work.head, in: connection, now: Date())
        }
        #expect(withdrawn.withdrawnOn != nil)
        let record = try await work.transaction { try await CaseRecord.find(prepared.id, for: work.head, in: $0) }
        #expect(record.state == .restorative(.consentPending))
        let stored = try await work.transaction { try await MeetingStore.meeting(meeting.id, by: work.head, in: $0) }
        #expect(stored.status == .cancelled)
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.bookings") == 0)
        #expect(try await work.published(NotificationsWithdrawn.messageType) == 1)
        #expect(try await work.refusal { connection in
            try await ConsentStore.withdraw(prepared.consent, of: prepared.id, on: LocalDate(containing: Date(), in: .gmt), reason: nil, by: work.head, in: connection, now: Date())
        } == "already_withdrawn")
    }

    @Test("withdrawing consent after the agreement closes the case as refused, and intake hears it closed")
    func withdrawalAfterAgreement() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let mediator = try await work.addSpecialist()
        let prepared = try await work.preparedCase(specialist: mediator)
        try await work.pool.query("UPDATE scheduling.cases SET state = 'agreement' WHERE id = \(prepared.id.uuid)")
        _ = try await work.transaction { connection in
            try await ConsentStore.withdraw(
                prepared.consent, of: prepared.id, on: LocalDate(containing: Date(), in: .gmt), reason: "Семья переехала", by: work.head,
                in: connection, now: Date())
        }
        let record = try await work.transaction { try await CaseRecord.find(prepared.id, for: work.head, in: $0) }
        #expect(record.state == .restorative(.closed))
        #expect(record.outcome == .refused)
        #expect(try await work.published(CaseClosed.messageType) == 1)
        #expect(try await work.pool.count("""
            SELECT count(*) FROM bus.messages WHERE type = 'referral.status_reported.v1' AND payload->>'status' = 'closed' AND payload->>'outcome' = 'refused'
            """) == 1)
    }

    @Test("a minor added after the gate is not met before their consent; contacts count from when they happened")
    func lateMinorAndContactTimes() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let mediator = try await work.addSpecialist()
        let prepared = try await work.preparedCase(specialist: mediator)
        let sibling = try await work.addParty(.minor, to: prepared.id)
        let book: @Sendable ([PartyID]) async throws -> String? = { parties in
            try await work.refusal { connection in
                try await MeetingStore.book(
                    MeetingStore.Draft(kind: .preliminary, startsAt: upcoming(weekday: 2, hour: 9), endsAt: upcoming(weekday: 2, hour: 10), roomID: nil,
                                       specialistIDs: [mediator], partyIDs: parties),
                    for: prepared.id, by: work.head, in: connection, now: Date())
            }
        }
        #expect(try await book([sibling]) == "consent_missing")
        #expect(try await book([prepared.minor]) == nil)
        // A consent's day carries no time: it is a contact at the moment it is entered, never at
        // 00:00 of its day, which for a referral received today would be hours before receipt.
        // A consent dated a week ago for a referral received today is no contact before receipt
        // either. A withdrawal cannot be dated ahead.
        let other = try await work.openCases(1)[0]
        let minor = try await work.addParty(.minor, to: other)
        let representative = try await work.addParty(.legalRepresentative, to: other, represents: minor)
        let entered = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.up))
        for givenOn in [LocalDate(containing: entered, in: .gmt), LocalDate(containing: entered, in: .gmt).adding(days: -7)] {
            _ = try await work.transaction { connection in
                try await ConsentStore.record(
                    minor: minor, givenBy: representative, form: .written, scopes: [.programmeParticipation], givenOn: givenOn, caseID: other,
                    by: work.head, in: connection, now: entered)
            }
        }
        let contacted = try await work.transaction { try await CaseRecord.find(other, for: work.head, in: $0) }
        #expect(contacted.firstContactAt == entered)
        #expect(try #require(contacted.firstContactAt) >= contacted.referralReceivedAt)
        let consent = try #require(try await work.transaction { try await ConsentStore.consents(of: other, by: work.head, in: $0) }.first)
        #expect(try await work.refusal { connection in
            try await ConsentStore.withdraw(
                consent.id, of: other, on: LocalDate(containing: Date(), in: .gmt).adding(days: 2), reason: nil, by: work.head, in: connection, now: Date())
        } == "in_future")
    }

    @Test("a specialist proposed a case loses it once the head assigns someone else")
    func reassignedAway() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let first = try await work.addSpecialist()
        let id = try await work.openCases(1)[0]
        let second = try await work.addSpecialist()
        let proposed = StaffCaller(organisationID: work.organisation, role: .specialist, subject: "p", specialistID: first)
        #expect(try await work.transaction { try await CaseRecord.find(id, for: proposed, in: $0) }.proposedSpecialistID == first)
        _ = try await work.transaction { try await CaseStore.assign(id, to: second, by: work.head, in: $0, now: Date()) }
        #expect(try await work.refusal { try await CaseRecord.find(id, for: proposed, in: $0) } == "not_found")
        let lead = StaffCaller(organisationID: work.organisation, role: .specialist, subject: "l", specialistID: second)
        #expect(try await work.transaction { try await CaseRecord.find(id, for: lead, in: $0) }.specialistID == second)
    }

    @Test("a database error while a withdrawal checks the remaining consents surfaces as itself, not as a missing consent")
    func withdrawalSurfacesDatabaseErrors() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let prepared = try await work.preparedCase(specialist: try await work.addSpecialist())
        /// What the withdrawal came to; thrown to roll the broken schema back whatever happened.
        struct Verdict: Error { let outcome: String }
        var verdict = ""
        do {
            try await work.transaction { connection in
                // The check of the remaining consents reads this column; every step before it does not.
                try await connection.query("ALTER TABLE scheduling.parties RENAME COLUMN represents_id TO represents_id_gone")
                do {
                    _ = try await ConsentStore.withdraw(
                        prepared.consent, of: prepared.id, on: LocalDate(containing: Date(), in: .gmt), reason: nil, by: work.head, in: connection,
                        now: Date())
                    throw Verdict(outcome: "withdrawn, the case at \(try await CaseRecord.find(prepared.id, for: work.head, in: connection).state)")
                } catch let error as PostgresError {
                    throw Verdict(outcome: "database error \(error.sqlState ?? "")")
                }
            }
        } catch let stop as Verdict {
            verdict = stop.outcome
        }
        // The check's own error (42703, undefined column), not a move attempted in the aborted
        // transaction (25P02) as if the consent were missing.
        #expect(verdict == "database error 42703")
        let record = try await work.transaction { try await CaseRecord.find(prepared.id, for: work.head, in: $0) }
        #expect(record.state == .restorative(.preparation))
        #expect(try await work.published(CaseStateChanged.messageType) == 3, "the three moves to preparation, no more")
    }
}
