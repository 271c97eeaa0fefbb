/// Who an executable is: the name that labels its logs and scopes its own configuration overrides,
/// and the port it listens on unless configured otherwise.
public struct ServiceIdentity: Sendable, Hashable {
    /// Short lowercase name, e.g. `intake`.
    ///
    /// It is also the prefix of the service-specific environment overrides (`INTAKE_HTTP_PORT`),
    /// so keep it to letters.
    public let name: String

    /// The port used when neither `<NAME>_HTTP_PORT` nor `HTTP_PORT` is set.
    public let defaultPort: Int

    /// Creates an identity; the four Accord services use the constants in `ServiceIdentity+accord.swift`.
    public init(name: String, defaultPort: Int) {
        self.name = name
        self.defaultPort = defaultPort
    }

    /// The executable's name (`accord-intake`), used as the root logger label so log lines
    /// from the four services can be told apart when they share one log stream.
    public var executableName: String { "accord-\(name)" }
}
