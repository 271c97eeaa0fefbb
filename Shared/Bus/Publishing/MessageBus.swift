import Postgres

/// Puts messages on the bus inside the caller's open transaction, so a service's rows and the
/// messages they cause commit together or not at all.
///
/// Every statement sends one `NOTIFY` per queue that got a message due now, on that queue's own
/// ``wakeChannel(for:)``; it is delivered only if the transaction commits, and only as a hint:
/// workers also poll.
public enum MessageBus {
    /// The channel that carries wake-up hints for `queue`: `accord_bus.<queue>`, with an empty
    /// payload. One channel per queue, so a service's listener hears only of its own queues and
    /// PostgreSQL delivers nothing to the listeners of services that would ignore it.
    public static func wakeChannel(for queue: String) -> String {
        "accord_bus." + queue
    }

    /// A CTE `woken` that sends the wake-up of each queue named in the statement's `due_queues`
    /// CTE (a `queue` column, repeats allowed); read it with ``wokenCount`` or it does not run.
    /// The prefix is spelled out because a `StaticString` cannot be assembled from parts.
    static let wakeUpSQL: StaticString = """
        woken AS (
            SELECT pg_notify('accord_bus.' || queue, '') FROM (SELECT DISTINCT queue FROM due_queues) AS due
        )
        """

    /// How many queues the statement woke; reading it makes the `woken` CTE run.
    static let wokenCount: StaticString = "(SELECT count(*) FROM woken)"

    /// Enqueues `messages` on `queue`, in one statement however many there are.
    ///
    /// - Returns: how many were enqueued; a message whose dedupe key is already pending on the
    ///   queue is dropped and not counted.
    @discardableResult
    public static func enqueue(_ messages: [OutgoingMessage], on queue: String, in transaction: PostgresConnection) async throws -> Int {
        try await insert(messages, target: { "CROSS JOIN (SELECT \($0)::text AS queue) AS target" }, argument: queue, in: transaction)
    }

    /// Publishes `messages` on `topic`: every queue subscribed to the topic gets its own copy,
    /// with its own attempts and retries.
    ///
    /// - Returns: how many copies were enqueued in all.
    @discardableResult
    public static func publish(_ messages: [OutgoingMessage], topic: String, in transaction: PostgresConnection) async throws -> Int {
        try await insert(messages, target: { "JOIN bus.subscriptions AS target ON target.topic = \($0)" }, argument: topic, in: transaction)
    }

    /// Runs the caller's own writes and publishes `messages` on `topic` in **one statement**: one
    /// round trip, atomic without an explicit transaction, so a hot path that writes a row and
    /// announces it pays for neither `BEGIN` nor `COMMIT`.
    ///
    /// `writes` is a list of common table expressions, `name AS (INSERT …), other AS (…)`, with
    /// its own `$n` parameters from `$1`; the bus's expressions follow it. PostgreSQL runs every
    /// data-modifying expression exactly once, and if any statement part fails — a unique
    /// violation in the caller's insert, say — nothing is written and nothing is published.
    ///
    /// - Returns: how many copies were enqueued in all.
    @discardableResult
    public static func publish(
        _ messages: [OutgoingMessage], topic: String, after writes: PostgresQuery, on connection: PostgresConnection
    ) async throws -> Int {
        try await insert(
            messages, target: { "JOIN bus.subscriptions AS target ON target.topic = \($0)" }, argument: topic,
            after: writes, in: connection
        )
    }

    /// Like ``publish(_:topic:after:on:)``, but each message goes out on the topic of its own
    /// type (`referral.received.v1` on `referral.received.v1`), so one statement can publish
    /// messages of several types.
    ///
    /// `amendments`, when given, names a relation that `writes` defines with the columns
    /// `(type text, fields jsonb)`: its fields are merged into the payloads of that type. It is for
    /// a figure only the statement itself can know, read in the same snapshot as its writes (how
    /// many of a referral's minors intake has seen before), without a second round trip.
    @discardableResult
    public static func publishByType(
        _ messages: [OutgoingMessage], after writes: PostgresQuery, amendments: String? = nil, on connection: PostgresConnection
    ) async throws -> Int {
        // The argument is unused (NULL): the topic is each message's own type.
        try await insert(
            messages, target: { "JOIN bus.subscriptions AS target ON target.topic = m.type AND \($0)::text IS NULL" }, argument: nil,
            after: writes, amendments: amendments, in: connection
        )
    }

    /// Like ``publishByType(_:after:amendments:on:)``, but the statement sends no `NOTIFY`: it
    /// returns the queues that got a message due now, for the caller to wake once the statement
    /// has committed, with ``BusWakeUps``.
    ///
    /// For hot paths that commit many small transactions on a durable server. PostgreSQL lets one
    /// `NOTIFY`-ing transaction commit at a time (it holds a database-wide lock from just before
    /// its commit record until after the WAL flush), so such commits never share a flush: on
    /// `fsync = on` they run one disk flush after another, whatever the number of connections.
    /// Measured with intake's statement and pgbench (32 connections): about 1,000 commits/s with
    /// the `NOTIFY`, 2,000 without (`docs/benchmarks.md`).
    public static func publishByTypeWithoutWakeUp(
        _ messages: [OutgoingMessage], after writes: PostgresQuery, amendments: String? = nil, on connection: PostgresConnection
    ) async throws -> [String] {
        try await insert(
            messages, target: { "JOIN bus.subscriptions AS target ON target.topic = m.type AND \($0)::text IS NULL" }, argument: nil,
            after: writes, amendments: amendments, wakeUp: false, in: connection
        ).due
    }

