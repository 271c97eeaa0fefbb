import Configuration

/// The configuration keys `ServiceSettings` reads, as dotted swift-configuration keys.
enum ServiceSettingKey: String, CaseIterable {
    case httpHost = "http.host"
    case httpPort = "http.port"
    case logFormat = "log.format"
    case logLevel = "log.level"
    case migrateOnStart = "migrate.onStart"
    case shutdownGracePeriodSeconds = "shutdown.gracePeriodSeconds"
    case databasePoolSize = "database.poolSize"
    case databaseAcquireTimeoutSeconds = "database.acquireTimeoutSeconds"
    case databaseStatementTimeoutSeconds = "database.statementTimeoutSeconds"
    case databaseStartupTimeoutSeconds = "database.startupTimeoutSeconds"

    /// The key as swift-configuration looks it up.
    var configKey: ConfigKey { ConfigKey(rawValue) }

    /// The environment variables that set this key for `service`, the service-specific one first
    /// because it wins (see `ConfigReader.init(service:environment:)`).
    func environmentVariables(for service: ServiceIdentity) -> [String] {
        [Self.environmentName(of: "\(service.name).\(rawValue)"), Self.environmentName(of: rawValue)]
    }

    /// `EnvironmentVariablesProvider`'s naming rule, repeated because its encoder is internal:
    /// dots and camelCase word boundaries become `_`, letters are upper-cased (`migrate.onStart` → `MIGRATE_ON_START`).
    /// Only used to name variables in error messages; a unit test keeps it in step with the provider.
    private static func environmentName(of dottedKey: String) -> String {
        var name = ""
        var previous: Character?
        for character in dottedKey {
            if character == "." || (character.isUppercase && previous?.isLowercase == true) {
                name.append("_")
            }
            if character != "." {
                name.append(contentsOf: character.uppercased())
            }
            previous = character
        }
        return name
    }
}
