import Bus
import Foundation
import Models
import Postgres
@testable import SchedulingService
import Testing
import TestSupport

@Suite("Specialists", .freshDatabase)
struct SpecialistAdministrationTests {
    @Test("bad registrations are refused with a reason, audited ones listed with their caseload")
    func registrations() async throws {
        let pool = try await CaseOpeningTests.makePool()
        defer { Task { await pool.close() } }
        let administration = SpecialistAdministration(pool: pool)
        let organisation = UUID()
        for (name, roles, caseload) in [("  ", ["mediator"], 5), ("Анна", [], 5), ("Анна", ["judge"], 5), ("Анна", ["mediator"], 0)] {
            await #expect(throws: SpecialistAdministration.Refusal.self) {
                try await administration.addSpecialist(organisationID: organisation, displayName: name, roles: roles, maxCaseload: caseload)
            }
        }
        // Names are measured as PostgreSQL measures them, in code points: 200 pass (100 letters
        // with a combining accent each), 201 are refused rather than failing in the database.
        let accented = String(repeating: "е\u{301}", count: 100)
        let added = try await administration.addSpecialist(
            organisationID: organisation, displayName: accented, roles: ["curator", "mediator", "curator"], maxCaseload: 3)
        #expect(added.roles == ["curator", "mediator"])
        await #expect(throws: SpecialistAdministration.Refusal.self) {
            try await administration.addSpecialist(organisationID: organisation, displayName: accented + "е", roles: ["mediator"], maxCaseload: 3)
        }
        #expect(try await administration.specialists(organisationID: organisation) == [added])
        #expect(try await administration.specialists(organisationID: UUID()).isEmpty)
        #expect(try await pool.count("SELECT count(*) FROM scheduling.audit_log WHERE action = 'specialist.add' AND actor = 'admin'") == 1)
    }

    @Test("a new specialist works Monday to Friday 9–18; an organisation's time zone and first-contact norm are set, checked and audited")
    func weekAndOrganisation() async throws {
        let pool = try await CaseOpeningTests.makePool()
        defer { Task { await pool.close() } }
        let administration = SpecialistAdministration(pool: pool)
        let organisation = UUID.v7()
        let added = try await administration.addSpecialist(organisationID: organisation, displayName: "Анна", roles: ["mediator"], maxCaseload: 5)
        let week = try await pool.withConnection { try await WeeklyHours.working(of: [added.id], in: $0) }[added.id]
        #expect(week == SpecialistAdministration.defaultWeek)
        #expect(week?.map(\.weekday) == [1, 2, 3, 4, 5])
        await #expect(throws: SpecialistAdministration.Refusal.self) {
            try await administration.setOrganisation(organisation, timeZone: "Mars/Olympus", firstContactDays: 3)
        }
        await #expect(throws: SpecialistAdministration.Refusal.self) {
            try await administration.setOrganisation(organisation, timeZone: "Asia/Almaty", firstContactDays: 61)
        }
        try await administration.setOrganisation(organisation, timeZone: "Asia/Almaty", firstContactDays: 5)
        try await administration.setOrganisation(organisation, timeZone: "Asia/Yekaterinburg", firstContactDays: 2)
        let stored = try #require(try await pool.query("SELECT time_zone, first_contact_days FROM scheduling.organisations WHERE id = \(organisation)").single)
        #expect(try stored.decode(String.self, at: 0) == "Asia/Yekaterinburg")
        #expect(try stored.decode(Int.self, at: 1) == 2)
        #expect(try await pool.count("SELECT count(*) FROM scheduling.audit_log WHERE action = 'organisation.set' AND organisation_id = \(organisation)") == 2)
        // Cases opened from now on are due for first contact by the new norm.
        var referral = CaseOpeningTests.referral()
        referral.organisationID = OrganisationID(organisation)
        try await pool.withTransaction { try await MessageBus.publish([try OutgoingMessage(referral)], topic: ReferralReceived.messageType, in: $0) }
        try await CaseOpeningTests.drain(pool)
        #expect(try await pool.count("""
            SELECT count(*) FROM scheduling.cases WHERE referral_id = \(referral.referralID.uuid)
              AND first_contact_due_at = referral_received_at + interval '2 days'
            """) == 1)
    }
}
