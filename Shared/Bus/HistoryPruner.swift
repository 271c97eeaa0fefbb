import Logging
import Postgres
import ServiceLifecycle

/// Deletes finished messages from `bus.history` once they are older than the retention, as a
/// lifecycle service.
///
/// Deletes in bounded chunks, each its own short statement, so pruning a large backlog never
/// holds locks or bloats the write-ahead log for long. Replicas may each run one: a chunk skips
/// rows another pruner is deleting rather than waiting for them.
public struct HistoryPruner: Service {
    let pool: PostgresPool
    let retention: Duration
    let interval: Duration
    let chunkSize: Int
    let logger: Logger

    /// Creates a pruner.
    ///
    /// - Parameters:
    ///   - retention: how long finished messages are kept.
    ///   - interval: the pause between pruning rounds.
    ///   - chunkSize: rows deleted per statement.
    public init(
        pool: PostgresPool,
        retention: Duration = .seconds(7 * 24 * 3600),
        interval: Duration = .seconds(60),
        chunkSize: Int = 10_000,
        logger: Logger = Logger(label: "accord.bus.history-pruner")
    ) {
        precondition(chunkSize > 0, "a chunk must delete at least one row")
        self.pool = pool
        self.retention = retention
        self.interval = interval
        self.chunkSize = chunkSize
        self.logger = logger
    }

    /// Prunes every `interval` until graceful shutdown or cancellation; a failed round is logged
    /// and retried next round.
    public func run() async throws {
        while !isStopping {
            do {
                let deleted = try await prune()
                if deleted > 0 { logger.info("pruned bus history", metadata: ["count": "\(deleted)"]) }
            } catch {
                logger.warning("pruning bus history failed", metadata: ["error": "\(error)"])
            }
            // Ends early on graceful shutdown, so the service group is not kept waiting.
            try? await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
        }
    }

    /// Deletes every expired row, chunk by chunk, stopping early on shutdown.
    ///
    /// - Returns: how many rows were deleted.
    @discardableResult
    public func prune() async throws -> Int {
        var total = 0
        while !isStopping {
            let deleted = try await pool.query("""
                DELETE FROM bus.history WHERE id IN (
                    SELECT id FROM bus.history
                    WHERE finished_at < now() - make_interval(secs => \(retention.totalSeconds))
                    LIMIT \(chunkSize) FOR UPDATE SKIP LOCKED)
                """).affectedRows
            total += deleted
            if deleted < chunkSize { break }
        }
        return total
    }

    private var isStopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }
}
