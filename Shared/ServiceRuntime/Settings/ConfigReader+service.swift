import Configuration
import Foundation

extension ConfigReader {
    /// A reader over environment variables for one service, as the service runs in production.
    ///
    /// Keys map to variables the way swift-configuration's `EnvironmentVariablesProvider` maps them
    /// (`http.port` ↔ `HTTP_PORT`). Every key may also be set for this service alone by prefixing
    /// the service's name (`INTAKE_HTTP_PORT`, `MONITORING_LOG_LEVEL`); the prefixed variable wins.
    /// That lets one shared env file or shell drive all four services, e.g. on a developer's machine
    /// where they cannot all listen on the same port.
    ///
    /// - Parameters:
    ///   - service: The service whose name is the override prefix.
    ///   - environment: The variables to read; the process environment unless a test passes its own dictionary.
    public init(service: ServiceIdentity, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let variables = EnvironmentVariablesProvider(environmentVariables: environment)
        self.init(providers: [variables.prefixKeys(with: ConfigKey(service.name)), variables])
    }
}
