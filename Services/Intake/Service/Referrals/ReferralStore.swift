import ServiceRuntime
import Bus
import Foundation
import Models
import Postgres

/// Intake's referrals in PostgreSQL. Every method is scoped to one integrator, and every read or
/// write of a referral records an audit entry in the same statement as the access itself.
struct ReferralStore: Sendable {
    let pool: PostgresPool
    /// Wakes the subscribed queues after a referral's commit rather than inside it (see
    /// `MessageBus.publishByTypeWithoutWakeUp`): a `NOTIFY` in the statement would make every
    /// referral's commit wait for the one before it to reach the disk.
    let wakeUps: BusWakeUps

    init(pool: PostgresPool) {
        self.pool = pool
        wakeUps = BusWakeUps(pool: pool)
    }

    /// How a create ended.
    enum Created: Sendable {
        /// Stored now, and announced.
        case created(ReferralRecord)
        /// The same `Idempotency-Key` and body as an earlier request: that request's result.
        case replayed(ReferralRecord)
    }

    /// Stores a referral, its audit entry, its idempotency key, its minors' fingerprints,
    /// `referral.received.v1` and the integrator's receipt (`referral.status_changed.v1`,
    /// `received`) in one statement — one round trip, all or nothing. The queues that got the
    /// messages are woken once it has committed.
    ///
    /// The announcement's `repeat_minor_count` is counted by the same statement: the minors whose
    /// fingerprint an earlier referral to the same service left. The statement sees the table as it
    /// was before it, so the referral's own fingerprints never count; two referrals of one child
    /// committed at the same instant may both count it as new.
    ///
    /// - Throws: `APIProblem` 409 for a reference number this integrator already used, 422 for
    ///   an `Idempotency-Key` reused with another body; a database error otherwise.
    func create(_ draft: ReferralDraft, caller: IntakeCaller, idempotencyKey: String?, bodyDigest: Data) async throws -> Created {
        let record = draft.record
        let writes: PostgresQuery = """
            referral AS (
                INSERT INTO intake.referrals (id, integrator_id, organisation_id, kind, reference_number, reference_date,
                                              submission, received_at, updated_at)
                VALUES (\(record.id.uuid), \(caller.integratorID.uuid), \(caller.organisationID.uuid), \(record.kind.rawValue),
                        \(record.referenceNumber), \(record.referenceDate)::date, \(record.submission),
                        \(record.receivedAt), \(record.receivedAt))
            ), audit AS (
                INSERT INTO intake.audit_log (at, integrator_id, key_id, action, referral_id)
                VALUES (\(record.receivedAt), \(caller.integratorID.uuid), \(caller.keyID), 'referral.create', \(record.id.uuid))
            ), idempotency AS (
                INSERT INTO intake.idempotency_keys (integrator_id, key, request_sha256, referral_id, created_at)
                SELECT \(caller.integratorID.uuid), key, \(bodyDigest), \(record.id.uuid), \(record.receivedAt)
                FROM (SELECT \(idempotencyKey)::text AS key) AS given WHERE key IS NOT NULL
            ), fingerprints AS (
                SELECT DISTINCT unnest(\(draft.minorFingerprints)::bytea[]) AS fingerprint
            ), remembered AS (
                INSERT INTO intake.minor_fingerprints (organisation_id, fingerprint, referral_id)
                SELECT \(caller.organisationID.uuid), fingerprint, \(record.id.uuid) FROM fingerprints
            ), amendments AS (
                SELECT \(ReferralReceived.messageType)::text AS type, jsonb_build_object('repeat_minor_count', count(*)) AS fields
                FROM fingerprints f
                -- A subquery with LIMIT 1 rather than EXISTS: the planner may run EXISTS as a hash
                -- semi-join that reads every earlier referral of the same minor, for each referral.
                WHERE (SELECT true FROM intake.minor_fingerprints m
                       WHERE m.organisation_id = \(caller.organisationID.uuid) AND m.fingerprint = f.fingerprint LIMIT 1)
            )
            """
        do {
            let due = try await pool.withConnection { connection in
                // The receipt goes out with the referral: the integrator's webhook hears `received`.
                let receipt = ReferralStatusChanged(
                    referralID: record.id, integratorID: caller.integratorID, referenceNumber: record.referenceNumber, status: .received,
                    outcome: nil, changedAt: record.receivedAt)
                let messages = [
                    try OutgoingMessage(draft.announcement, correlationID: record.id.uuid), try OutgoingMessage(receipt, correlationID: record.id.uuid),
                ]
                return try await MessageBus.publishByTypeWithoutWakeUp(messages, after: writes, amendments: "amendments", on: connection)
            }
            wakeUps.wake(due)
            return .created(record)
        } catch let error as PostgresError where error.kind == .uniqueViolation {
            // A concurrent or earlier request took the key or the reference: which one decides the answer.
            if let idempotencyKey, let earlier = try await idempotentResult(idempotencyKey, caller: caller, bodyDigest: bodyDigest) {
                return .replayed(earlier)
            }
            if let existing = try await referral(referenceNumber: record.referenceNumber, caller: caller) {
                throw APIProblem.duplicate(of: existing)
            }
            throw error
        }
    }

