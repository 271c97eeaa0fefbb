import Foundation
import Models
import SchedulingAPI
import ServiceRuntime

extension SchedulingHandlers {
    func listCases(_ input: Operations.ListCases.Input) async throws -> Operations.ListCases.Output {
        let query = input.query
        let limit = query.limit ?? 50
        guard (1...200).contains(limit) else {
            throw SchedulingRefusal.invalid("limit", code: "range", "Must be 1 to 200.", "Должно быть от 1 до 200.")
        }
        let after = try query.cursor.map { CaseID(try Wire.uuid($0, at: "cursor")) }
        let specialist = try query.specialistId.map { SpecialistID(try Wire.uuid($0, at: "specialist_id")) }
        let cases = try await transaction { caller, connection, _ in
            try await CaseStore.cases(
                of: caller, state: query.state?.rawValue, kind: query.kind.map { Wire.term($0) }, specialist: specialist, limit: limit,
                after: after, in: connection)
        }
        return .ok(.init(body: .json(.init(
            items: cases.map(Components.Schemas.Case.init), nextCursor: cases.count == limit ? cases.last?.id.description : nil))))
    }

    func getCase(_ input: Operations.GetCase.Input) async throws -> Operations.GetCase.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        let record = try await transaction { caller, connection, _ in try await CaseRecord.find(id, for: caller, in: connection) }
        return .ok(.init(body: .json(.init(record))))
    }

    func moveCase(_ input: Operations.MoveCase.Input) async throws -> Operations.MoveCase.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        guard case .json(let move) = input.body else { throw APIProblem.unsupportedMediaType }
        let record = try await transaction { caller, connection, now in
            let current = try await CaseRecord.find(id, for: caller, in: connection)
            guard let target = CaseState(kind: current.kind, rawValue: move.to.rawValue) else {
                throw SchedulingRefusal(
                    .conflict, code: "illegal_transition", message: "This step belongs to the other kind of case.",
                    messageRu: "Этот этап относится к делу другого вида.")
            }
            return try await CaseStore.move(
                id, to: target, outcome: move.outcome.map { Wire.term($0) }, reason: move.closingReason.map { Wire.term($0) }, by: caller,
                in: connection, now: now)
        }
        return .ok(.init(body: .json(.init(record))))
    }

    func assignCase(_ input: Operations.AssignCase.Input) async throws -> Operations.AssignCase.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        guard case .json(let assignment) = input.body else { throw APIProblem.unsupportedMediaType }
        let specialist = SpecialistID(try Wire.uuid(assignment.specialistId, at: "/specialist_id"))
        let record = try await transaction { caller, connection, now in
            try await CaseStore.assign(id, to: specialist, by: caller, in: connection, now: now)
        }
        return .ok(.init(body: .json(.init(record))))
    }
}
