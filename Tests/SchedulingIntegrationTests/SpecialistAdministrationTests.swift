import Foundation
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
}
