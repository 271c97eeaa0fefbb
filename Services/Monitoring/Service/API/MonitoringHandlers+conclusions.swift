import Foundation
import Models
import MonitoringAPI
import OpenAPIRuntime
import ServiceRuntime

extension MonitoringHandlers {
    func prepareConclusion(_ input: Operations.PrepareConclusion.Input) async throws -> Operations.PrepareConclusion.Output {
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        guard let caseID = UUID(uuidString: input.path.caseId) else { throw ReportRefusal.notFound }
        let reference = body.requestReference.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [FieldIssue] = []
        if reference.isEmpty || reference.count > 100 || reference.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            issues.append(FieldIssue(pointer: "/request_reference", code: "invalid_value", message: "Must be 1–100 characters without control characters.",
                messageRu: "Должно быть от 1 до 100 символов без управляющих символов."))
        }
        let requestedOn = LocalDate(body.requestedOn)
        if requestedOn == nil {
            issues.append(FieldIssue(pointer: "/requested_on", code: "invalid_value", message: "Must be a date (YYYY-MM-DD).", messageRu: "Должно быть: дата (ГГГГ-ММ-ДД)."))
        }
        guard issues.isEmpty, let requestedOn else { throw APIProblem.validation(issues) }
        let kept = try await withAccess { access, connection in
            try await ConclusionStore.prepare(
                case: caseID, requestedBy: body.requestedBy.rawValue, reference: reference, requestedOn: requestedOn, by: access, on: connection)
        }
        return .created(.init(body: .json(.init(kept))))
    }

    func getConclusion(_ input: Operations.GetConclusion.Input) async throws -> Operations.GetConclusion.Output {
        .ok(.init(body: .json(.init(try await conclusion(input.path.conclusionId)))))
    }

    func exportConclusionHTML(_ input: Operations.ExportConclusionHTML.Input) async throws -> Operations.ExportConclusionHTML.Output {
        .ok(.init(body: .html(HTTPBody(ConclusionHTML(kept: try await conclusion(input.path.conclusionId)).html))))
    }

    /// A conclusion of the caller's organisation.
    private func conclusion(_ text: String) async throws -> ConclusionStore.Kept {
        try await withAccess { access, connection in
            guard let id = UUID(uuidString: text), let kept = try await ConclusionStore.find(id, by: access, on: connection) else {
                throw ReportRefusal.notFound
            }
            return kept
        }
    }
}

extension Components.Schemas.Conclusion {
    init(_ kept: ConclusionStore.Kept) {
        let document = kept.document
        self.init(
            id: kept.id.uuidString.lowercased(), caseId: document.caseID.uuidString.lowercased(), kind: .init(rawValue: document.kind) ?? .restorative,
            nature: document.nature, requestedBy: kept.requestedBy, requestReference: kept.requestReference,
            requestedOn: kept.requestedOn.description, preparedBy: kept.preparedBy, preparedAt: kept.preparedAt,
            steps: document.steps.map { .init(on: $0.on, what: $0.what, detail: $0.detail) }, meetingsHeld: document.meetingsHeld,
            programmeKind: document.programmeKind, agreementTerms: document.agreementTerms, agreementTermsKept: document.agreementTermsKept,
            outcome: document.outcome, closingReason: document.closingReason,
            profiles: document.profiles.map {
                .init(on: $0.on.description, attendancePercent: $0.attendancePercent, behaviour: $0.behaviour, performance: $0.performance)
            },
            interventions: document.interventions.map {
                .init(area: $0.area, kind: $0.kind, startsOn: $0.startsOn.description, endsOn: $0.endsOn.description, status: $0.status)
            })
    }
}
