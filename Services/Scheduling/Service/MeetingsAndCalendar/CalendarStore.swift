import Foundation
import Models
import Postgres
import StaffAccess

/// The organisation's calendar as its head keeps it: rooms, holidays, and the specialists'
/// working hours and programme kinds. Reads are open to every staff role; writes to heads.
enum CalendarStore {
    /// A meeting room.
    struct Room: Sendable, Equatable {
        var id: UUID
        var name: String
        var capacity: Int
        var active: Bool
    }

    /// Adds a room.
    static func addRoom(name: String, capacity: Int, by caller: StaffCaller, in connection: PostgresConnection) async throws -> Room {
        try caller.require(.head, for: "manage rooms")
        let name = try name.requiredText(at: "/name", max: 200)
        guard (1...500).contains(capacity) else {
            throw SchedulingRefusal.invalid("/capacity", code: "range", "Must be 1 to 500.", "Должно быть от 1 до 500.")
        }
        let room = Room(id: UUID.v7(), name: name, capacity: capacity, active: true)
        let added = try await connection.query("""
            INSERT INTO scheduling.rooms (id, organisation_id, name, capacity) VALUES (\(room.id), \(caller.organisationID.uuid), \(name), \(capacity))
            ON CONFLICT (organisation_id, name) DO NOTHING RETURNING id
            """)
        guard !added.isEmpty else {
            throw SchedulingRefusal(
                .conflict, code: "room_name_taken", message: "Your organisation already has a room with this name.",
                messageRu: "В вашей организации уже есть помещение с таким названием.")
        }
        try await AuditTrail.record("room.add", by: caller, entity: "room", entityID: room.id, in: connection)
        return room
    }

    /// The organisation's rooms, by name.
    static func rooms(of caller: StaffCaller, in connection: PostgresConnection) async throws -> [Room] {
        try await connection.query("""
            SELECT id, name, capacity, active FROM scheduling.rooms WHERE organisation_id = \(caller.organisationID.uuid) ORDER BY name, id
            """).map { Room(id: try $0.decode(UUID.self, at: 0), name: try $0.decode(String.self, at: 1), capacity: try $0.decode(Int.self, at: 2), active: try $0.decode(Bool.self, at: 3)) }
    }

    /// Marks `day` as a day off (or renames it).
    ///
    /// - Returns: the name as stored: trimmed, empty when blank.
    @discardableResult
    static func setHoliday(_ day: LocalDate, name: String, by caller: StaffCaller, in connection: PostgresConnection) async throws -> String {
        try caller.require(.head, for: "manage holidays")
        let name = try Optional(name).optionalText(at: "/name", max: 200) ?? ""
        try await connection.query("""
            INSERT INTO scheduling.holidays (organisation_id, day, name) VALUES (\(caller.organisationID.uuid), \(day.description)::date, \(name))
            ON CONFLICT (organisation_id, day) DO UPDATE SET name = excluded.name
            """)
        try await AuditTrail.record("holiday.set", by: caller, entity: "holiday", in: connection)
        return name
    }

    /// Makes `day` a working day again.
    ///
    /// - Returns: whether it was a holiday.
    static func removeHoliday(_ day: LocalDate, by caller: StaffCaller, in connection: PostgresConnection) async throws -> Bool {
        try caller.require(.head, for: "manage holidays")
        let removed = try await connection.query("""
            DELETE FROM scheduling.holidays WHERE organisation_id = \(caller.organisationID.uuid) AND day = \(day.description)::date RETURNING day
            """)
        try await AuditTrail.record("holiday.remove", by: caller, entity: "holiday", in: connection)
        return !removed.isEmpty
    }

    /// The organisation's holidays in `year`.
    static func holidays(in year: Int, of caller: StaffCaller, in connection: PostgresConnection) async throws -> [(day: LocalDate, name: String)] {
        try await connection.query("""
            SELECT day::text, name FROM scheduling.holidays
            WHERE organisation_id = \(caller.organisationID.uuid) AND extract(year FROM day) = \(year) ORDER BY day
            """).map { (try LocalDate($0.decode(String.self, at: 0)).unwrapped("holiday"), try $0.decode(String.self, at: 1)) }
    }

