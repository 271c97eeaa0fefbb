import Foundation
import Models
import Postgres

/// A delivery this replica has claimed (its attempt is in the log, its lease running), with
/// everything needed to send it: the notification and its recipient's contacts, or the event
/// and its subscription.
struct ClaimedDelivery: Sendable {
    var id: UUID
    var channel: Channel
    /// This attempt's number, 1 for the first.
    var attempt: Int
    /// For a notification: what to render, for whom.
    var notification: Notification?
    /// For a webhook: what to send, where.
    var webhook: Webhook?

    struct Notification: Sendable {
        var id: UUID
        var template: String
        var language: Language?
        var data: [String: String]
        /// `nil` when the recipient's record is gone.
        var recipient: Recipient?
    }

    struct Webhook: Sendable {
        var eventID: UUID
        var eventType: String
        var body: String
        var url: String
        var sealedSecret: Data
        var sealedPreviousSecret: Data?
        var previousSecretExpiresAt: Date?
    }

    /// Claims up to `limit` due deliveries on `channel`: marks them sending under a lease,
    /// counts the attempt and logs its start, in one statement committed before anything is sent.
    static func claim(_ channel: Channel, limit: Int, lease: Duration, on pool: PostgresPool) async throws -> [ClaimedDelivery] {
        let leaseSeconds = Double(lease.components.seconds)
        return try await pool.query(("""
            WITH due AS (
                SELECT id FROM notifications.deliveries
                WHERE state = 'pending' AND due_at <= now() AND channel = \(channel.rawValue)
                ORDER BY due_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE notifications.deliveries d
                SET state = 'sending', attempts = d.attempts + 1, lease_until = now() + make_interval(secs => \(leaseSeconds))
                FROM due WHERE d.id = due.id
                RETURNING d.id, d.channel, d.attempts, d.notification_id, d.subscription_id, d.event_id, d.event_type, d.event_body
            ), logged AS (
                INSERT INTO notifications.delivery_attempts (delivery_id, attempt, started_at) SELECT id, attempts, now() FROM claimed
            )
            SELECT c.id, c.channel, c.attempts, c.event_id, c.event_type, c.event_body,
                   n.id, n.template, n.language, n.data::text,
                   s.url, s.sealed_secret, s.sealed_previous_secret, s.previous_secret_expires_at,
                   r.*
            FROM claimed c
            LEFT JOIN notifications.notifications n ON n.id = c.notification_id
            LEFT JOIN notifications.webhook_subscriptions s ON s.id = c.subscription_id
            LEFT JOIN LATERAL (
                SELECT \(unescaped: Recipient.columns) FROM notifications.recipients
                WHERE kind = n.recipient_kind AND id = n.recipient_id AND organisation_id IS NOT DISTINCT FROM n.organisation_id
            ) r ON true
            """ as PostgresQuery).prepared).map(ClaimedDelivery.init(row:))
    }

    init(row: PostgresRow) throws {
        id = try row.decode(UUID.self, at: 0)
        channel = Channel(rawValue: try row.decode(String.self, at: 1))!
        attempt = try row.decode(Int.self, at: 2)
        if let eventID = try row.decode(UUID?.self, at: 3) {
            webhook = Webhook(
                eventID: eventID, eventType: try row.decode(String.self, at: 4), body: try row.decode(String.self, at: 5),
                url: try row.decode(String.self, at: 10), sealedSecret: try row.decode(Data.self, at: 11),
                sealedPreviousSecret: try row.decode(Data?.self, at: 12), previousSecretExpiresAt: try row.decode(Date?.self, at: 13))
        }
        if let notificationID = try row.decode(UUID?.self, at: 6) {
            let data = try JSONDecoder().decode([String: String].self, from: Data(try row.decode(String.self, at: 9).utf8))
            let hasRecipient = try row.decode(String?.self, at: 14) != nil
            notification = Notification(
                id: notificationID, template: try row.decode(String.self, at: 7),
                language: try row.decode(String?.self, at: 8).flatMap(Language.init(rawValue:)), data: data,
                recipient: hasRecipient ? try Recipient(row: row, from: 14) : nil)
        }
    }
}
