import Foundation
import Logging
import Postgres
import ServiceLifecycle

/// Consumes one queue: claims batches with `FOR UPDATE SKIP LOCKED`, runs the handler on each
/// message inside one transaction per batch, and acknowledges the batch in the same transaction.
///
/// - Exactly-once effects inside the database: a handler's writes and its message's
///   acknowledgement commit together; a crash before the commit leaves neither.
/// - A thrown error retries the message later with exponential backoff and jitter; after its
///   last attempt it is dead-lettered (kept in `bus.messages` with state `dead`).
/// - Claimed messages carry a lease. While a batch runs, its rows are locked, so nobody else can
///   take them; if the worker dies, the locks go with its connection and the reaper returns the
///   messages once their lease has expired.
/// - Wake-ups: `NOTIFY` hints, heard through the pool's shared `LISTEN` session
///   (`PostgresPool.notifications`), ring one idle loop; every loop also polls at `pollInterval`,
///   and all of them look for work after the listener reconnects.
public struct QueueWorker: Service {
    /// How a worker claims and retries.
    public struct Options: Sendable {
        /// Messages claimed at once.
        public var batchSize = 200
        /// Batches processed at once by this process (each on its own connection).
        public var concurrency = 2
        /// How long a claimed message stays reserved for this worker.
        public var lease: Duration = .seconds(30)
        /// The longest a loop sleeps without a wake-up before looking for work.
        public var pollInterval: Duration = .seconds(1)
        /// The first retry's delay; each further attempt doubles it (up to an hour), ±25 %.
        public var retryBase: Duration = .seconds(1)

        /// The defaults.
        public init() {}
    }

    /// What a handler does with a message: write in the transaction, then return an outcome
    /// or throw to retry.
    public typealias Handler = @Sendable (ClaimedMessage, HandlerTransaction) async throws -> HandlerOutcome

    /// What a projection does with a whole claimed batch at once: set-based writes in the
    /// transaction, all or nothing. Throwing retries the messages one by one, so one bad message
    /// fails alone.
    public typealias BatchHandler = @Sendable ([ClaimedMessage], HandlerTransaction) async throws -> Void

    let pool: PostgresPool
    /// The queue it consumes.
    public let queue: String
    let handler: Handler
    /// Set for workers that take batches whole.
    let batchHandler: BatchHandler?
    let options: Options
    let workerID: String
    let logger: Logger
    let metrics: QueueWorkerMetrics

    /// Creates a worker for `queue`; it runs as a lifecycle service.
    public init(pool: PostgresPool, queue: String, options: Options = Options(), logger: Logger = Logger(label: "accord.bus"), handler: @escaping Handler) {
        self.init(pool: pool, queue: queue, options: options, logger: logger, handler: handler, batchHandler: nil)
    }

    /// Creates a worker that hands each claimed batch to `batchHandler` in one piece, the way a
    /// projection writes hundreds of events in a few statements rather than one each.
    public init(pool: PostgresPool, queue: String, options: Options = Options(), logger: Logger = Logger(label: "accord.bus"), batchHandler: @escaping BatchHandler) {
        self.init(pool: pool, queue: queue, options: options, logger: logger, handler: { message, transaction in
            try await batchHandler([message], transaction)
            return .done
        }, batchHandler: batchHandler)
    }

    private init(pool: PostgresPool, queue: String, options: Options, logger: Logger, handler: @escaping Handler, batchHandler: BatchHandler?) {
        self.pool = pool
        self.queue = queue
        self.options = options
        self.handler = handler
        self.batchHandler = batchHandler
        self.logger = logger
        metrics = QueueWorkerMetrics(queue: queue)
        workerID = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
    }

    /// Runs the loops, the wake-up subscription and the reaper until shutdown; a batch in progress finishes.
    public func run() async throws {
        let doorbell = Doorbell()
        let wakeUps = pool.notifications.events(on: [MessageBus.wakeChannel(for: queue)])
        await withTaskGroup(of: Void.self) { group in
            // Every event rings: a notification is on this queue's own channel, and after a
            // (re)connection the hints sent while nobody listened are lost, so a look is due.
            group.addTask { for await _ in wakeUps { doorbell.ring() } }
            group.addTask { await reapExpiredLeases() }
            // The loops stop by themselves on graceful shutdown, once their current batch has
            // committed (an idle loop at once: the doorbell opens for good); only then are the
            // subscription and the reaper cancelled.
            await withGracefulShutdownHandler {
                await withTaskGroup(of: Void.self) { loops in
                    for _ in 0..<options.concurrency {
                        loops.addTask { await consume(doorbell: doorbell) }
                    }
                }
            } onGracefulShutdown: {
                doorbell.open()
            }
            group.cancelAll()
        }
        // Anything still claimed was cut short by cancellation (the grace period ran out): hand
        // it back now rather than after its lease. In a task of its own, as this one is cancelled.
        await Task { await releaseClaims() }.value
    }

    /// Returns this worker's unfinished claims to the queue, giving back the attempt.
    private func releaseClaims() async {
        do {
            let released = try await pool.query("""
                UPDATE bus.messages SET state = 'ready', worker = NULL, lease_until = NULL, attempts = greatest(attempts - 1, 0)
                WHERE worker = \(workerID) AND state = 'running'
                """).affectedRows
            if released > 0 { logger.info("released unfinished messages", metadata: ["queue": "\(queue)", "count": "\(released)"]) }
        } catch {
            logger.warning("could not release claimed messages; the reaper will", metadata: ["queue": "\(queue)", "error": "\(error)"])
        }
    }

    private var isStopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    private func consume(doorbell: Doorbell) async {
        var failures = 0
        while !isStopping {
            do {
                let batch = try await claim()
                failures = 0
                if batch.isEmpty {
                    await doorbell.wait(upTo: options.pollInterval)
                    continue
                }
                // A full batch suggests more work: let another loop help.
                if batch.count == options.batchSize { doorbell.ring() }
                try await process(batch)
            } catch {
                failures += 1
                logger.warning("bus worker failed; retrying", metadata: ["queue": "\(queue)", "error": "\(error)"])
                try? await Task.sleep(for: RetryBackoff.delay(afterFailures: failures))
            }
        }
    }

}
