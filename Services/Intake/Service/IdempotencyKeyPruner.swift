import Foundation
import Logging
import Postgres
import ServiceLifecycle

/// Forgets `Idempotency-Key`s older than the retention period (48 h by default, never under
/// 24 h), in chunks, every ten minutes. Replicas may run it together: each chunk deletes rows no
/// other replica holds.
struct IdempotencyKeyPruner: Service {
    let pool: PostgresPool
    let retention: Duration
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                do {
                    try await prune()
                } catch {
                    logger.warning("idempotency key pruning failed; will retry", metadata: ["error": "\(type(of: error))"])
                }
                try await Task.sleep(for: .seconds(600))
            }
        }
    }

    /// Deletes expired keys; returns how many.
    @discardableResult
    func prune() async throws -> Int {
        var total = 0
        while true {
            let deleted = try await pool.query("""
                WITH expired AS (
                    SELECT integrator_id, key FROM intake.idempotency_keys
                    WHERE created_at < now() - make_interval(secs => \(retention.totalSeconds))
                    LIMIT 5000 FOR UPDATE SKIP LOCKED
                )
                DELETE FROM intake.idempotency_keys k USING expired e
                WHERE k.integrator_id = e.integrator_id AND k.key = e.key
                """).affectedRows
            total += deleted
            if deleted < 5000 { return total }
        }
    }
}
