import Foundation

/// `case.assigned.v1`: A case was given to a specialist, or moved from one to another.
public struct CaseAssigned: TopicContract, Hashable {
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

extension CaseAssigned {
    /// What `docs/bus.md` says of it.
    public static let summary = "A case was given to a specialist, or moved from one to another; notifications tells the specialist."

    /// A payload with every field present.
    public static var example: Self {
        CaseAssigned(
            caseID: CaseID(UUID(uuidString: "0190f3a2-6e30-7c32-ad4f-5a6b7c8d9e03")!),
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            specialistID: SpecialistID(UUID(uuidString: "0190f3a2-7f41-7d43-be5a-6b7c8d9eaf04")!),
            previousSpecialistID: SpecialistID(UUID(uuidString: "0190f3a2-8052-7e54-8f6b-7c8d9eafb005")!),
            assignedAt: Date(timeIntervalSince1970: 1_790_090_000)
        )
    }
}
