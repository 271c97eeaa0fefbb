import Foundation
import PostgresMigrations

/// The `monitoring` schema, owned by `accord-monitoring`: projections, indicators, quarterly reports and exports.
public enum MonitoringSchema {
    /// The service's migrations, shipped as resources in `Services/Monitoring/Service/Migrations`.
    public static func migrations() throws -> MigrationSet {
        try MigrationSet(schema: "monitoring", directory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"))
    }
}
