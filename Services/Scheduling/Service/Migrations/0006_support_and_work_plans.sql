-- Accompaniment (seed 003): a case's individual support plans, their interventions and progress
-- notes, and the student profile's measures over time. Personal data of minors: read and written
-- only through the staff API, every access audited.

-- Индивидуальный план поддержки (ИПП). When the team evaluates a plan it completes it, and the
-- case closes or goes on under a new one: plans follow each other, never overlap.
CREATE TABLE scheduling.support_plans (
    id           uuid PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES scheduling.cases (id),
    starts_on    date NOT NULL,
    -- The team's next evaluation of the plan.
    review_on    date NOT NULL CHECK (review_on >= starts_on),
    goals        text NOT NULL CHECK (length(goals) BETWEEN 1 AND 4000),
    status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed')),
    created_at   timestamptz NOT NULL,
    completed_at timestamptz,
    CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);
CREATE INDEX support_plans_case ON scheduling.support_plans (case_id);
-- At most one active plan per case, whatever two staff members do at once.
CREATE UNIQUE INDEX support_plans_one_active ON scheduling.support_plans (case_id) WHERE status = 'active';

-- Вмешательство: from seed 003's catalogue (kind) or described freely, carried out by a
-- specialist of the organisation or by someone outside it (guardianship, a health or family
-- centre, an NGO), named as given.
CREATE TABLE scheduling.interventions (
    id                        uuid PRIMARY KEY,
    plan_id                   uuid NOT NULL REFERENCES scheduling.support_plans (id),
    area                      text NOT NULL CHECK (area IN ('attendance', 'behaviour', 'performance')),
    kind                      text,
    description               text CHECK (length(description) BETWEEN 1 AND 2000),
    responsible_specialist_id uuid REFERENCES scheduling.specialists (id),
    responsible_name          text CHECK (length(responsible_name) BETWEEN 1 AND 200),
    starts_on                 date NOT NULL,
    ends_on                   date NOT NULL CHECK (ends_on >= starts_on),
    status                    text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
    updated_at                timestamptz NOT NULL,
    CHECK (kind IS NOT NULL OR description IS NOT NULL),
    CHECK ((responsible_specialist_id IS NULL) <> (responsible_name IS NULL))
);
CREATE INDEX interventions_plan ON scheduling.interventions (plan_id);

-- «Динамика»: what the team noted about the plan's course, dated, by whom (a login or specialist
-- id, as the audit log names people).
CREATE TABLE scheduling.progress_notes (
    id         uuid PRIMARY KEY,
    plan_id    uuid NOT NULL REFERENCES scheduling.support_plans (id),
    written_on date NOT NULL,
    text       text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
    author     text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX progress_notes_plan ON scheduling.progress_notes (plan_id);

-- Профиль ученика: the three measures seed 003 reviews at every evaluation, one row per day they
-- were taken, so the change between records is the case's change.
CREATE TABLE scheduling.profile_records (
    id                 uuid PRIMARY KEY,
    case_id            uuid NOT NULL REFERENCES scheduling.cases (id),
    recorded_on        date NOT NULL,
    attendance_percent numeric(5, 2) NOT NULL CHECK (attendance_percent BETWEEN 0 AND 100),
    behaviour          smallint NOT NULL CHECK (behaviour BETWEEN 1 AND 5),
    performance        smallint NOT NULL CHECK (performance BETWEEN 1 AND 5),
    note               text CHECK (length(note) <= 4000),
    recorded_at        timestamptz NOT NULL,
    recorded_by        text NOT NULL
);
CREATE INDEX profile_records_case ON scheduling.profile_records (case_id, recorded_on);

-- A service's plan of work for a year (seeds 000, 001): activities with their period, who is
-- responsible and the expected result, marked done as they are held. No personal data.
CREATE TABLE scheduling.work_plans (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL,
    year            smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    created_at      timestamptz NOT NULL,
    UNIQUE (organisation_id, year, title)
);

CREATE TABLE scheduling.plan_activities (
    id              uuid PRIMARY KEY,
    plan_id         uuid NOT NULL REFERENCES scheduling.work_plans (id),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    kind            text NOT NULL,
    period_start    date NOT NULL,
    period_end      date NOT NULL CHECK (period_end >= period_start),
    responsible     text NOT NULL CHECK (length(responsible) BETWEEN 1 AND 200),
    expected_result text CHECK (length(expected_result) <= 2000),
    done            boolean NOT NULL DEFAULT false,
    done_on         date,
    note            text CHECK (length(note) <= 2000),
    CHECK (done = (done_on IS NOT NULL))
);
CREATE INDEX plan_activities_plan ON scheduling.plan_activities (plan_id, period_start);

-- Инструктивно-методический выход (seed 004): a centre's visit to a school, the shortcomings
-- found with deadlines to fix them (the analytic card), and the school's acknowledgement of the
-- card by signature and date.
CREATE TABLE scheduling.methodological_visits (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL,
    school_name     text NOT NULL CHECK (length(school_name) BETWEEN 1 AND 300),
    visited_on      date NOT NULL,
    purpose         text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
    acknowledged_by text CHECK (length(acknowledged_by) BETWEEN 1 AND 200),
    acknowledged_on date CHECK (acknowledged_on >= visited_on),
    created_at      timestamptz NOT NULL,
    recorded_by     text NOT NULL,
    CHECK ((acknowledged_by IS NULL) = (acknowledged_on IS NULL))
);
CREATE INDEX methodological_visits_organisation ON scheduling.methodological_visits (organisation_id, visited_on);

CREATE TABLE scheduling.visit_findings (
    id       uuid PRIMARY KEY,
    visit_id uuid NOT NULL REFERENCES scheduling.methodological_visits (id),
    position integer NOT NULL,
    finding  text NOT NULL CHECK (length(finding) BETWEEN 1 AND 2000),
    fix_by   date NOT NULL,
    -- Set when the school reports the shortcoming fixed.
    fixed_on date,
    UNIQUE (visit_id, position)
);
