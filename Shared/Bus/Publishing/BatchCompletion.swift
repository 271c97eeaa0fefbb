/// CTEs that count finished batch members and enqueue a batch's completion message when its
/// last member has finished; added to every statement that finishes messages, so the count
/// moves in the same transaction as the members' own settlement.
///
/// The statement must end with a `SELECT` that reads ``wakeUps``: a plain `SELECT` CTE (the
/// one sending the wake-up) runs only when something reads it.
enum BatchCompletion {
    /// Reads the wake-up CTE (how many queues it woke).
    static let wakeUps = MessageBus.wokenCount.description

    /// - Parameter finished: a query yielding `(batch_id, died)` for each member just finished,
    ///   `died` 1 for a dead-lettered member and 0 for a done one.
    static func sql(finished: String) -> String {
        """
        , members AS (\(finished)),
        counts AS (
            SELECT batch_id, count(*) AS finished, sum(died) AS died
            FROM members WHERE batch_id IS NOT NULL GROUP BY batch_id
        ),
        counted AS (
            UPDATE bus.batches AS b
            SET remaining = b.remaining - c.finished, failed = b.failed + c.died,
                completed_at = CASE WHEN b.remaining - c.finished = 0 THEN now() END
            FROM counts AS c WHERE b.id = c.batch_id
            RETURNING b.*
        ),
        completed AS (
            INSERT INTO bus.messages (queue, type, payload, correlation_id)
            SELECT completion_queue, completion_type, completion_payload, correlation_id
            FROM counted WHERE remaining = 0
            RETURNING queue
        ),
        due_queues AS (SELECT queue FROM completed),
        \(MessageBus.wakeUpSQL)
        """
    }
}
