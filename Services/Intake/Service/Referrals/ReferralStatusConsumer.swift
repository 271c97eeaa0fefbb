import Bus
import Logging
import Models
import Postgres

/// Consumes the `intake` queue: status reports from the services working referrals, applied to
/// the referral (exactly once, with the message's acknowledgement) and republished for webhooks.
enum ReferralStatusConsumer {
    /// The queue, subscribed to `referral.status_reported.v1` by migration 0003.
    static let queue = "intake"

    static func worker(pool: PostgresPool, logger: Logger) -> QueueWorker {
        QueueWorker(pool: pool, queue: queue, consuming: ReferralStatusReported.self, logger: logger) { report, transaction in
            if try await !ReferralStore.apply(report, in: transaction) {
                logger.debug("status report changed nothing", metadata: ["referral": "\(report.referralID)", "status": "\(report.status.rawValue)"])
            }
            return .done
        }
    }
}