    /// Sends the wake-ups of `queues` in a transaction of their own. It writes nothing else, and
    /// PostgreSQL commits such a transaction without waiting for the disk, so it holds the
    /// `NOTIFY` lock for microseconds rather than for a WAL flush (pgbench, one connection, durable
    /// cluster: 4,000–4,500 such statements/s, more than the disk's flush rate). Call it after
    /// the messages' own commit.
    public static func wake(_ queues: [String], on connection: PostgresConnection) async throws {
        try await connection.query("SELECT count(pg_notify('accord_bus.' || queue, '')) FROM unnest(\(queues)::text[]) AS queue")
    }

    /// Subscribes `queue` to `topics`; consuming services call it at start-up. Idempotent.
    public static func subscribe(_ queue: String, to topics: [String], in connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO bus.subscriptions (topic, queue) SELECT unnest(\(topics)::text[]), \(queue)
            ON CONFLICT DO NOTHING
            """)
    }

    /// - Parameters:
    ///   - target: The join that names the destination queues, given the placeholder of `argument`.
    ///   - writes: The caller's expressions to run first in the same statement (see `publish(_:topic:after:on:)`).
    ///   - amendments: A relation of `writes` whose fields are merged into payloads (see `publishByType`).
    static func insert(
        _ messages: [OutgoingMessage], target: (String) -> String, argument: String?, batch: Int64? = nil,
        after writes: PostgresQuery? = nil, amendments: String? = nil, in transaction: PostgresConnection
    ) async throws -> Int {
        try await insert(
            messages, target: target, argument: argument, batch: batch, after: writes, amendments: amendments, wakeUp: true,
            in: transaction
        ).count
    }

    /// The statement itself. With `wakeUp` it sends the wake-ups and `due` is empty; without, it
    /// sends none and `due` names the queues to wake (see ``publishByTypeWithoutWakeUp(_:after:amendments:on:)``).
    static func insert(
        _ messages: [OutgoingMessage], target: (String) -> String, argument: String?, batch: Int64? = nil,
        after writes: PostgresQuery? = nil, amendments: String? = nil, wakeUp: Bool, in transaction: PostgresConnection
    ) async throws -> (count: Int, due: [String]) {
        guard !messages.isEmpty || writes != nil else { return (0, []) }
        // The bus's parameters follow the caller's.
        let offset = writes?.binds.count ?? 0
        func p(_ number: Int) -> String { "$\(number + offset)" }
        // A column that is NULL or the default for every message goes as an empty array, which
        // `ROWS FROM` pads with NULLs: thousands of "NULL"s are neither written nor parsed. The
        // payloads go as one JSON array: as a `jsonb[]` literal every quote in every document
        // would be escaped here and unescaped by the server.
        let binds: [any PostgresEncodable] = (writes?.binds ?? []) + [
            messages.map(\.type), "[" + messages.map(\.payload).joined(separator: ",") + "]",
            sparse(messages.map { $0.priority == 0 ? nil : $0.priority }), sparse(messages.map(\.runAt)),
            sparse(messages.map { $0.maxAttempts == OutgoingMessage.defaultMaxAttempts ? nil : $0.maxAttempts }),
            sparse(messages.map(\.dedupeKey)), sparse(messages.map(\.correlationID)),
            sparse(messages.map(\.causationID)), sparse(messages.map(\.traceContext)), argument, batch,
        ]
        let prefix = writes.map { "WITH \($0.sql), " } ?? "WITH "
        let payload = amendments.map { "m.payload || coalesce((SELECT a.fields FROM \($0) a WHERE a.type = m.type), '{}')" } ?? "m.payload"
        let row = try await transaction.query(PostgresQuery(sql: prefix + """
            inserted AS (
                INSERT INTO bus.messages (queue, type, payload, priority, run_at, max_attempts, dedupe_key,
                                          correlation_id, causation_id, trace_context, batch_id)
                SELECT target.queue, m.type, \(payload), coalesce(m.priority, 0), coalesce(m.run_at, now()),
                       coalesce(m.max_attempts, \(OutgoingMessage.defaultMaxAttempts)),
                       m.dedupe_key, m.correlation_id, m.causation_id, m.trace_context, \(p(11))::int8
                FROM ROWS FROM (unnest(\(p(1))::text[]), jsonb_array_elements(\(p(2))::jsonb), unnest(\(p(3))::int2[]),
                                unnest(\(p(4))::timestamptz[]), unnest(\(p(5))::int4[]), unnest(\(p(6))::text[]),
                                unnest(\(p(7))::uuid[]), unnest(\(p(8))::uuid[]), unnest(\(p(9))::text[]))
                     AS m(type, payload, priority, run_at, max_attempts, dedupe_key, correlation_id, causation_id, trace_context)
                \(target(p(10)))
                ON CONFLICT (queue, dedupe_key) WHERE dedupe_key IS NOT NULL AND state <> 'dead' DO NOTHING
                RETURNING queue, run_at
            ), due_queues AS (
                SELECT queue FROM inserted WHERE run_at <= now()
            )\(wakeUp ? ", \(wakeUpSQL)" : "")
            SELECT (SELECT count(*) FROM inserted), \(wakeUp ? "\(wokenCount)" : "array(SELECT DISTINCT queue FROM due_queues)")
            """, binds: binds, prepared: true)).single
        guard let row else { return (0, []) }
        return (try row.decode(Int.self, at: 0), wakeUp ? [] : try row.decode([String].self, at: 1))
    }

    /// The values, or none at all when every one is `nil`.
    private static func sparse<Value: PostgresEncodable>(_ values: [Value?]) -> [Value?] {
        values.contains { $0 != nil } ? values : []
    }
}
