import Foundation
import Models
import Postgres
import StaffAccess

/// The earliest times a meeting can take place: every specialist within working hours and free,
/// every party free (weekly busy hours and other meetings), a room big enough free, the
/// organisation at work — on a 15-minute grid of the organisation's local time.
///
/// Eight small indexed reads (participants, time zone, holidays, hours, busy hours, holds of the
/// people, fitting rooms, their holds) and the rest in memory: the search does not hold locks, and a booking made from its answer
/// is still checked by the database's exclusion constraint.
public enum SlotSearch {
    /// What to search for.
    public struct Request: Sendable {
        /// Everyone who runs the meeting.
        public var specialistIDs: [SpecialistID]
        /// Everyone who comes.
        public var partyIDs: [PartyID]
        /// Minutes, 15 to 480.
        public var durationMinutes: Int
        /// Whether the meeting needs one of the organisation's rooms.
        public var needsRoom: Bool
        /// Seats the room needs; everyone taking part when not given.
        public var roomCapacity: Int?
        /// Not before this (now, if earlier).
        public var from: Date
        /// Local days searched, 1 to 56.
        public var horizonDays: Int
        /// Slots wanted, 1 to 20.
        public var limit: Int

        /// A search.
        public init(
            specialistIDs: [SpecialistID], partyIDs: [PartyID], durationMinutes: Int, needsRoom: Bool = true, roomCapacity: Int? = nil,
            from: Date, horizonDays: Int = 28, limit: Int = 5
        ) {
            self.specialistIDs = specialistIDs
            self.partyIDs = partyIDs
            self.durationMinutes = durationMinutes
            self.needsRoom = needsRoom
            self.roomCapacity = roomCapacity
            self.from = from
            self.horizonDays = horizonDays
            self.limit = limit
        }
    }

    /// A time everyone is free, and the smallest fitting room free then.
    public struct Slot: Sendable, Equatable {
        /// When it starts.
        public var startsAt: Date
        /// When it ends.
        public var endsAt: Date
        /// The room, when one was asked for.
        public var roomID: UUID?
    }

    /// Start times lie on this grid of local minutes.
    static let gridMinutes = 15

    /// The earliest `request.limit` slots within the horizon, earliest first.
    public static func find(_ request: Request, by caller: StaffCaller, in connection: PostgresConnection, now: Date) async throws -> [Slot] {
        let specialists = Array(Set(request.specialistIDs.map(\.uuid))).sorted()
        let parties = Array(Set(request.partyIDs.map(\.uuid))).sorted()
        try check(request, specialists: specialists.count, parties: parties.count)
        try await checkParticipants(specialists: specialists, parties: parties, of: caller, in: connection)
        let from = max(request.from, now)
        let zone = try await OrganisationCalendar.timeZone(of: caller.organisationID, in: connection)
        let firstDay = LocalDate(containing: from, in: zone)
        let lastDay = firstDay.adding(days: request.horizonDays - 1)
        // Dates and instants are kept up to the end of the year 9999 (as PostgreSQL and RFC 3339
        // write them); the search reads up to the day after its last.
        guard lastDay.adding(days: 1).year <= 9999 else {
            throw SchedulingRefusal.invalid(
                "/from", code: "out_of_range", "The search would run past the year 9999.", "Поиск выходит за пределы 9999 года.")
        }
        let calendar = try await OrganisationCalendar.load(caller.organisationID, in: zone, from: firstDay, through: lastDay, in: connection)
        let range = (calendar.instant(firstDay, minutes: 0), calendar.instant(lastDay.adding(days: 1), minutes: 0))
        let working = try await WeeklyHours.working(of: specialists, in: connection)
        let busy = try await WeeklyHours.busy(of: parties, in: connection)
        let people = BusyTimes(try await bookings("""
            SELECT lower(during), upper(during) FROM scheduling.bookings
            WHERE resource_kind = 'specialist' AND resource_id = ANY (\(specialists)::uuid[]) AND during && tstzrange(\(range.0), \(range.1))
            UNION ALL
            SELECT lower(during), upper(during) FROM scheduling.bookings
            WHERE resource_kind = 'party' AND resource_id = ANY (\(parties)::uuid[]) AND during && tstzrange(\(range.0), \(range.1))
            """, in: connection))
        let rooms = request.needsRoom
            ? try await fittingRooms(seats: request.roomCapacity ?? specialists.count + parties.count, of: caller, between: range, in: connection)
            : []
        if request.needsRoom && rooms.isEmpty { return [] }

        var slots: [Slot] = []
        var day = firstDay
        while day <= lastDay, slots.count < request.limit {
            defer { day = day.adding(days: 1) }
            guard !calendar.holidays.contains(day) else { continue }
            let weekday = calendar.weekday(of: day)
            var windows = [(0, 24 * 60)]
            for specialist in specialists {
                windows = intersect(windows, working[specialist, default: []].filter { $0.weekday == weekday }.map { ($0.starts, $0.ends) })
            }
            for window in busy.values.joined() where window.weekday == weekday {
                windows = subtract(windows, (window.starts, window.ends))
            }
            for (opens, closes) in windows {
                var start = (opens + gridMinutes - 1) / gridMinutes * gridMinutes
                while start + request.durationMinutes <= closes, slots.count < request.limit {
                    defer { start += gridMinutes }
                    let startsAt = calendar.instant(day, minutes: start)
                    let endsAt = startsAt.addingTimeInterval(TimeInterval(request.durationMinutes * 60))
                    guard startsAt >= from, people.isFree(startsAt, endsAt) else { continue }
                    if request.needsRoom {
                        guard let room = rooms.first(where: { $0.busy.isFree(startsAt, endsAt) }) else { continue }
                        slots.append(Slot(startsAt: startsAt, endsAt: endsAt, roomID: room.id))
                    } else {
                        slots.append(Slot(startsAt: startsAt, endsAt: endsAt, roomID: nil))
                    }
                }
            }
        }
        return slots
    }

