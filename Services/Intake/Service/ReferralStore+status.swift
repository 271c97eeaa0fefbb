import Bus
import Foundation
import Models
import Postgres

extension ReferralStore {
    /// The order statuses are reached in; a report never moves a referral back.
    static let statusOrder: [String] = ReferralStatus.allCases.map(\.rawValue)

    /// Applies a status report inside a bus handler's transaction: records the step, moves the
    /// referral forward if the report is ahead of it, and publishes `referral.status_changed.v1`
    /// for the integrator's webhook. A repeated or stale report changes nothing.
    ///
    /// - Returns: whether the referral's status changed.
    @discardableResult
    static func apply(_ report: ReferralStatusReported, in transaction: HandlerTransaction) async throws -> Bool {
        let changed = try await transaction.query("""
            WITH step AS (
                INSERT INTO intake.status_changes (referral_id, status, outcome, case_id, changed_at)
                SELECT id, \(report.status.rawValue), \(report.outcome?.rawValue), \(report.caseID?.uuid), \(report.reportedAt)
                FROM intake.referrals WHERE id = \(report.referralID.uuid)
                ON CONFLICT (referral_id, status) DO NOTHING
            ), audit AS (
                INSERT INTO intake.audit_log (integrator_id, action, referral_id, actor)
                SELECT integrator_id, 'referral.status', id, 'bus' FROM intake.referrals WHERE id = \(report.referralID.uuid)
            )
            UPDATE intake.referrals
            SET status = \(report.status.rawValue), outcome = \(report.outcome?.rawValue), updated_at = clock_timestamp()
            WHERE id = \(report.referralID.uuid)
              AND array_position(\(statusOrder)::text[], status) < array_position(\(statusOrder)::text[], \(report.status.rawValue)::text)
            RETURNING integrator_id, reference_number, updated_at
            """).single
        guard let changed else { return false }
        let event = ReferralStatusChanged(
            referralID: report.referralID, integratorID: IntegratorID(try changed.decode(UUID.self, at: 0)),
            referenceNumber: try changed.decode(String.self, at: 1), status: report.status, outcome: report.outcome,
            changedAt: report.reportedAt)
        try await MessageBus.publish(
            [try OutgoingMessage(event, correlationID: report.referralID.uuid)], topic: ReferralStatusChanged.messageType,
            in: try await transaction.connection())
        return true
    }
}
