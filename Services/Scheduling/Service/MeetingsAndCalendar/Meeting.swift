import Foundation
import Models
import Postgres

/// A meeting of a case: who takes part, where and when, and whether it happened.
public struct Meeting: Sendable, Equatable {
    /// Whether a meeting is still ahead, happened, or was called off.
    public enum Status: String, Sendable {
        /// Booked: its specialists, room and parties are held for it.
        case scheduled
        /// It took place.
        case held
        /// Called off; its time is free again.
        case cancelled
    }

    /// The meeting.
    public var id: MeetingID
    /// Its case.
    public var caseID: CaseID
    /// Preliminary, main or follow-up.
    public var kind: MeetingKind
    /// When it starts.
    public var startsAt: Date
    /// When it ends.
    public var endsAt: Date
    /// Where, if in one of the organisation's rooms.
    public var roomID: UUID?
    /// The specialists who run it.
    public var specialistIDs: [SpecialistID]
    /// The parties who come.
    public var partyIDs: [PartyID]
    /// Where it stands.
    public var status: Status
}

extension Meeting {
    /// The columns ``init(row:)`` reads, in order.
    static let columns: StaticString = "id, case_id, kind, starts_at, ends_at, room_id, specialist_ids, party_ids, status"

    init(row: PostgresRow) throws {
        id = MeetingID(try row.decode(UUID.self, at: 0))
        caseID = CaseID(try row.decode(UUID.self, at: 1))
        kind = try MeetingKind(rawValue: row.decode(String.self, at: 2)).unwrapped("meeting kind")
        startsAt = try row.decode(Date.self, at: 3)
        endsAt = try row.decode(Date.self, at: 4)
        roomID = try row.decode(UUID?.self, at: 5)
        specialistIDs = try row.decode([UUID].self, at: 6).map(SpecialistID.init)
        partyIDs = try row.decode([UUID].self, at: 7).map(PartyID.init)
        status = try Status(rawValue: row.decode(String.self, at: 8)).unwrapped("meeting status")
    }
}
