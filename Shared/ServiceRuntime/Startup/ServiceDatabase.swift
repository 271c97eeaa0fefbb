import Bus
import Logging
import Metrics
import Postgres
import PostgresMigrations
import ServiceLifecycle

/// A service's database: its connection pool and the migrations it owns (the bus's and its own).
///
/// As a lifecycle `Service` it closes the pool once the process shuts down; list it first among
/// an application's services so it outlives everything that uses it.
public struct ServiceDatabase: Service {
    /// The pool every part of the service shares.
    public let pool: PostgresPool
    /// The migration sets this service applies at start-up, in order.
    public let migrations: [MigrationSet]
    /// The service's place on the bus: its queues are subscribed after the migrations.
    public let wiring: BusWiring
    /// How long `migrate()` waits for a database that does not answer yet.
    let startupTimeout: Duration
    let logger: Logger

    /// Creates the pool from the settings; no connection opens until first use.
    public init(settings: ServiceSettings, migrations: [MigrationSet], wiring: BusWiring) {
        logger = settings.makeLogger()
        pool = PostgresPool(
            configuration: settings.database,
            maxConnections: settings.databasePoolSize,
            acquireTimeout: settings.databaseAcquireTimeout,
            statementTimeout: settings.databaseStatementTimeout,
            logger: logger
        )
        self.migrations = migrations
        self.wiring = wiring
        startupTimeout = settings.databaseStartupTimeout
    }

    /// Applies pending migrations, then subscribes the service's queues as its wiring declares;
    /// safe with replicas starting at once (see `MigrationRunner`).
    ///
    /// A database that does not answer yet (compose starts it beside the services; a managed
    /// server restarts) is waited for, with backoff, up to `DATABASE_STARTUP_TIMEOUT_SECONDS`;
    /// one that refuses the login or lacks the database fails at once, as waiting cannot help.
    public func migrate() async throws {
        logger.info("checking migrations", metadata: ["database": "\(pool.configuration.redactedDescription)"])
        let giveUp = ContinuousClock.now + startupTimeout
        var pause = Duration.milliseconds(500)
        while true {
            do {
                try await MigrationRunner(pool: pool, logger: logger).migrate(migrations)
                try await pool.withConnection { try await wiring.subscribe(on: $0) }
                return
            } catch where StartupFailure.isWorthWaiting(error) && ContinuousClock.now + pause < giveUp {
                logger.warning("database not reachable yet; waiting", metadata: [
                    "error": "\(StartupFailure(error).description)", "retry_in": "\(pause)",
                ])
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(5))
            }
        }
    }

    /// Ready when the database answers and every migration this build knows is applied.
    public var readinessCheck: ReadinessCheck {
        ReadinessCheck(name: "database") { [pool, migrations] in
            do {
                try await pool.query("SELECT 1")
                let runner = MigrationRunner(pool: pool)
                for set in migrations where try await !runner.pending(set).isEmpty {
                    return false
                }
                return true
            } catch {
                return false
            }
        }
    }

    /// Publishes the pool's gauges until shutdown, then closes the pool's connections.
    public func run() async throws {
        let open = Gauge(label: "accord_db_pool_connections", dimensions: [("state", "open")])
        let idle = Gauge(label: "accord_db_pool_connections", dimensions: [("state", "idle")])
        let waiting = Gauge(label: "accord_db_pool_waiting_requests")
        let size = Gauge(label: "accord_db_pool_max_connections")
        size.record(pool.maxConnections)
        try? await cancelWhenGracefulShutdown { [pool] in
            while true {
                let statistics = pool.statistics
                open.record(statistics.open)
                idle.record(statistics.idle)
                waiting.record(statistics.waiting)
                try await Task.sleep(for: .seconds(2))
            }
        }
        await pool.close()
    }
}
