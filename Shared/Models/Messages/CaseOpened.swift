import Foundation

/// `case.opened.v1`: scheduling opened a case for a referral. Published in the same transaction
/// that stores the case, once per referral however often the referral's message is redelivered.
///
/// Like `referral.received.v1` it carries no personal data: monitoring counts cases by
/// organisation, kind and nature, and measures time to first contact from ``referralReceivedAt``.
public struct CaseOpened: TopicContract, Hashable {
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

extension CaseOpened {
    /// What `docs/bus.md` says of it.
    public static let summary = """
        A case was opened for a referral, exactly once per referral: case, referral, organisation, kind, nature, when the referral arrived and the \
        case opened.
        """

    /// A payload with every field present.
    public static var example: Self {
        CaseOpened(
            caseID: CaseID(UUID(uuidString: "0190f3a2-6e30-7c32-ad4f-5a6b7c8d9e03")!),
            referralID: ReferralID(UUID(uuidString: "0190f3a2-5d2f-7b21-9c3e-4f5a6b7c8d02")!),
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            kind: .restorative,
            nature: .conflict,
            proposedSpecialistID: SpecialistID(UUID(uuidString: "0190f3a2-7f41-7d43-be5a-6b7c8d9eaf04")!),
            referralReceivedAt: Date(timeIntervalSince1970: 1_790_000_000),
            openedAt: Date(timeIntervalSince1970: 1_790_000_600)
        )
    }
}
