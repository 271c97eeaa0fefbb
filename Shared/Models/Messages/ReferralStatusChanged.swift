import Foundation

/// `referral.status_changed.v1`: intake has recorded a new status for a referral. Notifications
/// delivers it to the integrator's webhook, if it registered one; it carries nothing the
/// integrator did not send or cannot already read.
public struct ReferralStatusChanged: TopicContract, Hashable {
    /// `referral.status_changed.v1`.
    public static let messageType = "referral.status_changed.v1"

    /// The referral.
    public var referralID: ReferralID
    /// The integrator that sent it, whose webhook gets the change.
    public var integratorID: IntegratorID
    /// The integrator's own reference number, so its system can match the change to its record.
    public var referenceNumber: String
    /// The new status.
    public var status: ReferralStatus
    /// How the case ended, with `closed`.
    public var outcome: CaseOutcome?
    /// When the status changed.
    public var changedAt: Date

    /// A status change.
    public init(
        referralID: ReferralID, integratorID: IntegratorID, referenceNumber: String, status: ReferralStatus,
        outcome: CaseOutcome?, changedAt: Date
    ) {
        self.referralID = referralID
        self.integratorID = integratorID
        self.referenceNumber = referenceNumber
        self.status = status
        self.outcome = outcome
        self.changedAt = changedAt
    }

    /// Wire names are fixed here, not derived from property names, so that renaming a property cannot
    /// silently change a published contract.
    enum CodingKeys: String, CodingKey {
        case referralID = "referral_id"
        case integratorID = "integrator_id"
        case referenceNumber = "reference_number"
        case status
        case outcome
        case changedAt = "changed_at"
    }
}

extension ReferralStatusChanged {
    /// What `docs/bus.md` says of it.
    public static let summary = """
        Intake recorded a new status (`received` in the referral's own statement, the receipt); delivered to the integrator's webhook subscriptions, \
        and by email to the integrator's contact if it has one.
        """

    /// A payload with every field present.
    public static var example: Self {
        ReferralStatusChanged(
            referralID: ReferralID(UUID(uuidString: "0190f3a2-5d2f-7b21-9c3e-4f5a6b7c8d02")!),
            integratorID: IntegratorID(UUID(uuidString: "0190f3a2-3b0d-7f0e-8a1c-2d3e4f5a6b00")!),
            referenceNumber: "№ 12-34/567",
            status: .closed,
            outcome: .reconciled,
            changedAt: Date(timeIntervalSince1970: 1_792_000_005)
        )
    }
}
