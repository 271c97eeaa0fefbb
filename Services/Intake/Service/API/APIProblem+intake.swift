import Foundation
import Models
import ServiceRuntime

/// The problems only intake answers with.
extension APIProblem {
    static let unauthenticated = APIProblem(
        status: .unauthorized, slug: "unauthenticated", title: "Authentication required", titleRu: "Требуется аутентификация",
        detail: "Send Authorization: Bearer <API key>. The key is missing, malformed, unknown, revoked or expired.",
        detailRu: "Передайте Authorization: Bearer <ключ API>. Ключ отсутствует, искажён, неизвестен, отозван или истёк.")

    static let referralNotFound = APIProblem(
        status: .notFound, slug: "not-found", title: "Referral not found", titleRu: "Заявка не найдена",
        detail: "This integrator has no referral with this id.", detailRu: "У этого интегратора нет заявки с таким идентификатором.")

    static let webhookNotFound = APIProblem(
        status: .notFound, slug: "not-found", title: "No webhook registered", titleRu: "Вебхук не зарегистрирован",
        detail: "This integrator has not registered a webhook.", detailRu: "Этот интегратор не зарегистрировал вебхук.")

    static func duplicate(of existing: ReferralID) -> APIProblem {
        APIProblem(
            status: .conflict, slug: "duplicate-referral", title: "Referral already submitted", titleRu: "Заявка уже направлена",
            detail: "This integrator already submitted a referral with this reference number; see existing_referral_id.",
            detailRu: "Этот интегратор уже направил заявку с таким исходящим номером; см. existing_referral_id.",
            location: "/v1/referrals/\(existing)", members: ["existing_referral_id": existing.description])
    }

    static let idempotencyMismatch = APIProblem(
        status: .unprocessableContent, slug: "idempotency-key-reused", title: "Idempotency-Key reused with a different body",
        titleRu: "Idempotency-Key повторён с другим телом запроса",
        detail: "This Idempotency-Key was first used with a different request body; use a new key for a new request.",
        detailRu: "Этот Idempotency-Key уже использован с другим телом запроса; для нового запроса нужен новый ключ.",
        issues: [FieldIssue(
            pointer: "Idempotency-Key", code: "reused", message: "Already used with a different body.",
            messageRu: "Уже использован с другим телом запроса.")])

}
