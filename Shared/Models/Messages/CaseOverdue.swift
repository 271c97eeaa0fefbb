import Foundation

/// `case.overdue.v1`: A case missed a deadline: the organisation's norm for first contact, or the sender's answer date.
/// Raised once per case and deadline by scheduling's sweep.
public struct CaseOverdue: MessageContract, Hashable {
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
