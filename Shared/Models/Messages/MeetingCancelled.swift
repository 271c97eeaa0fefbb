import Foundation

/// `meeting.cancelled.v1`: A scheduled meeting was cancelled (by staff, or because a consent was withdrawn or the case closed).
public struct MeetingCancelled: MessageContract, Hashable {
    /// `meeting.cancelled.v1`.
    public static let messageType = "meeting.cancelled.v1"

    /// The meeting.
    public var meetingID: MeetingID
    /// Its case.
    public var caseID: CaseID
    /// Its organisation.
    public var organisationID: OrganisationID
    /// Preliminary, main or follow-up.
    public var kind: MeetingKind
    /// When.
    public var cancelledAt: Date

    /// A `meeting.cancelled.v1` payload.
    public init(meetingID: MeetingID, caseID: CaseID, organisationID: OrganisationID, kind: MeetingKind, cancelledAt: Date) {
        self.meetingID = meetingID
        self.caseID = caseID
        self.organisationID = organisationID
        self.kind = kind
        self.cancelledAt = cancelledAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case meetingID = "meeting_id"
        case caseID = "case_id"
        case organisationID = "organisation_id"
        case kind
        case cancelledAt = "cancelled_at"
    }
}
