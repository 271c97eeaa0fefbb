import Foundation
import PostgresMigrations

/// The `bus` schema: the message queue every service writes to and reads from.
public enum BusSchema {
    /// The bus's migrations, shipped as resources in `Shared/Bus/Migrations`.
    ///
    /// Every service applies them at start-up (the bus must exist before a service can publish),
    /// and the advisory lock in `MigrationRunner` makes that safe.
    public static func migrations() throws -> MigrationSet {
        try MigrationSet(schema: "bus", directory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"))
    }
}
