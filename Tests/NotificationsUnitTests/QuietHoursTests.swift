import Foundation
@testable import NotificationsService
import Testing

@Suite("Quiet hours")
struct QuietHoursTests {
    /// Yekaterinburg is UTC+5 all year round.
    static let yekaterinburg = TimeZone(identifier: "Asia/Yekaterinburg")!
    static let night = QuietHours(from: 21 * 60, to: 8 * 60)

    static func instant(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    @Test("HH:MM-HH:MM reads as minutes after midnight, spaces around the ends allowed")
    func parsing() {
        #expect(QuietHours(parsing: "21:00-08:00") == QuietHours(from: 1260, to: 480))
        #expect(QuietHours(parsing: "13:00-14:30") == QuietHours(from: 780, to: 870))
        #expect(QuietHours(parsing: " 00:00 - 23:59 ") == QuietHours(from: 0, to: 1439))
    }

    @Test("anything but two HH:MM times joined by a dash is refused")
    func badShapes() {
        for bad in [
            "", "21:00", "21:00-", "-08:00", "21:00-08:00-09:00", "9:00-10:00", "21:00-8:00", "24:00-08:00", "25:00-08:00", "21:60-08:00",
            "2100-0800", "21-08", "aa:bb-cc:dd", "21:00:00-08:00:00", "21:00–08:00", "21:00 08:00",
        ] {
            #expect(QuietHours(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("a sign in front of a two-character field is not a digit")
    func signedFields() {
        for bad in ["+9:00-10:00", "21:00-+8:00", "21:+5-08:00"] {
            #expect(QuietHours(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("a window whose ends are equal is refused")
    func equalEnds() {
        #expect(QuietHours(parsing: "08:00-08:00") == nil)
        #expect(QuietHours(parsing: "00:00-00:00") == nil)
        #expect(QuietHours(parsing: "21:00-21:00") == nil)
    }

    @Test("late in the evening inside a window across midnight, a message waits for the next morning")
    func lateEvening() throws {
        // 22:30 on 1 December in Yekaterinburg → 08:00 on 2 December.
        let sent = Self.night.earliestSend(at: try Self.instant("2026-12-01T17:30:00Z"), in: Self.yekaterinburg)
        #expect(sent == (try Self.instant("2026-12-02T03:00:00Z")))
        // Seconds past the opening minute do not move the morning.
        let opening = Self.night.earliestSend(at: try Self.instant("2026-12-01T16:00:42Z"), in: Self.yekaterinburg)
        #expect(opening == (try Self.instant("2026-12-02T03:00:00Z")))
    }

    @Test("after midnight inside a window across midnight, a message waits for the same morning")
    func earlyMorning() throws {
        // 03:00 on 1 December in Yekaterinburg (22:00 UTC the day before) → 08:00 on 1 December.
        let sent = Self.night.earliestSend(at: try Self.instant("2026-11-30T22:00:00Z"), in: Self.yekaterinburg)
        #expect(sent == (try Self.instant("2026-12-01T03:00:00Z")))
        // 07:59 → 08:00 the same morning.
        let lastMinute = Self.night.earliestSend(at: try Self.instant("2026-12-01T02:59:00Z"), in: Self.yekaterinburg)
        #expect(lastMinute == (try Self.instant("2026-12-01T03:00:00Z")))
    }

    @Test("outside a window across midnight, a message goes at once")
    func daytime() throws {
        // 12:00, 08:00 (the window has closed) and 20:59 (not yet open) in Yekaterinburg.
        for text in ["2026-12-01T07:00:00Z", "2026-12-01T03:00:00Z", "2026-12-01T15:59:59Z"] {
            let date = try Self.instant(text)
            #expect(Self.night.earliestSend(at: date, in: Self.yekaterinburg) == date, "\(text)")
        }
    }

    @Test("a window within one day holds a message until its end the same day")
    func lunchBreak() throws {
        let lunch = try #require(QuietHours(parsing: "13:00-14:00"))
        // 13:30 in Yekaterinburg → 14:00.
        let inside = lunch.earliestSend(at: try Self.instant("2026-12-01T08:30:00Z"), in: Self.yekaterinburg)
        #expect(inside == (try Self.instant("2026-12-01T09:00:00Z")))
        // 12:59, 14:00 and 22:30 are outside it.
        for text in ["2026-12-01T07:59:00Z", "2026-12-01T09:00:00Z", "2026-12-01T17:30:00Z"] {
            let date = try Self.instant(text)
            #expect(lunch.earliestSend(at: date, in: Self.yekaterinburg) == date, "\(text)")
        }
    }

    @Test("the window is read in the recipient's time zone, not UTC")
    func timeZoneMatters() throws {
        // 17:30 UTC is 22:30 in Yekaterinburg (quiet) but 17:30 in UTC (not quiet).
        let date = try Self.instant("2026-12-01T17:30:00Z")
        #expect(Self.night.earliestSend(at: date, in: .gmt) == date)
        #expect(Self.night.earliestSend(at: date, in: Self.yekaterinburg) != date)
    }
}
