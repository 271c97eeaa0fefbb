import Bus
import Foundation
import Models
import Postgres
import StaffAccess

/// Meetings and their bookings. The database decides double bookings: every meeting holds its
/// specialists, room and parties in `scheduling.bookings`, whose exclusion constraint lets only
/// one of two overlapping holds on the same resource commit, however many replicas race.
public enum MeetingStore {
    /// What staff ask to book.
    public struct Draft: Sendable {
        /// Preliminary, main or follow-up.
        public var kind: MeetingKind
        /// When it starts.
        public var startsAt: Date
        /// When it ends.
        public var endsAt: Date
        /// The room, if any.
        public var roomID: UUID?
        /// Who runs it.
        public var specialistIDs: [SpecialistID]
        /// Who comes.
        public var partyIDs: [PartyID]

        /// A booking request.
        public init(kind: MeetingKind, startsAt: Date, endsAt: Date, roomID: UUID?, specialistIDs: [SpecialistID], partyIDs: [PartyID]) {
            self.kind = kind
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.roomID = roomID
            self.specialistIDs = specialistIDs
            self.partyIDs = partyIDs
        }
    }

    /// The longest meeting a booking may hold.
    static let longest: TimeInterval = 8 * 3600

    /// Books a meeting of the caller's case and asks notifications to invite everyone and remind
    /// them 24 h and 2 h before.
    ///
    /// - Throws: ``SchedulingRefusal``: `booking_conflict` when a specialist, the room or a party is
    ///   already booked then; `outside_working_hours`, `holiday`, `party_busy`, `case_not_ready`, or
    ///   an invalid field.
    public static func book(_ draft: Draft, for caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection, now: Date) async throws -> Meeting {
        let record = try await CaseRecord.lock(caseID, for: caller, in: connection)
        try checkCase(record)
        let specialists = Array(Set(draft.specialistIDs.map(\.uuid))).sorted()
        let parties = Array(Set(draft.partyIDs.map(\.uuid))).sorted()
        try await checkParticipants(specialists: specialists, parties: parties, room: draft.roomID, of: record, in: connection)
        if record.kind == .restorative { try await CaseStore.checkConsents(of: record, meeting: parties, in: connection) }
        try await checkTimes(draft.startsAt, draft.endsAt, specialists: specialists, parties: parties, organisation: record.organisationID, in: connection, now: now)
        let id = MeetingID(UUID.v7(at: now))
        let meeting = try await insert(
            Meeting(
                id: id, caseID: caseID, kind: draft.kind, startsAt: draft.startsAt, endsAt: draft.endsAt, roomID: draft.roomID,
                specialistIDs: specialists.map(SpecialistID.init), partyIDs: parties.map(PartyID.init), status: .scheduled),
            organisation: record.organisationID, in: connection, now: now)
        try await AuditTrail.record("meeting.book", by: caller, caseID: caseID, entity: "meeting", entityID: id.uuid, in: connection)
        try await announce(meeting, of: record, rescheduled: false, in: connection, now: now)
        if record.kind == .restorative {
            try await MessageBus.publish(
                ReferralStatusReported(referralID: record.referralID, status: .programmeScheduled, caseID: caseID, reportedAt: now),
                correlationID: record.referralID.uuid, in: connection)
        }
        return meeting
    }

