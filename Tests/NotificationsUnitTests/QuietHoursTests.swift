import Foundation
@testable import NotificationsService
import Testing

@Suite("Quiet hours")
struct QuietHoursTests {
    private let yekaterinburg = TimeZone(identifier: "Asia/Yekaterinburg")!

    private func local(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = yekaterinburg
        return calendar.date(from: DateComponents(year: 2026, month: 11, day: day, hour: hour, minute: minute))!
    }

    @Test("a window over midnight defers the evening to the next morning and the night to the same morning")
    func overMidnight() throws {
        let quiet = try #require(QuietHours(parsing: "21:00-08:00"))
        #expect(quiet.earliestSend(at: local(24, 22, 30), in: yekaterinburg) == local(25, 8))
        #expect(quiet.earliestSend(at: local(24, 3), in: yekaterinburg) == local(24, 8))
        #expect(quiet.earliestSend(at: local(24, 12), in: yekaterinburg) == local(24, 12))
        #expect(quiet.earliestSend(at: local(24, 8), in: yekaterinburg) == local(24, 8))
    }

    @Test("only HH:MM-HH:MM with distinct ends parses")
    func parsing() {
        #expect(QuietHours(parsing: "13:00-14:00") == QuietHours(from: 780, to: 840))
        for text in ["", "21-08", "21:00", "25:00-08:00", "21:00-21:00", "9:00-10:00"] { #expect(QuietHours(parsing: text) == nil) }
    }
}
