extension Character {
    /// Whether this is one of `0`…`9`. `isNumber` would also accept other scripts' digits (`٣`, `２`)
    /// and fractions (`½`), none of which belongs in an ISO 8601 string.
    var isASCIIDigit: Bool {
        ("0"..."9").contains(self)
    }
}
