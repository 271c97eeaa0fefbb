/// A date encodes as its `YYYY-MM-DD` string, whatever date strategy the caller's coder uses for instants.
extension LocalDate: StringCoded {
    /// The canonical form.
    public static var expectedFormat: String { "a date as YYYY-MM-DD" }
}
