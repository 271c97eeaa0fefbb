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

    /// Claims up to `limit` due deliveries on `channel`, oldest due first: marks them sending under
    /// a lease, counts the attempt and logs its start, in one statement committed before anything
    /// is sent.
    ///
    /// Webhook deliveries are taken subscription by subscription, each only up to `perSubscription`
    /// sends in flight to it (every replica's `sending` rows count): the rest of a receiver that
    /// hangs stay pending and unclaimed, so it never holds more than that many of the channel's
    /// slots, and other integrators' events go out at once.
    static func claim(
        _ channel: Channel, limit: Int, perSubscription: Int, lease: Duration, on pool: PostgresPool
    ) async throws -> [ClaimedDelivery] {
        let leaseSeconds = Double(lease.components.seconds)
        return try await pool.query(("""
            WITH wanted AS (
                SELECT \(channel.rawValue)::text AS channel, \(limit)::int AS total, \(perSubscription)::int AS per_subscription
            ), due AS (
                \(unescaped: channel == .webhook ? dueWebhooks : dueMessages)
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

    /// The `due` part of a claim of email or SMS (`wanted` holds the parameters): the oldest due.
    private static let dueMessages: StaticString = """
        SELECT id FROM notifications.deliveries
        WHERE state = 'pending' AND due_at <= now() AND channel = (SELECT channel FROM wanted)
        ORDER BY due_at LIMIT (SELECT total FROM wanted) FOR UPDATE SKIP LOCKED
        """

    /// The `due` part of a claim of webhooks: per subscription, its oldest due, as many as it has
    /// room for under its cap; then the oldest of those.
    private static let dueWebhooks: StaticString = """
        SELECT d.id FROM notifications.webhook_subscriptions s
        CROSS JOIN LATERAL (
            SELECT p.id, p.due_at FROM notifications.deliveries p
            WHERE p.subscription_id = s.id AND p.state = 'pending' AND p.due_at <= now()
            ORDER BY p.due_at
            LIMIT greatest(0, (SELECT per_subscription FROM wanted) - (
                SELECT count(*) FROM notifications.deliveries b WHERE b.subscription_id = s.id AND b.state = 'sending'))
            FOR UPDATE SKIP LOCKED
        ) d
        ORDER BY d.due_at LIMIT (SELECT total FROM wanted)
        """

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
