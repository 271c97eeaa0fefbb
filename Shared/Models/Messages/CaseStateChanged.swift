import Foundation

/// `case.state_changed.v1`: A case moved from one step of its procedure to another (not closing: that is `case.closed.v1`).
/// Published in the transaction that moves it. No personal data: identifiers, steps and counts.
public struct CaseStateChanged: TopicContract, Hashable {
    /// `case.state_changed.v1`.
    public static let messageType = "case.state_changed.v1"

    /// The case.
    public var caseID: CaseID
    /// The referral it was opened for; the referring integrator's reference.
    public var referralID: ReferralID
    /// The organisation whose caseload it is in.
    public var organisationID: OrganisationID
    /// Restorative programme or accompaniment.
    public var kind: CaseKind
    /// The step it left (a `RestorativeCaseState` or `AccompanimentCaseState` raw value).
    public var from: String
    /// The step it reached.
    public var to: String
    /// The specialist leading it, if assigned.
    public var specialistID: SpecialistID?
    /// When it moved.
    public var movedAt: Date

    /// A `case.state_changed.v1` payload.
    public init(caseID: CaseID, referralID: ReferralID, organisationID: OrganisationID, kind: CaseKind, from: String, to: String, specialistID: SpecialistID?, movedAt: Date) {
        self.caseID = caseID
        self.referralID = referralID
        self.organisationID = organisationID
        self.kind = kind
        self.from = from
        self.to = to
        self.specialistID = specialistID
        self.movedAt = movedAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case referralID = "referral_id"
        case organisationID = "organisation_id"
        case kind
        case from
        case to
        case specialistID = "specialist_id"
        case movedAt = "moved_at"
    }
}

extension CaseStateChanged {
    /// What `docs/bus.md` says of it.
    public static let summary = """
        A case moved between steps (from, to, kind, specialist), not closing; the report counts accompaniments continued under a new support plan \
        (`evaluated` → `support_plan`).
        """

    /// A payload with every field present.
    public static var example: Self {
        CaseStateChanged(
            caseID: CaseID(UUID(uuidString: "0190f3a2-6e30-7c32-ad4f-5a6b7c8d9e03")!),
            referralID: ReferralID(UUID(uuidString: "0190f3a2-5d2f-7b21-9c3e-4f5a6b7c8d02")!),
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            kind: .restorative,
            from: RestorativeCaseState.preparation.rawValue,
            to: RestorativeCaseState.mainMeeting.rawValue,
            specialistID: SpecialistID(UUID(uuidString: "0190f3a2-7f41-7d43-be5a-6b7c8d9eaf04")!),
            movedAt: Date(timeIntervalSince1970: 1_790_900_000)
        )
    }
}
