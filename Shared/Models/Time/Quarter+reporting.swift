import Foundation

extension Quarter {
    /// The day school services' monitoring for this quarter is due: the 25th of its last month
    /// («мониторинг деятельности ШСП — до 25 числа ежеквартально»).
    public var reportDueDate: LocalDate {
        // The 25th exists in every month.
        LocalDate(unchecked: year, month: lastMonth, day: 25)
    }

    /// The instant the due day ends in the organisation's `timeZone`: a report submitted before it is on
    /// time. Exclusive, like ``end(in:)``, so the whole of the 25th counts, to its last fraction of a second.
    public func reportDeadline(in timeZone: TimeZone) -> Date {
        LocalDate(unchecked: year, month: lastMonth, day: 26).start(in: timeZone)
    }
}
