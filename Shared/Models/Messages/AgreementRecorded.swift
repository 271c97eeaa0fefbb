import Foundation

/// `agreement.recorded.v1`: the parties reached an agreement (примирительный договор), or one of its terms was checked.
public struct AgreementRecorded: MessageContract, Hashable {
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
