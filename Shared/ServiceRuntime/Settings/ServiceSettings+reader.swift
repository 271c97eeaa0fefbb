import Configuration
import Logging

extension ServiceSettings {
    /// Reads the settings of `service` from `reader`.
    ///
    /// | key | environment variable | default |
    /// |---|---|---|
    /// | `http.host` | `HTTP_HOST` | `0.0.0.0` |
    /// | `http.port` | `HTTP_PORT` | `service.defaultPort` |
    /// | `log.format` | `LOG_FORMAT` (`text`, `json`) | `text` |
    /// | `log.level` | `LOG_LEVEL` (`trace` … `critical`) | `info` |
    /// | `migrate.onStart` | `MIGRATE_ON_START` (`true`/`false`/`yes`/`no`/`1`/`0`) | `true` |
    /// | `shutdown.gracePeriodSeconds` | `SHUTDOWN_GRACE_PERIOD_SECONDS` | `8` |
    /// | `database.url` | `DATABASE_URL` (`postgres://…`) | libpq's defaults |
    /// | `pghost`, `pgport`, … | `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`, … | libpq's defaults |
    /// | `database.poolSize` | `DATABASE_POOL_SIZE` | `10` |
    /// | `database.acquireTimeoutSeconds` | `DATABASE_ACQUIRE_TIMEOUT_SECONDS` | `5` |
    /// | `database.statementTimeoutSeconds` | `DATABASE_STATEMENT_TIMEOUT_SECONDS` | `5` |
    /// | `database.startupTimeoutSeconds` | `DATABASE_STARTUP_TIMEOUT_SECONDS` | `60` |
    ///
    /// With a reader from `ConfigReader(service:environment:)` each variable may also be given
    /// with the service's prefix (`INTAKE_HTTP_PORT`), which wins. Choices are case-insensitive.
    /// A typed in-memory provider works too, as long as values have the key's type
    /// (`http.port` an `Int`, `shutdown.gracePeriodSeconds` a `Double`, `migrate.onStart` a `Bool`).
    ///
    /// The default grace period stays below Docker's 10 s stop timeout so cancellation still gets
    /// to run before the container is killed.
    ///
    /// - Throws: `ServiceSettingsError` when a value is present but invalid; a missing value takes its default.
    public init(service: ServiceIdentity, reader: ConfigReader) async throws {
        let settings = ValidatingReader(service: service, reader: reader)
        self.init(
            service: service,
            httpHost: try await settings.read(.httpHost, expected: "a host name or IP address", default: "0.0.0.0") {
                try await $0.fetchString(forKey: $1)
            } parse: { (host: String) in
                host.isEmpty ? nil : host
            },
            httpPort: try await settings.read(.httpPort, expected: "an integer from 0 to 65535", default: service.defaultPort) {
                try await $0.fetchInt(forKey: $1)
            } parse: { (port: Int) in
                (0...65535).contains(port) ? port : nil
            },
            logFormat: try await settings.choice(.logFormat, default: LogFormat.text),
            logLevel: try await settings.choice(.logLevel, default: Logger.Level.info),
            migrateOnStart: try await settings.read(.migrateOnStart, expected: "true or false", default: true) {
                try await $0.fetchBool(forKey: $1)
            } parse: { (migrate: Bool) in
                migrate
            },
            shutdownGracePeriod: try await settings.read(
                .shutdownGracePeriodSeconds, expected: "a number of seconds, 0 or more", default: .seconds(8)
            ) {
                try await $0.fetchDouble(forKey: $1)
            } parse: { (seconds: Double) in
                seconds.isFinite && seconds >= 0 ? .seconds(seconds) : nil
            }
        )
        database = try await settings.database()
        databasePoolSize = try await settings.read(.databasePoolSize, expected: "an integer from 1 to 1000", default: 10) {
            try await $0.fetchInt(forKey: $1)
        } parse: { (size: Int) in
            (1...1000).contains(size) ? size : nil
        }
        databaseAcquireTimeout = try await settings.seconds(.databaseAcquireTimeoutSeconds, default: .seconds(5))
        databaseStatementTimeout = try await settings.seconds(.databaseStatementTimeoutSeconds, default: .seconds(5))
        databaseStartupTimeout = try await settings.seconds(.databaseStartupTimeoutSeconds, default: .seconds(60))
    }
}

/// Reads one setting and turns every way it can be wrong into the same `ServiceSettingsError`.
struct ValidatingReader {
    let service: ServiceIdentity
    let reader: ConfigReader

    /// A duration given in seconds, above 0.
    func seconds(_ key: ServiceSettingKey, default defaultValue: Duration) async throws -> Duration {
        try await read(key, expected: "a number of seconds above 0", default: defaultValue) {
            try await $0.fetchDouble(forKey: $1)
        } parse: { (seconds: Double) in
            seconds.isFinite && seconds > 0 ? .seconds(seconds) : nil
        }
    }

    /// Fetches `key` with `fetch` (the fetch methods, unlike the plain getters, throw on a value
    /// of the wrong type instead of silently using the default) and validates it with `parse`.
    func read<Raw, Value>(
        _ key: ServiceSettingKey,
        expected: String,
        default defaultValue: Value,
        fetch: (ConfigReader, ConfigKey) async throws -> Raw?,
        parse: (Raw) -> Value?
    ) async throws -> Value {
        let raw: Raw?
        do {
            raw = try await fetch(reader, key.configKey)
        } catch {
            throw ServiceSettingsError(key, service: service, expected: expected)
        }
        guard let raw else {
            return defaultValue
        }
        guard let value = parse(raw) else {
            throw ServiceSettingsError(key, service: service, expected: expected)
        }
        return value
    }

    /// Reads one of a fixed set of lowercase names, accepting any letter case.
    func choice<Choice: RawRepresentable<String> & CaseIterable>(
        _ key: ServiceSettingKey,
        default defaultValue: Choice
    ) async throws -> Choice {
        let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        return try await read(key, expected: "one of \(names)", default: defaultValue) {
            try await $0.fetchString(forKey: $1)
        } parse: { (name: String) in
            Choice(rawValue: name.lowercased())
        }
    }
}
