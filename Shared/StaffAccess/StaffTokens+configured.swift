import Logging

extension StaffTokens {
    /// The tokens of a service's configured secret; without one, `nil` and a warning, and the
    /// service's staff API answers 401 to everything (`StaffGate`) rather than refusing to start,
    /// so its workers still run.
    public static func configured(secret: String?, logger: Logger) async throws -> StaffTokens? {
        guard let secret else {
            logger.warning("STAFF_TOKEN_SECRET is not set: the staff API answers 401 to every request")
            return nil
        }
        return try await StaffTokens(secret: secret)
    }
}
