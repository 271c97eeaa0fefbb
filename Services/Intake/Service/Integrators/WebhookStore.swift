import Bus
import Foundation
import Models
import Postgres

/// An integrator's webhook: intake keeps the URL (to show it back) and announces registrations and
/// removals to notifications, which keeps the signing secret and delivers.
struct WebhookStore: Sendable {
    /// What a webhook receives.
    static let events = [ReferralStatusChanged.messageType]

    let pool: PostgresPool

    struct Registration: Sendable {
        var url: String
        var events: [String]
        var registeredAt: Date
    }

    /// Registers or replaces the caller's webhook and announces it with its new signing secret.
    func register(url: String, signingSecret: String, caller: IntakeCaller, now: Date) async throws -> Registration {
        let writes: PostgresQuery = """
            webhook AS (
                INSERT INTO intake.webhooks (integrator_id, url, events, registered_at)
                VALUES (\(caller.integratorID.uuid), \(url), \(Self.events), \(now))
                ON CONFLICT (integrator_id) DO UPDATE SET url = excluded.url, events = excluded.events, registered_at = excluded.registered_at
            ), audit AS (
                INSERT INTO intake.audit_log (integrator_id, key_id, action) VALUES (\(caller.integratorID.uuid), \(caller.keyID), 'webhook.register')
            )
            """
        let event = WebhookRegistered(
            integratorID: caller.integratorID, url: url, events: Self.events, signingSecret: signingSecret, registeredAt: now)
        _ = try await pool.withConnection { connection in
            try await MessageBus.publish([try OutgoingMessage(event)], topic: WebhookRegistered.messageType, after: writes, on: connection)
        }
        return Registration(url: url, events: Self.events, registeredAt: now)
    }

    /// The caller's webhook, if any.
    func find(caller: IntakeCaller) async throws -> Registration? {
        try await pool.query("""
            SELECT url, events, registered_at FROM intake.webhooks WHERE integrator_id = \(caller.integratorID.uuid)
            """).single.map {
            Registration(url: try $0.decode(String.self, at: 0), events: try $0.decode([String].self, at: 1), registeredAt: try $0.decode(Date.self, at: 2))
        }
    }

    /// Removes the caller's webhook and tells notifications to stop; removing none is not an error.
    func remove(caller: IntakeCaller, now: Date) async throws {
        let writes: PostgresQuery = """
            removed AS (DELETE FROM intake.webhooks WHERE integrator_id = \(caller.integratorID.uuid)),
            audit AS (
                INSERT INTO intake.audit_log (integrator_id, key_id, action) VALUES (\(caller.integratorID.uuid), \(caller.keyID), 'webhook.remove')
            )
            """
        _ = try await pool.withConnection { connection in
            try await MessageBus.publish(
                [try OutgoingMessage(WebhookRemoved(integratorID: caller.integratorID, removedAt: now))],
                topic: WebhookRemoved.messageType, after: writes, on: connection)
        }
    }
}
