import Foundation
import PostgresMigrations

/// The `notifications` schema, owned by `accord-notifications`: recipients, templates, deliveries and webhook subscriptions.
public enum NotificationsSchema {
    /// The service's migrations, shipped as resources in `Services/Notifications/Service/Migrations`.
    public static func migrations() throws -> MigrationSet {
        try MigrationSet(schema: "notifications", directory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"))
    }
}
