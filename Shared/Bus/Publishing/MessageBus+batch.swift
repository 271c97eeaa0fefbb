import Postgres

extension MessageBus {
    /// Enqueues `members` on `queue` as one batch and registers `completion`, to be enqueued on
    /// `completionQueue` exactly once when the last member has finished (done, or dead after
    /// its last attempt — the batch's `failed` count says how many died).
    ///
    /// - Returns: the batch's id, which members and the completion handler can look up in `bus.batches`.
    @discardableResult
    public static func enqueueBatch(
        _ members: [OutgoingMessage],
        on queue: String,
        completion: OutgoingMessage,
        completionQueue: String,
        in transaction: PostgresConnection
    ) async throws -> Int64 {
        guard !members.isEmpty else {
            try await enqueue([completion], on: completionQueue, in: transaction)
            return 0
        }
        let batch = try await transaction.query("""
            INSERT INTO bus.batches (total, remaining, completion_queue, completion_type, completion_payload, correlation_id)
            VALUES (\(members.count), \(members.count), \(completionQueue), \(completion.type),
                    \(completion.payload)::jsonb, \(completion.correlationID))
            RETURNING id
            """).single!.decode(Int64.self, at: 0)
        let enqueued = try await insert(members, target: { "CROSS JOIN (SELECT \($0)::text AS queue) AS target" }, argument: queue, batch: batch, in: transaction)
        // Members dropped by their dedupe key will never finish: count only those enqueued.
        if enqueued == 0 {
            try await transaction.query("DELETE FROM bus.batches WHERE id = \(batch)")
            try await enqueue([completion], on: completionQueue, in: transaction)
            return 0
        }
        if enqueued < members.count {
            try await transaction.query("UPDATE bus.batches SET total = \(enqueued), remaining = \(enqueued) WHERE id = \(batch)")
        }
        return batch
    }
}
