import Foundation
import PostgresMigrations

/// The `intake` schema, owned by `accord-intake`: integrators, API keys, referrals and school identifications.
public enum IntakeSchema {
    /// The service's migrations, shipped as resources in `Services/Intake/Service/Migrations`.
    public static func migrations() throws -> MigrationSet {
        try MigrationSet(schema: "intake", directory: Bundle.module.resourceURL!.appendingPathComponent("Migrations"))
    }
}
