import Foundation

/// `programme.started.v1`: A restorative programme began in a case.
public struct ProgrammeStarted: TopicContract, Hashable {
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

extension ProgrammeStarted {
    /// What `docs/bus.md` says of it.
    public static let summary = "A restorative programme of one of the nine kinds began."

    /// A payload with every field present.
    public static var example: Self {
        ProgrammeStarted(
            programmeID: ProgrammeID(UUID(uuidString: "0190f3a2-9163-7f65-906c-8d9eafb0c106")!),
            caseID: CaseID(UUID(uuidString: "0190f3a2-6e30-7c32-ad4f-5a6b7c8d9e03")!),
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            kind: .mediation,
            startedAt: Date(timeIntervalSince1970: 1_790_600_000)
        )
    }
}
