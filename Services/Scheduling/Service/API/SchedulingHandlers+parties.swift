import Foundation
import Models
import SchedulingAPI
import ServiceRuntime

extension SchedulingHandlers {
    func listParties(_ input: Operations.ListParties.Input) async throws -> Operations.ListParties.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        let parties = try await transaction { caller, connection, _ in try await PartyStore.parties(of: id, by: caller, in: connection) }
        return .ok(.init(body: .json(.init(items: parties.map(Components.Schemas.Party.init)))))
    }

    func addParty(_ input: Operations.AddParty.Input) async throws -> Operations.AddParty.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let draft = PartyStore.Draft(
            role: Wire.term(body.role), fullName: body.fullName, birthDate: try body.birthDate.map { try Wire.date($0, at: "/birth_date") },
            representsPartyID: try body.representsPartyId.map { PartyID(try Wire.uuid($0, at: "/represents_party_id")) },
            phone: body.phone, email: body.email, language: body.language.map { Wire.term($0) } ?? .ru,
            busyHours: try Wire.hours(body.busyHours, at: "/busy_hours"))
        let party = try await transaction { caller, connection, now in try await PartyStore.add(draft, to: id, by: caller, in: connection, now: now) }
        return .created(.init(body: .json(.init(party))))
    }

    func listConsents(_ input: Operations.ListConsents.Input) async throws -> Operations.ListConsents.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        let consents = try await transaction { caller, connection, _ in try await ConsentStore.consents(of: id, by: caller, in: connection) }
        return .ok(.init(body: .json(.init(items: consents.map(Components.Schemas.Consent.init)))))
    }

    func recordConsent(_ input: Operations.RecordConsent.Input) async throws -> Operations.RecordConsent.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let minor = PartyID(try Wire.uuid(body.minorPartyId, at: "/minor_party_id"))
        let giver = PartyID(try Wire.uuid(body.givenByPartyId, at: "/given_by_party_id"))
        let givenOn = try Wire.date(body.givenOn, at: "/given_on")
        let consent = try await transaction { caller, connection, now in
            try await ConsentStore.record(
                minor: minor, givenBy: giver, form: Wire.term(body.form), scopes: body.scopes.map { Wire.term($0) }, givenOn: givenOn,
                caseID: id, by: caller, in: connection, now: now)
        }
        return .created(.init(body: .json(.init(consent))))
    }

    func withdrawConsent(_ input: Operations.WithdrawConsent.Input) async throws -> Operations.WithdrawConsent.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        let consentID = ConsentID(try Wire.uuid(input.path.consentId, at: "consent_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let day = try Wire.date(body.withdrawnOn, at: "/withdrawn_on")
        let consent = try await transaction { caller, connection, now in
            try await ConsentStore.withdraw(consentID, of: id, on: day, reason: body.reason, by: caller, in: connection, now: now)
        }
        return .ok(.init(body: .json(.init(consent))))
    }
}
