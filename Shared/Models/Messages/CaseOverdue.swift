import Foundation

/// `case.overdue.v1`: A case missed a deadline: the organisation's norm for first contact, or the sender's answer date.
/// Raised once per case and deadline by scheduling's sweep.
public struct CaseOverdue: TopicContract, Hashable {
    /// `case.overdue.v1`.
    public static let messageType = "case.overdue.v1"

    /// The case.
    public var caseID: CaseID
    /// Its referral.
    public var referralID: ReferralID
    /// Its organisation.
    public var organisationID: OrganisationID
    /// Which deadline.
    public var deadline: CaseDeadline
    /// When it was due.
    public var dueAt: Date
    /// Who leads the case, if anyone: the warning is for them and their head.
    public var specialistID: SpecialistID?
    /// When the sweep saw it.
    public var detectedAt: Date

    /// A `case.overdue.v1` payload.
    public init(caseID: CaseID, referralID: ReferralID, organisationID: OrganisationID, deadline: CaseDeadline, dueAt: Date, specialistID: SpecialistID?, detectedAt: Date) {
        self.caseID = caseID
        self.referralID = referralID
        self.organisationID = organisationID
        self.deadline = deadline
        self.dueAt = dueAt
        self.specialistID = specialistID
        self.detectedAt = detectedAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case referralID = "referral_id"
        case organisationID = "organisation_id"
        case deadline
        case dueAt = "due_at"
        case specialistID = "specialist_id"
        case detectedAt = "detected_at"
    }
}

extension CaseOverdue {
    /// What `docs/bus.md` says of it.
    public static let summary = """
        A deadline passed: first contact within the organisation's norm, or the sender's answer date; once per case and deadline; the report counts \
        overdue cases. The specialist's warning goes to notifications as a `notification.requested.v1` (template `case_overdue`) in the same \
        transaction.
        """

    /// A payload with every field present.
    public static var example: Self {
        CaseOverdue(
            caseID: CaseID(UUID(uuidString: "0190f3a2-6e30-7c32-ad4f-5a6b7c8d9e03")!),
            referralID: ReferralID(UUID(uuidString: "0190f3a2-5d2f-7b21-9c3e-4f5a6b7c8d02")!),
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            deadline: .firstContact,
            dueAt: Date(timeIntervalSince1970: 1_790_259_200),
            specialistID: SpecialistID(UUID(uuidString: "0190f3a2-7f41-7d43-be5a-6b7c8d9eaf04")!),
            detectedAt: Date(timeIntervalSince1970: 1_790_259_500)
        )
    }
}
