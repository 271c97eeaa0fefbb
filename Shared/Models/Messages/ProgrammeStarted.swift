import Foundation

/// `programme.started.v1`: A restorative programme began in a case.
public struct ProgrammeStarted: MessageContract, Hashable {
    /// `programme.started.v1`.
    public static let messageType = "programme.started.v1"

    /// The programme.
    public var programmeID: ProgrammeID
    /// Its case.
    public var caseID: CaseID
    /// Its organisation.
    public var organisationID: OrganisationID
    /// Which of the nine kinds.
    public var kind: ProgrammeKind
    /// When.
    public var startedAt: Date

    /// A `programme.started.v1` payload.
    public init(programmeID: ProgrammeID, caseID: CaseID, organisationID: OrganisationID, kind: ProgrammeKind, startedAt: Date) {
        self.programmeID = programmeID
        self.caseID = caseID
        self.organisationID = organisationID
        self.kind = kind
        self.startedAt = startedAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case programmeID = "programme_id"
        case caseID = "case_id"
        case organisationID = "organisation_id"
        case kind
        case startedAt = "started_at"
    }
}