    /// Moves a scheduled meeting to another time (and room): its bookings move with it, checked
    /// again by the same constraint; the old reminders are withdrawn and new ones requested.
    static func reschedule(
        _ id: MeetingID, to startsAt: Date, _ endsAt: Date, room: UUID?, by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws -> Meeting {
        var (meeting, record) = try await lockScheduled(id, for: caller, in: connection)
        let before = meeting
        try checkCase(record)
        let specialists = meeting.specialistIDs.map(\.uuid)
        let parties = meeting.partyIDs.map(\.uuid)
        try await checkParticipants(specialists: specialists, parties: parties, room: room, of: record, in: connection)
        try await checkTimes(startsAt, endsAt, specialists: specialists, parties: parties, organisation: record.organisationID, in: connection, now: now)
        meeting.startsAt = startsAt
        meeting.endsAt = endsAt
        meeting.roomID = room
        try await connection.query("""
            WITH freed AS (DELETE FROM scheduling.bookings WHERE meeting_id = \(id.uuid))
            UPDATE scheduling.meetings SET starts_at = \(startsAt), ends_at = \(endsAt), room_id = \(room), updated_at = \(now)
            WHERE id = \(id.uuid)
            """)
        try await hold(meeting, in: connection)
        try await AuditTrail.record("meeting.reschedule", by: caller, caseID: record.id, entity: "meeting", entityID: id.uuid, in: connection)
        try await withdrawNotifications(of: before, organisation: record.organisationID, in: connection, now: now)
        try await announce(meeting, of: record, rescheduled: true, in: connection, now: now)
        return meeting
    }

    /// Calls a scheduled meeting off: its time is free again and its reminders are withdrawn.
    static func cancel(_ id: MeetingID, by caller: StaffCaller, in connection: PostgresConnection, now: Date) async throws -> Meeting {
        let (meeting, _) = try await lockScheduled(id, for: caller, in: connection)
        try await AuditTrail.record("meeting.cancel", by: caller, caseID: meeting.caseID, entity: "meeting", entityID: id.uuid, in: connection)
        return try await cancel(meeting, organisation: caller.organisationID, in: connection, now: now)
    }

    /// Records that a scheduled meeting took place (no earlier than its start): the case's first
    /// contact, if it had none, and `meeting.held.v1` with its participants by kind.
    static func recordHeld(_ id: MeetingID, by caller: StaffCaller, in connection: PostgresConnection, now: Date) async throws -> Meeting {
        var (meeting, _) = try await lockScheduled(id, for: caller, in: connection)
        guard meeting.startsAt <= now else {
            throw SchedulingRefusal(
                .conflict, code: "not_started", message: "The meeting has not started yet.", messageRu: "Встреча ещё не началась.")
        }
        let counts = try await connection.query("""
            WITH held AS (UPDATE scheduling.meetings SET status = 'held', updated_at = \(now) WHERE id = \(id.uuid))
            SELECT (SELECT count(*) FROM scheduling.parties WHERE id = ANY (\(meeting.partyIDs.map(\.uuid))::uuid[]) AND role = 'minor'),
                   (SELECT count(*) FROM scheduling.parties WHERE id = ANY (\(meeting.partyIDs.map(\.uuid))::uuid[]) AND role <> 'minor'),
                   (SELECT count(*) FROM scheduling.specialists
                    WHERE id = ANY (\(meeting.specialistIDs.map(\.uuid))::uuid[]) AND 'peer_mediator' = ANY (roles)),
                   (SELECT kind FROM scheduling.programmes WHERE case_id = \(meeting.caseID.uuid))
            """).single.unwrapped("meeting counts")
        meeting.status = .held
        try await CaseStore.noteFirstContact(of: meeting.caseID, at: meeting.startsAt, in: connection)
        try await AuditTrail.record("meeting.held", by: caller, caseID: meeting.caseID, entity: "meeting", entityID: id.uuid, in: connection)
        try await MessageBus.publish(
            MeetingHeld(
                meetingID: id, caseID: meeting.caseID, organisationID: caller.organisationID, kind: meeting.kind,
                programmeKind: try counts.decode(String?.self, at: 3).flatMap(ProgrammeKind.init(rawValue:)), startsAt: meeting.startsAt,
                minorCount: try counts.decode(Int.self, at: 0), adultCount: try counts.decode(Int.self, at: 1),
                specialistCount: meeting.specialistIDs.count, peerMediatorCount: try counts.decode(Int.self, at: 2)),
            correlationID: meeting.caseID.uuid, in: connection)
        return meeting
    }

    /// The meetings of the caller's case, earliest first.
    static func meetings(of caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection) async throws -> [Meeting] {
        _ = try await CaseRecord.find(caseID, for: caller, in: connection)
        return try await connection.query("""
            SELECT \(unescaped: Meeting.columns) FROM scheduling.meetings WHERE case_id = \(caseID.uuid) ORDER BY starts_at, id
            """).map(Meeting.init(row:))
    }

    /// One meeting of the caller's organisation.
    static func meeting(_ id: MeetingID, by caller: StaffCaller, in connection: PostgresConnection) async throws -> Meeting {
        _ = try await caseOf(id, for: caller, locking: false, in: connection)
        let row = try await connection.query("SELECT \(unescaped: Meeting.columns) FROM scheduling.meetings WHERE id = \(id.uuid)").single
        return try Meeting(row: row.unwrapped("meeting"))
    }

    /// The case of the caller's meeting `id`, through which alone a meeting is reached: a
    /// specialist only reaches the meetings of cases they lead or are proposed for.
    private static func caseOf(_ id: MeetingID, for caller: StaffCaller, locking: Bool, in connection: PostgresConnection) async throws -> CaseRecord {
        let notFound = SchedulingRefusal.notFound("meeting", "встреча")
        let caseID = try await connection.query("""
            SELECT case_id FROM scheduling.meetings WHERE id = \(id.uuid) AND organisation_id = \(caller.organisationID.uuid)
            """).single?.decode(UUID.self, at: 0)
        guard let caseID else { throw notFound }
        do {
            return locking
                ? try await CaseRecord.lock(CaseID(caseID), for: caller, in: connection)
                : try await CaseRecord.find(CaseID(caseID), for: caller, in: connection)
        } catch let refusal as SchedulingRefusal where refusal.kind == .notFound {
            throw notFound
        }
    }

    /// Cancels every scheduled meeting of a case whose programme stops (closed, or a consent withdrawn).
    static func cancelScheduled(of record: CaseRecord, in connection: PostgresConnection, now: Date) async throws {
        let scheduled = try await connection.query("""
            SELECT \(unescaped: Meeting.columns) FROM scheduling.meetings
            WHERE case_id = \(record.id.uuid) AND status = 'scheduled' FOR UPDATE
            """).map(Meeting.init(row:))
        for meeting in scheduled {
            _ = try await cancel(meeting, organisation: record.organisationID, in: connection, now: now)
        }
    }

    private static func cancel(_ meeting: Meeting, organisation: OrganisationID, in connection: PostgresConnection, now: Date) async throws -> Meeting {
        try await connection.query("""
            WITH freed AS (DELETE FROM scheduling.bookings WHERE meeting_id = \(meeting.id.uuid))
            UPDATE scheduling.meetings SET status = 'cancelled', updated_at = \(now) WHERE id = \(meeting.id.uuid)
            """)
        try await withdrawNotifications(of: meeting, organisation: organisation, in: connection, now: now)
        var cancelled = meeting
        cancelled.status = .cancelled
        return cancelled
    }

    /// The caller's meeting `id` and its case, both locked, if the meeting is still scheduled.
    /// The case is locked first, the order every writer of a case keeps (a closing or a consent
    /// withdrawal locks the case, then its meetings), so two requests never wait on each other.
    private static func lockScheduled(
        _ id: MeetingID, for caller: StaffCaller, in connection: PostgresConnection
    ) async throws -> (Meeting, CaseRecord) {
        let record = try await caseOf(id, for: caller, locking: true, in: connection)
        let row = try await connection.query("""
            SELECT \(unescaped: Meeting.columns) FROM scheduling.meetings WHERE id = \(id.uuid) FOR UPDATE
            """).single
        let meeting = try Meeting(row: row.unwrapped("meeting"))
        guard meeting.status == .scheduled else {
            // Each code written out: the documented codes are checked against the literals.
            let held = meeting.status == .held
            throw SchedulingRefusal(
                .conflict, code: held ? "meeting_held" : "meeting_cancelled", message: "The meeting is \(meeting.status.rawValue), no longer scheduled.",
                messageRu: held ? "Встреча уже проведена." : "Встреча отменена.")
        }
        return (meeting, record)
    }

    /// Stores a new meeting and its holds.
    private static func insert(_ meeting: Meeting, organisation: OrganisationID, in connection: PostgresConnection, now: Date) async throws -> Meeting {
        try await connection.query("""
            INSERT INTO scheduling.meetings (id, case_id, organisation_id, kind, starts_at, ends_at, room_id, specialist_ids, party_ids,
                                             created_at, updated_at)
            VALUES (\(meeting.id.uuid), \(meeting.caseID.uuid), \(organisation.uuid), \(meeting.kind.rawValue), \(meeting.startsAt),
                    \(meeting.endsAt), \(meeting.roomID), \(meeting.specialistIDs.map(\.uuid))::uuid[], \(meeting.partyIDs.map(\.uuid))::uuid[],
                    \(now), \(now))
            """)
        try await hold(meeting, in: connection)
        return meeting
    }

    /// Holds every specialist, party and the room of `meeting` for its time. Of two overlapping
    /// holds on one resource the exclusion constraint admits only one.
    private static func hold(_ meeting: Meeting, in connection: PostgresConnection) async throws {
        let kinds = meeting.specialistIDs.map { _ in "specialist" } + meeting.partyIDs.map { _ in "party" } + (meeting.roomID == nil ? [] : ["room"])
        let resources = meeting.specialistIDs.map(\.uuid) + meeting.partyIDs.map(\.uuid) + (meeting.roomID.map { [$0] } ?? [])
        do {
            try await connection.query("""
                INSERT INTO scheduling.bookings (meeting_id, resource_kind, resource_id, during)
                SELECT \(meeting.id.uuid), b.kind, b.resource, tstzrange(\(meeting.startsAt), \(meeting.endsAt), '[)')
                FROM unnest(\(kinds)::text[], \(resources)::uuid[]) AS b (kind, resource)
                """)
        } catch let error as PostgresError where error.kind == .exclusionViolation || error.kind == .deadlockDetected {
            // Two overlapping holds inserted at the same instant can each wait for the other's
            // index entry; PostgreSQL then aborts one as a deadlock. Either way the other won.
            throw SchedulingRefusal(
                .conflict, code: "booking_conflict",
                message: "A specialist, the room or a party is already booked for an overlapping time.",
                messageRu: "Специалист, помещение или участник уже заняты в пересекающееся время.")
        }
    }

    /// Meetings happen in open cases, and a restorative programme meets only once consent is in.
    private static func checkCase(_ record: CaseRecord) throws {
        guard !record.state.isClosed else { throw CaseMoveRefusal.caseClosed.refusal }
        if case .restorative(let state) = record.state, [.new, .assigned, .consentPending].contains(state) {
            throw SchedulingRefusal(
                .conflict, code: "case_not_ready",
                message: "A restorative case meets its parties once every consent is in (from preparation on).",
                messageRu: "Встречи восстановительной программы назначаются после получения согласий (с этапа подготовки).")
        }
    }
}
