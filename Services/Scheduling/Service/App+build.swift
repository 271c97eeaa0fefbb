import Configuration
import Hummingbird
import Logging
import ServiceRuntime
import Bus

/// Builds `accord-scheduling`: the shared service runtime plus this service's schema, its
/// consumers (referrals, deadline sweeps) and its timer.
///
/// `App.swift` runs it with the process environment; tests call it with in-memory configuration.
public func buildApplication(reader: ConfigReader) async throws -> some ApplicationProtocol {
    try await buildAccordService(
        .scheduling, reader: reader, migrations: [try SchedulingSchema.migrations()],
        workers: { database in
            let logger = Logger(label: "accord.scheduling")
            return [
                ReferralConsumer.worker(pool: database.pool, logger: logger),
                DeadlineSweep.worker(pool: database.pool, logger: logger),
                PeriodicScheduler(pool: database.pool, jobs: [try DeadlineSweep.job()]),
            ]
        })
}
