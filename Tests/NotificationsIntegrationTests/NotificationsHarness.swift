import Bus
import Configuration
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import NotificationsService
import Postgres
import PostgresMigrations
import StaffAccess
import TestSupport

/// `accord-notifications` on a fresh database, migrated, with fast retries and polling, and
/// helpers to record recipients and put requests on the bus as scheduling would.
struct NotificationsHarness: Sendable {
    let pool: PostgresPool
    /// The staff tokens' secret the service was given.
    static let tokenSecret = String(repeating: "t", count: 32)

    /// Settings for a test: its database, a free port, retries after 50 ms, polling every 100 ms,
    /// quiet hours off, unless `settings` says otherwise.
    static func environment(_ settings: [String: String] = [:]) throws -> [String: String] {
        let defaults = [
            "HTTP_PORT": "0", "LOG_LEVEL": "warning", "DATABASE_POOL_SIZE": "4", "SECRETS_KEY": String(repeating: "s", count: 32),
            "STAFF_TOKEN_SECRET": tokenSecret, "DELIVERY_RETRY_BASE_MS": "50", "POLL_INTERVAL_MS": "100", "QUIET_HOURS": "off",
            "DELIVERY_TIMEOUT_SECONDS": "5",
        ]
        return try TestDatabase.required().environment.merging(defaults) { $1 }.merging(settings) { $1 }
    }

    /// Runs `body` against a started service configured with `settings`.
    static func run(
        settings: [String: String] = [:],
        _ body: @Sendable (any TestClientProtocol, NotificationsHarness) async throws -> Void
    ) async throws {
        let pool = try TestDatabase.required().makePool(maxConnections: 3)
        defer { Task { await pool.close() } }
        try await MigrationRunner(pool: pool).migrate([try BusSchema.migrations(), try NotificationsSchema.migrations()])
        try await pool.withConnection { try await MessageBus.subscribe("observed", to: [NotificationDeliveryFailed.messageType], in: $0) }
        let app = try await buildApplication(reader: ConfigReader(service: .notifications, environment: try environment(settings)))
        try await app.test(.live) { client in try await body(client, NotificationsHarness(pool: pool)) }
    }

    /// Records a recipient directly (as the API would), consenting to whatever contacts it has.
    func recipient(
        _ kind: NotificationRecipient.Kind = .party, id: UUID = UUID.v7(), organisation: UUID? = UUID.v7(), email: String? = nil,
        phone: String? = nil, language: String = "ru", timeZone: String? = nil, consent: Bool = true
    ) async throws -> (id: UUID, organisation: UUID?) {
        let organisationID = kind == .integrator ? nil : organisation
        try await pool.query("""
            INSERT INTO notifications.recipients (kind, id, organisation_id, language, time_zone, email, email_consent, phone, sms_consent, updated_by)
            VALUES (\(kind.rawValue), \(id), \(organisationID), \(language), \(timeZone), \(email), \(consent), \(phone), \(consent), 'test')
            """)
        return (id, organisationID)
    }

    /// Puts a notification request on the bus, as scheduling does; returns its id.
    @discardableResult
    func request(
        _ template: NotificationTemplate, for recipient: (id: UUID, organisation: UUID?), kind: NotificationRecipient.Kind = .party,
        data: [String: String] = [:], sendAfter: Date? = nil, groupKey: String? = nil, id: UUID = UUID.v7()
    ) async throws -> UUID {
        let request = NotificationRequested(
            notificationID: id, organisationID: OrganisationID(recipient.organisation ?? UUID()), recipient: NotificationRecipient(kind: kind, id: recipient.id),
            template: template, language: nil, data: data, sendAfter: sendAfter, groupKey: groupKey)
        try await pool.withConnection { try await MessageBus.publish(request, correlationID: nil, in: $0) }
        return id
    }

    /// The deliveries of a notification: channel, state, attempts, failure.
    func deliveries(of notification: UUID) async throws -> [(channel: String, state: String, attempts: Int, failure: String?, dueAt: Date)] {
        try await pool.query("""
            SELECT channel, state, attempts, failure, due_at FROM notifications.deliveries WHERE notification_id = \(notification) ORDER BY channel
            """).map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(Int.self, at: 2), try $0.decode(String?.self, at: 3), try $0.decode(Date.self, at: 4)) }
    }

    /// The delivery log of a notification's deliveries: outcome and peer status per attempt, in order.
    func attempts(of notification: UUID) async throws -> [(outcome: String?, peerStatus: Int?)] {
        try await pool.query("""
            SELECT a.outcome, a.peer_status FROM notifications.delivery_attempts a
            JOIN notifications.deliveries d ON d.id = a.delivery_id WHERE d.notification_id = \(notification) ORDER BY a.attempt
            """).map { (try $0.decode(String?.self, at: 0), try $0.decode(Int?.self, at: 1)) }
    }

    /// A staff token for `role` in `organisation`.
    func token(_ role: StaffRole, organisation: UUID = UUID.v7()) async throws -> String {
        try await StaffTokens(secret: Self.tokenSecret).issue(
            for: StaffCaller(organisationID: OrganisationID(organisation), role: role, subject: "tests"), lifetime: 600)
    }
}
