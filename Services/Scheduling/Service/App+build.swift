import Configuration
import Hummingbird
import Logging
import ServiceRuntime

/// Builds `accord-scheduling`: the shared service runtime plus this service's schema and routes.
///
/// `App.swift` runs it with the process environment; tests call it with in-memory configuration.
public func buildApplication(reader: ConfigReader) async throws -> some ApplicationProtocol {
    try await buildAccordService(
        .scheduling, reader: reader, migrations: [try SchedulingSchema.migrations()],
        workers: { database in [ReferralConsumer.worker(pool: database.pool, logger: Logger(label: "accord.scheduling"))] })
}
