import Bus
import Configuration
import Hummingbird
import Logging
import ServiceRuntime

/// Builds `accord-monitoring`: the shared service runtime, this service's schema, the projection
/// of other services' events and the report worker that every replica runs.
///
/// `App.swift` runs it with the process environment; tests call it with in-memory configuration.
public func buildApplication(reader: ConfigReader) async throws -> some ApplicationProtocol {
    let settings = try await MonitoringSettings(reader: reader)
    let logger = Logger(label: "accord.monitoring")
    return try await buildAccordService(
        .monitoring, reader: reader, migrations: [try MonitoringSchema.migrations()],
        workers: { database in
            var projection = QueueWorker.Options()
            projection.batchSize = settings.projectionBatchSize
            projection.concurrency = settings.projectionConcurrency
            return [
                EventProjection(logger: logger).worker(pool: database.pool, options: projection),
                ReportWorker(logger: logger).worker(pool: database.pool, concurrency: settings.reportConcurrency, lease: settings.reportLease),
            ]
        })
}
