import Logging
import Postgres
import ServiceLifecycle

/// Deletes the rows of one table once a timestamp column is older than the retention, as a
/// lifecycle service: the bus's finished messages, intake's idempotency keys.
///
/// Deletes in bounded chunks, each its own short statement, so pruning a large backlog never
/// holds locks or bloats the write-ahead log for long. Replicas may each run one: a chunk skips
/// rows another pruner is deleting rather than waiting for them.
public struct RetentionPruner: Service {
    let pool: PostgresPool
    let schema: String
    let table: String
    let timestampColumn: String
    let retention: Duration
    let interval: Duration
    let chunkSize: Int
    let logger: Logger

    /// Creates a pruner.
    ///
    /// - Parameters:
    ///   - schema, table: the table to prune (identifiers, quoted when spliced).
    ///   - timestampColumn: the column whose age decides.
    ///   - retention: how long rows are kept.
    ///   - interval: the pause between pruning rounds.
    ///   - chunkSize: rows deleted per statement.
    public init(
        pool: PostgresPool,
        schema: String,
        table: String,
        timestampColumn: String,
        retention: Duration,
        interval: Duration,
        chunkSize: Int = 10_000,
        logger: Logger
    ) {
        precondition(chunkSize > 0, "a chunk must delete at least one row")
        self.pool = pool
        self.schema = schema
        self.table = table
        self.timestampColumn = timestampColumn
        self.retention = retention
        self.interval = interval
        self.chunkSize = chunkSize
        self.logger = logger
    }

    /// The bus's finished messages in `bus.history`, kept 7 days by default; every service runs one.
    public static func busHistory(
        pool: PostgresPool,
        retention: Duration = .seconds(7 * 24 * 3600),
        interval: Duration = .seconds(60),
        chunkSize: Int = 10_000
    ) -> RetentionPruner {
        RetentionPruner(
            pool: pool, schema: "bus", table: "history", timestampColumn: "finished_at", retention: retention,
            interval: interval, chunkSize: chunkSize, logger: Logger(label: "accord.bus.history-pruner"))
    }

    /// Prunes every `interval` until graceful shutdown or cancellation; a failed round is logged
    /// and retried next round.
    public func run() async throws {
        while !isStopping {
            do {
                let deleted = try await prune()
                if deleted > 0 { logger.info("pruned expired rows", metadata: ["table": "\(schema).\(table)", "count": "\(deleted)"]) }
            } catch {
                logger.warning("pruning failed", metadata: ["table": "\(schema).\(table)", "error": "\(error)"])
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
            // By physical row id, so the same statement serves tables with any primary key.
            let deleted = try await pool.query("""
                DELETE FROM \(identifier: schema).\(identifier: table) WHERE ctid IN (
                    SELECT ctid FROM \(identifier: schema).\(identifier: table)
                    WHERE \(identifier: timestampColumn) < now() - make_interval(secs => \(retention.totalSeconds))
                    LIMIT \(chunkSize) FOR UPDATE SKIP LOCKED)
                """).affectedRows
            total += deleted
            if deleted < chunkSize { break }
        }
        return total
    }

    private var isStopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }
}
