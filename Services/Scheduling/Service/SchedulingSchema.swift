import Foundation
import PostgresMigrations

/// The `scheduling` schema, owned by `accord-scheduling`: cases, parties, consents, specialists, rooms, programmes, meetings, support plans and work plans.
public enum SchedulingSchema {
    /// The service's migrations, shipped as resources in `Services/Scheduling/Service/Migrations`.
    public static func migrations() throws -> MigrationSet {
        try MigrationSet(schema: "scheduling", directory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"))
    }
}
