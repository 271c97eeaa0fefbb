import Foundation
import IntakeAPI
import Models
import ServiceRuntime

/// A JSON request body intake takes, and how every problem of one is reported in a single 422:
/// undocumented fields, values that do not decode (missing, wrong type, outside an enumeration)
/// and broken rules (forbidden characters, lengths, dates, …) together, whichever stage finds
/// them.
protocol IntakeBody: Decodable, Sendable {
    /// The fields it may carry.
    static var fields: DocumentedFields { get }
    /// The operations that take it, by OpenAPI `operationId`.
    static var operationIDs: Set<String> { get }

    /// The body with every rule checked and its values normalised, or a 422 listing each broken
    /// rule. `undecided` values are stand-ins for what could not be decoded: nothing is said
    /// about them, nor judged by them.
    func validated(today: LocalDate, undecided: Set<String>) throws(APIProblem) -> Self
}

extension IntakeBody {
    /// The body as the generated server decoded it, validated, or one 422 listing its
    /// undocumented fields in `text` (the body as sent) with its broken rules.
    func checked(text: String, today: LocalDate) throws(APIProblem) -> Self {
        var issues = Self.fields.undocumented(in: text)
        do {
            let valid = try validated(today: today, undecided: [])
            if issues.isEmpty { return valid }
        } catch {
            issues += error.issues
        }
        throw .validation(issues)
    }

    /// The 422 for `text`, which the generated server could not decode: every value that does
    /// not decode and every undocumented field, and the rules broken by the values that did.
    /// `nil` when `text` is not JSON at all (the server's 400 stands).
    static func problem(decoding text: String, today: LocalDate) -> APIProblem? {
        let decoded = CollectingJSONDecoder.decode(Self.self, from: Data(text.utf8))
        guard !decoded.issues.isEmpty, !decoded.issues.contains(where: { $0.code == FieldIssue.notJSON.code }) else { return nil }
        var issues = decoded.issues
        do {
            _ = try decoded.body?.validated(today: today, undecided: Set(decoded.undecided))
        } catch {
            issues += error.issues
        }
        return .validation(issues)
    }
}

/// The bodies intake takes.
enum IntakeBodies {
    static let all: [any IntakeBody.Type] = [
        Components.Schemas.ReferralSubmission.self, Components.Schemas.SchoolIdentificationSubmission.self,
        Components.Schemas.WebhookRegistration.self,
    ]

    /// The 422 listing every problem of `text`, the body of `operationID` that the generated server
    /// could not decode; `nil` for an operation without a body, or text that is not JSON.
    static func problem(operationID: String, decoding text: String, today: LocalDate) -> APIProblem? {
        all.first { $0.operationIDs.contains(operationID) }?.problem(decoding: text, today: today)
    }
}

extension Components.Schemas.ReferralSubmission: IntakeBody {
    static var fields: DocumentedFields { .referralSubmission }
    static var operationIDs: Set<String> { ["createReferral"] }
}

extension Components.Schemas.SchoolIdentificationSubmission: IntakeBody {
    static var fields: DocumentedFields { .schoolIdentificationSubmission }
    static var operationIDs: Set<String> { ["createSchoolIdentification"] }
}

extension Components.Schemas.WebhookRegistration: IntakeBody {
    static var fields: DocumentedFields { .webhookRegistration }
    static var operationIDs: Set<String> { ["putWebhook"] }

    /// The registration with its URL trimmed, or a 422 if it is not one a webhook may use.
    func validated(today: LocalDate, undecided: Set<String>) throws(APIProblem) -> Self {
        var check = FieldChecker(today: today, undecided: undecided)
        let valid = WebhookURL.validated(url)
        if valid == nil { check.add(.invalidURL("/url")) }
        guard check.issues.isEmpty, let valid else { throw .validation(check.issues) }
        return Self(url: valid)
    }
}
