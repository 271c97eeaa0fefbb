/// Dates read and print as ISO 8601 `YYYY-MM-DD`, the form of JSON Schema's `date` and of PostgreSQL,
/// and the only form accepted: a lenient parser would let `03.04.2025` mean two different days.
extension LocalDate: LosslessStringConvertible {
    /// Parses exactly `YYYY-MM-DD`; `nil` for any other shape or a day that does not exist.
    public init?(_ description: String) {
        // Byte by byte: dates are parsed on every request, and splitting allocated per call.
        var bytes = description.utf8.makeIterator()
        func number(_ digits: Int) -> Int? {
            var value = 0
            for _ in 0..<digits {
                guard let byte = bytes.next(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard description.utf8.count == 10, let year = number(4), bytes.next() == UInt8(ascii: "-"),
              let month = number(2), bytes.next() == UInt8(ascii: "-"), let day = number(2)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        "\(year.zeroPadded(to: 4))-\(month.zeroPadded(to: 2))-\(day.zeroPadded(to: 2))"
    }
}
