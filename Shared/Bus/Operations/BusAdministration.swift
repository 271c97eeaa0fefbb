import Postgres

/// The operator's view of the bus: queue figures, dead letters, and reviving or purging them.
///
/// Read-mostly and safe to run against a live installation: every method is one statement, and
/// none of them ever reads a message's payload.
public struct BusAdministration: Sendable {
    let pool: PostgresPool

    /// Administers the bus reached through `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Counts live messages per queue, and the finished ones in history.
    ///
    /// Queues that only have a subscription are listed with zeros, so an empty queue shows up.
    ///
    /// - Parameter countingHistory: whether to count `bus.history`, which scans a table that may
    ///   hold millions of rows; periodic callers such as ``BusMetrics`` pass `false`.
    public func status(countingHistory: Bool = true) async throws -> BusStatus {
        let rows = try await pool.query("""
            WITH live AS (
                SELECT queue,
                       count(*) FILTER (WHERE state = 'ready') AS ready,
                       count(*) FILTER (WHERE state = 'running') AS running,
                       count(*) FILTER (WHERE state = 'dead') AS dead,
                       count(*) FILTER (WHERE state = 'ready' AND run_at <= now()) AS due,
                       min(run_at) FILTER (WHERE state = 'ready' AND run_at <= now()) AS oldest_due
                FROM bus.messages GROUP BY queue
            )
            SELECT queue, coalesce(ready, 0), coalesce(running, 0), coalesce(dead, 0), coalesce(due, 0),
                   extract(epoch FROM now() - oldest_due)::float8
            FROM live FULL JOIN (SELECT DISTINCT queue FROM bus.subscriptions) AS subscribed USING (queue)
            ORDER BY queue
            """)
        let queues = try rows.map(QueueStatus.init(row:))
        let history = countingHistory ? try await pool.query("SELECT count(*) FROM bus.history").single?.decode(Int.self, at: 0) : nil
        return BusStatus(queues: queues, historyCount: history)
    }

    /// Every queue some topic is delivered to.
    public func subscribedQueues() async throws -> [String] {
        try await pool.query("SELECT DISTINCT queue FROM bus.subscriptions ORDER BY queue").map { try $0.decode(String.self, at: 0) }
    }

    /// The figures of `queues` only, each read through the indexes of its own rows (ready,
    /// running, dead), so the cost follows those queues' backlogs, not the whole bus's. A queue
    /// with no messages reads as zeros.
    public func status(of queues: [String]) async throws -> [QueueStatus] {
        try await pool.query("""
            SELECT q.queue, r.ready, w.running, d.dead, r.due, extract(epoch FROM now() - r.oldest_due)::float8
            FROM unnest(\(queues)::text[]) AS q(queue)
            CROSS JOIN LATERAL (
                SELECT count(*) AS ready, count(*) FILTER (WHERE run_at <= now()) AS due,
                       min(run_at) FILTER (WHERE run_at <= now()) AS oldest_due
                FROM bus.messages WHERE queue = q.queue AND state = 'ready'
            ) AS r
            CROSS JOIN LATERAL (
                SELECT count(*) AS running FROM bus.messages WHERE queue = q.queue AND state = 'running'
            ) AS w
            CROSS JOIN LATERAL (
                SELECT count(*) AS dead FROM bus.messages WHERE queue = q.queue AND state = 'dead'
            ) AS d
            ORDER BY q.queue
            """).map(QueueStatus.init(row:))
    }

    /// Lists dead messages, newest first, without their payloads.
    ///
    /// - Parameters:
    ///   - queue: only this queue's; `nil` for every queue.
    ///   - limit: at most this many.
    public func deadLetters(queue: String? = nil, limit: Int = 50) async throws -> [DeadLetter] {
        try await pool.query("""
            SELECT id, queue, type, attempts, last_error, created_at FROM bus.messages
            WHERE state = 'dead' AND (\(queue)::text IS NULL OR queue = \(queue))
            ORDER BY id DESC LIMIT \(limit)
            """).map(DeadLetter.init(row:))
    }

    /// Gives dead messages a fresh start: ready now, with no attempts and no error, and wakes
    /// the workers of their queues in the same statement.
    ///
    /// - A dead message whose dedupe key is pending again on its queue stays dead (the newer one
    ///   does its job), and of several dead messages sharing a key only the newest is revived,
    ///   because a queue holds one pending message per key.
    /// - A dead member of an open batch counts as unfinished again, so the batch waits for it.
    ///   A member of a batch that has already completed is revived outside the batch: its
    ///   completion message went out and must not be sent twice.
    ///
    /// - Parameters:
    ///   - ids: only these messages; `nil` for any.
    ///   - queue: only this queue's; `nil` for every queue. Both `nil` revives every dead message.
    /// - Returns: how many were revived.
    @discardableResult
    public func retry(ids: [Int64]? = nil, queue: String? = nil) async throws -> Int {
        let row = try await pool.query("""
            WITH dead AS (
                -- Locked first, so the batch counts below move only for messages revived here.
                SELECT id, queue, dedupe_key, batch_id FROM bus.messages
                WHERE state = 'dead'
                  AND (\(ids)::int8[] IS NULL OR id = ANY(\(ids)::int8[]))
                  AND (\(queue)::text IS NULL OR queue = \(queue))
                FOR UPDATE
            ), chosen AS (
                SELECT DISTINCT ON (d.queue, d.dedupe_key, CASE WHEN d.dedupe_key IS NULL THEN d.id END) d.id, d.batch_id
                FROM dead AS d
                WHERE NOT EXISTS (SELECT FROM bus.messages AS pending
                                  WHERE pending.queue = d.queue AND pending.dedupe_key = d.dedupe_key
                                    AND pending.state <> 'dead')
                ORDER BY d.queue, d.dedupe_key, CASE WHEN d.dedupe_key IS NULL THEN d.id END, d.id DESC
            ), reopened AS (
                -- Under the batch row's lock: a batch that completed meanwhile is left alone.
                UPDATE bus.batches AS b
                SET remaining = b.remaining + c.revived, failed = b.failed - c.revived
                FROM (SELECT batch_id, count(*) AS revived FROM chosen WHERE batch_id IS NOT NULL GROUP BY batch_id) AS c
                WHERE b.id = c.batch_id AND b.remaining > 0
                RETURNING b.id
            ), revived AS (
                UPDATE bus.messages AS m
                SET state = 'ready', attempts = 0, run_at = now(), last_error = NULL, worker = NULL, lease_until = NULL,
                    batch_id = (SELECT id FROM reopened WHERE reopened.id = m.batch_id)
                FROM chosen WHERE m.id = chosen.id
                RETURNING m.queue
            ), due_queues AS (
                SELECT queue FROM revived
            ), \(unescaped: MessageBus.wakeUpSQL)
            SELECT (SELECT count(*) FROM revived), \(unescaped: MessageBus.wokenCount)
            """).single
        return try row?.decode(Int.self, at: 0) ?? 0
    }

    /// Deletes a queue's dead messages for good.
    ///
    /// - Parameters:
    ///   - queue: the queue; required, so that a slip never empties every queue's dead letters.
    ///   - age: only messages enqueued longer ago than this; `.zero` for all of them.
    /// - Returns: how many were deleted.
    @discardableResult
    public func purge(queue: String, olderThan age: Duration = .zero) async throws -> Int {
        try await pool.query("""
            DELETE FROM bus.messages
            WHERE state = 'dead' AND queue = \(queue) AND created_at < now() - make_interval(secs => \(age.totalSeconds))
            """).affectedRows
    }
}
