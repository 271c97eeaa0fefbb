extension Int {
    /// The number in decimal, zero-padded on the left to `width` digits, as ISO 8601 writes years,
    /// months and days.
    func zeroPadded(to width: Int) -> String {
        let digits = String(self)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
