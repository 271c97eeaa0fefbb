import Bus
import Foundation
import Logging
import Postgres
import PostgresMigrations

/// The `intake` schema, owned by `accord-intake`: integrators, API keys, referrals and school identifications.
public enum IntakeSchema {
    /// The service's migrations, shipped as resources in `Services/Intake/Service/Migrations`.
    public static func migrations() throws -> MigrationSet {
        try MigrationSet(schema: "intake", directory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"))
    }

    /// Forgets `Idempotency-Key`s after `retentionHours` (never under 24), checking every ten
    /// minutes; replicas may run it together.
    public static func idempotencyKeyPruner(pool: PostgresPool, retentionHours: Int, logger: Logger) -> RetentionPruner {
        RetentionPruner(
            pool: pool, schema: "intake", table: "idempotency_keys", timestampColumn: "created_at",
            retention: .seconds(max(24, retentionHours) * 3600), interval: .seconds(600), logger: logger)
    }
}
