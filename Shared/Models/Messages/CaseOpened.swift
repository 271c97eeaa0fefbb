import Foundation

/// `case.opened.v1`: scheduling opened a case for a referral. Published in the same transaction
/// that stores the case, once per referral however often the referral's message is redelivered.
///
/// Like `referral.received.v1` it carries no personal data: monitoring counts cases by
/// organisation, kind and nature, and measures time to first contact from ``referralReceivedAt``.
public struct CaseOpened: MessageContract, Hashable {
    /// `case.opened.v1`.
    public static let messageType = "case.opened.v1"

    /// The new case.
    public var caseID: CaseID
    /// The referral it was opened for.
    public var referralID: ReferralID
    /// The service (МСП, СПЦ, ШСП) whose caseload it joins.
    public var organisationID: OrganisationID
    /// Restorative programme or accompaniment.
    public var kind: CaseKind
    /// The referral's nature, for the report's rows.
    public var nature: ReferralNature
    /// The specialist the case is proposed to (the least loaded of a fitting role), if the
    /// organisation has one.
    public var proposedSpecialistID: SpecialistID?
    /// When intake committed the referral.
    public var referralReceivedAt: Date
    /// When the case was opened.
    public var openedAt: Date

    /// A `case.opened.v1` payload.
    public init(
        caseID: CaseID, referralID: ReferralID, organisationID: OrganisationID, kind: CaseKind, nature: ReferralNature,
        proposedSpecialistID: SpecialistID?, referralReceivedAt: Date, openedAt: Date
    ) {
        self.caseID = caseID
        self.referralID = referralID
        self.organisationID = organisationID
        self.kind = kind
        self.nature = nature
        self.proposedSpecialistID = proposedSpecialistID
        self.referralReceivedAt = referralReceivedAt
        self.openedAt = openedAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case referralID = "referral_id"
        case organisationID = "organisation_id"
        case kind
        case nature
        case proposedSpecialistID = "proposed_specialist_id"
        case referralReceivedAt = "referral_received_at"
        case openedAt = "opened_at"
    }
}
