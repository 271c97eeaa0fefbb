import Postgres
import PostgresMigrations

/// Why a service could not start, said the way an operator needs it: one line naming what
/// failed and which setting to check, and an exit code a supervisor can act on (documented in
/// docs/operations.md). Never a password: libpq's messages name the host, port, user and
/// database, never the credentials.
public struct StartupFailure: Error, CustomStringConvertible {
    /// The process's exit code.
    public let exitCode: Int32
    /// The line the operator reads.
    public let description: String

    /// A setting is missing, invalid, or names something that does not exist (`EX_CONFIG`).
    public static let configurationExitCode: Int32 = 78
    /// The database could not be reached within `DATABASE_STARTUP_TIMEOUT_SECONDS` (`EX_UNAVAILABLE`).
    public static let unavailableExitCode: Int32 = 69
    /// Anything else: the database's migrations do not match this build, or a defect (`EX_SOFTWARE`).
    public static let internalExitCode: Int32 = 70

    init(exitCode: Int32, _ description: String) {
        self.exitCode = exitCode
        self.description = description
    }

    /// Classifies what stopped the start-up.
    public init(_ error: any Error) {
        switch error {
        case let error as StartupFailure:
            self = error
        case let error as ServiceSettingsError:
            self.init(exitCode: Self.configurationExitCode, error.description)
        case let error as SecretFileEnvironment.UnreadableFile:
            self.init(exitCode: Self.configurationExitCode, "\(error.description); check that the secret is mounted at that path")
        case let error as MigrationError:
            self.init(exitCode: Self.internalExitCode, "the database does not match this build: \(error.description)")
        case let error as PostgresError:
            self.init(database: error)
        default:
            // A service's own settings (a key too short, a template missing) describe themselves
            // without values; anything else is named by its type only.
            let text = String(describing: error)
            self.init(exitCode: Self.configurationExitCode, text.count < 300 ? text : String(describing: type(of: error)))
        }
    }

    private init(database error: PostgresError) {
        let server = Self.serverMessage(error.reason)
        switch Self.databaseProblem(error) {
        case .login:
            self.init(exitCode: Self.configurationExitCode,
                      "the database refused the login (\(server)); check the user and password in DATABASE_URL, PGUSER and PGPASSWORD or PGPASSWORD_FILE")
        case .missingDatabase:
            self.init(exitCode: Self.configurationExitCode,
                      "the database does not exist (\(server)); check the database name in DATABASE_URL or PGDATABASE, or create it")
        case .privilege:
            self.init(exitCode: Self.configurationExitCode,
                      "the database role may not change the schema (\(error.table.map { "table \($0)" } ?? "SQLSTATE \(error.sqlState ?? "-")")); apply migrations with `accord migrate` as the owner role and set MIGRATE_ON_START=false")
        case .unreachable:
            self.init(exitCode: Self.unavailableExitCode,
                      "the database did not answer (\(server)); check PGHOST and PGPORT (or DATABASE_URL), and that PostgreSQL is running; DATABASE_STARTUP_TIMEOUT_SECONDS sets how long start-up waits for it")
        case .other:
            self.init(exitCode: Self.internalExitCode, "a database statement failed at start-up: \(error.description)")
        }
    }

    /// What kind of trouble the database gave.
    enum DatabaseProblem {
        /// Wrong user or password, or the server's pg_hba.conf refuses this client.
        case login
        /// The database named does not exist.
        case missingDatabase
        /// The role lacks a privilege the migrations need.
        case privilege
        /// Nothing answered, or the server is still starting: worth waiting for.
        case unreachable
        /// Anything else.
        case other
    }

    static func databaseProblem(_ error: PostgresError) -> DatabaseProblem {
        if error.sqlState == "42501" { return .privilege }
        guard error.kind == .connectionFailure || error.kind == .poolTimeout else { return .other }
        let reason = error.reason
        if reason.contains("password authentication failed") || reason.contains("no password supplied")
            || reason.contains("pg_hba.conf") || (reason.contains("role \"") && reason.contains("does not exist")) {
            return .login
        }
        if reason.contains("database \""), reason.contains("does not exist") { return .missingDatabase }
        return .unreachable
    }

    /// Whether start-up should wait and try again: the database is not there yet (compose starts
    /// it beside the services; a managed server restarts), as opposed to refusing what was asked.
    public static func isWorthWaiting(_ error: any Error) -> Bool {
        guard let error = error as? PostgresError else { return false }
        return databaseProblem(error) == .unreachable
    }

    /// libpq's own words, without its "could not connect: connection to server at … failed:" frame.
    static func serverMessage(_ reason: String) -> String {
        var message = Substring(reason)
        if let fatal = message.range(of: "FATAL:") { message = message[fatal.upperBound...] }
        else if let failed = message.range(of: "failed: ", options: .backwards) { message = message[failed.upperBound...] }
        return message.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? reason
    }
}
