-- A support plan's interventions (catalogue terms and dates only), so a pupil's dynamics can be
-- set against what was done and when. An intervention is recorded again as its status changes;
-- the latest record wins.
CREATE TABLE monitoring.interventions (
    intervention_id uuid PRIMARY KEY,
    case_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    area text NOT NULL,
    kind text,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    status text NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX interventions_by_case ON monitoring.interventions (case_id, starts_on);

INSERT INTO bus.subscriptions (topic, queue) VALUES ('intervention.recorded.v1', 'monitoring') ON CONFLICT DO NOTHING;
