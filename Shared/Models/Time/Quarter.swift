import Foundation

/// A calendar quarter (квартал): the period of monitoring reports.
///
/// Quarters follow the organisation's time zone: a referral received at 00:30 on 1 April in Almaty
/// (19:30 UTC on 31 March) counts in the second quarter there, though UTC still says the first.
/// So an instant becomes a quarter only together with the organisation's zone.
public struct Quarter: Hashable, Sendable {
    /// Year; 1...9999 when built from components or a string (see ``LocalDate/year``).
    public let year: Int
    /// Quarter of the year, 1...4.
    public let number: Int

    /// The quarter, or `nil` if `number` is not 1...4 or `year` is outside 1...9999.
    public init?(year: Int, number: Int) {
        guard (1...9999).contains(year), (1...4).contains(number) else { return nil }
        self.year = year
        self.number = number
    }

    /// The quarter `day` belongs to.
    public init(containing day: LocalDate) {
        year = day.year
        number = (day.month - 1) / 3 + 1
    }

    /// The quarter `instant` falls in, in `timeZone`.
    public init(containing instant: Date, in timeZone: TimeZone) {
        self.init(containing: LocalDate(containing: instant, in: timeZone))
    }

    /// The quarter's first month, 1, 4, 7 or 10.
    public var firstMonth: Int {
        number * 3 - 2
    }

    /// The quarter's last month, 3, 6, 9 or 12.
    public var lastMonth: Int {
        number * 3
    }

    /// The quarter's first day.
    public var firstDay: LocalDate {
        LocalDate(unchecked: year, month: firstMonth, day: 1)
    }

    /// The day after the quarter's last (the next quarter's first day): the end of the dates'
    /// `[firstDay, dayAfter)` range.
    public var dayAfter: LocalDate {
        number == 4 ? LocalDate(unchecked: year + 1, month: 1, day: 1) : LocalDate(unchecked: year, month: lastMonth + 1, day: 1)
    }

    /// The first instant of the quarter in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        firstDay.start(in: timeZone)
    }

    /// The first instant after the quarter in `timeZone` (the next quarter's start): the end is exclusive,
    /// so `start <= t && t < end` holds for exactly the quarter's instants, as in SQL `[start, end)` ranges.
    public func end(in timeZone: TimeZone) -> Date {
        dayAfter.start(in: timeZone)
    }
}
