-- Reminders sent to school services that have not submitted their quarterly report: one per
-- school, quarter and stage (7, 3 and 1 days before the due date), written with the
-- notification request it causes, so replicas and repeated sweeps never send a stage twice.
CREATE TABLE monitoring.report_reminders (
    organisation_id uuid NOT NULL REFERENCES monitoring.organisations (id),
    quarter text NOT NULL,
    days_before int NOT NULL,
    notification_id uuid NOT NULL,
    sent_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, quarter, days_before)
);
