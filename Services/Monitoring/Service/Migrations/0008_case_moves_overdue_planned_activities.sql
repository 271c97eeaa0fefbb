-- The case events monitoring did not keep before, and activities as planned.

-- A case's move between steps (not its closing): the quarterly report counts accompaniments the
-- case conference continued under a new support plan (evaluated → support_plan). A move is keyed
-- by its case, time and target, so a redelivered event changes nothing.
CREATE TABLE monitoring.case_moves (
    case_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    kind text NOT NULL,
    from_state text NOT NULL,
    to_state text NOT NULL,
    moved_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, moved_at, to_state)
);
CREATE INDEX case_moves_by_quarter ON monitoring.case_moves (organisation_id, moved_at);

-- A deadline a case missed (first contact within the norm, the sender's answer date): once per
-- case and deadline, as scheduling raises it.
CREATE TABLE monitoring.overdue_cases (
    case_id uuid NOT NULL,
    deadline text NOT NULL,
    organisation_id uuid NOT NULL,
    due_at timestamptz NOT NULL,
    detected_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, deadline)
);
CREATE INDEX overdue_cases_by_quarter ON monitoring.overdue_cases (organisation_id, due_at);

-- Activities are now recorded as planned, re-planned and cancelled too (`plan_activity.recorded.v1`,
-- latest `recorded_at` wins); rows from `plan_activity.completed.v1` have no `recorded_at`.
ALTER TABLE monitoring.plan_activities
    ADD COLUMN cancelled boolean NOT NULL DEFAULT false,
    ADD COLUMN recorded_at timestamptz;

INSERT INTO bus.subscriptions (topic, queue) VALUES
    ('case.state_changed.v1', 'monitoring'),
    ('case.overdue.v1', 'monitoring'),
    ('plan_activity.recorded.v1', 'monitoring')
ON CONFLICT DO NOTHING;