    /// The referral an `Idempotency-Key` first created, as it was then, if the body matches.
    private func idempotentResult(_ key: String, caller: IntakeCaller, bodyDigest: Data) async throws -> ReferralRecord? {
        let row = try await pool.query("""
            SELECT request_sha256, referral_id FROM intake.idempotency_keys
            WHERE integrator_id = \(caller.integratorID.uuid) AND key = \(key)
            """).single
        guard let row else { return nil }
        guard try row.decode(Data.self, at: 0) == bodyDigest else { throw APIProblem.idempotencyMismatch }
        let id = ReferralID(try row.decode(UUID.self, at: 1))
        return try await find(id, caller: caller, action: "referral.replay")?.asCreated
    }

    private func referral(referenceNumber: String, caller: IntakeCaller) async throws -> ReferralID? {
        try await pool.query("""
            SELECT id FROM intake.referrals WHERE integrator_id = \(caller.integratorID.uuid) AND reference_number = \(referenceNumber)
            """).single.map { ReferralID(try $0.decode(UUID.self, at: 0)) }
    }

    /// One of the caller's referrals with its status history, audited as `action`; `nil` when
    /// the caller has no such referral (another integrator's is as absent as a missing one).
    func find(_ id: ReferralID, caller: IntakeCaller, action: String = "referral.read") async throws -> ReferralRecord? {
        let row = try await pool.query(("""
            WITH found AS (
                SELECT * FROM intake.referrals WHERE id = \(id.uuid) AND integrator_id = \(caller.integratorID.uuid)
            ), audit AS (
                INSERT INTO intake.audit_log (integrator_id, key_id, action, referral_id)
                SELECT integrator_id, \(caller.keyID), \(action), id FROM found
            )
            SELECT \(unescaped: ReferralRecord.columns),
                   array(SELECT s.status FROM intake.status_changes s WHERE s.referral_id = r.id ORDER BY s.changed_at, s.status),
                   array(SELECT s.outcome FROM intake.status_changes s WHERE s.referral_id = r.id ORDER BY s.changed_at, s.status),
                   array(SELECT s.changed_at FROM intake.status_changes s WHERE s.referral_id = r.id ORDER BY s.changed_at, s.status)
            FROM found r
            """ as PostgresQuery).prepared).single
        guard let row else { return nil }
        let statuses = try row.decode([String].self, at: 9)
        let outcomes = try row.decode([String?].self, at: 10)
        let times = try row.decode([Date].self, at: 11)
        let steps = zip(statuses, zip(outcomes, times)).compactMap { status, rest in
            ReferralStatus(rawValue: status).map {
                ReferralRecord.StatusStep(status: $0, outcome: rest.0.flatMap(CaseOutcome.init(rawValue:)), at: rest.1)
            }
        }
        return try ReferralRecord(row: row, laterSteps: steps)
    }
}
