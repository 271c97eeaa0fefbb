import Bus
import Foundation
import Logging
import Models
import Postgres

/// Records what came of each attempt, and takes back the claims of a replica that died mid-send.
struct DeliveryLog: Sendable {
    let pool: PostgresPool
    let retry: RetryPolicy
    let logger: Logger
    /// After this many attempts whose outcome nobody knows, a delivery fails instead of being
    /// sent again: a peer that cannot drop duplicates gets at most one.
    static let maxUncertainAttempts = 2

    /// What the delivery becomes after an attempt.
    struct Next: Sendable {
        var state: String
        var dueAt: Date?
        var deferredFor: String?
        var failure: String?
    }

    /// Records attempt `claim.attempt`'s `outcome` and the delivery's next state, unless the claim
    /// was lost meanwhile (its lease expired and another replica took it). A delivery that fails
    /// for good publishes `notification.delivery_failed.v1` in the same transaction.
    func record(_ claim: ClaimedDelivery, outcome: SendOutcome, latency: Duration, next: Next) async throws {
        let (label, error): (String, String?) = switch outcome {
        case .delivered: ("delivered", nil)
        case .retry(_, let error, _): (next.state == "failed" ? "failed" : "retry", error)
        case .failed(_, let reason): ("failed", reason)
        }
        let milliseconds = Double(latency.components.seconds) * 1000 + Double(latency.components.attoseconds) / 1e15
        try await pool.withConnection { connection in
            try await connection.withTransaction { transaction in
                let updated = try await transaction.query(("""
                    WITH attempt AS (
                        UPDATE notifications.delivery_attempts
                        SET finished_at = now(), outcome = \(label), peer_status = \(outcome.peerStatus), latency_ms = \(milliseconds), error = \(error)
                        WHERE delivery_id = \(claim.id) AND attempt = \(claim.attempt) AND outcome IS NULL
                    )
                    UPDATE notifications.deliveries
                    SET state = \(next.state), due_at = coalesce(\(next.dueAt), due_at), deferred_for = \(next.deferredFor), lease_until = NULL,
                        failure = \(next.failure), finished_at = CASE WHEN \(next.state) IN ('delivered', 'failed') THEN now() END
                    WHERE id = \(claim.id) AND state = 'sending' AND attempts = \(claim.attempt)
                    """ as PostgresQuery).prepared).affectedRows
                guard updated == 1, next.state == "failed", let notification = claim.notification, let recipient = notification.recipient else { return }
                let failure = NotificationDeliveryFailed(
                    notificationID: notification.id, organisationID: recipient.organisationID, recipient: NotificationRecipient(kind: recipient.kind, id: recipient.id),
                    channel: claim.channel.rawValue, reason: next.failure ?? "failed", attempts: claim.attempt, failedAt: Date())
                try await MessageBus.publish(failure, correlationID: notification.id, in: transaction)
            }
        }
    }

    /// The next state after `outcome` of attempt `attempt`: delivered, failed for good, or
    /// pending again after the backoff (moved past quiet hours by `quietUntil`).
    func next(after outcome: SendOutcome, attempt: Int, now: Date, quietUntil: (Date) -> Date) -> Next {
        switch outcome {
        case .delivered:
            return Next(state: "delivered")
        case .failed(_, let reason):
            return Next(state: "failed", failure: reason)
        case .retry(_, let error, let peerAsked):
            if retry.isExhausted(after: attempt) { return Next(state: "failed", failure: "attempts_exhausted") }
            let due = now.addingTimeInterval(retry.delay(after: attempt, peerAsked: peerAsked))
            let allowed = quietUntil(due)
            return Next(state: "pending", dueAt: allowed, deferredFor: allowed > due ? "quiet_hours" : "retry", failure: error)
        }
    }

    /// Takes back deliveries whose lease ran out while sending: the replica that claimed them
    /// died or lost the database mid-send, so nobody knows whether the peer got the message.
    /// Each is logged and sent again with the same idempotency key (webhooks, SMS) or
    /// `Message-ID` (email); after ``maxUncertainAttempts`` such attempts it fails instead.
    /// Returns how many were taken back.
    @discardableResult
    func recoverExpiredLeases() async throws -> Int {
        let rows = try await pool.query(("""
            WITH expired AS (
                SELECT id, attempts FROM notifications.deliveries
                WHERE state = 'sending' AND lease_until < now()
                FOR UPDATE SKIP LOCKED
            ), marked AS (
                UPDATE notifications.delivery_attempts a SET outcome = 'uncertain', finished_at = now(), error = 'lease_expired'
                FROM expired e WHERE a.delivery_id = e.id AND a.attempt = e.attempts AND a.outcome IS NULL
            )
            UPDATE notifications.deliveries d
            SET uncertain_attempts = d.uncertain_attempts + 1, lease_until = NULL,
                state = CASE WHEN d.uncertain_attempts + 1 >= \(Self.maxUncertainAttempts) THEN 'failed' ELSE 'pending' END,
                failure = CASE WHEN d.uncertain_attempts + 1 >= \(Self.maxUncertainAttempts) THEN 'outcome_uncertain' ELSE d.failure END,
                finished_at = CASE WHEN d.uncertain_attempts + 1 >= \(Self.maxUncertainAttempts) THEN now() END,
                due_at = now(), deferred_for = 'uncertain'
            FROM expired e WHERE d.id = e.id
            RETURNING d.id, d.channel, d.state
            """ as PostgresQuery).prepared)
        for row in rows {
            let (id, channel, state) = try row.decode(UUID.self, String.self, String.self)
            let resend = state == "pending"
            logger.warning(
                resend ? "delivery outcome unknown after an interrupted send; sending again (the peer may receive it twice)"
                    : "delivery outcome unknown again; not sending a further copy",
                metadata: ["delivery": "\(id)", "channel": "\(channel)", "dedupe": "\(channel == "email" ? "message-id" : "idempotency-key")"])
        }
        return rows.count
    }
}
