/// Dates order chronologically.
extension LocalDate: Comparable {
    /// Whether `lhs` is an earlier day than `rhs`.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
