import Configuration
import ServiceRuntime

/// `accord-monitoring`'s own settings, from the environment (`MONITORING_` prefix or none).
///
/// | variable | default | what |
/// |---|---|---|
/// | `REPORT_CONCURRENCY` | 1 | report parts this replica computes at once; each is a CPU-bound query, so replicas, not this, are how an operator adds capacity at quarter-end |
/// | `REPORT_LEASE_SECONDS` | 60 | how long a claimed part stays reserved; a part of a replica that died is computed again after it |
/// | `PROJECTION_BATCH_SIZE` | 1000 | events projected per claim and transaction |
/// | `PROJECTION_CONCURRENCY` | 2 | projection batches in flight on this replica |
/// | `STAFF_TOKEN_SECRET` | — | verifies the staff tokens of the API (the same secret as scheduling's) |
public struct MonitoringSettings: Sendable {
    /// The staff tokens' HS256 secret; without it the API answers 401 to everything.
    public var staffTokenSecret: String?
    /// The largest request body accepted.
    public var maxBodyBytes = 65_536
    /// `Retry-After` while the database is unreachable.
    public var unavailableRetryAfterSeconds = 5
    /// Report parts computed at once by this replica.
    public var reportConcurrency: Int
    /// How long a claimed part stays reserved for this replica.
    public var reportLease: Duration
    /// Events per projection batch.
    public var projectionBatchSize: Int
    /// Projection batches in flight.
    public var projectionConcurrency: Int

    /// Reads the settings; a value out of range is a `ServiceOptionError` naming the variable.
    public init(reader: ConfigReader) async throws {
        let options = ServiceOptionReader(reader, service: .monitoring)
        staffTokenSecret = try await options.text("staffToken.secret")
        reportConcurrency = try await options.integer("report.concurrency", "REPORT_CONCURRENCY", default: 1, range: 1...64)
        reportLease = .seconds(try await options.integer("report.leaseSeconds", "REPORT_LEASE_SECONDS", default: 60, range: 1...3600))
        projectionBatchSize = try await options.integer("projection.batchSize", "PROJECTION_BATCH_SIZE", default: 1000, range: 1...10_000)
        projectionConcurrency = try await options.integer("projection.concurrency", "PROJECTION_CONCURRENCY", default: 2, range: 1...32)
    }
}
