import Bus
import Configuration
import Hummingbird
import Logging
import MonitoringAPI
import OpenAPIHummingbird
import OpenAPIRuntime
import ServiceRuntime
import StaffAccess

/// Builds `accord-monitoring`: the shared service runtime, this service's schema, the projection
/// of other services' events, the report worker that every replica runs, the hourly reminder
/// sweep, and the reports API
/// (`/v1`, generated from `openapi.yaml`, behind the staff token gate) with `/openapi.yaml`.
///
/// `App.swift` runs it with the process environment; tests call it with in-memory configuration.
public func buildApplication(reader: ConfigReader) async throws -> some ApplicationProtocol {
    let settings = try await MonitoringSettings(reader: reader)
    let logger = Logger(label: "accord.monitoring")
    let tokens = try await StaffTokens.configured(secret: settings.staffTokenSecret, logger: logger)
    let specification = try MonitoringAPIDocument.contents()
    return try await buildAccordService(
        .monitoring, reader: reader, migrations: [try MonitoringSchema.migrations()], wiring: .monitoring,
        workers: { database in
            var projection = QueueWorker.Options()
            projection.batchSize = settings.projectionBatchSize
            projection.concurrency = settings.projectionConcurrency
            return [
                EventProjection(logger: logger).worker(pool: database.pool, options: projection),
                ReportWorker(logger: logger).worker(pool: database.pool, concurrency: settings.reportConcurrency, lease: settings.reportLease),
                ReportReminders.worker(pool: database.pool, logger: logger),
                PeriodicScheduler(pool: database.pool, jobs: [try ReportReminders.job()]),
            ]
        },
        routes: { router, database in
            router.addOpenAPIDocumentRoute(specification)
            router.add(middleware: ProblemMiddleware(
                retryAfter: settings.unavailableRetryAfterSeconds, maxBodyBytes: settings.maxBodyBytes,
                invalidParameter: ReportQuery.invalidParameter(in:), domainProblem: ReportRefusal.problem(for:)))
            router.add(middleware: StaffGate(tokens: tokens, maxBodyBytes: settings.maxBodyBytes, roles: Set(StaffRole.allCases), bodies: .monitoring))
            try MonitoringHandlers(pool: database.pool).registerHandlers(
                on: router, configuration: .accordAPI)
        })
}
