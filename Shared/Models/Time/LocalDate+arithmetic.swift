import Foundation

extension LocalDate {
    /// The day `days` after this one (before it, for a negative count).
    public func adding(days: Int) -> LocalDate {
        let utc = TimeZone(identifier: "UTC")!
        return LocalDate(containing: start(in: utc).addingTimeInterval(TimeInterval(days) * 86_400), in: utc)
    }
}
