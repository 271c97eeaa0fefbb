import Crypto
import Foundation

/// One ordered SQL migration, shipped as a resource file named `NNNN_description.sql`.
public struct Migration: Sendable, Equatable {
    /// The number before the underscore; migrations apply in increasing order.
    public let version: Int
    /// The description after the underscore.
    public let name: String
    /// The SQL, run as one script inside the migration transaction.
    public let sql: String
    /// SHA-256 of the file, hex; an applied migration whose file changed stops start-up.
    public let checksum: String

    /// Creates a migration from its parts, computing the checksum.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// The migrations of one owner: the bus or a service. The owner's name is also its schema,
/// which holds the owner's tables and its `schema_migrations` ledger.
public struct MigrationSet: Sendable {
    /// The schema these migrations build and record themselves in.
    public let schema: String
    /// The migrations, sorted by version.
    public let migrations: [Migration]

    /// Creates a set, sorting it and refusing duplicate versions.
    public init(schema: String, migrations: [Migration]) throws {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.version == next.version {
            throw MigrationError.duplicateVersion(schema: schema, version: next.version)
        }
        self.schema = schema
        self.migrations = sorted
    }

    /// Loads every `NNNN_description.sql` file in `directory` (a module's `Migrations` resource folder).
    public init(schema: String, directory: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
        let migrations = try files.map { file in
            let stem = file.deletingPathExtension().lastPathComponent
            let parts = stem.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, let version = Int(parts[0]), version > 0 else {
                throw MigrationError.badFileName(schema: schema, file: file.lastPathComponent)
            }
            return Migration(version: version, name: String(parts[1]), sql: try String(contentsOf: file, encoding: .utf8))
        }
        try self.init(schema: schema, migrations: migrations)
    }
}

/// Why migrations could not run.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    /// Two files share a version number.
    case duplicateVersion(schema: String, version: Int)
    /// A file in the migrations folder is not named `NNNN_description.sql`.
    case badFileName(schema: String, file: String)
    /// An applied migration's file differs from what was applied: start-up must stop, since the
    /// database no longer matches the code's idea of it.
    case checksumMismatch(schema: String, version: Int, name: String)

    /// A message for operators.
    public var description: String {
        switch self {
        case let .duplicateVersion(schema, version):
            "migrations of \(schema): two files have version \(version)"
        case let .badFileName(schema, file):
            "migrations of \(schema): \(file) is not named NNNN_description.sql"
        case let .checksumMismatch(schema, version, name):
            "migrations of \(schema): applied migration \(version) (\(name)) was changed after it was applied; restore the file or write a new migration"
        }
    }
}
