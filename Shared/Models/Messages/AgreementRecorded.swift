import Foundation

/// `agreement.recorded.v1`: the parties reached an agreement (примирительный договор), or one of its terms was checked.
public struct AgreementRecorded: TopicContract, Hashable {
    /// `agreement.recorded.v1`.
    public static let messageType = "agreement.recorded.v1"

    /// The agreement.
    public var agreementID: AgreementID
    /// Its case.
    public var caseID: CaseID
    /// Its organisation.
    public var organisationID: OrganisationID
    /// The day it was reached.
    public var reachedOn: LocalDate
    /// How many terms it has.
    public var termCount: Int
    /// Terms checked as kept.
    public var fulfilledCount: Int
    /// Terms checked as not kept.
    public var brokenCount: Int
    /// When.
    public var recordedAt: Date

    /// A `agreement.recorded.v1` payload.
    public init(agreementID: AgreementID, caseID: CaseID, organisationID: OrganisationID, reachedOn: LocalDate, termCount: Int, fulfilledCount: Int, brokenCount: Int, recordedAt: Date) {
        self.agreementID = agreementID
        self.caseID = caseID
        self.organisationID = organisationID
        self.reachedOn = reachedOn
        self.termCount = termCount
        self.fulfilledCount = fulfilledCount
        self.brokenCount = brokenCount
        self.recordedAt = recordedAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case agreementID = "agreement_id"
        case caseID = "case_id"
        case organisationID = "organisation_id"
        case reachedOn = "reached_on"
        case termCount = "term_count"
        case fulfilledCount = "fulfilled_count"
        case brokenCount = "broken_count"
        case recordedAt = "recorded_at"
    }
}

extension AgreementRecorded {
    /// What `docs/bus.md` says of it.
    public static let summary = "An agreement was reached or a term checked: terms, kept, broken."

    /// A payload with every field present.
    public static var example: Self {
        AgreementRecorded(
            agreementID: AgreementID(UUID(uuidString: "0190f3a2-b385-7187-b28e-afb0c1d2e308")!),
            caseID: CaseID(UUID(uuidString: "0190f3a2-6e30-7c32-ad4f-5a6b7c8d9e03")!),
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            reachedOn: LocalDate(year: 2026, month: 10, day: 2)!,
            termCount: 3,
            fulfilledCount: 2,
            brokenCount: 1,
            recordedAt: Date(timeIntervalSince1970: 1_791_800_000)
        )
    }
}
