import Postgres

extension QueueWorker {
    /// Claims up to a batch of due messages, in priority, due-time and id order.
    func claim() async throws -> [ClaimedMessage] {
                let rows = try await pool.query(PostgresQuery(sql: """
            WITH next AS (
                SELECT id FROM bus.messages
                WHERE queue = $1 AND state = 'ready' AND run_at <= now()
                ORDER BY priority DESC, run_at, id
                LIMIT $2
                FOR UPDATE SKIP LOCKED
            )
            UPDATE bus.messages AS m
            SET state = 'running', attempts = m.attempts + 1, worker = $3,
                lease_until = now() + $4 * interval '1 second'
            FROM next WHERE m.id = next.id
            RETURNING m.id, m.queue, m.type, m.payload::text, m.attempts, m.max_attempts,
                      m.correlation_id, m.causation_id, m.trace_context, m.priority, m.run_at
            """, binds: [queue, options.batchSize, workerID, options.lease.totalSeconds], prepared: true))
        let batch = try rows.map(ClaimedMessage.init(row:)).sorted { a, b in
            (-a.priority, a.runAt, a.id) < (-b.priority, b.runAt, b.id)
        }
        metrics.recordClaimed(batch)
        return batch
    }

    /// Runs the handler on each message of a claimed batch in one transaction and settles them
    /// all in that transaction: done ones to history, snoozed and failed ones back to the queue.
    func process(_ batch: [ClaimedMessage]) async throws {
        try await pool.withTransaction { connection in
            // Locking the rows proves they are still ours (a reaped message is skipped) and keeps
            // anyone else from taking them until this transaction ends.
            let owned = Set(try await connection.query(PostgresQuery(sql: """
                SELECT id FROM bus.messages WHERE id = ANY($1) AND worker = $2 AND state = 'running' FOR UPDATE
                """, binds: [batch.map(\.id), workerID], prepared: true)).map { try $0.decode(Int64.self, at: 0) })
            let mine = batch.filter { owned.contains($0.id) }
            var settlement = Settlement()
            if mine.count > 1, let batchHandler, await handleWhole(mine, with: batchHandler, on: connection) {
                mine.forEach { settlement.record($0.id, .done) }
            } else {
                settlement = try await handleEach(mine, on: connection)
            }
            let died = try await settle(settlement, on: connection)
            metrics.processed.increment(by: settlement.done.count)
            metrics.failed.increment(by: settlement.failed.count)
            metrics.dead.increment(by: died)
        }
    }

    /// Runs the handler on each message behind a savepoint of its own, so a failing handler
    /// undoes only its own writes.
    private func handleEach(_ batch: [ClaimedMessage], on connection: PostgresConnection) async throws -> Settlement {
        var settlement = Settlement()
        for message in batch {
            let transaction = HandlerTransaction(connection: connection)
            let started = ContinuousClock.now
            defer { metrics.handlerDuration.recordNanoseconds((ContinuousClock.now - started).nanoseconds) }
            do {
                let outcome = try await handler(message, transaction)
                try await transaction.keep()
                settlement.record(message.id, outcome)
            } catch {
                try await transaction.undo()
                settlement.fail(message.id, error)
            }
        }
        return settlement
    }

    /// Runs a batch handler on the whole batch behind one savepoint; false (its writes undone)
    /// when it threw, so the caller goes through the messages one by one.
    private func handleWhole(_ batch: [ClaimedMessage], with batchHandler: BatchHandler, on connection: PostgresConnection) async -> Bool {
        let transaction = HandlerTransaction(connection: connection)
        let started = ContinuousClock.now
        defer { metrics.handlerDuration.recordNanoseconds((ContinuousClock.now - started).nanoseconds) }
        do {
            try await batchHandler(batch, transaction)
            try await transaction.keep()
            return true
        } catch {
            logger.debug("batch handler failed; taking the messages one by one", metadata: ["queue": "\(queue)", "count": "\(batch.count)"])
            try? await transaction.undo()
            return false
        }
    }