    /// Replaces a specialist's weekly working hours (and, if given, the programme kinds they run).
    static func setWorkingHours(
        _ hours: [WeeklyHours], programmeKinds: [ProgrammeKind]?, of specialist: SpecialistID, by caller: StaffCaller,
        in connection: PostgresConnection
    ) async throws {
        try caller.require(.head, for: "set working hours")
        let hours = try hours.week(at: "/hours")
        let found = try await connection.query("""
            UPDATE scheduling.specialists SET programme_kinds = coalesce(\(programmeKinds?.map(\.rawValue))::text[], programme_kinds)
            WHERE id = \(specialist.uuid) AND organisation_id = \(caller.organisationID.uuid) RETURNING id
            """)
        guard !found.isEmpty else { throw SchedulingRefusal.notFound("specialist", "специалист") }
        try await replaceWorkingHours(of: specialist.uuid, with: hours, in: connection)
        try await AuditTrail.record("specialist.hours", by: caller, entity: "specialist", entityID: specialist.uuid, in: connection)
    }

    /// Stores `hours` as the specialist's whole week.
    static func replaceWorkingHours(of specialist: UUID, with hours: [WeeklyHours], in connection: PostgresConnection) async throws {
        // Two statements: a modifying WITH runs alongside its main statement, so a deleted window
        // could still collide with its re-inserted twin.
        try await connection.query("DELETE FROM scheduling.working_hours WHERE specialist_id = \(specialist)")
        try await connection.query("""
            INSERT INTO scheduling.working_hours (specialist_id, weekday, starts, ends)
            SELECT \(specialist), w, s::time, e::time
            FROM unnest(\(hours.map(\.weekday))::int[], \(hours.map(\.startsText))::text[], \(hours.map(\.endsText))::text[]) AS h (w, s, e)
            """)
    }
}

extension CalendarStore {
    /// A specialist as the staff API lists them: roles, programme kinds, caseload and week.
    struct Specialist: Sendable, Equatable {
        var id: SpecialistID
        var displayName: String
        var roles: [SpecialistRole]
        var programmeKinds: [ProgrammeKind]
        var maxCaseload: Int
        var openCases: Int
        var active: Bool
        var workingHours: [WeeklyHours]
    }

    /// The organisation's specialists with their current caseloads and working hours, by name.
    static func specialists(of caller: StaffCaller, in connection: PostgresConnection) async throws -> [Specialist] {
        try await connection.query("""
            SELECT s.id, s.display_name, s.roles, s.programme_kinds, s.max_caseload,
                   (SELECT count(*) FROM scheduling.cases c
                    WHERE coalesce(c.specialist_id, c.proposed_specialist_id) = s.id AND c.state <> 'closed')::int8, s.active,
                   coalesce((SELECT array_agg(\(unescaped: WeeklyHours.storedForm) ORDER BY h.weekday, h.starts)
                             FROM scheduling.working_hours h WHERE h.specialist_id = s.id), '{}')
            FROM scheduling.specialists s WHERE s.organisation_id = \(caller.organisationID.uuid)
            ORDER BY s.display_name, s.id
            """).map { row in
            Specialist(
                id: SpecialistID(try row.decode(UUID.self, at: 0)), displayName: try row.decode(String.self, at: 1),
                roles: try row.decode([String].self, at: 2).compactMap(SpecialistRole.init(rawValue:)),
                programmeKinds: try row.decode([String].self, at: 3).compactMap(ProgrammeKind.init(rawValue:)),
                maxCaseload: try row.decode(Int.self, at: 4), openCases: try row.decode(Int.self, at: 5), active: try row.decode(Bool.self, at: 6),
                workingHours: try row.decode([String].self, at: 7).map(WeeklyHours.init(stored:)))
        }
    }
}
