import Foundation

/// `referral.received.v1`: intake has committed a new referral (заявка). Published in the same
/// transaction that stores it, so it exists exactly when the integrator got its `201`.
///
/// It carries no personal data: no names, birth dates, phones or addresses of minors and families.
/// Bus messages are kept in history tables and show up in handlers' logs and dead-letter queues, places
/// that are neither audited nor scoped by organisation the way case data is. A service that needs the
/// participants (scheduling, to open a case) fetches them through its own audited channel, keyed by
/// ``referralID``. Counts are enough for monitoring.
public struct ReferralReceived: TopicContract, Hashable {
    /// `referral.received.v1`.
    public static let messageType = "referral.received.v1"

    /// The referral, as intake stored it.
    public var referralID: ReferralID
    /// The integrator that pushed it (or the intake's own manual-entry integrator).
    public var integratorID: IntegratorID
    /// The service (МСП, СПЦ, ШСП) whose caseload the referral joins: the integrator's receiving
    /// organisation. Scheduling opens the case there; monitoring counts it there.
    public var organisationID: OrganisationID
    /// An agency's referral or a school's identification for accompaniment.
    public var kind: ReferralKind
    /// Who sent it.
    public var source: ReferralSource
    /// What the situation is.
    public var nature: ReferralNature
    /// What the sender asks for, in the sender's order, without repeats.
    public var requestedResponses: [RequestedResponse]
    /// The day the conflict or offence happened (or the need was identified), as the sender reports it.
    public var occurredOn: LocalDate
    /// The school concerned, if any.
    public var schoolName: String?
    /// The class concerned (`7Б`), if any.
    public var className: String?
    /// How many of the parties are minors.
    public var minorCount: Int
    /// How many parties the referral names, minors included.
    public var partyCount: Int
    /// How many of its minors an earlier referral to the same organisation also named (intake
    /// recognises them by a keyed fingerprint it keeps to itself); `nil` from a publisher that does
    /// not count. A count, never an identity: nothing here links a child across referrals.
    public var repeatMinorCount: Int?
    /// The day by which the sender expects an answer (срок ответа), if it set one.
    public var senderDeadline: LocalDate?
    /// When intake committed the referral; time to first contact is measured from it.
    public var receivedAt: Date

    /// A `referral.received.v1` payload.
    public init(
        referralID: ReferralID,
        integratorID: IntegratorID,
        organisationID: OrganisationID,
        kind: ReferralKind,
        source: ReferralSource,
        nature: ReferralNature,
        requestedResponses: [RequestedResponse],
        occurredOn: LocalDate,
        schoolName: String?,
        className: String?,
        minorCount: Int,
        partyCount: Int,
        repeatMinorCount: Int? = nil,
        senderDeadline: LocalDate?,
        receivedAt: Date
    ) {
        self.referralID = referralID
        self.integratorID = integratorID
        self.organisationID = organisationID
        self.kind = kind
        self.source = source
        self.nature = nature
        self.requestedResponses = requestedResponses
        self.occurredOn = occurredOn
        self.schoolName = schoolName
        self.className = className
        self.minorCount = minorCount
        self.partyCount = partyCount
        self.repeatMinorCount = repeatMinorCount
        self.senderDeadline = senderDeadline
        self.receivedAt = receivedAt
    }

    /// Wire names are fixed here, not derived from property names, so that renaming a property cannot
    /// silently change a published contract.
    enum CodingKeys: String, CodingKey {
        case referralID = "referral_id"
        case integratorID = "integrator_id"
        case organisationID = "organisation_id"
        case kind
        case source
        case nature
        case requestedResponses = "requested_responses"
        case occurredOn = "occurred_on"
        case schoolName = "school_name"
        case className = "class_name"
        case minorCount = "minor_count"
        case partyCount = "party_count"
        case repeatMinorCount = "repeat_minor_count"
        case senderDeadline = "sender_deadline"
        case receivedAt = "received_at"
    }
}

extension ReferralReceived {
    /// What `docs/bus.md` says of it.
    public static let summary = """
        A referral or school identification was committed: source, nature, kind, receiving organisation, counts of minors and parties, sender \
        deadline.
        """

    /// A payload with every field present.
    public static var example: Self {
        ReferralReceived(
            referralID: ReferralID(UUID(uuidString: "0190f3a2-5d2f-7b21-9c3e-4f5a6b7c8d02")!),
            integratorID: IntegratorID(UUID(uuidString: "0190f3a2-3b0d-7f0e-8a1c-2d3e4f5a6b00")!),
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            kind: .agencyReferral,
            source: ReferralSource(
                kind: .minorsCommission,
                organisationName: "КДНиЗП Соликамского городского округа",
                reference: SenderReference(number: "№ 12-34/567", date: LocalDate(year: 2026, month: 9, day: 18)!)
            ),
            nature: .conflict,
            requestedResponses: [.restorativeProgramme, .caseConclusion],
            occurredOn: LocalDate(year: 2026, month: 9, day: 14)!,
            schoolName: "МАОУ «СОШ № 17»",
            className: "7Б",
            minorCount: 2,
            partyCount: 4,
            repeatMinorCount: 1,
            senderDeadline: LocalDate(year: 2026, month: 10, day: 19)!,
            receivedAt: Date(timeIntervalSince1970: 1_790_000_000)
        )
    }
}
