import Bus
import Logging
import Models
import Postgres

/// Turns the domain events on the `monitoring` queue into the facts the indicators count.
///
/// A batch is written set-based: one statement per event type over all of the batch's payloads
/// of that type, straight from their JSON, so catching up after a quarter's backlog costs a few
/// statements per few hundred events. Every fact is keyed by its own id; a redelivered event
/// meets its row and changes nothing (`ON CONFLICT DO NOTHING`), except the facts that are
/// recorded again as they progress (agreements, profiles, interventions, plan activities), where
/// the latest wins.
struct EventProjection: Sendable {
    /// The queue, subscribed to the projected contracts (`BusWiring.monitoring`; migrations
    /// 0002, 0006 and 0008 create the same subscriptions).
    static let queue = "monitoring"

    /// How one event type becomes facts: the contract it reads and the statement that writes
    /// them, reading `p`, each payload as `jsonb`.
    struct Projection: Sendable {
        /// The event.
        let contract: any TopicContract.Type
        /// The statement over a batch of its payloads.
        let statement: String

        init(_ contract: any TopicContract.Type, _ statement: String) {
            self.contract = contract
            self.statement = statement
        }
    }

    /// Every event the projection takes, each with its statement.
    static let projections: [Projection] = [
        Projection(ReferralReceived.self, """
            INSERT INTO monitoring.referrals (referral_id, organisation_id, kind, source_kind, nature, minor_count, party_count,
                                              repeat_minor_count, received_at)
            SELECT (p->>'referral_id')::uuid, (p->>'organisation_id')::uuid, p->>'kind', p->'source'->>'kind', p->>'nature',
                   (p->>'minor_count')::int, (p->>'party_count')::int, (p->>'repeat_minor_count')::int, (p->>'received_at')::timestamptz
            \(payloads) ORDER BY 1 ON CONFLICT DO NOTHING
            """),
        Projection(CaseOpened.self, """
            INSERT INTO monitoring.cases (case_id, referral_id, organisation_id, kind, nature, referral_received_at, opened_at)
            SELECT (p->>'case_id')::uuid, (p->>'referral_id')::uuid, (p->>'organisation_id')::uuid, p->>'kind', p->>'nature',
                   (p->>'referral_received_at')::timestamptz, (p->>'opened_at')::timestamptz
            \(payloads) ORDER BY 1 ON CONFLICT DO NOTHING
            """),
        Projection(CaseClosed.self, """
            INSERT INTO monitoring.case_closings (case_id, organisation_id, kind, nature, outcome, closing_reason, programme_kind,
                minor_count, adult_count, meetings_held, referral_received_at, first_contact_at, closed_at)
            SELECT (p->>'case_id')::uuid, (p->>'organisation_id')::uuid, p->>'kind', p->>'nature', p->>'outcome', p->>'closing_reason',
                   p->>'programme_kind', (p->>'minor_count')::int, (p->>'adult_count')::int, (p->>'meetings_held')::int,
                   (p->>'referral_received_at')::timestamptz, (p->>'first_contact_at')::timestamptz, (p->>'closed_at')::timestamptz
            \(payloads) ORDER BY 1 ON CONFLICT DO NOTHING
            """),
        Projection(ProgrammeStarted.self, """
            INSERT INTO monitoring.programmes (programme_id, case_id, organisation_id, kind, started_at)
            SELECT (p->>'programme_id')::uuid, (p->>'case_id')::uuid, (p->>'organisation_id')::uuid, p->>'kind', (p->>'started_at')::timestamptz
            \(payloads) ORDER BY 1 ON CONFLICT DO NOTHING
            """),
        Projection(MeetingHeld.self, """
            INSERT INTO monitoring.meetings (meeting_id, case_id, organisation_id, kind, programme_kind, starts_at,
                minor_count, adult_count, specialist_count, peer_mediator_count)
            SELECT (p->>'meeting_id')::uuid, (p->>'case_id')::uuid, (p->>'organisation_id')::uuid, p->>'kind', p->>'programme_kind',
                   (p->>'starts_at')::timestamptz, (p->>'minor_count')::int, (p->>'adult_count')::int,
                   (p->>'specialist_count')::int, (p->>'peer_mediator_count')::int
            \(payloads) ORDER BY 1 ON CONFLICT DO NOTHING
            """),
        Projection(AgreementRecorded.self, """
            INSERT INTO monitoring.agreements (agreement_id, case_id, organisation_id, reached_on, term_count, fulfilled_count, broken_count, recorded_at)
            SELECT DISTINCT ON ((p->>'agreement_id')::uuid)
                   (p->>'agreement_id')::uuid, (p->>'case_id')::uuid, (p->>'organisation_id')::uuid, (p->>'reached_on')::date,
                   (p->>'term_count')::int, (p->>'fulfilled_count')::int, (p->>'broken_count')::int, (p->>'recorded_at')::timestamptz
            \(payloads) ORDER BY (p->>'agreement_id')::uuid, (p->>'recorded_at')::timestamptz DESC
            ON CONFLICT (agreement_id) DO UPDATE SET term_count = excluded.term_count, fulfilled_count = excluded.fulfilled_count,
                broken_count = excluded.broken_count, recorded_at = excluded.recorded_at
            WHERE excluded.recorded_at > monitoring.agreements.recorded_at
            """),
        Projection(StudentProfileRecorded.self, """
            INSERT INTO monitoring.student_profiles (case_id, recorded_on, organisation_id, attendance_percent, behaviour, performance, recorded_at)
            SELECT DISTINCT ON ((p->>'case_id')::uuid, (p->>'recorded_on')::date)
                   (p->>'case_id')::uuid, (p->>'recorded_on')::date, (p->>'organisation_id')::uuid, (p->>'attendance_percent')::float8,
                   (p->>'behaviour')::int, (p->>'performance')::int, (p->>'recorded_at')::timestamptz
            \(payloads) ORDER BY (p->>'case_id')::uuid, (p->>'recorded_on')::date, (p->>'recorded_at')::timestamptz DESC
            ON CONFLICT (case_id, recorded_on) DO UPDATE SET attendance_percent = excluded.attendance_percent,
                behaviour = excluded.behaviour, performance = excluded.performance, recorded_at = excluded.recorded_at
            WHERE excluded.recorded_at > monitoring.student_profiles.recorded_at
            """),
        Projection(InterventionRecorded.self, """
            INSERT INTO monitoring.interventions (intervention_id, case_id, organisation_id, area, kind, starts_on, ends_on, status, recorded_at)
            SELECT DISTINCT ON ((p->>'intervention_id')::uuid)
                   (p->>'intervention_id')::uuid, (p->>'case_id')::uuid, (p->>'organisation_id')::uuid, p->>'area', p->>'kind',
                   (p->>'starts_on')::date, (p->>'ends_on')::date, p->>'status', (p->>'recorded_at')::timestamptz
            \(payloads) ORDER BY (p->>'intervention_id')::uuid, (p->>'recorded_at')::timestamptz DESC
            ON CONFLICT (intervention_id) DO UPDATE SET status = excluded.status, starts_on = excluded.starts_on, ends_on = excluded.ends_on,
                recorded_at = excluded.recorded_at
            WHERE excluded.recorded_at > monitoring.interventions.recorded_at
            """),
        Projection(CaseStateChanged.self, """
            INSERT INTO monitoring.case_moves (case_id, organisation_id, kind, from_state, to_state, moved_at)
            SELECT (p->>'case_id')::uuid, (p->>'organisation_id')::uuid, p->>'kind', p->>'from', p->>'to', (p->>'moved_at')::timestamptz
            \(payloads) ORDER BY 1, 6, 5 ON CONFLICT DO NOTHING
            """),
        Projection(CaseOverdue.self, """
            INSERT INTO monitoring.overdue_cases (case_id, deadline, organisation_id, due_at, detected_at)
            SELECT (p->>'case_id')::uuid, p->>'deadline', (p->>'organisation_id')::uuid, (p->>'due_at')::timestamptz, (p->>'detected_at')::timestamptz
            \(payloads) ORDER BY 1, 2 ON CONFLICT DO NOTHING
            """),
        // An activity is recorded as planned, re-planned, cancelled or done; the latest record
        // wins, and a done activity (also from `plan_activity.completed.v1`) changes no more.
        Projection(PlanActivityRecorded.self, """
            INSERT INTO monitoring.plan_activities (activity_id, organisation_id, kind, period_start, period_end, done, done_on, cancelled, recorded_at)
            SELECT DISTINCT ON ((p->>'activity_id')::uuid)
                   (p->>'activity_id')::uuid, (p->>'organisation_id')::uuid, p->>'kind', (p->>'period_start')::date,
                   (p->>'period_end')::date, (p->>'done')::boolean, (p->>'done_on')::date, (p->>'cancelled')::boolean,
                   (p->>'recorded_at')::timestamptz
            \(payloads) ORDER BY (p->>'activity_id')::uuid, (p->>'recorded_at')::timestamptz DESC
            ON CONFLICT (activity_id) DO UPDATE SET kind = excluded.kind, period_start = excluded.period_start, period_end = excluded.period_end,
                done = excluded.done, done_on = excluded.done_on, cancelled = excluded.cancelled, recorded_at = excluded.recorded_at
            WHERE NOT monitoring.plan_activities.done AND excluded.recorded_at > coalesce(monitoring.plan_activities.recorded_at, '-infinity')
            """),
        // Published before `plan_activity.recorded.v1` replaced it, once an activity was done;
        // still projected so that those left on the queue at an upgrade count. Done stays done.
        Projection(PlanActivityCompleted.self, """
            INSERT INTO monitoring.plan_activities (activity_id, organisation_id, kind, period_start, period_end, done, done_on)
            SELECT DISTINCT ON ((p->>'activity_id')::uuid)
                   (p->>'activity_id')::uuid, (p->>'organisation_id')::uuid, p->>'kind', (p->>'period_start')::date,
                   (p->>'period_end')::date, (p->>'done')::boolean, (p->>'done_on')::date
            \(payloads) ORDER BY (p->>'activity_id')::uuid, (p->>'done')::boolean DESC
            ON CONFLICT (activity_id) DO UPDATE SET done = true, done_on = excluded.done_on
            WHERE excluded.done AND NOT monitoring.plan_activities.done
            """),
    ]

