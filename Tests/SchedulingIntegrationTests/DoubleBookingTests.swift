import Foundation
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

@Suite("Bookings the database keeps apart", .freshDatabase)
struct DoubleBookingTests {
    /// 50 concurrent bookings, of 50 different cases, all overlapping 10:00–11:00 on the same day.
    static func race(_ work: CaseWorkFixture, cases: [CaseID], draft: @escaping @Sendable (Int) -> MeetingStore.Draft) async throws -> (booked: Int, conflicts: Int) {
        try await withThrowingTaskGroup(of: String?.self) { group in
            for (index, id) in cases.enumerated() {
                group.addTask {
                    try await work.refusal { try await MeetingStore.book(draft(index), for: id, by: work.head, in: $0, now: Date()) }
                }
            }
            var booked = 0, conflicts = 0
            for try await outcome in group {
                if outcome == nil { booked += 1 } else if outcome == "booking_conflict" { conflicts += 1 }
            }
            return (booked, conflicts)
        }
    }

    @Test("50 concurrent overlapping bookings of one specialist: exactly one succeeds")
    func oneSpecialist() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let specialist = try await work.addSpecialist()
        let cases = try await work.openCases(50, kind: .schoolIdentification)
        let start = upcoming(weekday: 4, hour: 10)
        let outcome = try await Self.race(work, cases: cases) { index in
            // Each attempt overlaps every other: starts spread over 10:00–10:49, all one hour long.
            MeetingStore.Draft(
                kind: .preliminary, startsAt: start.addingTimeInterval(Double(index) * 60), endsAt: start.addingTimeInterval(Double(index) * 60 + 3600),
                roomID: nil, specialistIDs: [specialist], partyIDs: [])
        }
        #expect(outcome.booked == 1)
        #expect(outcome.conflicts == 49)
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.meetings") == 1)
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.bookings") == 1)
        // Only the booking that won announced itself: one meeting's invitations and reminders.
        #expect(try await work.pool.count("""
            SELECT count(DISTINCT payload->>'group_key') FROM bus.messages WHERE queue = 'observed' AND type = 'notification.requested.v1'
            """) == 1)
    }

    @Test("50 concurrent overlapping bookings of one room by 50 specialists: exactly one succeeds")
    func oneRoom() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let specialists = try await (0..<50).asyncMap { _ in try await work.addSpecialist() }
        let room = try await work.transaction { try await CalendarStore.addRoom(name: "Комната примирения", capacity: 4, by: work.head, in: $0) }
        let cases = try await work.openCases(50, kind: .schoolIdentification)
        let start = upcoming(weekday: 4, hour: 10)
        let outcome = try await Self.race(work, cases: cases) { index in
            MeetingStore.Draft(
                kind: .preliminary, startsAt: start, endsAt: start.addingTimeInterval(1800), roomID: room.id, specialistIDs: [specialists[index]],
                partyIDs: [])
        }
        #expect(outcome.booked == 1)
        #expect(outcome.conflicts == 49)
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.bookings WHERE resource_kind = 'room'") == 1)
    }

    @Test("a booking asks for an invitation and 24 h and 2 h reminders; cancelling frees the time and withdraws them")
    func notificationsAndCancel() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let specialist = try await work.addSpecialist()
        let id = try await work.openCases(1, kind: .schoolIdentification)[0]
        let minor = try await work.addParty(.minor, to: id)
        let start = upcoming(weekday: 5, hour: 15)
        let draft = MeetingStore.Draft(kind: .preliminary, startsAt: start, endsAt: start.addingTimeInterval(3600), roomID: nil, specialistIDs: [specialist], partyIDs: [minor])
        let meeting = try await work.transaction { try await MeetingStore.book(draft, for: id, by: work.head, in: $0, now: Date()) }
        // Two recipients × (invitation + two reminders), the reminders due 24 h and 2 h before.
        #expect(try await work.published(NotificationRequested.messageType) == 6)
        #expect(try await work.pool.count("""
            SELECT count(*) FROM bus.messages WHERE queue = 'observed' AND type = 'notification.requested.v1'
              AND payload->>'template' = 'meeting_reminder'
              AND (payload->>'send_after')::timestamptz IN (\(start.addingTimeInterval(-86_400)), \(start.addingTimeInterval(-7200)))
            """) == 4)
        #expect(try await work.refusal { try await MeetingStore.book(draft, for: id, by: work.head, in: $0, now: Date()) } == "booking_conflict")
        // A specialist who neither leads nor is proposed for the case does not reach its meetings.
        let outsider = StaffCaller(organisationID: work.organisation, role: .specialist, subject: "o", specialistID: SpecialistID(UUID.v7()))
        #expect(try await work.refusal { try await MeetingStore.cancel(meeting.id, by: outsider, in: $0, now: Date()) } == "not_found")
        #expect(try await work.refusal { try await MeetingStore.meeting(meeting.id, by: outsider, in: $0) } == "not_found")
        _ = try await work.transaction { try await MeetingStore.cancel(meeting.id, by: work.head, in: $0, now: Date()) }
        #expect(try await work.refusal { try await MeetingStore.cancel(meeting.id, by: work.head, in: $0, now: Date()) } == "meeting_cancelled")
        let again = try await work.transaction { try await MeetingStore.book(draft, for: id, by: work.head, in: $0, now: Date()) }
        let later = start.addingTimeInterval(2 * 3600)
        let moved = try await work.transaction { try await MeetingStore.reschedule(again.id, to: later, later.addingTimeInterval(3600), room: nil, by: work.head, in: $0, now: Date()) }
        #expect(moved.startsAt == later)
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.bookings WHERE lower(during) = \(later)") == 2)
        #expect(try await work.published(NotificationsWithdrawn.messageType) == 2)
        // The move withdrew the old time's reminders, under a key the new time's do not share.
        let keys = try await work.pool.query("""
            SELECT DISTINCT payload->>'group_key' FROM bus.messages
            WHERE queue = 'observed' AND type = 'notification.requested.v1' AND payload->'data'->>'meeting_id' = \(again.id.description)
            """).map { try $0.decode(String.self, at: 0) }
        let withdrawn = try await work.pool.query("""
            SELECT payload->>'group_key' FROM bus.messages WHERE queue = 'observed' AND type = 'notification.withdrawn.v1' ORDER BY id DESC LIMIT 1
            """).single?.decode(String.self, at: 0)
        #expect(Set(keys).count == 2)
        #expect(keys.contains(try #require(withdrawn)))
        #expect(keys.contains { $0 != withdrawn && $0.hasSuffix(":\(Int(later.timeIntervalSince1970))") })
    }

    @Test("bookings outside working hours, on a holiday, in a party's lessons, in the past or before consent are refused")
    func calendarRules() async throws {
        let work = try await CaseWorkFixture.make(timeZone: "Asia/Yekaterinburg")
        defer { Task { await work.pool.close() } }
        let zone = TimeZone(identifier: "Asia/Yekaterinburg")!
        let specialist = try await work.addSpecialist(starts: 9, ends: 18, weekdays: 1...5)
        let id = try await work.openCases(1, kind: .schoolIdentification)[0]
        let lessons = [WeeklyHours(weekday: 2, starts: 8 * 60, ends: 14 * 60)!]
        let minor = try await work.addParty(.minor, to: id, busy: lessons)
        func book(_ start: Date, minutes: Double = 60) async throws -> String? {
            try await work.refusal { connection in
                try await MeetingStore.book(
                    MeetingStore.Draft(kind: .preliminary, startsAt: start, endsAt: start.addingTimeInterval(minutes * 60), roomID: nil,
                                       specialistIDs: [specialist], partyIDs: [minor]),
                    for: id, by: work.head, in: connection, now: Date())
            }
        }
        #expect(try await book(upcoming(weekday: 3, hour: 8, in: zone)) == "outside_working_hours")
        #expect(try await book(upcoming(weekday: 3, hour: 17, in: zone), minutes: 90) == "outside_working_hours")
        #expect(try await book(upcoming(weekday: 6, hour: 10, in: zone)) == "outside_working_hours")
        #expect(try await book(upcoming(weekday: 2, hour: 11, in: zone)) == "party_busy")
        #expect(try await book(Date().addingTimeInterval(-3600)) == "in_past")
        #expect(try await book(upcoming(weekday: 3, hour: 10, in: zone), minutes: 600) == "duration")
        let wednesday = upcoming(weekday: 3, hour: 10, in: zone)
        try await work.transaction { try await CalendarStore.setHoliday(LocalDate(containing: wednesday, in: zone), name: "", by: work.head, in: $0) }
        #expect(try await book(wednesday) == "holiday")
        #expect(try await book(upcoming(weekday: 2, hour: 14, in: zone)) == nil)
        let restorative = try await work.openCases(1)[0]
        #expect(try await work.refusal { connection in
            try await MeetingStore.book(
                MeetingStore.Draft(kind: .preliminary, startsAt: upcoming(weekday: 4, hour: 10, in: zone), endsAt: upcoming(weekday: 4, hour: 11, in: zone),
                                   roomID: nil, specialistIDs: [specialist], partyIDs: []),
                for: restorative, by: work.head, in: connection, now: Date())
        } == "case_not_ready")
    }
}
