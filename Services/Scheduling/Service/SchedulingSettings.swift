import Configuration

/// `accord-scheduling`'s own settings, from the environment like every other.
public struct SchedulingSettings: Sendable, Equatable {
    /// `STAFF_TOKEN_SECRET`: the HS256 secret staff tokens are signed with (at least 32 bytes).
    /// Without it the staff API answers every request with a 401; the consumers still run.
    public var staffTokenSecret: String?
    /// The largest request body the staff API accepts.
    public var maxBodyBytes = 65_536
    /// `Retry-After` on a 503.
    public var unavailableRetryAfterSeconds = 5

    /// Reads the settings.
    public init(reader: ConfigReader) async throws {
        staffTokenSecret = try await reader.fetchString(forKey: ConfigKey("staffToken.secret"))
    }
}
