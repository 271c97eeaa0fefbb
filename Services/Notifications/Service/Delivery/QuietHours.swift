import Foundation

/// A nightly window of local time in which quiet channels send nothing: a message due inside it
/// waits for its end (the morning), it is never dropped.
public struct QuietHours: Sendable, Equatable {
    /// Minutes after local midnight the window opens (21:00 → 1260).
    public var from: Int
    /// Minutes after local midnight it closes; before `from` when it spans midnight.
    public var to: Int

    /// A window from `from` to `to` minutes after midnight.
    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    /// Parses `HH:MM-HH:MM`.
    public init?(parsing text: String) {
        let ends = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard ends.count == 2, let from = Self.minutes(ends[0]), let to = Self.minutes(ends[1]), from != to else { return nil }
        self.init(from: from, to: to)
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }), let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0..<24).contains(hours), (0..<60).contains(minutes)
        else { return nil }
        return hours * 60 + minutes
    }

    /// The earliest moment at or after `date` outside the window, in `timeZone`.
    public func earliestSend(at date: Date, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let now = parts.hour! * 60 + parts.minute!
        let inside = from < to ? (now >= from && now < to) : (now >= from || now < to)
        guard inside else { return date }
        // The window's end today, or tomorrow when it spans midnight and has not passed it yet.
        let day = calendar.startOfDay(for: date)
        let endsTomorrow = from > to && now >= from
        let endDay = endsTomorrow ? calendar.date(byAdding: .day, value: 1, to: day)! : day
        return calendar.date(bySettingHour: to / 60, minute: to % 60, second: 0, of: endDay)!
    }
}
