import ArgumentParser
import Bus
import Foundation
import Logging
import Postgres
import ServiceRuntime

/// The `--json` flag every listing command of `accord` takes.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
    var json = false

    /// Prints `value` as pretty, stable JSON (snake_case keys, ISO 8601 dates).
    func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// Runs `body` with the bus of the database the environment names, as `accord migrate` finds it.
func withBusAdministration<T: Sendable>(_ body: (BusAdministration) async throws -> T) async throws -> T {
    try await withAdministrationPool { try await body(BusAdministration(pool: $0)) }
}

/// Runs `body` with an administration (made by `make`) of the database the environment names;
/// its refusals are shown as usage errors, without a stack of error types.
func withAdministration<Administration, Refusal: Error & CustomStringConvertible, T: Sendable>(
    _ make: (PostgresPool) -> Administration, refusing refusal: Refusal.Type, _ body: (Administration) async throws -> T
) async throws -> T {
    do {
        return try await withAdministrationPool { try await body(make($0)) }
    } catch let refusal as Refusal {
        throw ValidationError(refusal.description)
    }
}

/// Runs `body` with a one-connection pool to the database the environment names.
func withAdministrationPool<T: Sendable>(_ body: (PostgresPool) async throws -> T) async throws -> T {
    let pool = PostgresPool(configuration: try administrationDatabase(), maxConnections: 1, logger: Logger(label: "accord.admin"))
    do {
        let value = try await body(pool)
        await pool.close()
        return value
    } catch {
        await pool.close()
        throw error
    }
}

/// The database the environment names (`DATABASE_URL`, the libpq variables, `PGPASSWORD_FILE`).
func administrationDatabase() throws -> PostgresConfiguration {
    PostgresConfiguration.fromEnvironment(try SecretFileEnvironment.resolved(), applicationName: "accord-admin")
}
