/// A weekly window in the organisation's local time: a specialist's working hours, a minor's
/// lessons. Minutes from local midnight, so windows compare and intersect as plain integers.
public struct WeeklyHours: Sendable, Hashable, Comparable {
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    public var weekday: Int
    /// Start, in minutes after local midnight.
    public var starts: Int
    /// End (exclusive), in minutes after local midnight; after ``starts``.
    public var ends: Int

    /// A window; `nil` unless 1 ≤ weekday ≤ 7 and 0 ≤ starts < ends ≤ 24 h.
    public init?(weekday: Int, starts: Int, ends: Int) {
        guard (1...7).contains(weekday), 0 <= starts, starts < ends, ends <= 24 * 60 else { return nil }
        self.weekday = weekday
        self.starts = starts
        self.ends = ends
    }

    /// `HH:MM` as minutes after midnight, or `nil` for anything else.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        // Two ASCII digits each: `Int` alone would also read `+1` or `-0`.
        guard parts.count == 2, parts.allSatisfy({ $0.utf8.count == 2 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }), let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0..<24).contains(hours), (0..<60).contains(minutes) else { return nil }
        return hours * 60 + minutes
    }

    /// Minutes after midnight as `HH:MM` (24:00 for the end of the day).
    public static func text(_ minutes: Int) -> String {
        String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// The window as PostgreSQL `time` text.
    var startsText: String { Self.text(starts) }
    /// The end as PostgreSQL `time` text (`24:00` is a valid `time`).
    var endsText: String { Self.text(ends) }

    public static func < (lhs: WeeklyHours, rhs: WeeklyHours) -> Bool {
        (lhs.weekday, lhs.starts, lhs.ends) < (rhs.weekday, rhs.starts, rhs.ends)
    }
}