    private static func check(_ request: Request, specialists: Int, parties: Int) throws {
        guard (1...10).contains(specialists) else {
            throw SchedulingRefusal.specialistCount
        }
        guard parties <= 30 else {
            throw SchedulingRefusal.invalid("/party_ids", code: "count", "Give at most 30 parties.", "Не более 30 участников.")
        }
        guard (15...480).contains(request.durationMinutes) else {
            throw SchedulingRefusal.invalid("/duration_minutes", code: "range", "Must be 15 to 480 minutes.", "Должно быть от 15 до 480 минут.")
        }
        guard (1...56).contains(request.horizonDays) else {
            throw SchedulingRefusal.invalid("/horizon_days", code: "range", "Must be 1 to 56 days.", "Должно быть от 1 до 56 дней.")
        }
        guard (1...20).contains(request.limit) else {
            throw SchedulingRefusal.invalid("/limit", code: "range", "Must be 1 to 20.", "Должно быть от 1 до 20.")
        }
        if let seats = request.roomCapacity, !(1...500).contains(seats) {
            throw SchedulingRefusal.invalid("/room_capacity", code: "range", "Must be 1 to 500.", "Должно быть от 1 до 500.")
        }
    }

    /// Specialists active in the caller's organisation, parties of its cases.
    private static func checkParticipants(specialists: [UUID], parties: [UUID], of caller: StaffCaller, in connection: PostgresConnection) async throws {
        let found = try await connection.query("""
            SELECT (SELECT count(*) FROM scheduling.specialists
                    WHERE id = ANY (\(specialists)::uuid[]) AND organisation_id = \(caller.organisationID.uuid) AND active),
                   (SELECT count(*) FROM scheduling.parties p JOIN scheduling.cases c ON c.id = p.case_id
                    WHERE p.id = ANY (\(parties)::uuid[]) AND c.organisation_id = \(caller.organisationID.uuid)
                      AND (\(caller.role == .head) OR coalesce(c.specialist_id, c.proposed_specialist_id) = \(caller.specialistID?.uuid)))
            """).single.unwrapped("participants")
        guard try found.decode(Int.self, at: 0) == specialists.count else {
            throw SchedulingRefusal.unknownSpecialist
        }
        guard try found.decode(Int.self, at: 1) == parties.count else {
            throw SchedulingRefusal.invalid(
                "/party_ids", code: "unknown_party", "Every id must be a party of a case of your organisation.",
                "Каждый идентификатор должен принадлежать участнику дела вашей организации.")
        }
    }

    /// Active rooms with at least `seats` seats, smallest first, each with its bookings in range.
    private static func fittingRooms(
        seats: Int, of caller: StaffCaller, between range: (Date, Date), in connection: PostgresConnection
    ) async throws -> [(id: UUID, busy: BusyTimes)] {
        let rooms = try await connection.query("""
            SELECT id FROM scheduling.rooms
            WHERE organisation_id = \(caller.organisationID.uuid) AND active AND capacity >= \(seats) ORDER BY capacity, name, id
            """).map { try $0.decode(UUID.self, at: 0) }
        var held: [UUID: [(Date, Date)]] = [:]
        for row in try await connection.query("""
            SELECT resource_id, lower(during), upper(during) FROM scheduling.bookings
            WHERE resource_kind = 'room' AND resource_id = ANY (\(rooms)::uuid[]) AND during && tstzrange(\(range.0), \(range.1))
            """) {
            held[try row.decode(UUID.self, at: 0), default: []].append((try row.decode(Date.self, at: 1), try row.decode(Date.self, at: 2)))
        }
        return rooms.map { ($0, BusyTimes(held[$0, default: []])) }
    }

    private static func bookings(_ query: PostgresQuery, in connection: PostgresConnection) async throws -> [(Date, Date)] {
        try await connection.query(query).map { (try $0.decode(Date.self, at: 0), try $0.decode(Date.self, at: 1)) }
    }

    /// The parts of `windows` that lie inside one of `others` (both sorted, non-overlapping).
    static func intersect(_ windows: [(Int, Int)], _ others: [(Int, Int)]) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        for window in windows {
            for other in others {
                let start = max(window.0, other.0), end = min(window.1, other.1)
                if start < end { result.append((start, end)) }
            }
        }
        return result.sorted { $0.0 < $1.0 }
    }

    /// `windows` without `busy`.
    static func subtract(_ windows: [(Int, Int)], _ busy: (Int, Int)) -> [(Int, Int)] {
        windows.flatMap { window -> [(Int, Int)] in
            guard busy.0 < window.1, window.0 < busy.1 else { return [window] }
            return [(window.0, busy.0), (busy.1, window.1)].filter { $0.0 < $0.1 }
        }
    }
}

/// Times a resource is held, merged and sorted, for overlap checks by binary search.
struct BusyTimes: Sendable {
    private var spans: [(start: Date, end: Date)] = []

    init(_ held: [(Date, Date)]) {
        for (start, end) in held.sorted(by: { $0.0 < $1.0 }) {
            if let last = spans.last, start <= last.end {
                spans[spans.count - 1].end = max(last.end, end)
            } else {
                spans.append((start, end))
            }
        }
    }

    /// Whether nothing held overlaps `start..<end`.
    func isFree(_ start: Date, _ end: Date) -> Bool {
        // The first span ending after `start`: only it can overlap.
        var low = 0, high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].end <= start { low = middle + 1 } else { high = middle }
        }
        return low == spans.count || spans[low].start >= end
    }
}
