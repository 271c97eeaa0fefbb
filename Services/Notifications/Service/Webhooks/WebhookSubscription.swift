import Foundation
import Models
import Postgres

/// Where an integrator's events go: a URL, the event types, and the secret deliveries are signed
/// with (sealed at rest; shown only when created or rotated).
struct WebhookSubscription: Sendable, Equatable {
    /// The subscription's id.
    var id: UUID
    /// Whose it is.
    var integratorID: IntegratorID
    /// Where deliveries go.
    var url: String
    /// The event types delivered.
    var events: [String]
    /// `intake` (the integrator's own registration) or `api` (an administrator's).
    var source: String
    /// When it was created.
    var createdAt: Date
    /// When it last changed.
    var updatedAt: Date
    /// Until when the previous secret still signs, during a rotation.
    var previousSecretExpiresAt: Date?

    /// The event types a subscription may name: those that concern one integrator only.
    static let subscribableEvents = [ReferralStatusChanged.messageType]

    /// The columns ``init(row:)`` reads.
    static let columns: StaticString = "id, integrator_id, url, events, source, created_at, updated_at, previous_secret_expires_at"

    init(row: PostgresRow) throws {
        id = try row.decode(UUID.self, at: 0)
        integratorID = IntegratorID(try row.decode(UUID.self, at: 1))
        url = try row.decode(String.self, at: 2)
        events = try row.decode([String].self, at: 3)
        source = try row.decode(String.self, at: 4)
        createdAt = try row.decode(Date.self, at: 5)
        updatedAt = try row.decode(Date.self, at: 6)
        previousSecretExpiresAt = try row.decode(Date?.self, at: 7)
    }
}
