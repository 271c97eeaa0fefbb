import Foundation
import Models
import SchedulingAPI
import ServiceRuntime

extension SchedulingHandlers {
    func getProgramme(_ input: Operations.GetProgramme.Input) async throws -> Operations.GetProgramme.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        let programme = try await transaction { caller, connection, _ in try await ProgrammeStore.programme(of: id, by: caller, in: connection) }
        guard let programme else { throw SchedulingRefusal.notFound("programme", "программа") }
        return .ok(.init(body: .json(.init(programme))))
    }

    func startProgramme(_ input: Operations.StartProgramme.Input) async throws -> Operations.StartProgramme.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let programme = try await transaction { caller, connection, now in
            try await ProgrammeStore.start(Wire.term(body.kind), in: id, by: caller, in: connection, now: now)
        }
        return .ok(.init(body: .json(.init(programme))))
    }

    func getAgreement(_ input: Operations.GetAgreement.Input) async throws -> Operations.GetAgreement.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        let agreement = try await transaction { caller, connection, _ in try await ProgrammeStore.agreement(of: id, by: caller, in: connection) }
        guard let agreement else { throw SchedulingRefusal.notFound("agreement", "примирительный договор") }
        return .ok(.init(body: .json(.init(agreement))))
    }

    func recordAgreement(_ input: Operations.RecordAgreement.Input) async throws -> Operations.RecordAgreement.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let reachedOn = try Wire.date(body.reachedOn, at: "/reached_on")
        let terms = try body.terms.enumerated().map { index, term in
            (description: term.description, dueOn: try Wire.date(term.dueOn, at: "/terms/\(index)/due_on"))
        }
        let agreement = try await transaction { caller, connection, now in
            try await ProgrammeStore.recordAgreement(reachedOn: reachedOn, terms: terms, in: id, by: caller, in: connection, now: now)
        }
        return .ok(.init(body: .json(.init(agreement))))
    }

    func checkAgreementTerm(_ input: Operations.CheckAgreementTerm.Input) async throws -> Operations.CheckAgreementTerm.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        let term = try Wire.uuid(input.path.termId, at: "term_id")
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let day = try Wire.date(body.checkedOn, at: "/checked_on")
        let agreement = try await transaction { caller, connection, now in
            try await ProgrammeStore.checkTerm(term, fulfilled: body.fulfilled, on: day, in: id, by: caller, in: connection, now: now)
        }
        return .ok(.init(body: .json(.init(agreement))))
    }
}
