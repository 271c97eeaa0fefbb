import Bus
import Foundation
import Models
import Postgres

extension ReferralStore {
    /// The order statuses are reached in; a report never moves a referral back.
    static let statusOrder: [String] = ReferralStatus.allCases.map(\.rawValue)

    /// Applies a status report inside a bus handler's transaction: if the report is ahead of the
    /// referral, moves it forward, records the step in its history and publishes
    /// `referral.status_changed.v1` for the integrator's webhook. A repeated or stale report (one
    /// that arrives after a later status) changes nothing and leaves no trace in the history.
    ///
    /// - Returns: whether the referral's status changed.
    @discardableResult
    static func apply(_ report: ReferralStatusReported, in transaction: HandlerTransaction) async throws -> Bool {
        let changed = try await transaction.query("""
            WITH moved AS (
                UPDATE intake.referrals
                SET status = \(report.status.rawValue), outcome = \(report.outcome?.rawValue), updated_at = clock_timestamp()
                WHERE id = \(report.referralID.uuid)
                  AND array_position(\(statusOrder)::text[], status) < array_position(\(statusOrder)::text[], \(report.status.rawValue)::text)
                RETURNING id, integrator_id, reference_number
            ), step AS (
                INSERT INTO intake.status_changes (referral_id, status, outcome, case_id, changed_at)
                SELECT id, \(report.status.rawValue), \(report.outcome?.rawValue), \(report.caseID?.uuid), \(report.reportedAt) FROM moved
                ON CONFLICT (referral_id, status) DO NOTHING
            ), audit AS (
                INSERT INTO intake.audit_log (integrator_id, action, referral_id, actor)
                SELECT integrator_id, 'referral.status', id, 'bus' FROM moved
            )
            SELECT integrator_id, reference_number FROM moved
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
