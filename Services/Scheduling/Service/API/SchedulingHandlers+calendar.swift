import Foundation
import Models
import SchedulingAPI
import ServiceRuntime

extension SchedulingHandlers {
    func listRooms(_ input: Operations.ListRooms.Input) async throws -> Operations.ListRooms.Output {
        let rooms = try await transaction { caller, connection, _ in try await CalendarStore.rooms(of: caller, in: connection) }
        return .ok(.init(body: .json(.init(items: rooms.map(Components.Schemas.Room.init)))))
    }

    func addRoom(_ input: Operations.AddRoom.Input) async throws -> Operations.AddRoom.Output {
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let room = try await transaction { caller, connection, _ in
            try await CalendarStore.addRoom(name: body.name, capacity: body.capacity, by: caller, in: connection)
        }
        return .created(.init(body: .json(.init(room))))
    }

    func listSpecialists(_ input: Operations.ListSpecialists.Input) async throws -> Operations.ListSpecialists.Output {
        let specialists = try await transaction { caller, connection, _ in try await CalendarStore.specialists(of: caller, in: connection) }
        return .ok(.init(body: .json(.init(items: specialists.map(Components.Schemas.Specialist.init)))))
    }

    func setWorkingHours(_ input: Operations.SetWorkingHours.Input) async throws -> Operations.SetWorkingHours.Output {
        let id = SpecialistID(try Wire.uuid(input.path.specialistId, at: "specialist_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let hours = try Wire.hours(body.hours, at: "/hours")
        let specialist = try await transaction { caller, connection, _ in
            try await CalendarStore.setWorkingHours(
                hours, programmeKinds: body.programmeKinds?.map { Wire.term($0) }, of: id, by: caller, in: connection)
            return try await CalendarStore.specialists(of: caller, in: connection).first { $0.id == id }.unwrapped("specialist")
        }
        return .ok(.init(body: .json(.init(specialist))))
    }

    func listHolidays(_ input: Operations.ListHolidays.Input) async throws -> Operations.ListHolidays.Output {
        let holidays = try await transaction { caller, connection, now in
            try await CalendarStore.holidays(in: try await currentYear(input.query.year, of: caller, in: connection, now: now), of: caller, in: connection)
        }
        return .ok(.init(body: .json(.init(items: holidays.map { .init(day: $0.day.description, name: $0.name) }))))
    }

    func setHoliday(_ input: Operations.SetHoliday.Input) async throws -> Operations.SetHoliday.Output {
        let day = try Wire.date(input.path.day, at: "day")
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let name = try await transaction { caller, connection, _ in try await CalendarStore.setHoliday(day, name: body.name, by: caller, in: connection) }
        return .ok(.init(body: .json(.init(day: day.description, name: name))))
    }

    func removeHoliday(_ input: Operations.RemoveHoliday.Input) async throws -> Operations.RemoveHoliday.Output {
        let day = try Wire.date(input.path.day, at: "day")
        let removed = try await transaction { caller, connection, _ in try await CalendarStore.removeHoliday(day, by: caller, in: connection) }
        guard removed else { throw SchedulingRefusal.notFound("holiday", "выходной день") }
        return .noContent(.init())
    }
}
