import Foundation

/// Converts between instants and a time zone's wall-clock time, holding wall-clock time as a
/// `Date` whose UTC reading is the wall clock, so that adding minutes, hours and days to it is
/// plain arithmetic that never crosses a DST transition.
struct WallClock {
    /// A wall-clock reading, broken down.
    struct Components {
        var month: Int
        var day: Int
        var hour: Int
        var minute: Int
        /// Sunday is 0.
        var weekday: Int
        var secondOfDay: Int { hour * 3_600 + minute * 60 }
    }

    let timeZone: TimeZone
    private let utc: Calendar

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        utc = calendar
    }

    /// The wall-clock reading of the first whole minute strictly after `instant`.
    func startOfNextMinute(after instant: Date) -> Date {
        let wall = (instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))).rounded(.down)
        return Date(timeIntervalSince1970: (wall / 60).rounded(.down) * 60 + 60)
    }

    func components(of wall: Date) -> Components {
        let parts = utc.dateComponents([.month, .day, .hour, .minute, .weekday], from: wall)
        return Components(month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, weekday: parts.weekday! - 1)
    }

    /// Midnight on the first day of the month after `wall`'s.
    func startOfNextMonth(after wall: Date) -> Date {
        let start = utc.date(from: utc.dateComponents([.year, .month], from: wall))!
        return utc.date(byAdding: .month, value: 1, to: start)!
    }

    /// The instant the wall clock reads `wall`: the earlier one if the clock reads it twice
    /// (falling back), the moment of the jump if the clock skips it (springing forward).
    func instant(at wall: Date) -> Date? {
        let seconds = wall.timeIntervalSince1970
        // The offsets in force a day either side; no zone changes offset twice within two days.
        let before = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds - 86_400))
        let after = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds + 86_400))
        let readings = Set([before, after])
            .map { Date(timeIntervalSince1970: seconds - Double($0)) }
            .filter { timeZone.secondsFromGMT(for: $0) == Int(seconds - $0.timeIntervalSince1970) }
        if let earliest = readings.min() { return earliest }
        guard after > before else { return nil }
        return transition(between: seconds - Double(after), and: seconds - Double(before), to: after)
    }

    /// The first second in `[low, high]` at which the zone's offset is `offset`.
    private func transition(between low: Double, and high: Double, to offset: Int) -> Date {
        var low = low, high = high
        while high - low > 1 {
            let middle = ((low + high) / 2).rounded(.down)
            if timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: middle)) == offset { high = middle } else { low = middle }
        }
        return Date(timeIntervalSince1970: high)
    }
}
