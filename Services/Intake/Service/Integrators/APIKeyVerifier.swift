import Foundation
import Models
import Postgres
import Synchronization

/// Checks a presented API key against `intake.api_keys` and remembers the answer for a few
/// seconds, so a busy integrator costs one key lookup per key per cache period, not one per request.
///
/// A key is valid when its integrator is active, it is not revoked, and it has not expired (a
/// rotated-out key expires at the end of its overlap). Revocation takes effect within the cache
/// period (`API_KEYS_CACHE_SECONDS`, 5 s by default).
final class APIKeyVerifier: Sendable {
    private struct Entry {
        var caller: IntakeCaller?
        var digest: Data
        var checkedAt: ContinuousClock.Instant
        var expiresAt: Date?
    }

    private let pool: PostgresPool
    private let cachePeriod: Duration
    private let cache = Mutex<[UUID: Entry]>([:])

    init(pool: PostgresPool, cachePeriod: Duration) {
        self.pool = pool
        self.cachePeriod = cachePeriod
    }

    /// The caller a key acts for, or `nil` when the key is unknown, revoked, expired or wrong.
    /// - Throws: a database error when the key is not cached and the database cannot be asked.
    func caller(for key: APIKey) async throws -> IntakeCaller? {
        let now = ContinuousClock.now
        if let entry = cache.withLock({ $0[key.id] }), now - entry.checkedAt < cachePeriod {
            return entry.caller.flatMap { caller in
                key.matches(entry.digest) && entry.expiresAt.map { $0 > Date() } != false ? caller : nil
            }
        }
        let row = try await pool.query(("""
            SELECT k.secret_sha256, k.integrator_id, i.organisation_id, i.time_zone, k.expires_at
            FROM intake.api_keys k JOIN intake.integrators i ON i.id = k.integrator_id
            WHERE k.id = \(key.id) AND k.revoked_at IS NULL AND i.deactivated_at IS NULL
            """ as PostgresQuery).prepared).first
        guard let row else {
            remember(key.id, Entry(caller: nil, digest: Data(), checkedAt: now, expiresAt: nil))
            return nil
        }
        let caller = IntakeCaller(
            integratorID: IntegratorID(try row.decode(UUID.self, at: 1)), keyID: key.id,
            organisationID: OrganisationID(try row.decode(UUID.self, at: 2)),
            timeZone: TimeZone(identifier: try row.decode(String.self, at: 3)) ?? .gmt
        )
        let entry = Entry(caller: caller, digest: try row.decode(Data.self, at: 0), checkedAt: now, expiresAt: try row.decode(Date?.self, at: 4))
        remember(key.id, entry)
        return key.matches(entry.digest) && entry.expiresAt.map { $0 > Date() } != false ? caller : nil
    }

    private func remember(_ id: UUID, _ entry: Entry) {
        guard cachePeriod > .zero else { return }
        cache.withLock { entries in
            // Unknown ids are cached too (a scanner should not cost a query each); the bound keeps
            // a flood of made-up ids from growing the cache without limit.
            if entries.count >= 10_000 { entries.removeAll(keepingCapacity: true) }
            entries[id] = entry
        }
    }
}