    /// The contracts the queue takes.
    static var contracts: [any TopicContract.Type] { projections.map(\.contract) }

    private static let statements = Dictionary(uniqueKeysWithValues: projections.map { ($0.contract.messageType, $0.statement) })

    /// The source every statement reads: the bound text array of payloads, each as `p`.
    private static let payloads = "FROM unnest($1::text[]) AS t(x), LATERAL (SELECT x::jsonb AS p) AS j"

    let logger: Logger

    /// The worker that keeps the projections up to date.
    func worker(pool: PostgresPool, options: QueueWorker.Options) -> QueueWorker {
        QueueWorker(pool: pool, queue: Self.queue, options: options, logger: logger) { batch, transaction in
            try await project(batch, in: transaction)
        }
    }

    /// Writes a batch's facts in the handler's transaction: one statement per event type.
    ///
    /// Two batches in flight can hold the same keys (an agreement recorded twice, a redelivered
    /// event), so every batch takes its row locks in one global order, by event type and then by
    /// key (each statement inserts in key order), and two batches never deadlock.
    func project(_ batch: [ClaimedMessage], in transaction: HandlerTransaction) async throws {
        for (type, messages) in Dictionary(grouping: batch, by: \.type).sorted(by: { $0.key < $1.key }) {
            guard let sql = Self.statements[type] else {
                logger.debug("event not projected", metadata: ["type": "\(type)", "count": "\(messages.count)"])
                continue
            }
            try await transaction.query(PostgresQuery(sql: sql, binds: [messages.map(\.payload)], prepared: true))
        }
    }
}
