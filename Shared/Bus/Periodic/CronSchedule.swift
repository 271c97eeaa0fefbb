import Foundation

/// A five-field cron expression — minute, hour, day of month, month, day of week — evaluated in
/// a time zone of the caller's choosing (an organisation's, not the server's).
///
/// Fields take `*`, numbers, lists (`1,15`), ranges (`9-17`) and steps (`*/5`, `9-17/2`, `5/15`).
/// Day of week runs 0–7, where 0 and 7 are both Sunday. As in every standard cron, when both
/// day of month and day of week are restricted (neither starts with `*`), a day matching either
/// fires; otherwise both must match.
///
/// Daylight-saving time: every wall-clock time fires at most once. A time the clock skips when
/// it springs forward fires at the moment of the jump; a time the clock repeats when it falls
/// back fires at its first occurrence only.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let expression: String
    let minutes: CronField
    let hours: CronField
    let daysOfMonth: CronField
    let months: CronField
    /// Sunday is 0; a 7 in the expression is stored as 0.
    let daysOfWeek: CronField
    /// Whether day of month and day of week are both restricted, so either one suffices.
    let matchesEitherDay: Bool

    /// The expression as written.
    public var description: String { expression }

    /// The first firing strictly after `date`, or `nil` if the expression can never fire
    /// (such as `0 0 30 2 *`).
    public func nextFiring(after date: Date, in timeZone: TimeZone) -> Date? {
        let wallClock = WallClock(timeZone: timeZone)
        // Searching wall-clock time (held as a UTC date) keeps the arithmetic free of DST jumps;
        // only a matching wall time is turned back into an instant.
        var wall = wallClock.startOfNextMinute(after: date)
        // Leap days on a given weekday recur every 28 years; past that nothing new can match.
        let limit = wall.addingTimeInterval(29 * 366 * 86_400)
        while wall < limit {
            let time = wallClock.components(of: wall)
            if !months.contains(time.month) {
                wall = wallClock.startOfNextMonth(after: wall)
            } else if !dayMatches(day: time.day, weekday: time.weekday) {
                wall = wall.addingTimeInterval(Double(86_400 - time.secondOfDay))
            } else if !hours.contains(time.hour) {
                wall = wall.addingTimeInterval(Double(3_600 - time.minute * 60))
            } else if !minutes.contains(time.minute) {
                wall = wall.addingTimeInterval(60)
            } else if let instant = wallClock.instant(at: wall), instant > date {
                return instant
            } else {
                // The first occurrence of a repeated wall time is already past: it has fired.
                wall = wall.addingTimeInterval(60)
            }
        }
        return nil
    }

    /// The latest firing in `(start, end]`, if any: what a scheduler that looked last at
    /// `start` owes at `end`, counting a run of missed firings once.
    public func latestFiring(after start: Date, notAfter end: Date, in timeZone: TimeZone) -> Date? {
        var latest: Date?
        var cursor = start
        while let next = nextFiring(after: cursor, in: timeZone), next <= end {
            latest = next
            cursor = next
        }
        return latest
    }

    private func dayMatches(day: Int, weekday: Int) -> Bool {
        matchesEitherDay
            ? daysOfMonth.contains(day) || daysOfWeek.contains(weekday)
            : daysOfMonth.contains(day) && daysOfWeek.contains(weekday)
    }
}

/// The values one cron field allows, as a bit set (every field's values fit in 0–59).
struct CronField: Sendable, Hashable {
    var bits: UInt64 = 0

    func contains(_ value: Int) -> Bool {
        bits & (1 << UInt64(value)) != 0
    }

    mutating func insert(_ value: Int) {
        bits |= 1 << UInt64(value)
    }
}
