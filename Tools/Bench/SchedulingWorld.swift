import Foundation
import Models
import Postgres
import SchedulingService
import StaffAccess

/// The organisation the scheduling benchmark searches and books in, seeded straight into the
/// tables (the service's own paths would take minutes to build it): specialists at work Monday
/// to Friday 09:00–18:00 in Asia/Yekaterinburg, rooms of 2 to 12 seats, accompaniment cases with
/// one minor each (lessons 08:00–12:00), and meetings over the next weeks that never overlap.
struct SchedulingWorld: Sendable {
    let head: StaffCaller
    let specialists: [SpecialistID]
    let rooms: [UUID]
    /// Minors of seeded cases: searches include one.
    let parties: [PartyID]
    /// Cases without meetings, for the booking measurement.
    let freshCases: [CaseID]
    /// A meeting row the reference inserts hang their bookings on.
    let referenceMeeting: UUID
    let existingMeetings: Int
    let horizonDays: Int
    let zone: TimeZone

    static func seed(pool: PostgresPool, specialists count: Int, rooms roomCount: Int, bookings: Int, horizonDays: Int) async throws -> SchedulingWorld {
        let organisation = OrganisationID(UUID.v7())
        let zone = TimeZone(identifier: "Asia/Yekaterinburg")!
        let specialists = (0..<count).map { _ in UUID.v7() }
        let rooms = (0..<roomCount).map { _ in UUID.v7() }
        let caseCount = bookings / 2 + 2_000
        let cases = (0..<caseCount).map { _ in UUID.v7() }
        let parties = cases.map { _ in UUID.v7() }
        try await pool.withTransaction { connection in
            try await connection.query("INSERT INTO scheduling.organisations (id, time_zone) VALUES (\(organisation.uuid), \(zone.identifier))")
            try await connection.query("""
                INSERT INTO scheduling.specialists (id, organisation_id, display_name, roles, max_caseload)
                SELECT s, \(organisation.uuid), 'Специалист ' || n, '{mediator,curator}', 500 FROM unnest(\(specialists)::uuid[]) WITH ORDINALITY AS t (s, n)
                """)
            try await connection.query("""
                INSERT INTO scheduling.working_hours (specialist_id, weekday, starts, ends)
                SELECT s, d, '09:00', '18:00' FROM unnest(\(specialists)::uuid[]) AS s, generate_series(1, 5) AS d
                """)
            try await connection.query("""
                INSERT INTO scheduling.rooms (id, organisation_id, name, capacity)
                SELECT r, \(organisation.uuid), 'Кабинет ' || n, 2 + n % 11 FROM unnest(\(rooms)::uuid[]) WITH ORDINALITY AS t (r, n)
                """)
            try await connection.query("""
                INSERT INTO scheduling.cases (id, referral_id, integrator_id, organisation_id, kind, state, nature, requested_responses, occurred_on,
                                              minor_count, party_count, referral_received_at, opened_at, updated_at, first_contact_due_at)
                SELECT c, gen_random_uuid(), gen_random_uuid(), \(organisation.uuid), 'accompaniment', 'identified', 'dropout_risk', '{accompaniment}',
                       current_date, 1, 1, now(), now(), now(), now() + interval '3 days'
                FROM unnest(\(cases)::uuid[]) AS c
                """)
            try await connection.query("""
                INSERT INTO scheduling.parties (id, case_id, role, full_name, created_at)
                SELECT p, c, 'minor', 'Ученик', now() FROM unnest(\(parties)::uuid[], \(cases)::uuid[]) AS t (p, c)
                """)
            try await connection.query("""
                INSERT INTO scheduling.party_busy_hours (party_id, weekday, starts, ends)
                SELECT p, d, '08:00', '12:00' FROM unnest(\(parties)::uuid[]) AS p, generate_series(1, 5) AS d
                """)
        }
        // Meetings at 12:00–17:00 local on the weekdays ahead, each specialist and each room at
        // most once an hour; every other meeting in a room, each with its case's minor.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let firstDay = calendar.startOfDay(for: Date().addingTimeInterval(86_400))
        let hours: [Date] = (0..<horizonDays).flatMap { offset -> [Date] in
            let day = calendar.date(byAdding: .day, value: offset, to: firstDay)!
            guard !calendar.isDateInWeekend(day) else { return [] }
            return (12..<17).map { calendar.date(byAdding: .hour, value: $0, to: day)! }
        }
        var generator = SystemRandomNumberGenerator()
        var specialistBusy = Set<String>(), roomBusy = Set<String>()
        var meetings: [(id: UUID, caseID: UUID, party: UUID, specialist: UUID, room: UUID?, start: Date)] = []
        var attempts = 0
        while meetings.count < bookings, attempts < bookings * 20 {
            attempts += 1
            let start = hours.randomElement(using: &generator)!
            let specialist = specialists.randomElement(using: &generator)!
            guard specialistBusy.insert("\(specialist)\(start)").inserted else { continue }
            var room: UUID?
            if meetings.count % 2 == 0 {
                room = rooms.first { roomBusy.insert("\($0)\(start)").inserted }
            }
            let index = meetings.count / 2
            meetings.append((UUID.v7(), cases[index], parties[index], specialist, room, start))
        }
        try await pool.withTransaction { connection in
            for chunk in stride(from: 0, to: meetings.count, by: 1_000).map({ Array(meetings[$0..<min($0 + 1_000, meetings.count)]) }) {
                try await connection.query("""
                    INSERT INTO scheduling.meetings (id, case_id, organisation_id, kind, starts_at, ends_at, room_id, specialist_ids, party_ids, created_at, updated_at)
                    SELECT m, c, \(organisation.uuid), 'preliminary', s, s + interval '1 hour', r, ARRAY[sp], ARRAY[p], now(), now()
                    FROM unnest(\(chunk.map(\.id))::uuid[], \(chunk.map(\.caseID))::uuid[], \(chunk.map(\.start))::timestamptz[],
                                \(chunk.map(\.room))::uuid[], \(chunk.map(\.specialist))::uuid[], \(chunk.map(\.party))::uuid[]) AS t (m, c, s, r, sp, p)
                    """)
                // A case's two meetings share its minor; give the minor's hold only to the first.
                try await connection.query("""
                    INSERT INTO scheduling.bookings (meeting_id, resource_kind, resource_id, during)
                    SELECT id, 'specialist', specialist_ids[1], tstzrange(starts_at, ends_at, '[)') FROM scheduling.meetings WHERE id = ANY (\(chunk.map(\.id))::uuid[])
                    UNION ALL
                    SELECT id, 'room', room_id, tstzrange(starts_at, ends_at, '[)') FROM scheduling.meetings WHERE id = ANY (\(chunk.map(\.id))::uuid[]) AND room_id IS NOT NULL
                    ON CONFLICT DO NOTHING
                    """)
                try await connection.query("""
                    INSERT INTO scheduling.bookings (meeting_id, resource_kind, resource_id, during)
                    SELECT id, 'party', party_ids[1], tstzrange(starts_at, ends_at, '[)') FROM scheduling.meetings WHERE id = ANY (\(chunk.map(\.id))::uuid[])
                    ON CONFLICT DO NOTHING
                    """)
            }
            try await connection.query("ANALYZE scheduling.bookings")
        }
        let used = Set(meetings.map(\.caseID))
        return SchedulingWorld(
            head: StaffCaller(organisationID: organisation, role: .head, subject: "bench"), specialists: specialists.map(SpecialistID.init),
            rooms: rooms, parties: parties.prefix(caseCount - 2_000).map(PartyID.init),
            freshCases: cases.filter { !used.contains($0) }.map(CaseID.init), referenceMeeting: meetings[0].id, existingMeetings: meetings.count,
            horizonDays: horizonDays, zone: zone)
    }

    /// A meeting for one random specialist on a random weekday hour 09:00–17:15 in the horizon.
    func randomDraft(minutes: Int) -> MeetingStore.Draft {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var day = calendar.startOfDay(for: Date().addingTimeInterval(Double(Int.random(in: 1...horizonDays)) * 86_400))
        while calendar.isDateInWeekend(day) { day = calendar.date(byAdding: .day, value: 1, to: day)! }
        let start = day.addingTimeInterval(Double(9 * 60 + 15 * Int.random(in: 0..<33)) * 60)
        return MeetingStore.Draft(
            kind: .preliminary, startsAt: start, endsAt: start.addingTimeInterval(Double(minutes) * 60), roomID: nil,
            specialistIDs: [specialists.randomElement()!], partyIDs: [])
    }
}
