import Bus
import Foundation
import Models
import Postgres

/// Turns a notification into deliveries, in the transaction of the message that asked for it:
/// one per channel the recipient consented to and did not opt out of, each due at the requested
/// time or, on a quiet channel, at the end of the recipient's quiet hours.
struct DeliveryPlanner: Sendable {
    /// The NOTIFY channel the dispatcher listens on.
    static let wakeChannel = "accord_notifications_deliveries"

    var quietHours: QuietHours?
    var quietChannels: Set<Channel>
    var defaultTimeZone: TimeZone

    /// A notification to plan, from a request or decided by this service itself.
    struct Notification: Sendable {
        var id: UUID
        var organisationID: OrganisationID?
        var recipient: NotificationRecipient
        var template: String
        var language: Language?
        var data: [String: String]
        var sendAfter: Date?
        var groupKey: String?
    }

    /// Records `notification` and plans its deliveries; a notification already recorded (a
    /// redelivered request) adds nothing. Returns the number of deliveries planned.
    @discardableResult
    func plan(_ notification: Notification, in connection: PostgresConnection, now: Date) async throws -> Int {
        let recorded = try await connection.query("""
            INSERT INTO notifications.notifications
                (id, organisation_id, recipient_kind, recipient_id, template, language, data, send_after, group_key, requested_at)
            VALUES (\(notification.id), \(notification.organisationID?.uuid), \(notification.recipient.kind.rawValue), \(notification.recipient.id.uuid),
                    \(notification.template), \(notification.language?.rawValue), \(PostgresJSON(notification.data)), \(notification.sendAfter),
                    \(notification.groupKey), \(now))
            ON CONFLICT (id) DO NOTHING
            RETURNING (SELECT count(*) FROM notifications.withdrawn_groups w
                       WHERE w.organisation_id = \(notification.organisationID?.uuid) AND w.group_key = \(notification.groupKey)) > 0
            """)
        guard let row = recorded.single else { return 0 }
        if try row.decode(Bool.self, at: 0) { return try await leaveUnsent(notification.id, reason: "withdrawn", in: connection) }
        guard TemplateCatalogue.knows(notification.template) else {
            return try await leaveUnsent(notification.id, reason: "unknown_template", in: connection)
        }
        // Party and specialist records are the organisation's own: another organisation's request
        // cannot reach them.
        guard let recipient = try await connection.query("""
            SELECT \(unescaped: Recipient.columns) FROM notifications.recipients
            WHERE kind = \(notification.recipient.kind.rawValue) AND id = \(notification.recipient.id.uuid)
              AND organisation_id IS NOT DISTINCT FROM \(notification.organisationID?.uuid)
            """).single.map({ try Recipient(row: $0) })
        else { return try await leaveUnsent(notification.id, reason: "no_contact", in: connection) }
        let channels = recipient.usableChannels
        guard !channels.isEmpty else { return try await leaveUnsent(notification.id, reason: "no_consent", in: connection) }
        let requested = max(now, notification.sendAfter ?? now)
        var ids: [UUID] = [], names: [String] = [], dues: [Date] = [], deferrals: [String?] = []
        for channel in channels {
            let due = earliestSend(at: requested, on: channel, timeZone: recipient.timeZone ?? defaultTimeZone)
            ids.append(UUID.v7(at: now))
            names.append(channel.rawValue)
            dues.append(due)
            deferrals.append(due > requested ? "quiet_hours" : nil)
        }
        try await connection.query("""
            WITH planned AS (
                INSERT INTO notifications.deliveries (id, notification_id, channel, state, due_at, deferred_for, created_at)
                SELECT id, \(notification.id), channel, 'pending', due_at, deferred_for, \(now)
                FROM unnest(\(ids)::uuid[], \(names)::text[], \(dues)::timestamptz[], \(deferrals)::text[]) AS p(id, channel, due_at, deferred_for)
                ON CONFLICT (notification_id, channel) DO NOTHING
            )
            SELECT pg_notify(\(Self.wakeChannel), '')
            """)
        return channels.count
    }

    /// When a message due at `date` may go on `channel`: at once, or after quiet hours.
    func earliestSend(at date: Date, on channel: Channel, timeZone: TimeZone) -> Date {
        guard let quietHours, quietChannels.contains(channel) else { return date }
        return quietHours.earliestSend(at: date, in: timeZone)
    }

    private func leaveUnsent(_ id: UUID, reason: String, in connection: PostgresConnection) async throws -> Int {
        try await connection.query("UPDATE notifications.notifications SET unsent_reason = \(reason) WHERE id = \(id)")
        return 0
    }

    /// Withdraws every delivery of `groupKey` not yet begun, and remembers the group so that a
    /// request of it delivered later is withdrawn too. Returns how many were withdrawn.
    @discardableResult
    static func withdraw(_ withdrawal: NotificationsWithdrawn, in connection: PostgresConnection, now: Date) async throws -> Int {
        try await connection.query("""
            WITH remembered AS (
                INSERT INTO notifications.withdrawn_groups (organisation_id, group_key, withdrawn_at)
                VALUES (\(withdrawal.organisationID.uuid), \(withdrawal.groupKey), \(withdrawal.withdrawnAt))
                ON CONFLICT DO NOTHING
            )
            UPDATE notifications.deliveries d SET state = 'withdrawn', finished_at = \(now), lease_until = NULL
            FROM notifications.notifications n
            WHERE n.id = d.notification_id AND n.organisation_id = \(withdrawal.organisationID.uuid)
              AND n.group_key = \(withdrawal.groupKey) AND d.state = 'pending'
            """).affectedRows
    }
}
