import Foundation

/// `meeting.held.v1`: A meeting took place. Participants are counted by kind for the quarterly report.
public struct MeetingHeld: TopicContract, Hashable {
    /// `meeting.held.v1`.
    public static let messageType = "meeting.held.v1"

    /// The meeting.
    public var meetingID: MeetingID
    /// Its case.
    public var caseID: CaseID
    /// Its organisation.
    public var organisationID: OrganisationID
    /// Preliminary, main or follow-up.
    public var kind: MeetingKind
    /// The programme it belongs to.
    public var programmeKind: ProgrammeKind?
    /// When it started.
    public var startsAt: Date
    /// Minors taking part.
    public var minorCount: Int
    /// Adult parties taking part.
    public var adultCount: Int
    /// Specialists taking part.
    public var specialistCount: Int
    /// Peer mediators among them.
    public var peerMediatorCount: Int

    /// A `meeting.held.v1` payload.
    public init(meetingID: MeetingID, caseID: CaseID, organisationID: OrganisationID, kind: MeetingKind, programmeKind: ProgrammeKind?, startsAt: Date, minorCount: Int, adultCount: Int, specialistCount: Int, peerMediatorCount: Int) {
        self.meetingID = meetingID
        self.caseID = caseID
        self.organisationID = organisationID
        self.kind = kind
        self.programmeKind = programmeKind
        self.startsAt = startsAt
        self.minorCount = minorCount
        self.adultCount = adultCount
        self.specialistCount = specialistCount
        self.peerMediatorCount = peerMediatorCount
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case meetingID = "meeting_id"
        case caseID = "case_id"
        case organisationID = "organisation_id"
        case kind
        case programmeKind = "programme_kind"
        case startsAt = "starts_at"
        case minorCount = "minor_count"
        case adultCount = "adult_count"
        case specialistCount = "specialist_count"
        case peerMediatorCount = "peer_mediator_count"
    }
}

extension MeetingHeld {
    /// What `docs/bus.md` says of it.
    public static let summary = "A meeting took place: minors, adults, specialists, peer mediators."

    /// A payload with every field present.
    public static var example: Self {
        MeetingHeld(
            meetingID: MeetingID(UUID(uuidString: "0190f3a2-a274-7076-a17d-9eafb0c1d207")!),
            caseID: CaseID(UUID(uuidString: "0190f3a2-6e30-7c32-ad4f-5a6b7c8d9e03")!),
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            kind: .main,
            programmeKind: .mediation,
            startsAt: Date(timeIntervalSince1970: 1_790_928_000),
            minorCount: 2,
            adultCount: 2,
            specialistCount: 2,
            peerMediatorCount: 1
        )
    }
}
