import Bus
import Configuration
import Foundation
import Hummingbird
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
import SchedulingAPI
import ServiceRuntime
import StaffAccess

/// Builds `accord-scheduling`: the shared service runtime, this service's schema, the staff API
/// (`/v1`, generated from `openapi.yaml`, behind the token gate), `/openapi.yaml`, the referral
/// consumer, and the deadline sweep with its timer.
///
/// `App.swift` runs it with the process environment; tests call it with in-memory configuration.
public func buildApplication(reader: ConfigReader) async throws -> some ApplicationProtocol {
    let settings = try await SchedulingSettings(reader: reader)
    let logger = Logger(label: "accord.scheduling")
    let tokens = try await StaffTokens.configured(secret: settings.staffTokenSecret, logger: logger)
    let specification = try SchedulingAPIDocument.contents()
    return try await buildAccordService(
        .scheduling, reader: reader, migrations: [try SchedulingSchema.migrations()], wiring: .scheduling,
        workers: { database in
            [
                ReferralConsumer.worker(pool: database.pool, logger: logger),
                DeadlineSweep.worker(pool: database.pool, logger: logger),
                PeriodicScheduler(pool: database.pool, jobs: [try DeadlineSweep.job()]),
            ]
        },
        routes: { router, database in
            router.addOpenAPIDocumentRoute(specification)
            router.add(middleware: ProblemMiddleware(
                retryAfter: settings.unavailableRetryAfterSeconds, maxBodyBytes: settings.maxBodyBytes,
                invalidParameter: StaffQuery.invalidParameter(in:), domainProblem: SchedulingRefusal.problem(for:)))
            router.add(middleware: StaffGate(tokens: tokens, maxBodyBytes: settings.maxBodyBytes, roles: [.head, .specialist], bodies: .scheduling))
            try SchedulingHandlers(pool: database.pool).registerHandlers(
                on: router, configuration: .accordAPI)
        })
}
