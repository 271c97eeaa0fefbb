import Foundation
import Postgres

/// The ceiling for `accord-bench intake`: pgbench committing, for each transaction, the very
/// statement `ReferralStore.create` commits for one referral — its writes to
/// `intake.referrals`, `intake.audit_log` and `intake.idempotency_keys` followed by the bus's
/// publish of `referral.received.v1` (`MessageBus.insert`) — with representative values.
struct IntakePgbench {
    let executable: String
    /// Where the script and pgbench's output go.
    let directory: URL

    /// The statement, as a pgbench script. Everything intake sends as a parameter is a pgbench
    /// variable here, so that with `-M prepared` pgbench sends it as a parameter too and the
    /// server parses the same ~2 KB of JSON per transaction that it parses per referral.
    ///
    /// Differences from intake, where pgbench cannot do what the service does (each costs the
    /// server about as much as what it replaces):
    /// - the referral id comes from `gen_random_uuid()` (intake sends a UUIDv7 it made) and
    ///   reaches the other writes through `RETURNING`, since pgbench cannot make a UUID itself;
    /// - `received_at` is `now()` rather than the service's clock;
    /// - the reference number and idempotency key are `P-<random>`, unique per transaction;
    /// - the bus's all-NULL columns are empty arrays, as intake sends them (`MessageBus.sparse`);
    /// - intake wakes the queues after the commit (`BusWakeUps`, one statement for all the
    ///   referrals committed meanwhile); pgbench has no such step, so that work counts against intake.
    static let script = """
        \\set n random(1, 9000000000000000000)
        WITH referral AS (
            INSERT INTO intake.referrals (id, integrator_id, organisation_id, kind, reference_number, reference_date,
                                          submission, received_at, updated_at)
            VALUES (gen_random_uuid(), :integrator_id, :organisation_id, 'agency_referral', 'P-' || :n::text,
                    :reference_date::date, :submission::jsonb, now(), now())
            RETURNING id, received_at
        ), audit AS (
            INSERT INTO intake.audit_log (at, integrator_id, key_id, action, referral_id)
            SELECT received_at, :integrator_id, :key_id, 'referral.create', id FROM referral
        ), idempotency AS (
            INSERT INTO intake.idempotency_keys (integrator_id, key, request_sha256, referral_id, created_at)
            SELECT :integrator_id, key, :body_sha256::bytea, referral.id, referral.received_at
            FROM referral, (SELECT ('P-' || :n::text)::text AS key) AS given WHERE key IS NOT NULL
        ), inserted AS (
            INSERT INTO bus.messages (queue, type, payload, priority, run_at, max_attempts, dedupe_key,
                                      correlation_id, causation_id, trace_context, batch_id)
            SELECT target.queue, m.type, m.payload, coalesce(m.priority, 0), coalesce(m.run_at, now()),
                   coalesce(m.max_attempts, 25),
                   m.dedupe_key, m.correlation_id, m.causation_id, m.trace_context, NULL::int8
            FROM ROWS FROM (unnest(:types::text[]), jsonb_array_elements(:payloads::jsonb), unnest(:none::int2[]),
                            unnest(:none::timestamptz[]), unnest(:none::int4[]), unnest(:none::text[]),
                            unnest(ARRAY[(SELECT id FROM referral)]), unnest(:none::uuid[]), unnest(:none::text[]))
                 AS m(type, payload, priority, run_at, max_attempts, dedupe_key, correlation_id, causation_id, trace_context)
            JOIN bus.subscriptions AS target ON target.topic = :topic
            ON CONFLICT (queue, dedupe_key) WHERE dedupe_key IS NOT NULL AND state <> 'dead' DO NOTHING
            RETURNING queue, run_at
        ), due_queues AS (
            SELECT queue FROM inserted WHERE run_at <= now()
        )
        SELECT (SELECT count(*) FROM inserted), array(SELECT DISTINCT queue FROM due_queues);

        """

    /// The script's variables (`-D name=value`), in a stable order.
    struct Values {
        var integratorID: UUID
        var organisationID: UUID
        var keyID: UUID
        /// A referral intake stored in this run: its submission as compact JSON (what intake
        /// sends), its reference date, the SHA-256 of its request body, and the
        /// `referral.received.v1` payload the bus got for it.
        var submission: String
        var referenceDate: String
        var bodySHA256: String
        var payload: String

        var definitions: [(String, String)] {
            [
                ("integrator_id", integratorID.uuidString.lowercased()), ("organisation_id", organisationID.uuidString.lowercased()),
                ("key_id", keyID.uuidString.lowercased()), ("reference_date", referenceDate), ("submission", submission),
                ("body_sha256", bodySHA256), ("types", "{referral.received.v1}"), ("payloads", "[\(payload)]"),
                ("none", "{}"), ("topic", "referral.received.v1"),
            ]
        }

        /// Takes a referral `integrator` stored through intake as the sample, so the values are
        /// the real thing rather than a guess at it.
        static func sample(from pool: PostgresPool, integrator: UUID, pgbenchIntegrator: UUID, organisation: UUID, key: UUID) async throws -> Values {
            let row = try await pool.query("""
                SELECT r.submission::text, r.reference_date::text, '\\x' || encode(k.request_sha256, 'hex'), m.payload::text
                FROM intake.referrals r
                JOIN intake.idempotency_keys k ON k.referral_id = r.id
                JOIN bus.messages m ON m.correlation_id = r.id AND m.type = 'referral.received.v1'
                WHERE r.integrator_id = \(integrator)
                ORDER BY r.received_at LIMIT 1
                """).single
            guard let row else { throw BenchChildFailure(description: "no referral was stored to take pgbench's values from") }
            return Values(
                integratorID: pgbenchIntegrator, organisationID: organisation, keyID: key,
                submission: try compact(row.decode(String.self, at: 0)), referenceDate: try row.decode(String.self, at: 1),
                bodySHA256: try row.decode(String.self, at: 2), payload: try compact(row.decode(String.self, at: 3)))
        }

        /// JSON without the blanks jsonb's text output adds, as intake's encoder writes it.
        static func compact(_ json: String) throws -> String {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// What pgbench reported.
    struct Result {
        var tps: Double
        var latencyAverage: Double
        var transactions: Int
        var failed: Int
    }

    /// Runs the script from `connections` clients on `threads` threads for `seconds`.
    func run(values: Values, connections: Int, threads: Int, seconds: Int, environment: [String: String], connection: String?) async throws -> Result {
        let file = directory.appendingPathComponent("intake-referral.sql")
        try Self.script.write(to: file, atomically: true, encoding: .utf8)
        var arguments = ["-n", "-M", "prepared", "-c", "\(connections)", "-j", "\(threads)", "-T", "\(seconds)", "-f", file.path]
        for (name, value) in values.definitions { arguments += ["-D", "\(name)=\(value)"] }
        // Readers can run it again by hand: the variables, one per line.
        try values.definitions.map { "-D \($0.0)=\($0.1)" }.joined(separator: "\n")
            .write(to: directory.appendingPathComponent("intake-referral.variables"), atomically: true, encoding: .utf8)
        let report = try await Pgbench(executable: executable, environment: environment).run(
            arguments, connection: connection, output: directory.appendingPathComponent("pgbench.out"), timeout: .seconds(seconds + 120))
        return Result(
            tps: report.tps, latencyAverage: report.figure("latency average = ") ?? .nan,
            transactions: Int(report.figure("number of transactions actually processed: ") ?? 0),
            failed: Int(report.figure("number of failed transactions: ") ?? 0))
    }
}
