import Bus
import Foundation
import Models
@testable import MonitoringService
import Testing
import TestSupport

@Suite("Reminders of quarterly reports not yet submitted", .freshDatabase)
struct ReportReminderTests {
    @Test("the stage is the latest not yet passed: 7, 3 and 1 days before, nothing after the due day or further ahead")
    func stages() {
        #expect(ReportReminders.stage(daysLeft: 8) == nil)
        #expect(ReportReminders.stage(daysLeft: 7) == 7 && ReportReminders.stage(daysLeft: 5) == 7)
        #expect(ReportReminders.stage(daysLeft: 3) == 3 && ReportReminders.stage(daysLeft: 2) == 3)
        #expect(ReportReminders.stage(daysLeft: 1) == 1 && ReportReminders.stage(daysLeft: 0) == 1)
        #expect(ReportReminders.stage(daysLeft: -1) == nil)
    }

    @Test("a school that has not submitted gets each stage once, in its own time zone; a school that submitted gets none")
    func sweeps() async throws {
        let harness = try await MonitoringHarness.prepare()
        try await harness.pool.withConnection { try await MessageBus.subscribe("observed", to: [NotificationRequested.messageType], in: $0) }
        let municipality = try await harness.organisation(kind: .municipalService)
        let late = try await harness.organisation(kind: .schoolService, municipality: municipality)
        let punctual = try await harness.organisation(kind: .schoolService, municipality: municipality)
        try await harness.running {
            let report = try #require(try await harness.report(.organisation, organisation: punctual, quarter: "2026-Q3"))
            _ = try await harness.pool.withTransaction { try await ReportStore.submit(report.id, by: "head", in: $0) }
        }
        func sweep(_ instant: String) async throws -> Int {
            try await harness.pool.withTransaction { try await ReportReminders.sweep(in: $0, now: at(instant)) }
        }
        #expect(try await sweep("2026-09-01T06:00:00Z") == 0, "24 days ahead")
        #expect(try await sweep("2026-09-20T00:00:00Z") == 1, "5 days left: the 7-day reminder")
        #expect(try await sweep("2026-09-20T12:00:00Z") == 0, "sent once")
        // 20:00 UTC on the 22nd is 01:00 on the 23rd in Yekaterinburg: 2 days left.
        #expect(try await sweep("2026-09-22T20:00:00Z") == 1)
        #expect(try await sweep("2026-09-25T10:00:00Z") == 1, "the due day itself")
        #expect(try await sweep("2026-09-25T22:00:00Z") == 0, "past the due day in Yekaterinburg")

        let requests = try await harness.pool.query("""
            SELECT payload->'recipient'->>'kind', lower(payload->'recipient'->>'id'), payload->>'template', payload->'data'->>'due_on'
            FROM bus.messages WHERE queue = 'observed' ORDER BY id
            """).map { [try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(String.self, at: 2), try $0.decode(String.self, at: 3)] }
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0 == ["organisation", late.uuidString.lowercased(), "quarterly_report_due", "2026-09-25"] })
        #expect(try await harness.pool.count("SELECT count(*) FROM monitoring.report_reminders WHERE organisation_id = \(punctual)") == 0)
    }
}