    /// Settles the batch; returns how many messages were dead-lettered.
    private func settle(_ settlement: Settlement, on connection: PostgresConnection) async throws -> Int {
        if !settlement.done.isEmpty {
            try await connection.query(PostgresQuery(sql: """
                WITH finished AS (
                    DELETE FROM bus.messages WHERE id = ANY($1)
                    RETURNING id, queue, type, payload, attempts, correlation_id, causation_id, created_at, batch_id
                ), archived AS (
                    INSERT INTO bus.history (id, queue, type, payload, attempts, correlation_id, causation_id, created_at, batch_id)
                    SELECT * FROM finished
                )
                \(BatchCompletion.sql(finished: "SELECT batch_id, 0 AS died FROM finished"))
                SELECT \(BatchCompletion.wakeUps)
                """, binds: [settlement.done], prepared: true))
        }
        if !settlement.snoozed.isEmpty {
            // A snooze is not a failure: the attempt the claim counted is given back.
            try await connection.query(PostgresQuery(sql: """
                UPDATE bus.messages AS m
                SET state = 'ready', worker = NULL, lease_until = NULL, attempts = m.attempts - 1,
                    run_at = now() + s.seconds * interval '1 second'
                FROM unnest($1::int8[], $2::float8[]) AS s(id, seconds) WHERE m.id = s.id
                """, binds: [settlement.snoozed, settlement.snoozeSeconds], prepared: true))
        }
        if !settlement.failed.isEmpty {
            return try await connection.query(PostgresQuery(sql: """
                WITH settled AS (
                    UPDATE bus.messages AS m
                    SET worker = NULL, lease_until = NULL, last_error = f.error,
                        state = CASE WHEN m.attempts >= m.max_attempts THEN 'dead' ELSE 'ready' END,
                        run_at = now() + least(3600, $3 * power(2, m.attempts - 1)) * (0.75 + random() * 0.5) * interval '1 second'
                    FROM unnest($1::int8[], $2::text[]) AS f(id, error) WHERE m.id = f.id
                    RETURNING m.batch_id, m.state
                )
                \(BatchCompletion.sql(finished: "SELECT batch_id, 1 AS died FROM settled WHERE state = 'dead'"))
                SELECT (SELECT count(*) FROM members), \(BatchCompletion.wakeUps)
                """, binds: [settlement.failed, settlement.errors, options.retryBase.totalSeconds], prepared: true)).single?.decode(Int.self, at: 0) ?? 0
        }
        return 0
    }

    /// Returns messages whose lease expired (their worker died) to the queue, or to the dead
    /// letters if that was their last attempt. Rows a live batch holds are skipped, and the
    /// state is checked again under the lock, so a finished message is never revived.
    func reapExpiredLeases() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let reaped = try await pool.query(PostgresQuery(sql: """
                    WITH reaped AS (
                        UPDATE bus.messages AS m
                        SET state = CASE WHEN m.attempts >= m.max_attempts THEN 'dead' ELSE 'ready' END,
                            worker = NULL, lease_until = NULL, last_error = 'lease expired'
                        FROM (SELECT id FROM bus.messages
                              WHERE state = 'running' AND lease_until < now() AND queue = $1
                              FOR UPDATE SKIP LOCKED) AS expired
                        WHERE m.id = expired.id AND m.state = 'running'
                        RETURNING m.batch_id, m.state
                    )
                    \(BatchCompletion.sql(finished: "SELECT batch_id, 1 AS died FROM reaped WHERE state = 'dead'"))
                    SELECT (SELECT count(*) FROM reaped), \(BatchCompletion.wakeUps)
                    """, binds: [queue])).single?.decode(Int.self, at: 0) ?? 0
                if reaped > 0 { logger.info("returned messages with expired leases", metadata: ["queue": "\(queue)", "count": "\(reaped)"]) }
            } catch {
                logger.warning("lease reaper failed", metadata: ["queue": "\(queue)", "error": "\(error)"])
            }
            try? await Task.sleep(for: min(options.lease / 2, .seconds(5)))
        }
    }
}

/// How each message of a batch ended, gathered for the settling statements.
struct Settlement {
    var done: [Int64] = []
    var snoozed: [Int64] = []
    var snoozeSeconds: [Double] = []
    var failed: [Int64] = []
    var errors: [String] = []

    mutating func record(_ id: Int64, _ outcome: HandlerOutcome) {
        switch outcome {
        case .done:
            done.append(id)
        case .snooze(let delay):
            snoozed.append(id)
            snoozeSeconds.append(delay.totalSeconds)
        }
    }

    /// Records a failure by the error's type, and its text only for database errors (whose text
    /// never carries values): a handler's own error text could quote personal data.
    mutating func fail(_ id: Int64, _ error: any Error) {
        failed.append(id)
        errors.append((error as? PostgresError)?.description ?? String(describing: type(of: error)))
    }
}
