import Foundation

/// `case.assigned.v1`: A case was given to a specialist, or moved from one to another.
public struct CaseAssigned: MessageContract, Hashable {
    /// `case.assigned.v1`.
    public static let messageType = "case.assigned.v1"

    /// The case.
    public var caseID: CaseID
    /// Its organisation.
    public var organisationID: OrganisationID
    /// Who leads it now.
    public var specialistID: SpecialistID
    /// Who led it before, on a reassignment.
    public var previousSpecialistID: SpecialistID?
    /// When.
    public var assignedAt: Date

    /// A `case.assigned.v1` payload.
    public init(caseID: CaseID, organisationID: OrganisationID, specialistID: SpecialistID, previousSpecialistID: SpecialistID?, assignedAt: Date) {
        self.caseID = caseID
        self.organisationID = organisationID
        self.specialistID = specialistID
        self.previousSpecialistID = previousSpecialistID
        self.assignedAt = assignedAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case organisationID = "organisation_id"
        case specialistID = "specialist_id"
        case previousSpecialistID = "previous_specialist_id"
        case assignedAt = "assigned_at"
    }
}
