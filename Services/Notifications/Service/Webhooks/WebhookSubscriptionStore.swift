import Foundation
import Models
import Postgres
import StaffAccess

/// Integrators' webhook subscriptions: intake's registrations arrive over the bus, an
/// administrator's through the API; both deliver the same way.
struct WebhookSubscriptionStore: Sendable {
    let box: SecretBox
    /// How long a rotated-out secret still signs.
    let overlap: TimeInterval

    // MARK: Intake's registrations

    /// Applies intake's registration, unless a later registration or removal was applied already.
    func apply(_ registration: WebhookRegistered, in connection: PostgresConnection, now: Date) async throws {
        guard try await isLatest(registration.integratorID, at: registration.registeredAt, in: connection) else { return }
        let sealed = try box.seal(registration.signingSecret)
        try await connection.query("""
            WITH replaced AS (
                UPDATE notifications.webhook_subscriptions
                SET url = \(registration.url), events = \(registration.events), sealed_secret = \(sealed),
                    sealed_previous_secret = NULL, previous_secret_expires_at = NULL, updated_at = \(now)
                WHERE integrator_id = \(registration.integratorID.uuid) AND source = 'intake' AND removed_at IS NULL
                RETURNING id
            )
            INSERT INTO notifications.webhook_subscriptions (id, integrator_id, url, events, sealed_secret, source, created_at, updated_at, created_by)
            SELECT \(UUID.v7(at: now)), \(registration.integratorID.uuid), \(registration.url), \(registration.events), \(sealed), 'intake', \(now), \(now), 'intake'
            WHERE NOT EXISTS (SELECT 1 FROM replaced)
            """)
    }

    /// Applies intake's removal, unless a later registration was applied already.
    func apply(_ removal: WebhookRemoved, in connection: PostgresConnection) async throws {
        guard try await isLatest(removal.integratorID, at: removal.removedAt, in: connection) else { return }
        try await connection.query("""
            WITH removed AS (
                UPDATE notifications.webhook_subscriptions SET removed_at = \(removal.removedAt), updated_at = \(removal.removedAt)
                WHERE integrator_id = \(removal.integratorID.uuid) AND source = 'intake' AND removed_at IS NULL
                RETURNING id
            )
            \(unescaped: Self.withdrawPending)
            """)
    }

    /// Stops the pending deliveries of the subscriptions in the statement's `removed` CTE.
    private static let withdrawPending: StaticString = """
        UPDATE notifications.deliveries SET state = 'withdrawn', finished_at = now(), failure = 'subscription_removed'
        WHERE subscription_id IN (SELECT id FROM removed) AND state = 'pending'
        """

    private func isLatest(_ integrator: IntegratorID, at time: Date, in connection: PostgresConnection) async throws -> Bool {
        try await !connection.query("""
            INSERT INTO notifications.intake_registrations (integrator_id, last_changed_at) VALUES (\(integrator.uuid), \(time))
            ON CONFLICT (integrator_id) DO UPDATE SET last_changed_at = excluded.last_changed_at
            WHERE notifications.intake_registrations.last_changed_at < excluded.last_changed_at
            RETURNING 1
            """).isEmpty
    }

    // MARK: Delivery

    /// Plans one delivery of `event` to each of the integrator's subscriptions that asked for its
    /// type; an event planned already (a redelivered message) adds nothing.
    func fanOut(_ event: WebhookEvent, to integrator: IntegratorID, in connection: PostgresConnection, now: Date) async throws {
        try await connection.query("""
            WITH planned AS (
                INSERT INTO notifications.deliveries (id, subscription_id, channel, event_id, event_type, event_body, state, due_at, created_at)
                SELECT gen_random_uuid(), s.id, 'webhook', \(event.id), \(event.type), \(event.body), 'pending', \(now), \(now)
                FROM notifications.webhook_subscriptions s
                WHERE s.integrator_id = \(integrator.uuid) AND s.removed_at IS NULL AND \(event.type)::text = ANY (s.events)
                ON CONFLICT (subscription_id, event_id) DO NOTHING
                RETURNING 1
            )
            SELECT pg_notify(\(DeliveryPlanner.wakeChannel), '') FROM (SELECT 1 FROM planned LIMIT 1) AS any_planned
            """)
    }

    /// The secrets a delivery to a subscription is signed with now: the current one, and the
    /// previous one while its overlap lasts.
    func signingSecrets(sealed: Data, previous: Data?, previousExpiresAt: Date?, now: Date) throws -> [String] {
        var secrets = [try box.open(sealed)]
        if let previous, let previousExpiresAt, previousExpiresAt > now { secrets.append(try box.open(previous)) }
        return secrets
    }

    // MARK: The administrator's API

