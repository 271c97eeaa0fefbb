import Foundation
import Models
import Postgres

extension MeetingStore {
    /// Every specialist is an active one of the case's organisation, every party is the case's,
    /// and the room (if any) is the organisation's, active, and holds everyone.
    static func checkParticipants(
        specialists: [UUID], parties: [UUID], room: UUID?, of record: CaseRecord, in connection: PostgresConnection
    ) async throws {
        guard (1...10).contains(specialists.count) else {
            throw SchedulingRefusal.specialistCount
        }
        let found = try await connection.query("""
            SELECT (SELECT count(*) FROM scheduling.specialists
                    WHERE id = ANY (\(specialists)::uuid[]) AND organisation_id = \(record.organisationID.uuid) AND active),
                   (SELECT count(*) FROM scheduling.parties WHERE id = ANY (\(parties)::uuid[]) AND case_id = \(record.id.uuid)),
                   (SELECT capacity FROM scheduling.rooms WHERE id = \(room) AND organisation_id = \(record.organisationID.uuid) AND active)
            """).single.unwrapped("participants")
        guard try found.decode(Int.self, at: 0) == specialists.count else {
            throw SchedulingRefusal.unknownSpecialist
        }
        guard try found.decode(Int.self, at: 1) == parties.count else {
            throw SchedulingRefusal.invalid(
                "/party_ids", code: "unknown_party", "Every id must be a party of this case.", "Каждый идентификатор должен принадлежать участнику этого дела.")
        }
        if room != nil {
            guard let capacity = try found.decode(Int?.self, at: 2) else {
                throw SchedulingRefusal.invalid(
                    "/room_id", code: "unknown_room", "Must be an active room of your organisation.", "Должно быть действующее помещение вашей организации.")
            }
            guard capacity >= specialists.count + parties.count else {
                throw SchedulingRefusal.invalid(
                    "/room_id", code: "room_too_small", "The room holds \(capacity); the meeting has \(specialists.count + parties.count) people.",
                    "Вместимость помещения \(capacity), участников встречи \(specialists.count + parties.count).")
            }
        }
    }

    /// The meeting is ahead, at most 8 h long, on one working day, within every specialist's
    /// working hours and outside every party's busy hours.
    static func checkTimes(
        _ startsAt: Date, _ endsAt: Date, specialists: [UUID], parties: [UUID], organisation: OrganisationID,
        in connection: PostgresConnection, now: Date
    ) async throws {
        guard endsAt > startsAt, endsAt.timeIntervalSince(startsAt) <= longest else {
            throw SchedulingRefusal.invalid(
                "/ends_at", code: "duration", "Must be after starts_at, by at most 8 hours.", "Должно быть позже starts_at, но не более чем на 8 часов.")
        }
        guard startsAt > now else {
            throw SchedulingRefusal.invalid("/starts_at", code: "in_past", "Must be in the future.", "Должно быть в будущем.")
        }
        let zone = try await OrganisationCalendar.timeZone(of: organisation, in: connection)
        let day = LocalDate(containing: startsAt, in: zone)
        let calendar = try await OrganisationCalendar.load(organisation, in: zone, from: day, through: day, in: connection)
        guard let span = calendar.localSpan(startsAt, endsAt) else { throw outsideWorkingHours }
        guard !calendar.holidays.contains(span.day) else {
            throw SchedulingRefusal(.conflict, code: "holiday", message: "The organisation does not work that day.", messageRu: "В этот день организация не работает.")
        }
        let working = try await WeeklyHours.working(of: specialists, in: connection)
        for specialist in specialists {
            let fits = working[specialist, default: []].contains { $0.weekday == span.weekday && $0.starts <= span.starts && span.ends <= $0.ends }
            guard fits else { throw outsideWorkingHours }
        }
        let busy = try await WeeklyHours.busy(of: parties, in: connection)
        let clash = busy.values.joined().contains { $0.weekday == span.weekday && $0.starts < span.ends && span.starts < $0.ends }
        guard !clash else {
            throw SchedulingRefusal(
                .conflict, code: "party_busy", message: "A party is busy then every week (lessons, work).",
                messageRu: "Участник занят в это время каждую неделю (уроки, работа).")
        }
    }

    private static var outsideWorkingHours: SchedulingRefusal {
        SchedulingRefusal(
            .conflict, code: "outside_working_hours", message: "Outside a specialist's working hours.",
            messageRu: "Вне рабочего времени специалиста.")
    }
}
