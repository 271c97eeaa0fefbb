/// The shares and means a report shows, derived from its additive totals (`docs/monitoring.md`);
/// each is `nil` when its denominator is 0.
struct DerivedIndicators: Sendable, Equatable {
    /// Referrals with a case opened, of those received (the target is 1).
    var shareProcessed: Double?
    /// Hours from receipt to first contact, on average.
    var meanFirstContactHours: Double?
    /// Change of attendance (percentage points), behaviour and performance (points) per measured accompaniment.
    var meanAttendanceChange: Double?
    var meanBehaviourChange: Double?
    var meanPerformanceChange: Double?

    init(totals: [ReportFigure]) {
        var sums: [String: Double] = [:]
        for figure in totals {
            sums[figure.indicator, default: 0] += figure.value
            sums["\(figure.indicator)/\(figure.dimension)", default: 0] += figure.value
        }
        func ratio(_ numerator: String, _ denominator: String) -> Double? {
            guard let divisor = sums[denominator], divisor != 0 else { return nil }
            return (sums[numerator] ?? 0) / divisor
        }
        shareProcessed = ratio("referrals_processed", "referrals_received")
        meanFirstContactHours = ratio("first_contact_hours", "first_contacts")
        meanAttendanceChange = ratio("accompaniment_change/attendance_percent", "accompaniments_measured")
        meanBehaviourChange = ratio("accompaniment_change/behaviour", "accompaniments_measured")
        meanPerformanceChange = ratio("accompaniment_change/performance", "accompaniments_measured")
    }
}
