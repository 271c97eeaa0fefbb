import Logging
import Postgres

/// The settings every Accord service reads at start-up, whatever else it does.
///
/// Read them with `init(service:reader:)`; the keys and their environment variables are listed there.
public struct ServiceSettings: Sendable, Equatable {
    /// Which service these settings belong to.
    public var service: ServiceIdentity
    /// Address the HTTP server binds to (`HTTP_HOST`, default `0.0.0.0` so a container is reachable).
    public var httpHost: String
    /// Port the HTTP server binds to (`HTTP_PORT`, default `service.defaultPort`; `0` picks a free port).
    public var httpPort: Int
    /// Log line format (`LOG_FORMAT`, default `text`).
    public var logFormat: LogFormat
    /// Minimum level that is logged (`LOG_LEVEL`, default `info`).
    public var logLevel: Logger.Level
    /// Whether the service applies its database migrations before serving (`MIGRATE_ON_START`, default `true`).
    ///
    /// Operators switch it off when they migrate once with the admin CLI and then scale a service out,
    /// so replicas do not race each other through the same migrations.
    public var migrateOnStart: Bool
    /// How long in-flight work may take to finish after SIGTERM/SIGINT before it is cancelled
    /// (`SHUTDOWN_GRACE_PERIOD_SECONDS`, default 8 s).
    public var shutdownGracePeriod: Duration
    /// How to reach PostgreSQL: `DATABASE_URL` and the standard libpq variables (`PGHOST`,
    /// `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`, …), each also settable for this
    /// service alone (`INTAKE_DATABASE_URL`), which is how each service gets its own database role.
    public var database = PostgresConfiguration()
    /// The most database connections this process opens (`DATABASE_POOL_SIZE`, default 10).
    public var databasePoolSize = 10
    /// How long a request waits for a free connection before failing (`DATABASE_ACQUIRE_TIMEOUT_SECONDS`, default 5 s).
    public var databaseAcquireTimeout: Duration = .seconds(5)
    /// The longest one statement may run (`DATABASE_STATEMENT_TIMEOUT_SECONDS`, default 5 s): the
    /// server's `statement_timeout`, and a second later the client gives up on a server that
    /// does not answer at all, so a request meets a frozen database with a 503 within seconds.
    public var databaseStatementTimeout: Duration = .seconds(5)
    /// How long start-up waits for a database that does not answer yet (still starting, a
    /// restart) before giving up with exit code 69 (`DATABASE_STARTUP_TIMEOUT_SECONDS`, default 60 s).
    /// A database that refuses the login or does not exist is not waited for: that is exit 78 at once.
    public var databaseStartupTimeout: Duration = .seconds(60)
}
