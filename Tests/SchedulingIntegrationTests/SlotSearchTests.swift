import Foundation
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

@Suite("Earliest slots", .freshDatabase)
struct SlotSearchTests {
    @Test("the earliest slots honour working hours, lessons, holidays, other meetings, rooms and the time zone")
    func earliest() async throws {
        let zone = TimeZone(identifier: "Asia/Almaty")!
        let work = try await CaseWorkFixture.make(timeZone: zone.identifier)
        defer { Task { await work.pool.close() } }
        let first = try await work.addSpecialist(starts: 9, ends: 18, weekdays: 1...5)
        let second = try await work.addSpecialist(starts: 13, ends: 17, weekdays: 1...5)
        let id = try await work.openCases(1, kind: .schoolIdentification)[0]
        let minor = try await work.addParty(.minor, to: id, busy: (1...5).map { WeeklyHours(weekday: $0, starts: 8 * 60, ends: 14 * 60)! })
        let small = try await work.transaction { try await CalendarStore.addRoom(name: "Малая", capacity: 2, by: work.head, in: $0) }
        let large = try await work.transaction { try await CalendarStore.addRoom(name: "Большая", capacity: 6, by: work.head, in: $0) }
        let monday = upcoming(weekday: 1, hour: 0, in: zone)
        // Monday is a holiday; on Tuesday 14:00–15:00 the first specialist is booked.
        try await work.transaction { try await CalendarStore.setHoliday(LocalDate(containing: monday, in: zone), name: "Праздник", by: work.head, in: $0) }
        let tuesday14 = monday.addingTimeInterval(86_400 + 14 * 3600)
        let other = try await work.openCases(1, kind: .schoolIdentification)[0]
        _ = try await work.transaction { connection in
            try await MeetingStore.book(
                MeetingStore.Draft(kind: .preliminary, startsAt: tuesday14, endsAt: tuesday14.addingTimeInterval(3600), roomID: large.id,
                                   specialistIDs: [first], partyIDs: []),
                for: other, by: work.head, in: connection, now: Date())
        }
        let request = SlotSearch.Request(
            specialistIDs: [first, second], partyIDs: [minor], durationMinutes: 60, needsRoom: true, roomCapacity: 3, from: monday, horizonDays: 7, limit: 3)
        let slots = try await work.transaction { try await SlotSearch.find(request, by: work.head, in: $0, now: Date()) }
        // Tuesday: 14:00 is the first specialist's meeting; both free 15:00–17:00 → 15:00, 15:15, 15:30 in the 6-seat room.
        #expect(slots.map(\.startsAt) == [0, 15, 30].map { tuesday14.addingTimeInterval(3600 + Double($0) * 60) })
        #expect(slots.allSatisfy { $0.roomID == large.id && $0.endsAt.timeIntervalSince($0.startsAt) == 3600 })
        // Two seats fit the small room; without a room any time works.
        let two = try await work.transaction {
            try await SlotSearch.find(SlotSearch.Request(specialistIDs: [second], partyIDs: [], durationMinutes: 30, roomCapacity: 2, from: monday, horizonDays: 7, limit: 1),
                                      by: work.head, in: $0, now: Date())
        }
        #expect(two.first?.roomID == small.id)
        #expect(two.first?.startsAt == monday.addingTimeInterval(86_400 + 13 * 3600))
        // Nobody works at the weekend: a two-day horizon from Saturday finds nothing.
        let saturday = monday.addingTimeInterval(5 * 86_400)
        let weekend = try await work.transaction {
            try await SlotSearch.find(SlotSearch.Request(specialistIDs: [first], partyIDs: [], durationMinutes: 30, needsRoom: false, from: saturday, horizonDays: 2),
                                      by: work.head, in: $0, now: Date())
        }
        #expect(weekend.isEmpty)
        #expect(try await work.refusal {
            try await SlotSearch.find(SlotSearch.Request(specialistIDs: [first], partyIDs: [], durationMinutes: 5, from: monday), by: work.head, in: $0, now: Date())
        } == "range")
        let stranger = StaffCaller(organisationID: OrganisationID(UUID.v7()), role: .head, subject: "x")
        #expect(try await work.refusal { try await SlotSearch.find(request, by: stranger, in: $0, now: Date()) } == "unknown_specialist")
    }

    @Test("window arithmetic: intersections and subtractions of weekly windows")
    func windows() {
        #expect(SlotSearch.intersect([(540, 1080)], [(480, 600), (780, 1200)]).map { [$0.0, $0.1] } == [[540, 600], [780, 1080]])
        #expect(SlotSearch.subtract([(540, 1080)], (600, 660)).map { [$0.0, $0.1] } == [[540, 600], [660, 1080]])
        #expect(SlotSearch.subtract([(540, 600)], (500, 700)).isEmpty)
        let t = Date(timeIntervalSince1970: 0)
        let busy = BusyTimes([(t.addingTimeInterval(100), t.addingTimeInterval(200)), (t.addingTimeInterval(150), t.addingTimeInterval(300))])
        #expect(busy.isFree(t, t.addingTimeInterval(100)))
        #expect(!busy.isFree(t.addingTimeInterval(250), t.addingTimeInterval(400)))
        #expect(busy.isFree(t.addingTimeInterval(300), t.addingTimeInterval(400)))
    }
}
