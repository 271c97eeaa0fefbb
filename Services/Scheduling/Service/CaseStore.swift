import Bus
import Foundation
import Models
import Postgres

/// Scheduling's cases in PostgreSQL.
enum CaseStore {
    /// The procedure a referral's case follows: accompaniment for a school's identification or a
    /// request for accompaniment alone, a restorative programme otherwise.
    static func kind(for referral: ReferralReceived) -> CaseKind {
        referral.kind == .schoolIdentification || referral.requestedResponses == [.accompaniment] ? .accompaniment : .restorative
    }

    /// Opens the referral's case at its procedure's first step and, in the same transaction,
    /// publishes `case.opened.v1` and reports `case_opened` to intake. A referral that already
    /// has a case (a redelivered message) changes nothing.
    ///
    /// - Returns: the new case, or `nil` when the referral had one already.
    @discardableResult
    static func open(for referral: ReferralReceived, in transaction: HandlerTransaction, now: Date) async throws -> CaseID? {
        let id = CaseID(UUID.v7(at: now))
        let kind = kind(for: referral)
        let state = CaseState.initial(for: kind)
        let opened = try await transaction.query("""
            WITH opened AS (
                INSERT INTO scheduling.cases (id, referral_id, integrator_id, organisation_id, kind, state, nature,
                                              requested_responses, occurred_on, minor_count, party_count, sender_deadline,
                                              referral_received_at, opened_at, updated_at)
                VALUES (\(id.uuid), \(referral.referralID.uuid), \(referral.integratorID.uuid), \(referral.organisationID.uuid),
                        \(kind.rawValue), \(state.rawValue), \(referral.nature.rawValue),
                        \(referral.requestedResponses.map(\.rawValue))::text[], \(referral.occurredOn.description)::date,
                        \(referral.minorCount), \(referral.partyCount), \(referral.senderDeadline?.description)::date,
                        \(referral.receivedAt), \(now), \(now))
                ON CONFLICT (referral_id) DO NOTHING
                RETURNING id
            ), move AS (
                INSERT INTO scheduling.case_moves (case_id, from_state, to_state, actor, at)
                SELECT id, NULL, \(state.rawValue), 'bus', \(now) FROM opened
            )
            SELECT count(*) FROM opened
            """).single?.decode(Int.self, at: 0) ?? 0
        guard opened == 1 else { return nil }
        let connection = try await transaction.connection()
        let event = CaseOpened(
            caseID: id, referralID: referral.referralID, organisationID: referral.organisationID, kind: kind,
            nature: referral.nature, referralReceivedAt: referral.receivedAt, openedAt: now)
        try await MessageBus.publish([try OutgoingMessage(event, correlationID: referral.referralID.uuid)], topic: CaseOpened.messageType, in: connection)
        let report = ReferralStatusReported(referralID: referral.referralID, status: .caseOpened, caseID: id, reportedAt: now)
        try await MessageBus.publish(
            [try OutgoingMessage(report, correlationID: referral.referralID.uuid)], topic: ReferralStatusReported.messageType, in: connection)
        return id
    }
}
