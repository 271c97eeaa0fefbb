import Foundation

/// A civil date without time or time zone (a birth date, the date on a letter, a deadline day),
/// like PostgreSQL's `date`.
///
/// A `Date` is an instant and would put a birthday on different days in different zones; a `LocalDate`
/// is the same day everywhere. Turn an instant into one with ``init(containing:in:)``.
public struct LocalDate: Hashable, Sendable {
    /// Year of the Common Era. Dates built from components or strings are limited to 1...9999, the years
    /// ISO 8601 writes with four digits; a date taken from an instant is whatever day the instant is.
    public let year: Int
    /// Month, 1...12.
    public let month: Int
    /// Day of the month, 1...28–31.
    public let day: Int

    /// The date, or `nil` if it does not exist in the Gregorian calendar (e.g. 2023-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(unchecked: year, month: month, day: day)
    }

    /// The civil date `instant` falls on in `timeZone`.
    public init(containing instant: Date, in timeZone: TimeZone) {
        let components = Calendar.gregorian(in: timeZone).dateComponents([.year, .month, .day], from: instant)
        // The calendar always fills the components it was asked for.
        self.init(unchecked: components.year!, month: components.month!, day: components.day!)
    }

    /// A date whose components the caller has already made valid (a calendar's output, a quarter's 25th).
    init(unchecked year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The first instant of this day in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        // Anchored at noon because midnight does not exist on days where a daylight-saving change
        // happens at 00:00; noon always does.
        let calendar = Calendar.gregorian(in: timeZone)
        let components = DateComponents(year: year, month: month, day: day, hour: 12)
        guard let noon = calendar.date(from: components) else {
            preconditionFailure("The Gregorian calendar has no \(self)")
        }
        return calendar.startOfDay(for: noon)
    }

    /// Whether `year` has a 29 February in the Gregorian calendar.
    public static func isLeap(year: Int) -> Bool {
        year.isMultiple(of: 4) && (!year.isMultiple(of: 100) || year.isMultiple(of: 400))
    }

    /// The number of days in `month` of `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year: year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
