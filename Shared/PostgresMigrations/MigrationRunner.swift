import Logging
import Postgres

/// Applies pending migrations, each owner's in one transaction under an advisory lock.
///
/// Several replicas can start at once: the lock makes them take turns, and each finds the
/// ledger already up to date after the first has finished. A runner that finds an applied
/// migration whose file has changed refuses to go on.
public struct MigrationRunner: Sendable {
    /// The pool the runner takes its connection from.
    public let pool: PostgresPool
    let logger: Logger

    /// Creates a runner.
    public init(pool: PostgresPool, logger: Logger = Logger(label: "accord.migrations")) {
        self.pool = pool
        self.logger = logger
    }

    /// The advisory lock class for migrations; the second key is the schema's hash, so
    /// different owners can migrate side by side while replicas of one owner take turns.
    static let lockClass: Int32 = 0x4D49_4752 // "MIGR"

    /// Applies what is pending in each set, in the order given; returns what was applied.
    @discardableResult
    public func migrate(_ sets: [MigrationSet]) async throws -> [(schema: String, migration: Migration)] {
        var applied: [(schema: String, migration: Migration)] = []
        for set in sets {
            applied += try await migrate(set).map { (set.schema, $0) }
        }
        return applied
    }

    /// Applies what is pending in one set and returns it.
    @discardableResult
    public func migrate(_ set: MigrationSet) async throws -> [Migration] {
        // A migration may rightly take long (an index on a large table, another replica's turn
        // under the lock): neither the pool's statement timeout nor its answer deadline applies.
        try await PostgresConnection.withoutAnswerDeadline { try await pool.withTransaction { connection in
            try await connection.query("SET LOCAL statement_timeout = 0")
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockClass), hashtext(\(set.schema)))")
            try await connection.query("CREATE SCHEMA IF NOT EXISTS \(identifier: set.schema)")
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS \(identifier: set.schema).schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let pending = try await pendingMigrations(set, on: connection)
            for migration in pending {
                try await connection.execute(script: migration.sql)
                try await connection.query("""
                    INSERT INTO \(identifier: set.schema).schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """)
                logger.info("applied migration", metadata: [
                    "schema": "\(set.schema)", "version": "\(migration.version)", "name": "\(migration.name)",
                ])
            }
            return pending
        } }
    }

    /// The migrations of `set` not yet applied; throws if an applied one has changed.
    public func pending(_ set: MigrationSet) async throws -> [Migration] {
        try await pool.withConnection { connection in
            let exists = try await connection.query(
                "SELECT to_regclass(\(PostgresQuery.quoteIdentifier(set.schema) + ".schema_migrations")) IS NOT NULL"
            ).single?.decode(Bool.self, at: 0) ?? false
            return exists ? try await pendingMigrations(set, on: connection) : set.migrations
        }
    }

    private func pendingMigrations(_ set: MigrationSet, on connection: PostgresConnection) async throws -> [Migration] {
        let rows = try await connection.query("SELECT version, checksum FROM \(identifier: set.schema).schema_migrations")
        var appliedChecksums: [Int: String] = [:]
        for row in rows {
            let (version, checksum) = try row.decode(Int.self, String.self)
            appliedChecksums[version] = checksum
        }
        for migration in set.migrations {
            if let checksum = appliedChecksums[migration.version], checksum != migration.checksum {
                throw MigrationError.checksumMismatch(schema: set.schema, version: migration.version, name: migration.name)
            }
        }
        let known = Set(set.migrations.map(\.version))
        if let newer = appliedChecksums.keys.filter({ !known.contains($0) }).max() {
            // A newer build migrated this database; running older code against it is allowed
            // (migrations are additive) but worth a word to the operator.
            logger.warning("database has migrations this build does not know", metadata: [
                "schema": "\(set.schema)", "version": "\(newer)",
            ])
        }
        return set.migrations.filter { appliedChecksums[$0.version] == nil }
    }
}
