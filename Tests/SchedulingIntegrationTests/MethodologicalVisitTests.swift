import Foundation
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

@Suite("Methodological visits", .freshDatabase)
struct MethodologicalVisitTests {
    /// The centre making the visits, and another one.
    let centre = OrganisationID.make()
    let stranger = OrganisationID.make()

    /// Records a visit on 2026-10-14 as the centre's head, with findings due on `deadlines`.
    func recordVisit(deadlines: [String] = ["2026-11-01", "2026-12-01"], by caller: StaffCaller? = nil, in pool: PostgresPool) async throws -> MethodologicalVisit {
        try await pool.withTransaction { connection in
            try await MethodologicalVisitStore.record(
                schoolName: "ГУО «Средняя школа № 5 г. Витебска»", visitedOn: PlanFixtures.day("2026-10-14"),
                purpose: "Изучение состояния работы по выявлению детей в СОП",
                findings: deadlines.enumerated().map { VisitFinding.Draft(finding: "Недостаток \($0.offset + 1)", fixBy: PlanFixtures.day($0.element)) },
                by: caller ?? .head(of: centre), in: connection, now: Date())
        }
    }

    @Test("the head records a visit and its card; the signature and each fix are recorded once, every write audited")
    func visitAndAcknowledgement() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let visit = try await recordVisit(in: pool)
        #expect(visit.findings.map(\.finding) == ["Недостаток 1", "Недостаток 2"])
        #expect(visit.findings.map(\.fixBy) == [PlanFixtures.day("2026-11-01"), PlanFixtures.day("2026-12-01")])
        #expect(visit.acknowledgedBy == nil && visit.acknowledgedOn == nil && visit.findings.allSatisfy { $0.fixedOn == nil })

        let specialist = StaffCaller.specialist(of: centre)
        func acknowledge(on day: String) async throws -> MethodologicalVisit {
            try await pool.withTransaction { connection in
                try await MethodologicalVisitStore.acknowledge(
                    visitID: visit.id, acknowledgedBy: "Зам. директора по ВР Сидорова О. Н.", acknowledgedOn: PlanFixtures.day(day),
                    by: specialist, in: connection)
            }
        }
        let signed = try await acknowledge(on: "2026-10-14")
        #expect(signed.acknowledgedBy == "Зам. директора по ВР Сидорова О. Н." && signed.acknowledgedOn == PlanFixtures.day("2026-10-14"))
        await PlanFixtures.expectRefusal("conflict already_acknowledged") { _ = try await acknowledge(on: "2026-10-20") }

        func fix(on day: String) async throws -> VisitFinding {
            try await pool.withTransaction { connection in
                try await MethodologicalVisitStore.recordFix(findingID: visit.findings[1].id, fixedOn: PlanFixtures.day(day), by: specialist, in: connection)
            }
        }
        let fixed = try await fix(on: "2026-11-20")
        #expect(fixed.fixedOn == PlanFixtures.day("2026-11-20") && fixed.id == visit.findings[1].id)
        await PlanFixtures.expectRefusal("conflict already_fixed") { _ = try await fix(on: "2026-11-21") }

        var expected = signed
        expected.findings[1] = fixed
        #expect(try await pool.withTransaction { try await MethodologicalVisitStore.visits(year: 2026, by: specialist, in: $0) } == [expected])
        #expect(try await pool.withTransaction { try await MethodologicalVisitStore.visits(year: 2025, by: specialist, in: $0) }.isEmpty)
        #expect(try await pool.withTransaction { try await MethodologicalVisitStore.visits(year: 2026, by: .head(of: stranger), in: $0) }.isEmpty)
        for (action, times) in [("methodological_visit.create", 1), ("methodological_visit.acknowledge", 1), ("visit_finding.fix", 1)] {
            #expect(try await PlanFixtures.audited(action, organisation: centre, in: pool) == times, "\(action)")
        }
    }

    @Test("specialists may not record visits; dates before the visit, bad texts and other centres' visits are refused")
    func refusals() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        await PlanFixtures.expectRefusal("forbidden forbidden") { _ = try await recordVisit(by: .specialist(of: centre), in: pool) }
        await PlanFixtures.expectRefusal("invalid before_visit /findings/1/fix_by") {
            _ = try await recordVisit(deadlines: ["2026-10-14", "2026-10-13"], in: pool)
        }
        func record(school: String = "Школа № 5", purpose: String = "Плановый выход", finding: String = "Недостаток") async throws {
            _ = try await pool.withTransaction { connection in
                try await MethodologicalVisitStore.record(
                    schoolName: school, visitedOn: PlanFixtures.day("2026-10-14"), purpose: purpose,
                    findings: [VisitFinding.Draft(finding: finding, fixBy: PlanFixtures.day("2026-11-01"))], by: .head(of: centre),
                    in: connection, now: Date())
            }
        }
        await PlanFixtures.expectRefusal("invalid length /school_name") { try await record(school: "") }
        await PlanFixtures.expectRefusal("invalid length /purpose") { try await record(purpose: String(repeating: "ц", count: 2001)) }
        await PlanFixtures.expectRefusal("invalid length /findings/0/finding") { try await record(finding: " ") }
        await PlanFixtures.expectRefusal("invalid count /findings") { _ = try await recordVisit(deadlines: Array(repeating: "2026-11-01", count: 101), in: pool) }
        #expect(try await pool.count("SELECT count(*) FROM scheduling.methodological_visits") == 0)
        #expect(try await pool.count("SELECT count(*) FROM scheduling.visit_findings") == 0)

        let visit = try await recordVisit(in: pool)
        func acknowledge(on day: String, by caller: StaffCaller, name: String = "Сидорова О. Н.") async throws {
            _ = try await pool.withTransaction { connection in
                try await MethodologicalVisitStore.acknowledge(
                    visitID: visit.id, acknowledgedBy: name, acknowledgedOn: PlanFixtures.day(day), by: caller, in: connection)
            }
        }
        func fix(on day: String, by caller: StaffCaller) async throws {
            _ = try await pool.withTransaction { connection in
                try await MethodologicalVisitStore.recordFix(findingID: visit.findings[0].id, fixedOn: PlanFixtures.day(day), by: caller, in: connection)
            }
        }
        await PlanFixtures.expectRefusal("invalid before_visit /acknowledged_on") { try await acknowledge(on: "2026-10-13", by: .head(of: centre)) }
        await PlanFixtures.expectRefusal("invalid length /acknowledged_by") { try await acknowledge(on: "2026-10-15", by: .head(of: centre), name: "") }
        await PlanFixtures.expectRefusal("notFound not_found") { try await acknowledge(on: "2026-10-15", by: .head(of: stranger)) }
        await PlanFixtures.expectRefusal("invalid before_visit /fixed_on") { try await fix(on: "2026-10-01", by: .head(of: centre)) }
        await PlanFixtures.expectRefusal("notFound not_found") { try await fix(on: "2026-10-20", by: .head(of: stranger)) }
        #expect(try await pool.count("SELECT count(*) FROM scheduling.methodological_visits WHERE acknowledged_on IS NOT NULL") == 0)
        #expect(try await pool.count("SELECT count(*) FROM scheduling.visit_findings WHERE fixed_on IS NOT NULL") == 0)
    }
}
