import Configuration
import Foundation
import Logging
import Hummingbird
import IntakeAPI
import OpenAPIHummingbird
import OpenAPIRuntime
import ServiceRuntime

/// Builds `accord-intake`: the shared service runtime, this service's schema, the `/v1` API
/// generated from `docs/api/intake.yaml` behind its gate, `/openapi.yaml`, the status-report
/// consumer and the idempotency-key pruner.
///
/// `App.swift` runs it with the process environment; tests call it with in-memory configuration.
public func buildApplication(reader: ConfigReader) async throws -> some ApplicationProtocol {
    let settings = try await IntakeSettings(reader: reader)
    let specification = try IntakeAPIDocument.contents()
    if settings.fingerprintKey == nil {
        Logger(label: "accord.intake").warning("INTAKE_FINGERPRINT_KEY is unset: minors' fingerprints are keyed with a public constant")
    }
    return try await buildAccordService(
        .intake, reader: reader, migrations: [try IntakeSchema.migrations()], wiring: .intake,
        workers: { database in
            let logger = Logger(label: "accord.intake")
            return [
                ReferralStatusConsumer.worker(pool: database.pool, logger: logger),
                IntakeSchema.idempotencyKeyPruner(pool: database.pool, retentionHours: settings.idempotencyRetentionHours, logger: logger),
            ]
        },
        routes: { router, database in
            router.addOpenAPIDocumentRoute(specification)
            router.add(middleware: ProblemMiddleware(
                retryAfter: settings.unavailableRetryAfterSeconds, maxBodyBytes: settings.maxBodyBytes,
                invalidParameter: ListReferralsQuery.invalidParameter(in:)))
            router.add(middleware: IntakeGate(
                verifier: APIKeyVerifier(pool: database.pool, cachePeriod: .seconds(settings.apiKeyCacheSeconds)),
                limiter: TokenBuckets { [rate = TokenBuckets<UUID>.Rate(perSecond: settings.rateLimitPerSecond, burst: settings.rateLimitBurst)] _ in rate },
                maxBodyBytes: settings.maxBodyBytes))
            let handlers = IntakeHandlers(
                referrals: ReferralStore(pool: database.pool), webhooks: WebhookStore(pool: database.pool),
                fingerprinter: MinorFingerprinter(secret: settings.fingerprintKey))
            // Compact JSON (pretty-printing costs time per request). Keys sorted: JSONEncoder keeps
            // an object's members in a hash table, so without it a replayed answer could differ
            // from the first in key order (the replay test caught exactly that).
            try handlers.registerHandlers(
                on: router,
                configuration: .accordAPI,
                middlewares: [SubmissionAsSent()])
        })
}
