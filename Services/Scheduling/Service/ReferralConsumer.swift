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
        QueueWorker(pool: pool, queue: queue, logger: logger) { message, transaction in
            switch message.type {
            case ReferralReceived.messageType:
                let referral = try message.decode(ReferralReceived.self)
                if try await CaseStore.open(for: referral, in: transaction, now: Date()) == nil {
                    logger.debug("referral already has a case", metadata: ["referral": "\(referral.referralID)"])
                }
            default:
                // Nothing else is routed here; a stray type is acknowledged, not retried forever.
                logger.warning("ignoring unexpected message", metadata: ["type": "\(message.type)"])
            }
            return .done
        }
    }
}
