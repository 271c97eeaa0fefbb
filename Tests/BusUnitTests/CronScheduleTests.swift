import Bus
import Foundation
import Testing

/// An instant written in ISO 8601 with its offset, so each case reads as the zone's wall clock.
private func instant(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

private func zone(_ identifier: String) -> TimeZone {
    TimeZone(identifier: identifier)!
}

@Suite("Cron schedules")
struct CronScheduleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let expression: String
        let zone: String
        let after: String
        let expected: String?
        var testDescription: String { "\(expression) in \(zone) after \(after)" }
    }

    @Test("the next firing", arguments: [
        Case(expression: "* * * * *", zone: "UTC", after: "2026-01-01T00:00:30Z", expected: "2026-01-01T00:01:00Z"),
        Case(expression: "* * * * *", zone: "UTC", after: "2026-01-01T00:01:00Z", expected: "2026-01-01T00:02:00Z"),
        Case(expression: "*/15 * * * *", zone: "UTC", after: "2026-01-01T00:14:59Z", expected: "2026-01-01T00:15:00Z"),
        Case(expression: "0-30/10 * * * *", zone: "UTC", after: "2026-01-01T00:30:00Z", expected: "2026-01-01T01:00:00Z"),
        Case(expression: "5/20 * * * *", zone: "UTC", after: "2026-01-01T00:26:00Z", expected: "2026-01-01T00:45:00Z"),
        Case(expression: "0 8,20 * * *", zone: "UTC", after: "2026-01-01T08:00:00Z", expected: "2026-01-01T20:00:00Z"),
        // Weekdays at 09:00 in Almaty: Friday afternoon → Monday morning.
        Case(expression: "0 9 * * 1-5", zone: "Asia/Almaty", after: "2026-11-27T10:00:00+05:00", expected: "2026-11-30T09:00:00+05:00"),
        Case(expression: "30 8 1 * *", zone: "Asia/Yekaterinburg", after: "2026-01-31T12:00:00+05:00", expected: "2026-02-01T08:30:00+05:00"),
        Case(expression: "0 3 * * *", zone: "Europe/Minsk", after: "2026-03-28T23:00:00Z", expected: "2026-03-29T03:00:00+03:00"),
        Case(expression: "0 0 29 2 *", zone: "UTC", after: "2026-03-01T00:00:00Z", expected: "2028-02-29T00:00:00Z"),
        // 7 is Sunday too.
        Case(expression: "0 10 * * 7", zone: "UTC", after: "2026-11-24T00:00:00Z", expected: "2026-11-29T10:00:00Z"),
        // Both day fields restricted: the 13th or a Friday, whichever comes first.
        Case(expression: "0 12 13 * 5", zone: "UTC", after: "2026-12-08T00:00:00Z", expected: "2026-12-11T12:00:00Z"),
        Case(expression: "0 12 13 * 5", zone: "UTC", after: "2026-12-11T12:00:00Z", expected: "2026-12-13T12:00:00Z"),
        // Day of week starting with `*`: both must match, so only a 13th that is a Sunday or Friday.
        Case(expression: "0 0 13 * */5", zone: "UTC", after: "2026-11-14T00:00:00Z", expected: "2026-12-13T00:00:00Z"),
        Case(expression: "0 0 30 2 *", zone: "UTC", after: "2026-01-01T00:00:00Z", expected: nil),
        // Berlin springs forward at 02:00 on 29 March 2026: 02:30 does not exist and fires at the jump.
        Case(expression: "30 2 * * *", zone: "Europe/Berlin", after: "2026-03-28T12:00:00Z", expected: "2026-03-29T03:00:00+02:00"),
        Case(expression: "30 2 * * *", zone: "Europe/Berlin", after: "2026-03-29T03:00:00+02:00", expected: "2026-03-30T02:30:00+02:00"),
        Case(expression: "* * * * *", zone: "Europe/Berlin", after: "2026-03-29T01:59:00+01:00", expected: "2026-03-29T03:00:00+02:00"),
        // Berlin falls back at 03:00 on 25 October 2026: 02:30 happens twice and fires the first time only.
        Case(expression: "30 2 * * *", zone: "Europe/Berlin", after: "2026-10-24T12:00:00Z", expected: "2026-10-25T02:30:00+02:00"),
        Case(expression: "30 2 * * *", zone: "Europe/Berlin", after: "2026-10-25T02:30:00+02:00", expected: "2026-10-26T02:30:00+01:00"),
        Case(expression: "30 2 * * *", zone: "Europe/Berlin", after: "2026-10-25T02:10:00+01:00", expected: "2026-10-26T02:30:00+01:00"),
    ])
    func nextFiring(_ example: Case) throws {
        let schedule = try CronSchedule(example.expression)
        #expect(schedule.nextFiring(after: instant(example.after), in: zone(example.zone)) == example.expected.map(instant))
    }

    @Test("the latest firing in a window", arguments: [
        ("0 * * * *", "2026-01-01T10:30:00Z", "2026-01-01T10:00:00Z"),
        ("*/5 * * * *", "2026-01-01T10:32:00Z", "2026-01-01T10:30:00Z"),
        ("0 0 * * *", "2026-01-01T10:30:00Z", nil),
    ] as [(String, String, String?)])
    func latestFiring(expression: String, end: String, expected: String?) throws {
        let schedule = try CronSchedule(expression)
        let end = instant(end)
        let latest = schedule.latestFiring(after: end.addingTimeInterval(-3_600), notAfter: end, in: zone("UTC"))
        #expect(latest == expected.map(instant))
    }

    @Test("the window excludes its start and includes its end")
    func windowBounds() throws {
        let schedule = try CronSchedule("0 * * * *")
        let utc = zone("UTC")
        #expect(schedule.latestFiring(after: instant("2026-01-01T10:00:00Z"), notAfter: instant("2026-01-01T10:59:59Z"), in: utc) == nil)
        #expect(schedule.latestFiring(after: instant("2026-01-01T10:00:00Z"), notAfter: instant("2026-01-01T11:00:00Z"), in: utc) == instant("2026-01-01T11:00:00Z"))
    }

    @Test("an invalid expression is refused, naming the field at fault", arguments: [
        ("* * * *", nil),
        ("* * * * * *", nil),
        ("", nil),
        ("60 * * * *", .minute),
        ("a * * * *", .minute),
        ("*/0 * * * *", .minute),
        ("5-3 * * * *", .minute),
        ("1,,2 * * * *", .minute),
        ("+5 * * * *", .minute),
        ("1/2/3 * * * *", .minute),
        ("* 24 * * *", .hour),
        ("* -1 * * *", .hour),
        ("* * 0 * *", .dayOfMonth),
        ("* * 32 * *", .dayOfMonth),
        ("* * * 13 *", .month),
        ("* * * JAN *", .month),
        ("* * * * 8", .dayOfWeek),
        ("* * * * 1-", .dayOfWeek),
    ] as [(String, CronSchedule.Field?)])
    func invalid(expression: String, field: CronSchedule.Field?) {
        let error = #expect(throws: CronSchedule.ParseError.self) { try CronSchedule(expression) }
        switch error {
        case .wrongFieldCount?:
            #expect(field == nil)
        case .invalidField(let actual, _, _)?:
            #expect(actual == field)
            #expect(error?.description.contains(actual.rawValue) == true)
        case nil:
            break
        }
    }

    @Test("a precise message")
    func message() {
        #expect(throws: CronSchedule.ParseError.invalidField(.dayOfWeek, text: "1-9", reason: "9 is outside 0-7")) {
            try CronSchedule("0 9 * * 1-9")
        }
        #expect(CronSchedule.ParseError.invalidField(.dayOfWeek, text: "1-9", reason: "9 is outside 0-7").description
            == #"invalid day-of-week field "1-9": 9 is outside 0-7"#)
    }
}
