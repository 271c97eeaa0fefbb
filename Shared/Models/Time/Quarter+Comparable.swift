/// Quarters order chronologically.
extension Quarter: Comparable {
    /// Whether `lhs` comes before `rhs`.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.number) < (rhs.year, rhs.number)
    }
}
