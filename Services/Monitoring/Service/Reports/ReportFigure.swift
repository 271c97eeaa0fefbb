/// One row of a report: what is counted, broken down by what, how many. Counts and sums only,
/// so a municipality's or a region's row is the sum of its organisations' rows
/// (`docs/monitoring.md` defines each indicator).
public struct ReportFigure: Sendable, Hashable {
    /// The indicator's name (`referrals_received`).
    public var indicator: String
    /// The breakdown (`court`, `conflict`), or `""` when not broken down.
    public var dimension: String
    /// The count or sum.
    public var value: Double

    /// A row.
    public init(indicator: String, dimension: String, value: Double) {
        self.indicator = indicator
        self.dimension = dimension
        self.value = value
    }
}
