import Foundation
import Models

/// A recipient as the API shows it to those who may see it. Ids are typed identifiers, so they
/// encode in the canonical lowercase form (`Foundation.UUID` encodes uppercase).
struct RecipientView: Encodable {
    struct ContactView: Encodable {
        var address: String
        var consent: Bool
        var optedOutAt: Date?
        enum CodingKeys: String, CodingKey { case address, consent, optedOutAt = "opted_out_at" }
    }

    var kind: String
    var id: RecipientID
    var language: String
    var timeZone: String?
    var email: ContactView?
    var phone: ContactView?
    var updatedAt: Date
    enum CodingKeys: String, CodingKey { case kind, id, language, timeZone = "time_zone", email, phone, updatedAt = "updated_at" }

    init(_ recipient: Recipient) {
        kind = recipient.kind.rawValue
        id = RecipientID(recipient.id)
        language = recipient.language.rawValue
        timeZone = recipient.timeZone?.identifier
        email = recipient.email.map { ContactView(address: $0.address, consent: $0.consent, optedOutAt: $0.optedOutAt) }
        phone = recipient.phone.map { ContactView(address: $0.address, consent: $0.consent, optedOutAt: $0.optedOutAt) }
        updatedAt = recipient.updatedAt
    }
}

/// A webhook subscription; `signing_secret` only in the answer that created or rotated it.
struct SubscriptionView: Encodable {
    var id: WebhookSubscriptionID
    var integratorID: IntegratorID
    var url: String
    var events: [String]
    var source: String
    var createdAt: Date
    var updatedAt: Date
    var previousSecretExpiresAt: Date?
    var signingSecret: String?
    enum CodingKeys: String, CodingKey {
        case id, integratorID = "integrator_id", url, events, source, createdAt = "created_at", updatedAt = "updated_at"
        case previousSecretExpiresAt = "previous_secret_expires_at", signingSecret = "signing_secret"
    }

    init(_ subscription: WebhookSubscription, secret: String? = nil) {
        id = WebhookSubscriptionID(subscription.id)
        integratorID = subscription.integratorID
        url = subscription.url
        events = subscription.events
        source = subscription.source
        createdAt = subscription.createdAt
        updatedAt = subscription.updatedAt
        previousSecretExpiresAt = subscription.previousSecretExpiresAt
        signingSecret = secret
    }
}

/// What a test send came to.
struct TestSendResult: Encodable {
    var outcome: String
    var peerStatus: Int?
    var detail: String?
    var latencyMs: Double
    enum CodingKeys: String, CodingKey { case outcome, peerStatus = "peer_status", detail, latencyMs = "latency_ms" }

    init(outcome: SendOutcome, latency: Duration) {
        switch outcome {
        case .delivered: self.outcome = "delivered"
        case .retry(_, let error, _): self.outcome = "temporary_failure"; detail = error
        case .failed(_, let reason): self.outcome = "failed"; detail = reason
        }
        peerStatus = outcome.peerStatus
        latencyMs = Double(latency.components.seconds) * 1000 + Double(latency.components.attoseconds) / 1e15
    }
}
