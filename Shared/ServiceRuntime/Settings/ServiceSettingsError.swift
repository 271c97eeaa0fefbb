/// A configuration value that is present but unusable.
///
/// The service refuses to start rather than fall back to a default the operator did not ask for.
/// The offending value is deliberately not repeated: it might be a secret pasted into the wrong variable.
public struct ServiceSettingsError: Error, Equatable, CustomStringConvertible {
    /// The dotted configuration key, e.g. `http.port`.
    public let key: String
    /// The environment variables that set the key, the service-specific one first,
    /// e.g. `["INTAKE_HTTP_PORT", "HTTP_PORT"]`.
    public let environmentVariables: [String]
    /// What a valid value looks like, e.g. `an integer from 0 to 65535`.
    public let expected: String

    /// Describes the failure for the operator who has to fix the deployment.
    public var description: String {
        "Invalid configuration \(environmentVariables.joined(separator: " / ")) (key \(key)): expected \(expected)."
    }

    init(_ key: ServiceSettingKey, service: ServiceIdentity, expected: String) {
        self.key = key.rawValue
        self.environmentVariables = key.environmentVariables(for: service)
        self.expected = expected
    }
}
