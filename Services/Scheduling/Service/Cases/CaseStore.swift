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

    /// The roles that may lead a case of `kind`.
    static func leadRoles(for kind: CaseKind) -> [SpecialistRole] {
        switch kind {
        case .restorative: [.mediator]
        case .accompaniment: [.curator, .socialPedagogue, .psychologist]
        }
    }

    /// Opens the referral's case at its procedure's first step, proposed to the organisation's
    /// least loaded specialist of a fitting role (open cases over their full caseload), and, in the same transaction,
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
            WITH candidate AS (
                SELECT s.id FROM scheduling.specialists s
                WHERE s.organisation_id = \(referral.organisationID.uuid) AND s.active
                  AND s.roles && \(Self.leadRoles(for: kind).map(\.rawValue))::text[]
                ORDER BY (SELECT count(*) FROM scheduling.cases c
                          WHERE coalesce(c.specialist_id, c.proposed_specialist_id) = s.id AND c.state <> 'closed')::float8
                         / s.max_caseload, s.created_at, s.id
                LIMIT 1
            ), opened AS (
                INSERT INTO scheduling.cases (id, referral_id, integrator_id, organisation_id, kind, state, nature,
                                              requested_responses, occurred_on, minor_count, party_count, sender_deadline,
                                              referral_received_at, opened_at, updated_at, proposed_specialist_id, first_contact_due_at)
                VALUES (\(id.uuid), \(referral.referralID.uuid), \(referral.integratorID.uuid), \(referral.organisationID.uuid),
                        \(kind.rawValue), \(state.rawValue), \(referral.nature.rawValue),
                        \(referral.requestedResponses.map(\.rawValue))::text[], \(referral.occurredOn.description)::date,
                        \(referral.minorCount), \(referral.partyCount), \(referral.senderDeadline?.description)::date,
                        \(referral.receivedAt), \(now), \(now), (SELECT id FROM candidate),
                        \(referral.receivedAt)::timestamptz + make_interval(days => coalesce(
                            (SELECT first_contact_days FROM scheduling.organisations WHERE id = \(referral.organisationID.uuid)), 3)))
                ON CONFLICT (referral_id) DO NOTHING
                RETURNING id, proposed_specialist_id
            ), move AS (
                INSERT INTO scheduling.case_moves (case_id, from_state, to_state, actor, at)
                SELECT id, NULL, \(state.rawValue), 'bus', \(now) FROM opened
            )
            SELECT proposed_specialist_id FROM opened
            """).single
        guard let opened else { return nil }
        let proposed = try opened.decode(UUID?.self, at: 0).map(SpecialistID.init)
        let connection = try await transaction.connection()
        let event = CaseOpened(
            caseID: id, referralID: referral.referralID, organisationID: referral.organisationID, kind: kind,
            nature: referral.nature, proposedSpecialistID: proposed, referralReceivedAt: referral.receivedAt, openedAt: now)
        try await MessageBus.publish(event, correlationID: referral.referralID.uuid, in: connection)
        let report = ReferralStatusReported(referralID: referral.referralID, status: .caseOpened, caseID: id, reportedAt: now)
        try await MessageBus.publish(report, correlationID: referral.referralID.uuid, in: connection)
        return id
    }
}
