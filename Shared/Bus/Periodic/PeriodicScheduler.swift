import Foundation
import Logging
import Postgres
import ServiceLifecycle

/// Fires ``PeriodicJob``s: enqueues each job's message once per firing of its schedule, however
/// many replicas run the scheduler.
///
/// Every tick, each replica works out a job's latest due firing and, in one transaction, claims
/// it in `bus.periodic_firings` and enqueues the message. The ledger's primary key lets one
/// claim per firing commit; the others find the row and enqueue nothing.
///
/// A scheduler that was down fires a job's latest missed firing once, if it falls within
/// ``Options/catchUpWindow``; older misses are skipped. So is a firing earlier than that when a
/// job is first deployed.
public struct PeriodicScheduler: Service {
    /// How often the scheduler looks and how far back it catches up.
    public struct Options: Sendable {
        /// How often due firings are looked for: the most a firing is late.
        public var tickInterval: Duration = .seconds(1)
        /// How far back a missed firing is still fired.
        public var catchUpWindow: Duration = .seconds(3_600)
        /// How long ledger rows are kept; must exceed the catch-up window, or a pruned firing
        /// could fire again.
        public var retention: Duration = .seconds(30 * 86_400)
        /// How often old ledger rows are pruned.
        public var pruneInterval: Duration = .seconds(3_600)

        /// The defaults.
        public init() {}
    }

    let pool: PostgresPool
    let jobs: [PeriodicJob]
    let options: Options
    let logger: Logger
    let now: @Sendable () -> Date

    /// Creates a scheduler for `jobs`; it runs as a lifecycle service.
    ///
    /// - Parameter now: the clock firings are computed from; tests pass a fake one.
    public init(
        pool: PostgresPool,
        jobs: [PeriodicJob],
        options: Options = Options(),
        logger: Logger = Logger(label: "accord.bus.periodic"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        precondition(options.retention > options.catchUpWindow, "ledger retention must exceed the catch-up window")
        self.pool = pool
        self.jobs = jobs
        self.options = options
        self.logger = logger
        self.now = now
    }

    /// Fires due jobs every tick until graceful shutdown or cancellation.
    public func run() async throws {
        // The firing each job last settled (by this replica or another), so an already-fired
        // period costs no further round trip.
        var settled: [String: Date] = [:]
        var lastPrune: ContinuousClock.Instant?
        while !isStopping {
            for job in jobs where !isStopping {
                do {
                    try await fireIfDue(job, settled: &settled)
                } catch {
                    logger.warning("periodic job failed to fire; retrying next tick", metadata: ["job": "\(job.name)", "error": "\(error)"])
                }
            }
            if lastPrune.map({ $0.duration(to: .now) >= options.pruneInterval }) ?? true {
                lastPrune = .now
                await prune()
            }
            let tick = options.tickInterval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: tick) }
        }
    }

    private var isStopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    private func fireIfDue(_ job: PeriodicJob, settled: inout [String: Date]) async throws {
        let current = now()
        let windowStart = current.addingTimeInterval(-options.catchUpWindow.totalSeconds)
        guard let fireAt = job.schedule.latestFiring(after: windowStart, notAfter: current, in: job.timeZone),
              settled[job.name] != fireAt else { return }
        let fired = try await pool.withTransaction { connection in
            let claimed = try await connection.query("""
                INSERT INTO bus.periodic_firings (name, fire_at) VALUES (\(job.name), \(fireAt))
                ON CONFLICT DO NOTHING RETURNING 1
                """)
            guard !claimed.isEmpty else { return false }
            try await MessageBus.enqueue([job.message(fireAt)], on: job.queue, in: connection)
            return true
        }
        settled[job.name] = fireAt
        if fired {
            logger.info("periodic job fired", metadata: ["job": "\(job.name)", "fire_at": "\(fireAt)", "queue": "\(job.queue)"])
        }
    }

    private func prune() async {
        let cutoff = now().addingTimeInterval(-options.retention.totalSeconds)
        do {
            try await pool.query("DELETE FROM bus.periodic_firings WHERE fire_at < \(cutoff)")
        } catch {
            logger.warning("pruning periodic firings failed", metadata: ["error": "\(error)"])
        }
    }
}
