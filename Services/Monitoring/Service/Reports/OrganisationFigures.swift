import Foundation
import Models
import Postgres

/// One organisation's quarterly figures, computed from the projections: the rows of the
/// report (`docs/monitoring.md` defines each one). Every figure is a count or a sum, so a
/// municipality's or a region's figure is the sum of its organisations'.
///
/// Times are placed in the quarter by the organisation's own time zone (its quarter starts at
/// local midnight of the 1st); dates (an agreement's day, a plan activity's period) are local
/// already.
struct OrganisationFigures: Sendable, Hashable {
    /// The rows, in the query's order.
    var figures: [ReportFigure]

    /// The query. `$1` organisation, `$2`/`$3` the quarter's bounds as instants, `$4`/`$5` its
    /// first day and the day after its last, as local dates.
    static let sql = """
        WITH q AS (SELECT $1::uuid AS org, $2::timestamptz AS t0, $3::timestamptz AS t1, $4::date AS d0, $5::date AS d1),
        referred AS (
            SELECT r.* FROM monitoring.referrals r, q WHERE r.organisation_id = q.org AND r.received_at >= q.t0 AND r.received_at < q.t1
        ),
        contacted AS (
            SELECT r.referral_id, r.received_at,
                   least(CASE WHEN k.first_contact_at >= r.received_at THEN k.first_contact_at END,
                         (SELECT min(m.starts_at) FROM monitoring.meetings m WHERE m.case_id = c.case_id AND m.starts_at >= r.received_at)) AS first_contact_at
            FROM referred r JOIN monitoring.cases c ON c.referral_id = r.referral_id
            LEFT JOIN monitoring.case_closings k ON k.case_id = c.case_id
        ),
        closed AS (
            SELECT k.* FROM monitoring.case_closings k, q WHERE k.organisation_id = q.org AND k.closed_at >= q.t0 AND k.closed_at < q.t1
        ),
        measured AS (
            SELECT k.case_id,
                   (array_agg(p.attendance_percent ORDER BY p.recorded_on DESC))[1] - (array_agg(p.attendance_percent ORDER BY p.recorded_on))[1] AS attendance,
                   (array_agg(p.behaviour ORDER BY p.recorded_on DESC))[1] - (array_agg(p.behaviour ORDER BY p.recorded_on))[1] AS behaviour,
                   (array_agg(p.performance ORDER BY p.recorded_on DESC))[1] - (array_agg(p.performance ORDER BY p.recorded_on))[1] AS performance
            FROM closed k JOIN monitoring.student_profiles p ON p.case_id = k.case_id
            WHERE k.kind = 'accompaniment'
            GROUP BY k.case_id HAVING count(*) >= 2
        ),
        staffed AS (
            SELECT max(m.specialist_count) AS specialists, max(m.peer_mediator_count) AS peer_mediators
            FROM closed k JOIN monitoring.meetings m ON m.case_id = k.case_id
            WHERE k.kind = 'restorative' GROUP BY k.case_id
        ),
        planned AS (
            SELECT a.* FROM monitoring.plan_activities a, q
            WHERE a.organisation_id = q.org AND NOT a.cancelled AND a.period_start < q.d1 AND a.period_end >= q.d0
        ),
        carried AS (
            SELECT c.kind FROM monitoring.cases c, q
            WHERE c.organisation_id = q.org AND c.opened_at < q.t1
              AND NOT EXISTS (SELECT 1 FROM monitoring.case_closings k WHERE k.case_id = c.case_id AND k.closed_at < q.t1)
        )
        SELECT 'referrals_received', source_kind, count(*)::float8 FROM referred GROUP BY source_kind
        UNION ALL SELECT 'referrals_by_nature', nature, count(*) FROM referred GROUP BY nature
        UNION ALL SELECT 'referrals_by_kind', kind, count(*) FROM referred GROUP BY kind
        UNION ALL SELECT 'repeat_referrals', '', count(*) FROM referred WHERE repeat_minor_count > 0
        UNION ALL SELECT 'repeat_minors', '', coalesce(sum(repeat_minor_count), 0) FROM referred
        UNION ALL SELECT 'referrals_processed', '', count(*) FROM referred r WHERE EXISTS (SELECT 1 FROM monitoring.cases c WHERE c.referral_id = r.referral_id)
        UNION ALL SELECT 'first_contacts', '', count(*) FROM contacted WHERE first_contact_at IS NOT NULL
        UNION ALL SELECT 'first_contact_hours', '', coalesce(sum(extract(epoch FROM first_contact_at - received_at) / 3600), 0) FROM contacted WHERE first_contact_at IS NOT NULL
        UNION ALL SELECT 'programmes_held', p.kind, count(*) FROM monitoring.programmes p, q WHERE p.organisation_id = q.org AND p.started_at >= q.t0 AND p.started_at < q.t1 GROUP BY p.kind
        UNION ALL SELECT 'programmes_closed', outcome, count(*) FROM closed WHERE kind = 'restorative' GROUP BY outcome
        UNION ALL SELECT 'programmes_not_completed', coalesce(closing_reason, ''), count(*) FROM closed
            WHERE kind = 'restorative' AND outcome IN ('not_reconciled', 'refused', 'transferred') GROUP BY closing_reason
        UNION ALL SELECT 'agreements_reached', '', count(*) FROM monitoring.agreements a, q WHERE a.organisation_id = q.org AND a.reached_on >= q.d0 AND a.reached_on < q.d1
        UNION ALL SELECT 'agreements_fulfilled', '', count(*) FROM closed WHERE outcome = 'agreement_fulfilled'
        UNION ALL SELECT 'participants', 'minors', coalesce(sum(minor_count), 0) FROM closed WHERE kind = 'restorative'
        UNION ALL SELECT 'participants', 'adults', coalesce(sum(adult_count), 0) FROM closed WHERE kind = 'restorative'
        UNION ALL SELECT 'participants', 'specialists', coalesce(sum(specialists), 0) FROM staffed
        UNION ALL SELECT 'participants', 'peer_mediators', coalesce(sum(peer_mediators), 0) FROM staffed
        UNION ALL SELECT 'accompaniments_opened', '', count(*) FROM monitoring.cases c, q
            WHERE c.organisation_id = q.org AND c.kind = 'accompaniment' AND c.opened_at >= q.t0 AND c.opened_at < q.t1
        UNION ALL SELECT 'accompaniments_closed', outcome, count(*) FROM closed WHERE kind = 'accompaniment' GROUP BY outcome
        UNION ALL SELECT 'accompaniments_continued', '', count(*) FROM monitoring.case_moves m, q
            WHERE m.organisation_id = q.org AND m.kind = 'accompaniment' AND m.from_state = 'evaluated' AND m.to_state = 'support_plan'
              AND m.moved_at >= q.t0 AND m.moved_at < q.t1
        UNION ALL SELECT 'accompaniments_measured', '', count(*) FROM measured
        UNION ALL SELECT 'accompaniment_change', 'attendance_percent', coalesce(sum(attendance), 0) FROM measured
        UNION ALL SELECT 'accompaniment_change', 'behaviour', coalesce(sum(behaviour), 0) FROM measured
        UNION ALL SELECT 'accompaniment_change', 'performance', coalesce(sum(performance), 0) FROM measured
        UNION ALL SELECT 'plan_activities_planned', kind, count(*) FROM planned GROUP BY kind
        UNION ALL SELECT 'plan_activities_done', kind, count(*) FROM planned WHERE done AND done_on >= (SELECT d0 FROM q) AND done_on < (SELECT d1 FROM q) GROUP BY kind
        UNION ALL SELECT 'cases_overdue', o.deadline, count(*) FROM monitoring.overdue_cases o, q
            WHERE o.organisation_id = q.org AND o.due_at >= q.t0 AND o.due_at < q.t1 GROUP BY o.deadline
        UNION ALL SELECT 'cases_carried_over', kind, count(*) FROM carried GROUP BY kind
        UNION ALL SELECT 'active_services', '', CASE WHEN EXISTS (SELECT 1 FROM referred) OR EXISTS (SELECT 1 FROM closed)
            OR EXISTS (SELECT 1 FROM monitoring.meetings m, q WHERE m.organisation_id = q.org AND m.starts_at >= q.t0 AND m.starts_at < q.t1) THEN 1 ELSE 0 END
        """

    /// Computes the figures of `organisation` for `quarter`, in its time zone.
    static func compute(organisation: UUID, timeZone: TimeZone, quarter: Quarter, on connection: PostgresConnection) async throws -> OrganisationFigures {
        let rows = try await connection.query(PostgresQuery(sql: sql, binds: [
            organisation, quarter.start(in: timeZone), quarter.end(in: timeZone), quarter.firstDay.description, quarter.dayAfter.description,
        ], prepared: true))
        return OrganisationFigures(figures: try rows.map {
            ReportFigure(indicator: try $0.decode(String.self, at: 0), dimension: try $0.decode(String?.self, at: 1) ?? "", value: try $0.decode(Double.self, at: 2))
        })
    }
}
