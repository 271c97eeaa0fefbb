import Foundation
import Models

/// Time zones the tests compare: Almaty is UTC+5 all year (since March 2024), so its dates change
/// at 19:00 UTC.
extension TimeZone {
    static let almaty = TimeZone(identifier: "Asia/Almaty")!
    static let utc = TimeZone(identifier: "UTC")!
}

/// An instant from an ISO 8601 literal such as `2025-03-31T19:00:00Z`.
func instant(_ iso: String) -> Date {
    try! Date(iso, strategy: .iso8601)
}

/// A date from a `YYYY-MM-DD` literal.
func day(_ iso: String) -> LocalDate {
    LocalDate(iso)!
}
