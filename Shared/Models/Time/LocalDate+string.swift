/// Dates read and print as ISO 8601 `YYYY-MM-DD`, the form of JSON Schema's `date` and of PostgreSQL,
/// and the only form accepted: a lenient parser would let `03.04.2025` mean two different days.
extension LocalDate: LosslessStringConvertible {
    /// Parses exactly `YYYY-MM-DD`; `nil` for any other shape or a day that does not exist.
    public init?(_ description: String) {
        let parts = description.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.map(\.count) == [4, 2, 2],
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        "\(year.zeroPadded(to: 4))-\(month.zeroPadded(to: 2))-\(day.zeroPadded(to: 2))"
    }
}
