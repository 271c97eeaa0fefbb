import Foundation
import Models
import Postgres

/// An organisation's calendar as bookings and searches read it: its time zone and the days it
/// does not work. Working and busy hours are weekly windows in this zone.
struct OrganisationCalendar: Sendable {
    /// The organisation's time zone (UTC for one scheduling has not been told about).
    var timeZone: TimeZone
    /// Days off within the range it was loaded for.
    var holidays: Set<LocalDate>
    /// A Gregorian calendar in ``timeZone``.
    var calendar: Calendar

    /// The calendar of `organisationID` in its time `zone` (``timeZone(of:in:)``, which the
    /// caller needed already to find the days) for the local days `from…through`.
    static func load(
        _ organisationID: OrganisationID, in zone: TimeZone, from: LocalDate, through: LocalDate, in connection: PostgresConnection
    ) async throws -> OrganisationCalendar {
        let holidays = try await connection.query("""
            SELECT day::text FROM scheduling.holidays
            WHERE organisation_id = \(organisationID.uuid) AND day BETWEEN \(from.description)::date AND \(through.description)::date
            """).map { try LocalDate($0.decode(String.self, at: 0)).unwrapped("holiday") }
        return OrganisationCalendar(timeZone: zone, holidays: Set(holidays))
    }

    init(timeZone: TimeZone, holidays: Set<LocalDate>) {
        self.timeZone = timeZone
        self.holidays = holidays
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The organisation's time zone, UTC if it has none set.
    static func timeZone(of organisationID: OrganisationID, in connection: PostgresConnection) async throws -> TimeZone {
        let name = try await connection.query("""
            SELECT time_zone FROM scheduling.organisations WHERE id = \(organisationID.uuid)
            """).single?.decode(String.self, at: 0)
        return name.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
    }

    /// The day `now` falls on in the organisation's time zone: the latest day a request may say
    /// something happened on.
    static func today(of organisationID: OrganisationID, in connection: PostgresConnection, now: Date) async throws -> LocalDate {
        LocalDate(containing: now, in: try await timeZone(of: organisationID, in: connection))
    }

    /// Where `start…end` falls in local time: its day, ISO weekday and minutes after midnight;
    /// `nil` when it does not start and end on the same local day.
    func localSpan(_ start: Date, _ end: Date) -> (day: LocalDate, weekday: Int, starts: Int, ends: Int)? {
        let from = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: start)
        let day = LocalDate(containing: start, in: timeZone)
        let minutes = from.hour! * 60 + from.minute!
        let length = Int(end.timeIntervalSince(start) / 60)
        guard LocalDate(containing: end.addingTimeInterval(-1), in: timeZone) == day else { return nil }
        return (day, Self.isoWeekday(from.weekday!), minutes, minutes + length)
    }

    /// The instant `minutes` after local midnight of `day` (wall-clock time, so a DST change
    /// earlier that day is honoured).
    func instant(_ day: LocalDate, minutes: Int) -> Date {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: minutes / 60, minute: minutes % 60))!
    }

    /// Foundation's weekday (1 = Sunday) as ISO's (1 = Monday).
    static func isoWeekday(_ weekday: Int) -> Int {
        (weekday + 5) % 7 + 1
    }

    /// The ISO weekday of a local day.
    func weekday(of day: LocalDate) -> Int {
        Self.isoWeekday(calendar.component(.weekday, from: instant(day, minutes: 12 * 60)))
    }
}
