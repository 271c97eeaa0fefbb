import Foundation
import Models
import SchedulingAPI
import ServiceRuntime

extension SchedulingHandlers {
    func listMeetings(_ input: Operations.ListMeetings.Input) async throws -> Operations.ListMeetings.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        let meetings = try await transaction { caller, connection, _ in try await MeetingStore.meetings(of: id, by: caller, in: connection) }
        return .ok(.init(body: .json(.init(items: meetings.map(Components.Schemas.Meeting.init)))))
    }

    func bookMeeting(_ input: Operations.BookMeeting.Input) async throws -> Operations.BookMeeting.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let draft = MeetingStore.Draft(
            kind: Wire.term(body.kind), startsAt: body.startsAt, endsAt: body.endsAt,
            roomID: try body.roomId.map { try Wire.uuid($0, at: "/room_id") },
            specialistIDs: try Wire.uuids(body.specialistIds, at: "/specialist_ids").map(SpecialistID.init),
            partyIDs: try Wire.uuids(body.partyIds, at: "/party_ids").map(PartyID.init))
        let meeting = try await transaction { caller, connection, now in try await MeetingStore.book(draft, for: id, by: caller, in: connection, now: now) }
        return .created(.init(body: .json(.init(meeting))))
    }

    func getMeeting(_ input: Operations.GetMeeting.Input) async throws -> Operations.GetMeeting.Output {
        let id = MeetingID(try Wire.uuid(input.path.meetingId, at: "meeting_id"))
        let meeting = try await transaction { caller, connection, _ in try await MeetingStore.meeting(id, by: caller, in: connection) }
        return .ok(.init(body: .json(.init(meeting))))
    }

    func rescheduleMeeting(_ input: Operations.RescheduleMeeting.Input) async throws -> Operations.RescheduleMeeting.Output {
        let id = MeetingID(try Wire.uuid(input.path.meetingId, at: "meeting_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let room = try body.roomId.map { try Wire.uuid($0, at: "/room_id") }
        let meeting = try await transaction { caller, connection, now in
            try await MeetingStore.reschedule(id, to: body.startsAt, body.endsAt, room: room, by: caller, in: connection, now: now)
        }
        return .ok(.init(body: .json(.init(meeting))))
    }

    func cancelMeeting(_ input: Operations.CancelMeeting.Input) async throws -> Operations.CancelMeeting.Output {
        let id = MeetingID(try Wire.uuid(input.path.meetingId, at: "meeting_id"))
        let meeting = try await transaction { caller, connection, now in try await MeetingStore.cancel(id, by: caller, in: connection, now: now) }
        return .ok(.init(body: .json(.init(meeting))))
    }

    func recordMeetingHeld(_ input: Operations.RecordMeetingHeld.Input) async throws -> Operations.RecordMeetingHeld.Output {
        let id = MeetingID(try Wire.uuid(input.path.meetingId, at: "meeting_id"))
        let meeting = try await transaction { caller, connection, now in try await MeetingStore.recordHeld(id, by: caller, in: connection, now: now) }
        return .ok(.init(body: .json(.init(meeting))))
    }

    func findSlots(_ input: Operations.FindSlots.Input) async throws -> Operations.FindSlots.Output {
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let request = SlotSearch.Request(
            specialistIDs: try Wire.uuids(body.specialistIds, at: "/specialist_ids").map(SpecialistID.init),
            partyIDs: try Wire.uuids(body.partyIds, at: "/party_ids").map(PartyID.init), durationMinutes: body.durationMinutes,
            needsRoom: body.needsRoom ?? true, roomCapacity: body.roomCapacity, from: body.from ?? Date(), horizonDays: body.horizonDays ?? 28,
            limit: body.limit ?? 5)
        let slots = try await transaction { caller, connection, now in try await SlotSearch.find(request, by: caller, in: connection, now: now) }
        return .ok(.init(body: .json(.init(
            slots: slots.map { .init(startsAt: $0.startsAt, endsAt: $0.endsAt, roomId: $0.roomID?.uuidString.lowercased()) }))))
    }
}
