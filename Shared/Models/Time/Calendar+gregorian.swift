import Foundation

extension Calendar {
    /// The Gregorian calendar in `timeZone`: every civil date in Accord (birthdays, quarters, deadlines)
    /// is Gregorian and belongs to the organisation's time zone, never the server's.
    static func gregorian(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
