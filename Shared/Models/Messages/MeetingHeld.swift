import Foundation

/// `meeting.held.v1`: A meeting took place. Participants are counted by kind for the quarterly report.
public struct MeetingHeld: MessageContract, Hashable {
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