    /// Every subscription not removed, of one integrator or of all.
    func list(integrator: IntegratorID?, in pool: PostgresPool) async throws -> [WebhookSubscription] {
        try await pool.query("""
            SELECT \(unescaped: WebhookSubscription.columns) FROM notifications.webhook_subscriptions
            WHERE removed_at IS NULL AND (\(integrator?.uuid)::uuid IS NULL OR integrator_id = \(integrator?.uuid))
            ORDER BY created_at, id
            """).map(WebhookSubscription.init(row:))
    }

    /// One subscription not removed.
    func find(_ id: UUID, in pool: PostgresPool) async throws -> WebhookSubscription? {
        try await pool.query("""
            SELECT \(unescaped: WebhookSubscription.columns) FROM notifications.webhook_subscriptions WHERE id = \(id) AND removed_at IS NULL
            """).single.map(WebhookSubscription.init(row:))
    }

    /// Creates a subscription; returns it with its new secret, which is shown this once.
    func create(
        integrator: IntegratorID, url: String, events: [String], caller: StaffCaller, in pool: PostgresPool, now: Date
    ) async throws -> (WebhookSubscription, secret: String) {
        let secret = SecretBox.newSigningSecret()
        let id = UUID.v7(at: now)
        let row = try await pool.query("""
            WITH created AS (
                INSERT INTO notifications.webhook_subscriptions (id, integrator_id, url, events, sealed_secret, source, created_at, updated_at, created_by)
                VALUES (\(id), \(integrator.uuid), \(url), \(events), \(try box.seal(secret)), 'api', \(now), \(now), \(caller.actor))
                RETURNING \(unescaped: WebhookSubscription.columns)
            ), audit AS (
                INSERT INTO notifications.audit_log (actor, action, entity, entity_id) VALUES (\(caller.actor), 'subscription.create', 'webhook_subscription', \(id))
            )
            SELECT * FROM created
            """).single!
        return (try WebhookSubscription(row: row), secret)
    }

    /// Changes a subscription's URL or events.
    func update(_ id: UUID, url: String?, events: [String]?, caller: StaffCaller, in pool: PostgresPool, now: Date) async throws -> WebhookSubscription? {
        try await pool.query("""
            WITH updated AS (
                UPDATE notifications.webhook_subscriptions
                SET url = coalesce(\(url), url), events = coalesce(\(events)::text[], events), updated_at = \(now)
                WHERE id = \(id) AND removed_at IS NULL
                RETURNING \(unescaped: WebhookSubscription.columns)
            ), audit AS (
                INSERT INTO notifications.audit_log (actor, action, entity, entity_id)
                SELECT \(caller.actor), 'subscription.update', 'webhook_subscription', id FROM updated
            )
            SELECT * FROM updated
            """).single.map(WebhookSubscription.init(row:))
    }

    /// Gives a subscription a new secret; the old one still signs (beside the new) for the overlap,
    /// so the integrator can switch without losing a delivery. Returns the new secret, shown once.
    func rotateSecret(_ id: UUID, caller: StaffCaller, in pool: PostgresPool, now: Date) async throws -> (WebhookSubscription, secret: String)? {
        let secret = SecretBox.newSigningSecret()
        let row = try await pool.query("""
            WITH rotated AS (
                UPDATE notifications.webhook_subscriptions
                SET sealed_previous_secret = sealed_secret, previous_secret_expires_at = \(now.addingTimeInterval(overlap)),
                    sealed_secret = \(try box.seal(secret)), updated_at = \(now)
                WHERE id = \(id) AND removed_at IS NULL
                RETURNING \(unescaped: WebhookSubscription.columns)
            ), audit AS (
                INSERT INTO notifications.audit_log (actor, action, entity, entity_id)
                SELECT \(caller.actor), 'subscription.rotate_secret', 'webhook_subscription', id FROM rotated
            )
            SELECT * FROM rotated
            """).single
        return try row.map { (try WebhookSubscription(row: $0), secret) }
    }

    /// Removes a subscription; its pending deliveries are withdrawn, its log stays.
    func remove(_ id: UUID, caller: StaffCaller, in pool: PostgresPool, now: Date) async throws -> Bool {
        try await pool.withConnection { connection in
            try await connection.withTransaction { transaction in
                let removed = try await transaction.query("""
                    UPDATE notifications.webhook_subscriptions SET removed_at = \(now), updated_at = \(now)
                    WHERE id = \(id) AND removed_at IS NULL RETURNING id
                    """)
                guard !removed.isEmpty else { return false }
                try await transaction.query("""
                    WITH removed AS (SELECT \(id)::uuid AS id), audit AS (
                        INSERT INTO notifications.audit_log (actor, action, entity, entity_id)
                        VALUES (\(caller.actor), 'subscription.remove', 'webhook_subscription', \(id))
                    )
                    \(unescaped: Self.withdrawPending)
                    """)
                return true
            }
        }
    }
}
