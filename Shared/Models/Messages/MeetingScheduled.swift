import Foundation

/// `meeting.scheduled.v1`: A meeting was booked, or moved to another time or room.
public struct MeetingScheduled: MessageContract, Hashable {
    /// `meeting.scheduled.v1`.
    public static let messageType = "meeting.scheduled.v1"

    /// The meeting.
    public var meetingID: MeetingID
    /// Its case.
    public var caseID: CaseID
    /// Its organisation.
    public var organisationID: OrganisationID
    /// Preliminary, main or follow-up.
    public var kind: MeetingKind
    /// When it starts.
    public var startsAt: Date
    /// When it ends.
    public var endsAt: Date
    /// Whether it had been booked before at another time or room.
    public var rescheduled: Bool
    /// Specialists taking part.
    public var specialistCount: Int
    /// Parties taking part.
    public var partyCount: Int

    /// A `meeting.scheduled.v1` payload.
    public init(meetingID: MeetingID, caseID: CaseID, organisationID: OrganisationID, kind: MeetingKind, startsAt: Date, endsAt: Date, rescheduled: Bool, specialistCount: Int, partyCount: Int) {
        self.meetingID = meetingID
        self.caseID = caseID
        self.organisationID = organisationID
        self.kind = kind
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.rescheduled = rescheduled
        self.specialistCount = specialistCount
        self.partyCount = partyCount
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case meetingID = "meeting_id"
        case caseID = "case_id"
        case organisationID = "organisation_id"
        case kind
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case rescheduled
        case specialistCount = "specialist_count"
        case partyCount = "party_count"
    }
}
