import Foundation
import Models
@testable import SchedulingService
import Testing

@Suite("Weekly hours and local time")
struct WeeklyHoursTests {
    @Test("HH:MM reads as minutes after midnight; anything else is refused")
    func times() throws {
        #expect(WeeklyHours.minutes("09:30") == 570)
        #expect(WeeklyHours.minutes("23:59") == 1439)
        for bad in ["24:00", "9:30", "09:60", "0930", "", "ab:cd", "09:30:00", "-1:00", "+1:00", "0+:00"] {
            #expect(WeeklyHours.minutes(bad) == nil, "\(bad)")
        }
        #expect(WeeklyHours.text(570) == "09:30")
        #expect(WeeklyHours(weekday: 0, starts: 0, ends: 10) == nil)
        #expect(WeeklyHours(weekday: 1, starts: 600, ends: 600) == nil)
        #expect(WeeklyHours(weekday: 7, starts: 0, ends: 1440) != nil)
        #expect(try WeeklyHours(stored: "3 540 1080") == WeeklyHours(weekday: 3, starts: 540, ends: 1080))
        #expect(throws: (any Error).self) { try WeeklyHours(stored: "3 540") }
    }

    @Test("a span is placed in the organisation's local day and weekday; one across midnight is not")
    func localSpan() throws {
        let calendar = OrganisationCalendar(timeZone: TimeZone(identifier: "Asia/Almaty")!, holidays: [])
        // 2026-11-24 is a Tuesday; 04:00 UTC is 09:00 in Almaty (UTC+5).
        let start = try #require(ISO8601DateFormatter().date(from: "2026-11-24T04:00:00Z"))
        let span = try #require(calendar.localSpan(start, start.addingTimeInterval(5400)))
        #expect(span.day == LocalDate("2026-11-24"))
        #expect(span.weekday == 2)
        #expect(span.starts == 540 && span.ends == 630)
        #expect(calendar.localSpan(start.addingTimeInterval(14 * 3600), start.addingTimeInterval(16 * 3600)) == nil)
        #expect(calendar.instant(LocalDate("2026-11-24")!, minutes: 540) == start)
        #expect(calendar.weekday(of: LocalDate("2026-11-29")!) == 7)
        #expect(LocalDate("2026-12-31")!.adding(days: 1) == LocalDate("2027-01-01"))
    }
}
