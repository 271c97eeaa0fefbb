import Foundation
import Models
import Postgres
@testable import SchedulingService
import Testing
import TestSupport

@Suite("Deadlines", .freshDatabase)
struct DeadlineSweepTests {
    @Test("a case without first contact past the norm, or past the sender's date, is raised overdue once")
    func overdueOnce() async throws {
        let work = try await CaseWorkFixture.make(timeZone: "Asia/Yekaterinburg")
        defer { Task { await work.pool.close() } }
        try await work.pool.query("UPDATE scheduling.organisations SET first_contact_days = 2 WHERE id = \(work.organisation.uuid)")
        let mediator = try await work.addSpecialist()
        let ids = try await work.openCases(3)
        let due = try #require(try await work.pool.query("SELECT extract(epoch FROM first_contact_due_at - referral_received_at)::int8 FROM scheduling.cases LIMIT 1").single)
        #expect(try due.decode(Int.self, at: 0) == 2 * 86_400)
        // The third case had its first contact; the second's sender deadline was yesterday.
        try await work.pool.query("UPDATE scheduling.cases SET first_contact_at = now() WHERE id = \(ids[2].uuid)")
        try await work.pool.query("UPDATE scheduling.cases SET sender_deadline = current_date - 2 WHERE id = \(ids[1].uuid)")
        let later = Date().addingTimeInterval(3 * 86_400)
        #expect(try await work.transaction { try await DeadlineSweep.sweep(in: $0, now: later) } == 3)
        #expect(try await work.transaction { try await DeadlineSweep.sweep(in: $0, now: later.addingTimeInterval(600)) } == 0)
        #expect(try await work.pool.count("""
            SELECT count(*) FROM bus.messages WHERE queue = 'observed' AND type = 'case.overdue.v1' AND payload->>'deadline' = 'first_contact'
            """) == 2)
        #expect(try await work.pool.count("""
            SELECT count(*) FROM bus.messages WHERE queue = 'observed' AND type = 'case.overdue.v1' AND payload->>'deadline' = 'sender_deadline'
              AND (payload->>'case_id')::uuid = \(ids[1].uuid)
            """) == 1)
        // The warnings go to the specialist each case was proposed to.
        #expect(try await work.pool.count("""
            SELECT count(*) FROM bus.messages WHERE queue = 'observed' AND type = 'notification.requested.v1'
              AND payload->>'template' = 'case_overdue' AND (payload->'recipient'->>'id')::uuid = \(mediator.uuid)
            """) == 3)
        // Nothing is due yet a minute after opening.
        let fresh = try await work.openCases(1)
        #expect(try await work.transaction { try await DeadlineSweep.sweep(in: $0, now: Date().addingTimeInterval(60)) } == 0)
        #expect(fresh.count == 1)
    }
}
