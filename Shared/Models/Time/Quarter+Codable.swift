/// A quarter encodes as its `YYYY-QN` string.
extension Quarter: StringCoded {
    /// The canonical form.
    public static var expectedFormat: String { "a quarter as YYYY-QN" }
}
