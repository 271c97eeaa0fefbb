import Foundation
import HTTPTypes
import Models

/// An answer other than success, as an RFC 9457 problem document in English and Russian.
///
/// Handlers and middleware throw it; `ProblemMiddleware` writes it. Text never contains a value
/// from the request: values may be personal data.
struct IntakeProblem: Error, Sendable {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// The last segment of the `type` URI (`validation`, `duplicate-referral`, …).
    var slug: String
    var title: String
    var titleRu: String
    var detail: String
    var detailRu: String
    /// Field errors, for 400 and 422.
    var issues: [FieldIssue] = []
    /// On a 409, the referral submitted first.
    var existingReferralID: ReferralID?
    /// `Retry-After` seconds, for 429 and 503.
    var retryAfter: Int?

    /// The `type` URI; it names documentation, it is not fetched.
    var type: String { "https://accord.example/problems/\(slug)" }
}

extension IntakeProblem {
    static let unauthenticated = IntakeProblem(
        status: .unauthorized, slug: "unauthenticated", title: "Authentication required", titleRu: "Требуется аутентификация",
        detail: "Send Authorization: Bearer <API key>. The key is missing, malformed, unknown, revoked or expired.",
        detailRu: "Передайте Authorization: Bearer <ключ API>. Ключ отсутствует, искажён, неизвестен, отозван или истёк.")

    static let referralNotFound = IntakeProblem(
        status: .notFound, slug: "not-found", title: "Referral not found", titleRu: "Заявка не найдена",
        detail: "This integrator has no referral with this id.", detailRu: "У этого интегратора нет заявки с таким идентификатором.")

    static let webhookNotFound = IntakeProblem(
        status: .notFound, slug: "not-found", title: "No webhook registered", titleRu: "Вебхук не зарегистрирован",
        detail: "This integrator has not registered a webhook.", detailRu: "Этот интегратор не зарегистрировал вебхук.")

    static let routeNotFound = IntakeProblem(
        status: .notFound, slug: "not-found", title: "Not found", titleRu: "Не найдено",
        detail: "No such resource; the API is described at /openapi.yaml.", detailRu: "Такого ресурса нет; API описан в /openapi.yaml.")

    static let methodNotAllowed = IntakeProblem(
        status: .methodNotAllowed, slug: "method-not-allowed", title: "Method not allowed", titleRu: "Метод не поддерживается",
        detail: "This resource does not support this method; see /openapi.yaml.",
        detailRu: "Этот ресурс не поддерживает данный метод; см. /openapi.yaml.")

    static func duplicate(of existing: ReferralID) -> IntakeProblem {
        IntakeProblem(
            status: .conflict, slug: "duplicate-referral", title: "Referral already submitted", titleRu: "Заявка уже направлена",
            detail: "This integrator already submitted a referral with this reference number; see existing_referral_id.",
            detailRu: "Этот интегратор уже направил заявку с таким исходящим номером; см. existing_referral_id.",
            existingReferralID: existing)
    }

    static func validation(_ issues: [FieldIssue]) -> IntakeProblem {
        IntakeProblem(
            status: .unprocessableContent, slug: "validation", title: "The request has invalid fields",
            titleRu: "Запрос содержит ошибки в полях",
            detail: "\(issues.count) field(s) failed validation; see errors.", detailRu: "Ошибок в полях: \(issues.count); см. errors.",
            issues: issues)
    }

    static func malformed(_ issues: [FieldIssue]) -> IntakeProblem {
        IntakeProblem(
            status: .badRequest, slug: "malformed-request", title: "The request cannot be read", titleRu: "Запрос не удаётся прочитать",
            detail: "The body is not well-formed JSON, or the request does not match the API.",
            detailRu: "Тело запроса не является корректным JSON или запрос не соответствует API.",
            issues: issues)
    }

    static let idempotencyMismatch = IntakeProblem(
        status: .unprocessableContent, slug: "idempotency-key-reused", title: "Idempotency-Key reused with a different body",
        titleRu: "Idempotency-Key повторён с другим телом запроса",
        detail: "This Idempotency-Key was first used with a different request body; use a new key for a new request.",
        detailRu: "Этот Idempotency-Key уже использован с другим телом запроса; для нового запроса нужен новый ключ.",
        issues: [FieldIssue(
            pointer: "Idempotency-Key", code: "reused", message: "Already used with a different body.",
            messageRu: "Уже использован с другим телом запроса.")])

    static func payloadTooLarge(limit: Int) -> IntakeProblem {
        IntakeProblem(
            status: .contentTooLarge, slug: "payload-too-large", title: "Request body too large", titleRu: "Тело запроса слишком велико",
            detail: "The body must be at most \(limit) bytes.", detailRu: "Тело запроса должно быть не больше \(limit) байт.")
    }

    static let unsupportedMediaType = IntakeProblem(
        status: .unsupportedMediaType, slug: "unsupported-media-type", title: "Body must be JSON", titleRu: "Тело запроса должно быть JSON",
        detail: "Send the body as application/json (UTF-8).", detailRu: "Передайте тело запроса как application/json (UTF-8).")

    static func rateLimited(retryAfter: Int) -> IntakeProblem {
        IntakeProblem(
            status: .tooManyRequests, slug: "rate-limited", title: "Too many requests", titleRu: "Слишком много запросов",
            detail: "This key's request rate limit is exhausted; retry after \(retryAfter) s.",
            detailRu: "Превышен лимит запросов для этого ключа; повторите через \(retryAfter) с.",
            retryAfter: retryAfter)
    }

    static func unavailable(retryAfter: Int) -> IntakeProblem {
        IntakeProblem(
            status: .serviceUnavailable, slug: "unavailable", title: "Temporarily unavailable", titleRu: "Временно недоступно",
            detail: "The service cannot reach its database; nothing was stored. Retry after \(retryAfter) s.",
            detailRu: "Сервис не может связаться с базой данных; ничего не сохранено. Повторите через \(retryAfter) с.",
            retryAfter: retryAfter)
    }

    static let internalError = IntakeProblem(
        status: .internalServerError, slug: "internal", title: "Internal error", titleRu: "Внутренняя ошибка",
        detail: "The request failed on our side and nothing was stored; it has been logged.",
        detailRu: "Запрос не выполнен по нашей вине, ничего не сохранено; ошибка записана в журнал.")
}
