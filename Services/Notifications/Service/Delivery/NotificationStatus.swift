import Foundation
import Models
import Postgres

/// What became of a notification, for the staff who asked: each channel's delivery and every
/// attempt (status, peer code, latency), never the address or the text. Ids are typed, so they
/// encode in the canonical lowercase form.
struct NotificationStatus: Encodable, Sendable {
    struct Attempt: Encodable, Sendable {
        var attempt: Int
        var startedAt: Date
        var finishedAt: Date?
        var outcome: String?
        var peerStatus: Int?
        var latencyMs: Double?
        var error: String?
        enum CodingKeys: String, CodingKey {
            case attempt, startedAt = "started_at", finishedAt = "finished_at", outcome, peerStatus = "peer_status", latencyMs = "latency_ms", error
        }
    }

    struct Delivery: Encodable, Sendable {
        var id: DeliveryID
        var channel: String
        var state: String
        var dueAt: Date
        var deferredFor: String?
        var failure: String?
        var attempts: [Attempt]
        enum CodingKeys: String, CodingKey { case id, channel, state, dueAt = "due_at", deferredFor = "deferred_for", failure, attempts }
    }

    var id: NotificationID
    var template: String
    var recipient: NotificationRecipient
    var requestedAt: Date
    var sendAfter: Date?
    /// `pending`, `delivered` (every channel), `partially_delivered`, `failed`, `withdrawn` or `unsent`.
    var state: String
    var unsentReason: String?
    var deliveries: [Delivery]
    enum CodingKeys: String, CodingKey {
        case id, template, recipient, requestedAt = "requested_at", sendAfter = "send_after", state, unsentReason = "unsent_reason", deliveries
    }

    /// The notification `id` of `organisation` (integrators' for an administrator), or `nil`.
    static func find(_ id: UUID, organisation: OrganisationID?, in pool: PostgresPool) async throws -> NotificationStatus? {
        guard let row = try await pool.query("""
            SELECT template, recipient_kind, recipient_id, requested_at, send_after, unsent_reason FROM notifications.notifications
            WHERE id = \(id) AND organisation_id IS NOT DISTINCT FROM \(organisation?.uuid)
            """).single else { return nil }
        let attempts = try await pool.query("""
            SELECT a.delivery_id, a.attempt, a.started_at, a.finished_at, a.outcome, a.peer_status, a.latency_ms, a.error
            FROM notifications.delivery_attempts a JOIN notifications.deliveries d ON d.id = a.delivery_id
            WHERE d.notification_id = \(id) ORDER BY a.attempt
            """).map { row in
            (try row.decode(UUID.self, at: 0), Attempt(
                attempt: try row.decode(Int.self, at: 1), startedAt: try row.decode(Date.self, at: 2), finishedAt: try row.decode(Date?.self, at: 3),
                outcome: try row.decode(String?.self, at: 4), peerStatus: try row.decode(Int?.self, at: 5), latencyMs: try row.decode(Double?.self, at: 6),
                error: try row.decode(String?.self, at: 7)))
        }
        let deliveries = try await pool.query("""
            SELECT id, channel, state, due_at, deferred_for, failure FROM notifications.deliveries WHERE notification_id = \(id) ORDER BY channel
            """).map { row in
            let deliveryID = try row.decode(UUID.self, at: 0)
            return Delivery(
                id: DeliveryID(deliveryID), channel: try row.decode(String.self, at: 1), state: try row.decode(String.self, at: 2), dueAt: try row.decode(Date.self, at: 3),
                deferredFor: try row.decode(String?.self, at: 4), failure: try row.decode(String?.self, at: 5),
                attempts: attempts.filter { $0.0 == deliveryID }.map(\.1))
        }
        let states = Set(deliveries.map(\.state))
        let unsent = try row.decode(String?.self, at: 5)
        let state = switch (unsent, states) {
        case (.some, _): unsent == "withdrawn" ? "withdrawn" : "unsent"
        case (nil, ["delivered"]): "delivered"
        case (nil, ["withdrawn"]): "withdrawn"
        case (nil, let all) where all.contains("pending") || all.contains("sending"): "pending"
        case (nil, let all) where all.contains("delivered"): "partially_delivered"
        default: "failed"
        }
        return NotificationStatus(
            id: NotificationID(id), template: try row.decode(String.self, at: 0),
            recipient: NotificationRecipient(kind: NotificationRecipient.Kind(rawValue: try row.decode(String.self, at: 1))!, id: try row.decode(UUID.self, at: 2)),
            requestedAt: try row.decode(Date.self, at: 3), sendAfter: try row.decode(Date?.self, at: 4), state: state, unsentReason: unsent,
            deliveries: deliveries)
    }
}
