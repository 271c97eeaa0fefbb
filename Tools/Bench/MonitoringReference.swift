import Foundation
import MonitoringService
import Postgres

/// The reference for `accord-bench monitoring`: one SQL statement that computes the region
/// report's totals straight from the raw events in `bench_events` (JSON as published), with no
/// projections, no bus and no fan-out. It follows `docs/monitoring.md` as `OrganisationFigures`
/// does, for every organisation of the region at once, each in its own time zone. Each event
/// kind is read once into a materialised table and joined by hash; the seeded events are unique
/// by id, so only the facts recorded more than once (agreements, profiles, activities) are
/// reduced to their latest record. The seeded history has no case moves and no overdue deadlines,
/// so `accompaniments_continued` and `cases_overdue` (zero in both) are left out.
enum MonitoringReference {
    /// `$1` region, `$2` the quarter's first day, `$3` the day after its last.
    static let sql = """
        WITH org AS MATERIALIZED (
            SELECT id, ($2::date::timestamp AT TIME ZONE time_zone) AS t0, ($3::date::timestamp AT TIME ZONE time_zone) AS t1, $2::date AS d0, $3::date AS d1
            FROM monitoring.organisations WHERE region = $1
        ),
        referrals AS MATERIALIZED (
            SELECT (payload->>'referral_id')::uuid AS referral_id, (payload->>'organisation_id')::uuid AS organisation_id, payload->>'kind' AS kind,
                   payload->'source'->>'kind' AS source_kind, payload->>'nature' AS nature, (payload->>'repeat_minor_count')::int AS repeat_minor_count,
                   (payload->>'received_at')::timestamptz AS received_at
            FROM bench_events WHERE type = 'referral.received.v1'
        ),
        cases AS MATERIALIZED (
            SELECT (payload->>'case_id')::uuid AS case_id, (payload->>'referral_id')::uuid AS referral_id, (payload->>'organisation_id')::uuid AS organisation_id,
                   payload->>'kind' AS kind, (payload->>'opened_at')::timestamptz AS opened_at
            FROM bench_events WHERE type = 'case.opened.v1'
        ),
        closings AS MATERIALIZED (
            SELECT (payload->>'case_id')::uuid AS case_id, (payload->>'organisation_id')::uuid AS organisation_id, payload->>'kind' AS kind,
                   payload->>'outcome' AS outcome, payload->>'closing_reason' AS closing_reason, (payload->>'minor_count')::int AS minor_count,
                   (payload->>'adult_count')::int AS adult_count, (payload->>'first_contact_at')::timestamptz AS first_contact_at,
                   (payload->>'closed_at')::timestamptz AS closed_at
            FROM bench_events WHERE type = 'case.closed.v1'
        ),
        meetings AS MATERIALIZED (
            SELECT (payload->>'case_id')::uuid AS case_id, (payload->>'organisation_id')::uuid AS organisation_id,
                   (payload->>'starts_at')::timestamptz AS starts_at, (payload->>'specialist_count')::int AS specialist_count,
                   (payload->>'peer_mediator_count')::int AS peer_mediator_count
            FROM bench_events WHERE type = 'meeting.held.v1'
        ),
        referred AS (SELECT r.* FROM referrals r JOIN org o ON o.id = r.organisation_id WHERE r.received_at >= o.t0 AND r.received_at < o.t1),
        closed AS (SELECT k.* FROM closings k JOIN org o ON o.id = k.organisation_id WHERE k.closed_at >= o.t0 AND k.closed_at < o.t1),
        contacted AS (
            SELECT r.received_at, least(CASE WHEN k.first_contact_at >= r.received_at THEN k.first_contact_at END, f.first_meeting) AS first_contact_at
            FROM referred r JOIN cases c ON c.referral_id = r.referral_id LEFT JOIN closings k ON k.case_id = c.case_id
            LEFT JOIN LATERAL (SELECT min(m.starts_at) AS first_meeting FROM meetings m WHERE m.case_id = c.case_id AND m.starts_at >= r.received_at) f ON true
        ),
        staffed AS (
            SELECT max(m.specialist_count) AS specialists, max(m.peer_mediator_count) AS peer_mediators
            FROM closed k JOIN meetings m ON m.case_id = k.case_id WHERE k.kind = 'restorative' GROUP BY k.case_id
        ),
        programmes AS (
            SELECT payload->>'kind' AS kind FROM bench_events JOIN org o ON o.id = (payload->>'organisation_id')::uuid
            WHERE type = 'programme.started.v1' AND (payload->>'started_at')::timestamptz >= o.t0 AND (payload->>'started_at')::timestamptz < o.t1
        ),
        agreements AS (
            SELECT DISTINCT ON (payload->>'agreement_id') (payload->>'organisation_id')::uuid AS organisation_id, (payload->>'reached_on')::date AS reached_on
            FROM bench_events WHERE type = 'agreement.recorded.v1'
        ),
        profiles AS (
            SELECT DISTINCT ON (case_id, recorded_on) * FROM (
                SELECT (payload->>'case_id')::uuid AS case_id, (payload->>'recorded_on')::date AS recorded_on, (payload->>'attendance_percent')::float8 AS attendance,
                       (payload->>'behaviour')::int AS behaviour, (payload->>'performance')::int AS performance, (payload->>'recorded_at')::timestamptz AS recorded_at
                FROM bench_events WHERE type = 'student_profile.recorded.v1') p
            ORDER BY case_id, recorded_on, recorded_at DESC
        ),
        measured AS (
            SELECT (array_agg(p.attendance ORDER BY p.recorded_on DESC))[1] - (array_agg(p.attendance ORDER BY p.recorded_on))[1] AS attendance,
                   (array_agg(p.behaviour ORDER BY p.recorded_on DESC))[1] - (array_agg(p.behaviour ORDER BY p.recorded_on))[1] AS behaviour,
                   (array_agg(p.performance ORDER BY p.recorded_on DESC))[1] - (array_agg(p.performance ORDER BY p.recorded_on))[1] AS performance
            FROM closed k JOIN profiles p ON p.case_id = k.case_id WHERE k.kind = 'accompaniment' GROUP BY k.case_id HAVING count(*) >= 2
        ),
        activities AS (
            SELECT DISTINCT ON (payload->>'activity_id') (payload->>'organisation_id')::uuid AS organisation_id, payload->>'kind' AS kind,
                   (payload->>'period_start')::date AS period_start, (payload->>'period_end')::date AS period_end, (payload->>'done')::boolean AS done,
                   (payload->>'done_on')::date AS done_on, (payload->>'cancelled')::boolean AS cancelled
            FROM bench_events WHERE type = 'plan_activity.recorded.v1'
            ORDER BY payload->>'activity_id', (payload->>'recorded_at')::timestamptz DESC
        ),
        planned AS (
            SELECT a.* FROM activities a JOIN org o ON o.id = a.organisation_id WHERE NOT a.cancelled AND a.period_start < o.d1 AND a.period_end >= o.d0
        ),
        carried AS (
            SELECT c.kind FROM cases c JOIN org o ON o.id = c.organisation_id
            WHERE c.opened_at < o.t1 AND NOT EXISTS (SELECT 1 FROM closings k WHERE k.case_id = c.case_id AND k.closed_at < o.t1)
        )
        SELECT 'referrals_received', source_kind, count(*)::float8 FROM referred GROUP BY source_kind
        UNION ALL SELECT 'referrals_by_nature', nature, count(*) FROM referred GROUP BY nature
        UNION ALL SELECT 'referrals_by_kind', kind, count(*) FROM referred GROUP BY kind
        UNION ALL SELECT 'repeat_referrals', '', count(*) FROM referred WHERE repeat_minor_count > 0
        UNION ALL SELECT 'repeat_minors', '', coalesce(sum(repeat_minor_count), 0) FROM referred
        UNION ALL SELECT 'referrals_processed', '', count(*) FROM referred WHERE referral_id IN (SELECT referral_id FROM cases)
        UNION ALL SELECT 'first_contacts', '', count(*) FROM contacted WHERE first_contact_at IS NOT NULL
        UNION ALL SELECT 'first_contact_hours', '', coalesce(sum(extract(epoch FROM first_contact_at - received_at) / 3600), 0) FROM contacted WHERE first_contact_at IS NOT NULL
        UNION ALL SELECT 'programmes_held', kind, count(*) FROM programmes GROUP BY kind
        UNION ALL SELECT 'programmes_closed', outcome, count(*) FROM closed WHERE kind = 'restorative' GROUP BY outcome
        UNION ALL SELECT 'programmes_not_completed', coalesce(closing_reason, ''), count(*) FROM closed
            WHERE kind = 'restorative' AND outcome IN ('not_reconciled', 'refused', 'transferred') GROUP BY closing_reason
        UNION ALL SELECT 'agreements_reached', '', count(*) FROM agreements a JOIN org o ON o.id = a.organisation_id WHERE a.reached_on >= o.d0 AND a.reached_on < o.d1
        UNION ALL SELECT 'agreements_fulfilled', '', count(*) FROM closed WHERE outcome = 'agreement_fulfilled'
        UNION ALL SELECT 'participants', 'minors', coalesce(sum(minor_count), 0) FROM closed WHERE kind = 'restorative'
        UNION ALL SELECT 'participants', 'adults', coalesce(sum(adult_count), 0) FROM closed WHERE kind = 'restorative'
        UNION ALL SELECT 'participants', 'specialists', coalesce(sum(specialists), 0) FROM staffed
        UNION ALL SELECT 'participants', 'peer_mediators', coalesce(sum(peer_mediators), 0) FROM staffed
        UNION ALL SELECT 'accompaniments_opened', '', count(*) FROM cases c JOIN org o ON o.id = c.organisation_id
            WHERE c.kind = 'accompaniment' AND c.opened_at >= o.t0 AND c.opened_at < o.t1
        UNION ALL SELECT 'accompaniments_closed', outcome, count(*) FROM closed WHERE kind = 'accompaniment' GROUP BY outcome
        UNION ALL SELECT 'accompaniments_measured', '', count(*) FROM measured
        UNION ALL SELECT 'accompaniment_change', 'attendance_percent', coalesce(sum(attendance), 0) FROM measured
        UNION ALL SELECT 'accompaniment_change', 'behaviour', coalesce(sum(behaviour), 0) FROM measured
        UNION ALL SELECT 'accompaniment_change', 'performance', coalesce(sum(performance), 0) FROM measured
        UNION ALL SELECT 'plan_activities_planned', kind, count(*) FROM planned GROUP BY kind
        UNION ALL SELECT 'plan_activities_done', kind, count(*) FROM planned WHERE done AND done_on >= $2::date AND done_on < $3::date GROUP BY kind
        UNION ALL SELECT 'cases_carried_over', kind, count(*) FROM carried GROUP BY kind
        UNION ALL SELECT 'active_services', '', count(*) FROM (
            SELECT organisation_id FROM referred UNION SELECT organisation_id FROM closed
            UNION SELECT m.organisation_id FROM meetings m JOIN org o ON o.id = m.organisation_id WHERE m.starts_at >= o.t0 AND m.starts_at < o.t1) a
        """

    /// The totals, keyed `indicator/dimension` (`indicator` alone when not broken down), zeros left out.
    static func totals(region: String, firstDay: String, dayAfter: String, on pool: PostgresPool) async throws -> [String: Double] {
        let rows = try await pool.query(PostgresQuery(sql: sql, binds: [region, firstDay, dayAfter]))
        return keyed(try rows.map { ReportFigure(indicator: try $0.decode(String.self, at: 0), dimension: try $0.decode(String?.self, at: 1) ?? "", value: try $0.decode(Double.self, at: 2)) })
    }

    /// Figures keyed as ``totals(region:firstDay:dayAfter:on:)`` keys them, rounded to 1e-6 so sums
    /// made in another order compare equal.
    static func keyed(_ figures: [ReportFigure]) -> [String: Double] {
        var keyed: [String: Double] = [:]
        for figure in figures where figure.value != 0 {
            keyed[figure.dimension.isEmpty ? figure.indicator : "\(figure.indicator)/\(figure.dimension)", default: 0] += (figure.value * 1e6).rounded() / 1e6
        }
        return keyed
    }
}
