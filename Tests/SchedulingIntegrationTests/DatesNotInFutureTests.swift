import Foundation
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

/// Days scheduling.yaml says are "not in the future" (a profile measured, a note written, an
/// agreement reached or a term checked) are refused after today in the organisation's own
/// calendar, never UTC's: monitoring reads the change between a case's first and last profile
/// records, and a record dated ahead would stand as the latest.
@Suite("Dates not in the future", .freshDatabase)
struct DatesNotInFutureTests {
    /// 01:00 UTC today: in Pago Pago (UTC−11) it is still yesterday, so UTC's today is
    /// tomorrow there, whatever the hour the test runs at.
    static let now = Calendar.utc.startOfDay(for: Date()).addingTimeInterval(3600)
    /// Today in UTC, which is the future in Pago Pago at ``now``.
    static let utcToday = LocalDate(containing: now, in: .gmt)
    /// Today in Pago Pago at ``now``.
    static let localToday = LocalDate(containing: now, in: TimeZone(identifier: "Pacific/Pago_Pago")!)

    /// The code and pointer `body` is refused with, or `nil` if it succeeds.
    static func refusal(_ work: CaseWorkFixture, _ body: (PostgresConnection) async throws -> some Sendable) async throws -> String? {
        do {
            _ = try await work.transaction(body)
            return nil
        } catch let refusal as SchedulingRefusal {
            return "\(refusal.code) \(refusal.pointer ?? "")"
        }
    }

    @Test("a student profile's recorded_on and a progress note's written_on")
    func profileAndNote() async throws {
        #expect(Self.utcToday == Self.localToday.adding(days: 1))
        let work = try await CaseWorkFixture.make(timeZone: "Pacific/Pago_Pago")
        defer { Task { await work.pool.close() } }
        let id = try await work.openCases(1, kind: .schoolIdentification)[0]
        func record(on day: LocalDate) async throws -> String? {
            try await Self.refusal(work) { connection in
                try await StudentProfileStore.record(
                    caseID: id, recordedOn: day, attendancePercent: 80, behaviour: 3, performance: 3, note: nil, by: work.head,
                    in: connection, now: Self.now)
            }
        }
        #expect(try await record(on: Self.utcToday) == "in_future /recorded_on")
        #expect(try await record(on: Self.localToday) == nil)
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.profile_records") == 1)

        let plan = try await work.transaction { connection in
            try await SupportPlanStore.create(
                caseID: id, startsOn: Self.localToday, reviewOn: Self.localToday.adding(days: 60), goals: "Посещаемость", by: work.head,
                in: connection, now: Self.now)
        }
        func note(on day: LocalDate) async throws -> String? {
            try await Self.refusal(work) { connection in
                try await SupportPlanStore.addProgressNote(planID: plan.id, writtenOn: day, text: "Запись", by: work.head, in: connection, now: Self.now)
            }
        }
        #expect(try await note(on: Self.utcToday) == "in_future /written_on")
        #expect(try await note(on: Self.localToday) == nil)
    }

    @Test("an agreement's reached_on and a term's checked_on")
    func agreement() async throws {
        let work = try await CaseWorkFixture.make(timeZone: "Pacific/Pago_Pago")
        defer { Task { await work.pool.close() } }
        let id = try await work.openCases(1)[0]
        func reach(on day: LocalDate) async throws -> String? {
            try await Self.refusal(work) { connection in
                try await ProgrammeStore.recordAgreement(
                    reachedOn: day, terms: [("Извиниться", day.adding(days: 7))], in: id, by: work.head, in: connection, now: Self.now)
            }
        }
        #expect(try await reach(on: Self.utcToday) == "in_future /reached_on")
        // Today passes the date's check and meets the case's: no agreement before the main meeting.
        #expect(try await reach(on: Self.localToday) == "case_not_at_agreement ")
        let term = UUID()
        func check(on day: LocalDate) async throws -> String? {
            try await Self.refusal(work) { connection in
                try await ProgrammeStore.checkTerm(term, fulfilled: true, on: day, in: id, by: work.head, in: connection, now: Self.now)
            }
        }
        #expect(try await check(on: Self.utcToday) == "in_future /checked_on")
        #expect(try await check(on: Self.localToday) == "not_found ")
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC.
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }
}
