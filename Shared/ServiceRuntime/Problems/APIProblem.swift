import Foundation
import HTTPTypes

/// An answer other than success, as an RFC 9457 problem document in English and Russian.
///
/// Handlers and middleware throw it; ``ProblemMiddleware`` writes it. Text never contains a value
/// from the request: values may be personal data.
public struct APIProblem: Error, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The last segment of the `type` URI (`validation`, `duplicate-referral`, …).
    public var slug: String
    /// A short summary, in English.
    public var title: String
    /// A short summary, in Russian.
    public var titleRu: String
    /// What happened, in English.
    public var detail: String
    /// What happened, in Russian.
    public var detailRu: String
    /// Field errors, for 400, 409 and 422.
    public var issues: [FieldIssue] = []
    /// `Retry-After` seconds, for 429 and 503.
    public var retryAfter: Int?
    /// `Location`: where the resource the problem is about lives (the referral submitted first, on a 409).
    public var location: String?
    /// Extension members of the document, by name (`existing_referral_id`).
    public var members: [String: String] = [:]

    /// A problem.
    public init(
        status: HTTPResponse.Status, slug: String, title: String, titleRu: String, detail: String, detailRu: String,
        issues: [FieldIssue] = [], retryAfter: Int? = nil, location: String? = nil, members: [String: String] = [:]
    ) {
        self.status = status
        self.slug = slug
        self.title = title
        self.titleRu = titleRu
        self.detail = detail
        self.detailRu = detailRu
        self.issues = issues
        self.retryAfter = retryAfter
        self.location = location
        self.members = members
    }

    /// The `type` URI; it names documentation, it is not fetched.
    public var type: String { "https://accord.example/problems/\(slug)" }
}

extension APIProblem {
    /// No route matches the path.
    public static let routeNotFound = APIProblem(
        status: .notFound, slug: "not-found", title: "Not found", titleRu: "Не найдено",
        detail: "No such resource; the API is described at /openapi.yaml.", detailRu: "Такого ресурса нет; API описан в /openapi.yaml.")

    /// The route exists without this method.
    public static let methodNotAllowed = APIProblem(
        status: .methodNotAllowed, slug: "method-not-allowed", title: "Method not allowed", titleRu: "Метод не поддерживается",
        detail: "This resource does not support this method; see /openapi.yaml.",
        detailRu: "Этот ресурс не поддерживает данный метод; см. /openapi.yaml.")

    /// Fields that break the API's rules (422).
    public static func validation(_ issues: [FieldIssue]) -> APIProblem {
        APIProblem(
            status: .unprocessableContent, slug: "validation", title: "The request has invalid fields",
            titleRu: "Запрос содержит ошибки в полях",
            detail: "\(issues.count) field(s) failed validation; see errors.", detailRu: "Ошибок в полях: \(issues.count); см. errors.",
            issues: issues)
    }

    /// A body that is not JSON, or a request that does not fit the API (400).
    public static func malformed(_ issues: [FieldIssue]) -> APIProblem {
        APIProblem(
            status: .badRequest, slug: "malformed-request", title: "The request cannot be read", titleRu: "Запрос не удаётся прочитать",
            detail: "The body is not well-formed JSON, or the request does not match the API.",
            detailRu: "Тело запроса не является корректным JSON или запрос не соответствует API.",
            issues: issues)
    }

    /// A body above the cap (413).
    public static func payloadTooLarge(limit: Int) -> APIProblem {
        APIProblem(
            status: .contentTooLarge, slug: "payload-too-large", title: "Request body too large", titleRu: "Тело запроса слишком велико",
            detail: "The body must be at most \(limit) bytes.", detailRu: "Тело запроса должно быть не больше \(limit) байт.")
    }

    /// A body that is not JSON (415).
    public static let unsupportedMediaType = APIProblem(
        status: .unsupportedMediaType, slug: "unsupported-media-type", title: "Body must be JSON", titleRu: "Тело запроса должно быть JSON",
        detail: "Send the body as application/json (UTF-8).", detailRu: "Передайте тело запроса как application/json (UTF-8).")

    /// The caller's rate limit is spent (429).
    public static func rateLimited(retryAfter: Int) -> APIProblem {
        APIProblem(
            status: .tooManyRequests, slug: "rate-limited", title: "Too many requests", titleRu: "Слишком много запросов",
            detail: "This key's request rate limit is exhausted; retry after \(retryAfter) s.",
            detailRu: "Превышен лимит запросов для этого ключа; повторите через \(retryAfter) с.",
            retryAfter: retryAfter)
    }

    /// The database is out of reach (503).
    public static func unavailable(retryAfter: Int) -> APIProblem {
        APIProblem(
            status: .serviceUnavailable, slug: "unavailable", title: "Temporarily unavailable", titleRu: "Временно недоступно",
            detail: "The service cannot reach its database; nothing was stored. Retry after \(retryAfter) s.",
            detailRu: "Сервис не может связаться с базой данных; ничего не сохранено. Повторите через \(retryAfter) с.",
            retryAfter: retryAfter)
    }

    /// Our fault (500); nothing was stored.
    public static let internalError = APIProblem(
        status: .internalServerError, slug: "internal", title: "Internal error", titleRu: "Внутренняя ошибка",
        detail: "The request failed on our side and nothing was stored; it has been logged.",
        detailRu: "Запрос не выполнен по нашей вине, ничего не сохранено; ошибка записана в журнал.")
}
