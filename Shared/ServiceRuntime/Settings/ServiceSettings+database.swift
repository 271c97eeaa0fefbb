import Foundation
import Configuration
import Postgres

extension ValidatingReader {
    /// Gathers `DATABASE_URL` and the libpq variables through the reader, so that a
    /// service-prefixed variable (`SCHEDULING_PGUSER`) wins like every other setting, and hands
    /// them to `PostgresConfiguration`, which keeps libpq's own meaning for each.
    func database() async throws -> PostgresConfiguration {
        var environment: [String: String] = [:]
        for variable in ["DATABASE_URL"] + PostgresConfiguration.environmentKeywords.keys {
            // EnvironmentVariablesProvider reads `DATABASE_URL` for the key `database.url`.
            let key = ConfigKey(variable.lowercased().replacingOccurrences(of: "_", with: "."))
            if let value = try? await reader.fetchString(forKey: key) {
                environment[variable] = value
            }
        }
        return PostgresConfiguration.fromEnvironment(environment, applicationName: service.executableName)
    }
}
