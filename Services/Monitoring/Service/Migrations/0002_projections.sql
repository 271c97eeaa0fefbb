-- Projections: the facts monitoring keeps from other services' events. Each table is keyed by
-- the fact's own id, so a redelivered event finds its row already there and changes nothing.
-- No personal data: ids, kinds, counts and times, as the events carry them.

-- Where an organisation sits: a school service (ШСП) reports to its municipal service (МСП),
-- municipalities make up a region. Recorded by the administrator (`accord monitoring
-- organisations set`); events name organisations by id only.
CREATE TABLE monitoring.organisations (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('school_service', 'municipal_service', 'social_pedagogical_centre')),
    municipality_id uuid,
    region text NOT NULL,
    time_zone text NOT NULL DEFAULT 'Asia/Yekaterinburg',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_region ON monitoring.organisations (region, kind);
CREATE INDEX organisations_municipality ON monitoring.organisations (municipality_id);

CREATE TABLE monitoring.referrals (
    referral_id uuid PRIMARY KEY,
    organisation_id uuid NOT NULL,
    kind text NOT NULL,
    source_kind text NOT NULL,
    nature text NOT NULL,
    minor_count int NOT NULL,
    party_count int NOT NULL,
    received_at timestamptz NOT NULL
);
CREATE INDEX referrals_by_quarter ON monitoring.referrals (organisation_id, received_at);

CREATE TABLE monitoring.cases (
    case_id uuid PRIMARY KEY,
    referral_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    kind text NOT NULL,
    nature text NOT NULL,
    referral_received_at timestamptz NOT NULL,
    opened_at timestamptz NOT NULL
);
CREATE INDEX cases_by_quarter ON monitoring.cases (organisation_id, opened_at);
CREATE INDEX cases_by_referral ON monitoring.cases (referral_id);

-- Closing is a fact of its own: `case.closed.v1` may arrive before `case.opened.v1` when the
-- two are redelivered out of order, and neither may be lost.
CREATE TABLE monitoring.case_closings (
    case_id uuid PRIMARY KEY,
    organisation_id uuid NOT NULL,
    kind text NOT NULL,
    nature text NOT NULL,
    outcome text NOT NULL,
    closing_reason text,
    programme_kind text,
    minor_count int NOT NULL,
    adult_count int NOT NULL,
    meetings_held int NOT NULL,
    referral_received_at timestamptz NOT NULL,
    first_contact_at timestamptz,
    closed_at timestamptz NOT NULL
);
CREATE INDEX case_closings_by_quarter ON monitoring.case_closings (organisation_id, closed_at);

CREATE TABLE monitoring.programmes (
    programme_id uuid PRIMARY KEY,
    case_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    kind text NOT NULL,
    started_at timestamptz NOT NULL
);
CREATE INDEX programmes_by_quarter ON monitoring.programmes (organisation_id, started_at);

CREATE TABLE monitoring.meetings (
    meeting_id uuid PRIMARY KEY,
    case_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    kind text NOT NULL,
    programme_kind text,
    starts_at timestamptz NOT NULL,
    minor_count int NOT NULL,
    adult_count int NOT NULL,
    specialist_count int NOT NULL,
    peer_mediator_count int NOT NULL
);
CREATE INDEX meetings_by_quarter ON monitoring.meetings (organisation_id, starts_at);
CREATE INDEX meetings_by_case ON monitoring.meetings (case_id, starts_at);

-- An agreement is recorded again as its terms are checked; the latest record wins.
CREATE TABLE monitoring.agreements (
    agreement_id uuid PRIMARY KEY,
    case_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    reached_on date NOT NULL,
    term_count int NOT NULL,
    fulfilled_count int NOT NULL,
    broken_count int NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX agreements_by_quarter ON monitoring.agreements (organisation_id, reached_on);

-- A student profile (attendance, behaviour, performance) of a child under accompaniment.
CREATE TABLE monitoring.student_profiles (
    case_id uuid NOT NULL,
    recorded_on date NOT NULL,
    organisation_id uuid NOT NULL,
    attendance_percent double precision NOT NULL,
    behaviour int NOT NULL,
    performance int NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, recorded_on)
);
CREATE INDEX student_profiles_by_organisation ON monitoring.student_profiles (organisation_id, recorded_on);

-- A work plan's activity (training, event…); recorded again when it is done.
CREATE TABLE monitoring.plan_activities (
    activity_id uuid PRIMARY KEY,
    organisation_id uuid NOT NULL,
    kind text NOT NULL,
    period_start date NOT NULL,
    period_end date NOT NULL,
    done boolean NOT NULL,
    done_on date
);
CREATE INDEX plan_activities_by_organisation ON monitoring.plan_activities (organisation_id, period_start);

-- The events the projections are made of, on the `monitoring` queue.
INSERT INTO bus.subscriptions (topic, queue) VALUES
    ('referral.received.v1', 'monitoring'),
    ('case.opened.v1', 'monitoring'),
    ('case.closed.v1', 'monitoring'),
    ('programme.started.v1', 'monitoring'),
    ('meeting.held.v1', 'monitoring'),
    ('agreement.recorded.v1', 'monitoring'),
    ('student_profile.recorded.v1', 'monitoring'),
    ('plan_activity.completed.v1', 'monitoring')
ON CONFLICT DO NOTHING;
