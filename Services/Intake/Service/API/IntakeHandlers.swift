import ServiceRuntime
import Foundation
import IntakeAPI
import Models
import Postgres

/// The intake API's operations, as generated from `docs/api/intake.yaml`. The gate has already
/// authenticated the caller and checked limits; every operation acts for that caller only.
struct IntakeHandlers: APIProtocol {
    let referrals: ReferralStore
    let webhooks: WebhookStore
    let fingerprinter: MinorFingerprinter

    func createReferral(_ input: Operations.CreateReferral.Input) async throws -> Operations.CreateReferral.Output {
        guard case .json(let submission) = input.body else { throw APIProblem.unsupportedMediaType }
        let (record, replayed) = try await accept(submission, idempotencyKey: input.headers.idempotencyKey) { valid, request, now in
            ReferralDraft(valid, body: request.body, caller: request.caller, now: now, fingerprinter: fingerprinter)
        }
        return .created(.init(
            headers: .init(location: "/v1/referrals/\(record.id)", idempotentReplayed: replayed ? ._true : nil),
            body: .json(record.apiReferral)))
    }

    func createSchoolIdentification(
        _ input: Operations.CreateSchoolIdentification.Input
    ) async throws -> Operations.CreateSchoolIdentification.Output {
        guard case .json(let submission) = input.body else { throw APIProblem.unsupportedMediaType }
        let (record, replayed) = try await accept(submission, idempotencyKey: input.headers.idempotencyKey) { valid, request, now in
            ReferralDraft(valid, body: request.body, caller: request.caller, now: now, fingerprinter: fingerprinter)
        }
        return .created(.init(
            headers: .init(location: "/v1/referrals/\(record.id)", idempotentReplayed: replayed ? ._true : nil),
            body: .json(record.apiReferral)))
    }

    /// Validates and stores a submission for the current caller: its body may carry only the
    /// documented fields and must pass every rule against the caller's "today"; `draft` builds
    /// what is stored from the validated submission. Returns the referral and whether it is a replay.
    private func accept<Submission: IntakeBody>(
        _ submission: Submission, idempotencyKey: String?, draft: (Submission, IntakeRequest, Date) -> ReferralDraft
    ) async throws -> (ReferralRecord, Bool) {
        let request = try IntakeRequest.required()
        let now = Date()
        let valid = try submission.checked(text: request.body, today: LocalDate(containing: now, in: request.caller.timeZone))
        let key = try Self.idempotencyKey(idempotencyKey)
        return try await referrals.create(draft(valid, request, now), caller: request.caller, idempotencyKey: key, bodyDigest: request.bodyDigest).record
    }

    func getReferral(_ input: Operations.GetReferral.Input) async throws -> Operations.GetReferral.Output {
        let request = try IntakeRequest.required()
        guard let id = ReferralID(input.path.referralId),
              let record = try await referrals.find(id, caller: request.caller)
        else { throw APIProblem.referralNotFound }
        SubmissionAsSent.current?.member.withLock { $0 = record.submissionMember }
        return .ok(.init(body: .json(record.apiReferral)))
    }

    func listReferrals(_ input: Operations.ListReferrals.Input) async throws -> Operations.ListReferrals.Output {
        let request = try IntakeRequest.required()
        var issues: [FieldIssue] = []
        let limit = input.query.limit ?? 50
        if !(1...200).contains(limit) { issues.append(.outOfRange("limit", 1...200)) }
        var cursor: ReferralCursor?
        if let text = input.query.cursor {
            cursor = ReferralCursor(text)
            if cursor == nil {
                issues.append(FieldIssue(
                    pointer: "cursor", code: "invalid_cursor", message: "Must be a next_cursor returned by this API.",
                    messageRu: "Должно быть значением next_cursor, полученным от этого API."))
            }
        }
        guard issues.isEmpty else { throw APIProblem.validation(issues) }
        let page = try await referrals.list(
            caller: request.caller, status: input.query.status.flatMap { ReferralStatus(rawValue: $0.rawValue) },
            since: input.query.since, after: cursor, limit: limit)
        return .ok(.init(body: .json(.init(
            items: page.items.map { record in
                .init(
                    id: record.id.description, kind: .init(rawValue: record.kind.rawValue) ?? .agencyReferral,
                    status: .init(rawValue: record.status.rawValue) ?? .received,
                    outcome: record.outcome.flatMap { .init(rawValue: $0.rawValue) },
                    reference: .init(number: record.referenceNumber, date: record.referenceDate),
                    receivedAt: record.receivedAt, updatedAt: record.updatedAt)
            },
            nextCursor: page.next?.text))))
    }

    func getWebhook(_ input: Operations.GetWebhook.Input) async throws -> Operations.GetWebhook.Output {
        let request = try IntakeRequest.required()
        guard let webhook = try await webhooks.find(caller: request.caller) else { throw APIProblem.webhookNotFound }
        return .ok(.init(body: .json(.init(url: webhook.url, events: webhook.events, registeredAt: webhook.registeredAt))))
    }

    func putWebhook(_ input: Operations.PutWebhook.Input) async throws -> Operations.PutWebhook.Output {
        let request = try IntakeRequest.required()
        guard case .json(let registration) = input.body else { throw APIProblem.unsupportedMediaType }
        let url = try registration.checked(text: request.body, today: LocalDate(containing: Date(), in: request.caller.timeZone)).url
        let secret = "whsec_" + APIKey.randomSecret()
        let webhook = try await webhooks.register(url: url, signingSecret: secret, caller: request.caller, now: Date())
        return .ok(.init(body: .json(.init(
            url: webhook.url, events: webhook.events, registeredAt: webhook.registeredAt, signingSecret: secret))))
    }

    func deleteWebhook(_ input: Operations.DeleteWebhook.Input) async throws -> Operations.DeleteWebhook.Output {
        let request = try IntakeRequest.required()
        try await webhooks.remove(caller: request.caller, now: Date())
        return .noContent(.init())
    }

    /// The key, or a 422 when it is empty, too long or not printable ASCII.
    private static func idempotencyKey(_ value: String?) throws -> String? {
        guard let value else { return nil }
        guard (1...200).contains(value.utf8.count), value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIProblem.validation([.invalidPattern(
                "Idempotency-Key", "1–200 printable ASCII characters without spaces", "1–200 печатных символов ASCII без пробелов")])
        }
        return value
    }
}

extension ReferralStore.Created {
    /// The referral, and whether it is a replay.
    var record: (ReferralRecord, Bool) {
        switch self {
        case .created(let record): (record, false)
        case .replayed(let record): (record, true)
        }
    }
}
