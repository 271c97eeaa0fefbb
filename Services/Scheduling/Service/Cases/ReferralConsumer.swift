import Bus
import Foundation
import Logging
import Models
import Postgres

/// Consumes the `scheduling` queue: every referral intake accepted becomes exactly one case, with
/// the message's acknowledgement in the same transaction.
enum ReferralConsumer {
    /// The queue, subscribed to `referral.received.v1` by migration 0003.
    static let queue = "scheduling"

    static func worker(pool: PostgresPool, logger: Logger) -> QueueWorker {
        QueueWorker(pool: pool, queue: queue, consuming: ReferralReceived.self, logger: logger) { referral, transaction in
            if try await CaseStore.open(for: referral, in: transaction, now: Date()) == nil {
                logger.debug("referral already has a case", metadata: ["referral": "\(referral.referralID)"])
            }
            return .done
        }
    }
}
