import Postgres

/// Puts messages on the bus inside the caller's open transaction, so a service's rows and the
/// messages they cause commit together or not at all.
///
/// Every statement sends at most one `NOTIFY` on ``wakeChannel`` naming the queues that got a
/// message due now; it is delivered only if the transaction commits, and only as a hint:
/// workers also poll.
public enum MessageBus {
    /// The channel that carries wake-up hints; the payload is a comma-separated list of queues.
    public static let wakeChannel = "accord_bus"

    /// Enqueues `messages` on `queue`, in one statement however many there are.
    ///
    /// - Returns: how many were enqueued; a message whose dedupe key is already pending on the
    ///   queue is dropped and not counted.
    @discardableResult
    public static func enqueue(_ messages: [OutgoingMessage], on queue: String, in transaction: PostgresConnection) async throws -> Int {
        try await insert(messages, target: "CROSS JOIN (SELECT $10::text AS queue) AS target", argument: queue, in: transaction)
    }

    /// Publishes `messages` on `topic`: every queue subscribed to the topic gets its own copy,
    /// with its own attempts and retries.
    ///
    /// - Returns: how many copies were enqueued in all.
    @discardableResult
    public static func publish(_ messages: [OutgoingMessage], topic: String, in transaction: PostgresConnection) async throws -> Int {
        try await insert(messages, target: "JOIN bus.subscriptions AS target ON target.topic = $10", argument: topic, in: transaction)
    }

    /// Subscribes `queue` to `topics`; consuming services call it at start-up. Idempotent.
    public static func subscribe(_ queue: String, to topics: [String], in connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO bus.subscriptions (topic, queue) SELECT unnest(\(topics)::text[]), \(queue)
            ON CONFLICT DO NOTHING
            """)
    }

    static func insert(
        _ messages: [OutgoingMessage], target: String, argument: String, batch: Int64? = nil, in transaction: PostgresConnection
    ) async throws -> Int {
        guard !messages.isEmpty else { return 0 }
        // A column that is NULL or the default for every message goes as an empty array, which
        // `unnest` pads with NULLs: thousands of "NULL"s are neither written nor parsed.
        let binds: [any PostgresEncodable] = [
            messages.map(\.type), messages.map(\.payload),
            sparse(messages.map { $0.priority == 0 ? nil : $0.priority }), sparse(messages.map(\.runAt)),
            sparse(messages.map { $0.maxAttempts == OutgoingMessage.defaultMaxAttempts ? nil : $0.maxAttempts }),
            sparse(messages.map(\.dedupeKey)), sparse(messages.map(\.correlationID)),
            sparse(messages.map(\.causationID)), sparse(messages.map(\.traceContext)), argument, batch,
        ]
        let row = try await transaction.query(PostgresQuery(sql: """
            WITH inserted AS (
                INSERT INTO bus.messages (queue, type, payload, priority, run_at, max_attempts, dedupe_key,
                                          correlation_id, causation_id, trace_context, batch_id)
                SELECT target.queue, m.type, m.payload, coalesce(m.priority, 0), coalesce(m.run_at, now()),
                       coalesce(m.max_attempts, \(OutgoingMessage.defaultMaxAttempts)),
                       m.dedupe_key, m.correlation_id, m.causation_id, m.trace_context, $11::int8
                FROM unnest($1::text[], $2::jsonb[], $3::int2[], $4::timestamptz[], $5::int4[], $6::text[],
                            $7::uuid[], $8::uuid[], $9::text[])
                     AS m(type, payload, priority, run_at, max_attempts, dedupe_key, correlation_id, causation_id, trace_context)
                \(target)
                ON CONFLICT (queue, dedupe_key) WHERE dedupe_key IS NOT NULL AND state <> 'dead' DO NOTHING
                RETURNING queue, run_at
            ), woken AS (
                SELECT pg_notify('\(wakeChannel)', string_agg(DISTINCT queue, ','))
                FROM inserted WHERE run_at <= now() HAVING count(*) > 0
            )
            SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM woken)
            """, binds: binds, prepared: true)).single
        return try row?.decode(Int.self, at: 0) ?? 0
    }

    /// The values, or none at all when every one is `nil`.
    private static func sparse<Value: PostgresEncodable>(_ values: [Value?]) -> [Value?] {
        values.contains { $0 != nil } ? values : []
    }
}
