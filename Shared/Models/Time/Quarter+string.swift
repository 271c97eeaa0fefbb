/// Quarters read and print as `YYYY-QN` (`2025-Q2`), short enough for URLs and report file names and
/// sorting as text in chronological order.
extension Quarter: LosslessStringConvertible {
    /// Parses exactly `YYYY-QN`; `nil` for any other shape.
    public init?(_ description: String) {
        let parts = description.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit),
            parts[1].count == 2, parts[1].first == "Q", let digit = parts[1].last, digit.isASCIIDigit,
            let year = Int(parts[0]), let number = digit.wholeNumberValue
        else { return nil }
        self.init(year: year, number: number)
    }

    /// The quarter as `YYYY-QN`.
    public var description: String {
        "\(year.zeroPadded(to: 4))-Q\(number)"
    }
}
