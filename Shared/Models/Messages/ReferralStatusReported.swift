import Foundation

/// `referral.status_reported.v1`: the service working a referral tells intake where it stands, so
/// that the integrator who sent it can follow it. Scheduling publishes it as its case moves
/// (accepted, case opened, programme scheduled, closed with an outcome); intake consumes it.
///
/// Reports may arrive more than once and out of order: intake keeps the furthest status reached
/// and ignores a report that would move a referral back.
public struct ReferralStatusReported: TopicContract, Hashable {
    /// `referral.status_reported.v1`.
    public static let messageType = "referral.status_reported.v1"

    /// The referral the report is about.
    public var referralID: ReferralID
    /// The status it has reached.
    public var status: ReferralStatus
    /// How the case ended, with `closed`.
    public var outcome: CaseOutcome?
    /// The case opened for it, once there is one.
    public var caseID: CaseID?
    /// When the reporting service made the change.
    public var reportedAt: Date

    /// A status report.
    public init(referralID: ReferralID, status: ReferralStatus, outcome: CaseOutcome? = nil, caseID: CaseID? = nil, reportedAt: Date) {
        self.referralID = referralID
        self.status = status
        self.outcome = outcome
        self.caseID = caseID
        self.reportedAt = reportedAt
    }

    /// Wire names are fixed here, not derived from property names, so that renaming a property cannot
    /// silently change a published contract.
    enum CodingKeys: String, CodingKey {
        case referralID = "referral_id"
        case status
        case outcome
        case caseID = "case_id"
        case reportedAt = "reported_at"
    }
}

extension ReferralStatusReported {
    /// What `docs/bus.md` says of it.
    public static let summary = "Where the work on a referral stands (accepted, case opened, programme scheduled, closed + outcome)."

    /// A payload with every field present.
    public static var example: Self {
        ReferralStatusReported(
            referralID: ReferralID(UUID(uuidString: "0190f3a2-5d2f-7b21-9c3e-4f5a6b7c8d02")!),
            status: .closed,
            outcome: .reconciled,
            caseID: CaseID(UUID(uuidString: "0190f3a2-6e30-7c32-ad4f-5a6b7c8d9e03")!),
            reportedAt: Date(timeIntervalSince1970: 1_792_000_000)
        )
    }
}
