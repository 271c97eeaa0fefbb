import Foundation

/// `case.closed.v1`: A case closed. Published in the transaction that closes it, once per case. Carries what the quarterly
/// report counts: outcome and reason, programme kind, participants by kind, and the case's timeline.
public struct CaseClosed: TopicContract, Hashable {
    /// `case.closed.v1`.
    public static let messageType = "case.closed.v1"

    /// The case.
    public var caseID: CaseID
    /// The referral it was opened for.
    public var referralID: ReferralID
    /// The organisation whose caseload it was in.
    public var organisationID: OrganisationID
    /// Restorative programme or accompaniment.
    public var kind: CaseKind
    /// The referral's nature.
    public var nature: ReferralNature
    /// How it ended.
    public var outcome: CaseOutcome
    /// Why, when it was not reconciled, refused or transferred.
    public var closingReason: ClosingReason?
    /// The step it closed from.
    public var closedFrom: String
    /// The programme it ran, if any.
    public var programmeKind: ProgrammeKind?
    /// Minors among its parties.
    public var minorCount: Int
    /// Adults among its parties.
    public var adultCount: Int
    /// Meetings held.
    public var meetingsHeld: Int
    /// When intake received the referral.
    public var referralReceivedAt: Date
    /// When the case opened.
    public var openedAt: Date
    /// When a party was first contacted.
    public var firstContactAt: Date?
    /// When it closed.
    public var closedAt: Date

    /// A `case.closed.v1` payload.
    public init(caseID: CaseID, referralID: ReferralID, organisationID: OrganisationID, kind: CaseKind, nature: ReferralNature, outcome: CaseOutcome, closingReason: ClosingReason?, closedFrom: String, programmeKind: ProgrammeKind?, minorCount: Int, adultCount: Int, meetingsHeld: Int, referralReceivedAt: Date, openedAt: Date, firstContactAt: Date?, closedAt: Date) {
        self.caseID = caseID
        self.referralID = referralID
        self.organisationID = organisationID
        self.kind = kind
        self.nature = nature
        self.outcome = outcome
        self.closingReason = closingReason
        self.closedFrom = closedFrom
        self.programmeKind = programmeKind
        self.minorCount = minorCount
        self.adultCount = adultCount
        self.meetingsHeld = meetingsHeld
        self.referralReceivedAt = referralReceivedAt
        self.openedAt = openedAt
        self.firstContactAt = firstContactAt
        self.closedAt = closedAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case referralID = "referral_id"
        case organisationID = "organisation_id"
        case kind
        case nature
        case outcome
        case closingReason = "closing_reason"
        case closedFrom = "closed_from"
        case programmeKind = "programme_kind"
        case minorCount = "minor_count"
        case adultCount = "adult_count"
        case meetingsHeld = "meetings_held"
        case referralReceivedAt = "referral_received_at"
        case openedAt = "opened_at"
        case firstContactAt = "first_contact_at"
        case closedAt = "closed_at"
    }
}

extension CaseClosed {
    /// What `docs/bus.md` says of it.
    public static let summary = """
        A case closed: outcome, reason, step it closed from, programme kind, minors and adults among its parties, meetings held, \
        referral/opening/first-contact/closing times.
        """

    /// A payload with every field present.
    public static var example: Self {
        CaseClosed(
            caseID: CaseID(UUID(uuidString: "0190f3a2-6e30-7c32-ad4f-5a6b7c8d9e03")!),
            referralID: ReferralID(UUID(uuidString: "0190f3a2-5d2f-7b21-9c3e-4f5a6b7c8d02")!),
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            kind: .restorative,
            nature: .conflict,
            outcome: .notReconciled,
            closingReason: .noAgreement,
            closedFrom: RestorativeCaseState.mainMeeting.rawValue,
            programmeKind: .mediation,
            minorCount: 2,
            adultCount: 2,
            meetingsHeld: 3,
            referralReceivedAt: Date(timeIntervalSince1970: 1_790_000_000),
            openedAt: Date(timeIntervalSince1970: 1_790_000_600),
            firstContactAt: Date(timeIntervalSince1970: 1_790_170_000),
            closedAt: Date(timeIntervalSince1970: 1_792_000_000)
        )
    }
}
