extension Duration {
    /// The duration in seconds, fractions included: for binding as an interval's length and for rates.
    public var totalSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
