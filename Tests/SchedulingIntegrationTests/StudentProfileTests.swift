import Foundation
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

@Suite("Student profiles", .freshDatabase)
struct StudentProfileTests {
    @Test("records are stored to two decimals, read back by day, audited and announced without the note")
    func recordAndRead() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let (caseID, organisation) = try await PlanFixtures.openCases(accompaniment: [true], in: pool)[0]
        let caller = StaffCaller.specialist(of: organisation)
        func record(_ day: String, _ attendance: Double, _ behaviour: Int, _ performance: Int, note: String?) async throws -> ProfileRecord {
            try await pool.withTransaction { connection in
                try await StudentProfileStore.record(
                    caseID: caseID, recordedOn: PlanFixtures.day(day), attendancePercent: attendance, behaviour: behaviour,
                    performance: performance, note: note, by: caller, in: connection, now: Date())
            }
        }
        let later = try await record("2026-12-01", 91.456, 4, 3, note: "Живёт у бабушки")
        let earlier = try await record("2026-09-01", 62, 2, 2, note: "  ")
        #expect(later.attendancePercent == 91.46)
        #expect(later.note == "Живёт у бабушки" && earlier.note == nil)
        let records = try await pool.withTransaction { try await StudentProfileStore.records(caseID: caseID, by: caller, in: $0) }
        #expect(records == [earlier, later])

        let payloads = try await pool.query("""
            SELECT payload::text FROM bus.messages WHERE queue = 'observed' AND type = 'student_profile.recorded.v1' ORDER BY id
            """).map { row in
            try JSONSerialization.jsonObject(with: Data(try row.decode(String.self, at: 0).utf8)) as? [String: Any] ?? [:]
        }
        try #require(payloads.count == 2)
        #expect(Set(payloads[0].keys) == [
            "case_id", "organisation_id", "recorded_on", "attendance_percent", "behaviour", "performance", "recorded_at",
        ])
        #expect(payloads[0]["case_id"] as? String == caseID.description)
        #expect(payloads[0]["organisation_id"] as? String == organisation.description)
        #expect(payloads[0]["recorded_on"] as? String == "2026-12-01")
        #expect(payloads[0]["attendance_percent"] as? Double == 91.46)
        #expect(payloads[0]["behaviour"] as? Int == 4 && payloads[0]["performance"] as? Int == 3)
        #expect(payloads[1]["recorded_on"] as? String == "2026-09-01")

        #expect(try await PlanFixtures.audited("profile.record", case: caseID, organisation: organisation, in: pool) == 2)
        #expect(try await PlanFixtures.audited("profile.read", case: caseID, organisation: organisation, in: pool) == 1)
    }

    @Test("a record and its message commit together: rolled back, neither is there")
    func sameTransaction() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let (caseID, organisation) = try await PlanFixtures.openCases(accompaniment: [true], in: pool)[0]
        await #expect(throws: PlanFixtures.Rollback.self) {
            try await pool.withTransaction { connection in
                _ = try await StudentProfileStore.record(
                    caseID: caseID, recordedOn: PlanFixtures.day("2026-09-01"), attendancePercent: 80, behaviour: 3, performance: 3,
                    note: nil, by: .specialist(of: organisation), in: connection, now: Date())
                #expect(try await connection.query("SELECT count(*) FROM bus.messages WHERE type = 'student_profile.recorded.v1'")
                    .single?.decode(Int.self, at: 0) == 1)
                throw PlanFixtures.Rollback()
            }
        }
        #expect(try await pool.count("SELECT count(*) FROM scheduling.profile_records") == 0)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE type = 'student_profile.recorded.v1'") == 0)
        #expect(try await pool.count("SELECT count(*) FROM scheduling.audit_log WHERE action = 'profile.record'") == 0)
    }

    @Test("measures out of range, a long note, and cases not the caller's open accompaniment are refused, with nothing written or sent")
    func refusals() async throws {
        let pool = try await PlanFixtures.makePool()
        defer { Task { await pool.close() } }
        let cases = try await PlanFixtures.openCases(accompaniment: [true, false, true], in: pool)
        func record(
            _ index: Int = 0, by caller: StaffCaller? = nil, attendance: Double = 75, behaviour: Int = 3, performance: Int = 3, note: String? = nil
        ) async throws {
            _ = try await pool.withTransaction { connection in
                try await StudentProfileStore.record(
                    caseID: cases[index].id, recordedOn: PlanFixtures.day("2026-09-01"), attendancePercent: attendance, behaviour: behaviour,
                    performance: performance, note: note, by: caller ?? .specialist(of: cases[index].organisation), in: connection, now: Date())
            }
        }
        for attendance in [-0.01, 100.01, .nan, .infinity] {
            await PlanFixtures.expectRefusal("invalid out_of_range /attendance_percent") { try await record(attendance: attendance) }
        }
        for score in [0, 6] {
            await PlanFixtures.expectRefusal("invalid out_of_range /behaviour") { try await record(behaviour: score) }
            await PlanFixtures.expectRefusal("invalid out_of_range /performance") { try await record(performance: score) }
        }
        await PlanFixtures.expectRefusal("invalid too_long /note") { try await record(note: String(repeating: "н", count: 4001)) }
        await PlanFixtures.expectRefusal("conflict not_accompaniment") { try await record(1) }
        try await PlanFixtures.close(cases[2].id, in: pool)
        await PlanFixtures.expectRefusal("conflict case_closed") { try await record(2) }
        await PlanFixtures.expectRefusal("notFound not_found") { try await record(0, by: .head(of: cases[1].organisation)) }
        await PlanFixtures.expectRefusal("notFound not_found") {
            _ = try await pool.withTransaction { try await StudentProfileStore.records(caseID: cases[0].id, by: .head(of: cases[1].organisation), in: $0) }
        }
        #expect(try await pool.count("SELECT count(*) FROM scheduling.profile_records") == 0)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE type = 'student_profile.recorded.v1'") == 0)
        // The bounds themselves pass.
        try await record(attendance: 0, behaviour: 1, performance: 5)
        try await record(attendance: 100, behaviour: 5, performance: 1)
        #expect(try await pool.count("SELECT count(*) FROM scheduling.profile_records") == 2)
    }
}
