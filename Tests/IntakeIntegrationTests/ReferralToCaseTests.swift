import Bus
import Configuration
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import Postgres
import SchedulingService
import StaffAccess
import TestSupport
import Testing

/// Intake and scheduling together, on one database, talking only over the bus: a posted
/// referral becomes a case proposed to a specialist, and intake's status follows.
@Suite("A referral becomes a case", .freshDatabase)
struct ReferralToCaseTests {
    @Test("a referral posted to intake is a case with a proposed specialist within 1 s, and intake reports case_opened")
    func referralBecomesCase() async throws {
        try await IntakeHarness.run { intake, harness in
            let secret = String(repeating: "k", count: 32)
            let environment = try TestDatabase.required().environment.merging(
                ["HTTP_PORT": "0", "LOG_LEVEL": "warning", "STAFF_TOKEN_SECRET": secret]) { $1 }
            let scheduling = try await SchedulingService.buildApplication(reader: ConfigReader(service: .scheduling, environment: environment))
            try await scheduling.test(.live) { staffAPI in
                let court = try await harness.integrator()
                let administration = SpecialistAdministration(pool: harness.pool)
                // The mediator with room in their caseload gets it; the psychologist cannot lead a restorative case.
                let busy = try await administration.addSpecialist(
                    organisationID: court.organisationID, displayName: "Медиатор Занятая", roles: ["mediator"], maxCaseload: 1)
                let free = try await administration.addSpecialist(
                    organisationID: court.organisationID, displayName: "Медиатор Свободный", roles: ["mediator"], maxCaseload: 10)
                _ = try await administration.addSpecialist(
                    organisationID: court.organisationID, displayName: "Психолог", roles: ["psychologist"], maxCaseload: 50)

                var proposals: [UUID] = []
                for _ in 0..<2 {
                    let posted = ContinuousClock.now
                    let created = try await intake.call(.post, "/v1/referrals", key: court.key, json: referralBody())
                    #expect(created.status == .created)
                    let location = try #require(created.headers[.location])
                    let referralID = try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
                    var proposed: UUID?
                    // The bus carries it at once: within a few of the workers' polling intervals
                    // (a lost wake-up still ends at the next poll), not only when a lease expires
                    // (30 s); judged against those, not a wall-clock figure a loaded machine misses.
                    let pollingBackstop = QueueWorker.Options().pollInterval * 3
                    #expect(try await eventually(within: pollingBackstop) {
                        proposed = try await harness.pool.query("""
                            SELECT proposed_specialist_id FROM scheduling.cases WHERE referral_id = \(referralID)
                            """).single?.decode(UUID?.self, at: 0)
                        return proposed != nil
                    }, "no case with a proposed specialist within three polling intervals")
                    #expect(ContinuousClock.now - posted < pollingBackstop)
                    proposals.append(try #require(proposed))
                    #expect(try await eventually(within: .seconds(5)) {
                        try await intake.call(.get, location, key: court.key).object["status"] as? String == "case_opened"
                    }, "intake did not learn that the case opened")
                }
                // Load in proportion to a full caseload: the first case goes to either (both empty,
                // the earlier registered first), the second to whoever has room left.
                #expect(proposals == [busy.id, free.id])

                // A specialist closes the last case through the staff API: intake's status follows.
                let caseID = try #require(try await harness.pool.query("""
                    SELECT id FROM scheduling.cases WHERE proposed_specialist_id = \(free.id)
                    """).single).decode(UUID.self, at: 0)
                let token = try await StaffTokens(secret: secret).issue(
                    for: StaffCaller(organisationID: .init(court.organisationID), role: .specialist, subject: "e2e", specialistID: .init(free.id)),
                    lifetime: 600)
                try await staffAPI.execute(
                    uri: "/v1/cases/\(caseID.uuidString.lowercased())/moves", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                    body: ByteBuffer(string: #"{"to":"closed","outcome":"refused","closing_reason":"party_declined"}"#)
                ) { #expect($0.status == .ok) }
                let closedLocation = "/v1/referrals/" + (try #require(try await harness.pool.query("""
                    SELECT referral_id FROM scheduling.cases WHERE id = \(caseID)
                    """).single).decode(UUID.self, at: 0)).uuidString.lowercased()
                #expect(try await eventually(within: .seconds(5)) {
                    let referral = try await intake.call(.get, closedLocation, key: court.key).object
                    return referral["status"] as? String == "closed" && referral["outcome"] as? String == "refused"
                }, "intake did not learn that the case closed")
            }
        }
    }
}
