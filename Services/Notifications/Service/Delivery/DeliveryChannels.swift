import Foundation
import Models
import Postgres

/// The configured ways out: email, SMS and webhooks, and the templates messages are rendered
/// from. Turns a claimed delivery into a send, checking consent once more at the last moment.
struct DeliveryChannels: Sendable {
    let email: EmailSender?
    let sms: SMSGateway?
    let webhooks: WebhookSender
    let subscriptions: WebhookSubscriptionStore
    let catalogue: TemplateCatalogue
    let senderName: String
    let defaultTimeZone: TimeZone

    func send(_ claim: ClaimedDelivery, now: Date) async -> SendOutcome {
        if let webhook = claim.webhook {
            guard let secrets = try? subscriptions.signingSecrets(
                sealed: webhook.sealedSecret, previous: webhook.sealedPreviousSecret, previousExpiresAt: webhook.previousSecretExpiresAt, now: now)
            else { return .failed(peerStatus: nil, reason: "secret_unreadable") }
            return await webhooks.send(eventID: webhook.eventID, type: webhook.eventType, body: webhook.body, to: webhook.url, secrets: secrets, now: now)
        }
        guard let notification = claim.notification else { return .failed(peerStatus: nil, reason: "nothing_to_send") }
        guard let recipient = notification.recipient else { return .failed(peerStatus: nil, reason: "no_contact") }
        // Consent withdrawn or an opt-out since the notification was planned: not sent.
        let contact = claim.channel == .email ? recipient.email : recipient.phone
        guard let contact, contact.isUsable else { return .failed(peerStatus: nil, reason: "opted_out") }
        let language = notification.language ?? recipient.language
        let values = TemplateValues(language: language, timeZone: recipient.timeZone ?? defaultTimeZone, senderName: senderName)
            .values(for: notification.data)
        guard let message = catalogue.render(notification.template, language: language, values: values) else {
            return .failed(peerStatus: nil, reason: "unknown_template")
        }
        return await send(message, on: claim.channel, to: contact.address, deliveryID: claim.id, now: now)
    }

    /// The administrator's test: `test_message` in `language` to `address`, now.
    func sendTest(on channel: Channel, to address: String, language: Language, now: Date) async -> SendOutcome {
        let values = TemplateValues(language: language, timeZone: defaultTimeZone, senderName: senderName)
            .values(for: ["sent_at": PostgresTimestamp.format(now, separator: "T", utcSuffix: "Z")])
        guard let message = catalogue.render(NotificationTemplate.testMessage.rawValue, language: language, values: values) else {
            return .failed(peerStatus: nil, reason: "unknown_template")
        }
        return await send(message, on: channel, to: address, deliveryID: UUID.v7(at: now), now: now)
    }

    private func send(_ message: RenderedMessage, on channel: Channel, to address: String, deliveryID: UUID, now: Date) async -> SendOutcome {
        switch channel {
        case .email:
            guard let email else { return .retry(peerStatus: nil, error: "channel_not_configured", peerAsked: nil) }
            return await email.send(message, to: address, deliveryID: deliveryID, now: now)
        case .sms:
            guard let sms else { return .retry(peerStatus: nil, error: "channel_not_configured", peerAsked: nil) }
            return await sms.send(text: message.sms, to: address, deliveryID: deliveryID)
        case .webhook:
            return .failed(peerStatus: nil, reason: "nothing_to_send")
        }
    }
}
