import Configuration
import ServiceRuntime

/// The intake service's own settings, beside the shared `ServiceSettings`. Each may be given with
/// the `INTAKE_` prefix, like every other setting.
///
/// | key | environment variable | default |
/// |---|---|---|
/// | `maxBodyBytes` | `MAX_BODY_BYTES` | 262144 (256 KiB) |
/// | `rateLimit.perSecond` | `RATE_LIMIT_PER_SECOND` | 20 requests per key |
/// | `rateLimit.burst` | `RATE_LIMIT_BURST` | 60 requests per key |
/// | `apiKeys.cacheSeconds` | `API_KEYS_CACHE_SECONDS` | 5 (how late a revocation may take effect) |
/// | `idempotency.retentionHours` | `IDEMPOTENCY_RETENTION_HOURS` | 48 (at least 24) |
/// | `unavailable.retryAfterSeconds` | `UNAVAILABLE_RETRY_AFTER_SECONDS` | 5 |
/// | `fingerprint.key` | `FINGERPRINT_KEY` | — (a public constant; set it in production) |
public struct IntakeSettings: Sendable, Equatable {
    /// The largest request body accepted; larger ones get a 413.
    public var maxBodyBytes: Int
    /// Requests per second each key may sustain.
    public var rateLimitPerSecond: Double
    /// Requests a key may send at once after a quiet spell.
    public var rateLimitBurst: Double
    /// How long a verified key is trusted without asking the database again.
    public var apiKeyCacheSeconds: Double
    /// How long an `Idempotency-Key` is remembered.
    public var idempotencyRetentionHours: Int
    /// The `Retry-After` sent with a 503 while the database is unreachable.
    public var unavailableRetryAfterSeconds: Int
    /// The secret that keys minors' fingerprints (repeat referrals); changing it starts the
    /// repeat count afresh, since old fingerprints no longer match.
    public var fingerprintKey: String?

    /// Reads the settings; a value out of range is a ``ServiceOptionError`` that names the variable.
    public init(reader: ConfigReader) async throws {
        let options = ServiceOptionReader(reader, service: .intake)
        maxBodyBytes = try await options.integer("maxBodyBytes", "MAX_BODY_BYTES", default: 262_144, range: 1024...67_108_864)
        rateLimitPerSecond = Double(try await options.integer("rateLimit.perSecond", "RATE_LIMIT_PER_SECOND", default: 20, range: 1...1_000_000))
        rateLimitBurst = Double(try await options.integer("rateLimit.burst", "RATE_LIMIT_BURST", default: 60, range: 1...1_000_000))
        apiKeyCacheSeconds = Double(try await options.integer("apiKeys.cacheSeconds", "API_KEYS_CACHE_SECONDS", default: 5, range: 0...300))
        idempotencyRetentionHours = try await options.integer(
            "idempotency.retentionHours", "IDEMPOTENCY_RETENTION_HOURS", default: 48, range: 24...8760)
        unavailableRetryAfterSeconds = try await options.integer(
            "unavailable.retryAfterSeconds", "UNAVAILABLE_RETRY_AFTER_SECONDS", default: 5, range: 1...3600)
        fingerprintKey = try await options.text("fingerprint.key")
    }
}
