import Foundation
import OpenAPIRuntime
import Postgres

/// Dates in the API as RFC 3339 UTC with microseconds (`2026-11-24T05:02:47.492691Z`), the
/// precision PostgreSQL keeps, so a replayed answer is byte-identical to the first, and a time read back equals the one stored.
///
/// Writing uses the database client's formatter: Foundation's `ISO8601DateFormatter` took 5 % of
/// a referral's CPU for three dates. Reading (only the `since` parameter) accepts any RFC 3339 form.
public struct RFC3339DateTranscoder: DateTranscoder {
    /// A transcoder.
    public init() {}

    /// The date with microseconds, in UTC.
    public func encode(_ date: Date) throws -> String {
        PostgresTimestamp.format(date, separator: "T", utcSuffix: "Z")
    }

    /// Any RFC 3339 date-time.
    public func decode(_ text: String) throws -> Date {
        if let date = Array(text.utf8).withUnsafeBytes({ PostgresTimestamp.parse($0) }) { return date }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not an RFC 3339 date-time"))
        }
        return date
    }
}

extension Configuration {
    /// What every generated Accord server is registered with: RFC 3339 dates with microseconds,
    /// and JSON with sorted keys and unescaped slashes, so an answer is the same bytes each time.
    public static let accordAPI = Configuration(dateTranscoder: RFC3339DateTranscoder(), jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes])
}
