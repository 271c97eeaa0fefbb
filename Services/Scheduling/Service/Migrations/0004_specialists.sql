-- The people who do the work: mediators, peer mediators, social pedagogues, psychologists,
-- curators, class teachers, each in one organisation. Staff, not the children and families the
-- cases are about.
CREATE TABLE scheduling.specialists (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL,
    display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    roles           text[] NOT NULL CHECK (cardinality(roles) > 0),
    -- How many open cases make a full caseload: proposals go to the least loaded in proportion.
    max_caseload    integer NOT NULL DEFAULT 12 CHECK (max_caseload BETWEEN 1 AND 500),
    active          boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX specialists_organisation ON scheduling.specialists (organisation_id) WHERE active;

-- Who a case is proposed to when it opens, and who took it.
ALTER TABLE scheduling.cases
    ADD COLUMN proposed_specialist_id uuid REFERENCES scheduling.specialists (id),
    ADD COLUMN specialist_id uuid REFERENCES scheduling.specialists (id);
-- A specialist's current caseload: open cases assigned or proposed to them.
CREATE INDEX cases_caseload_of ON scheduling.cases ((coalesce(specialist_id, proposed_specialist_id)))
    WHERE state <> 'closed';

-- Every administrative change and every read or write of case data, by whom and when.
CREATE TABLE scheduling.audit_log (
    at            timestamptz NOT NULL DEFAULT now(),
    actor         text NOT NULL,
    action        text NOT NULL,
    case_id       uuid,
    specialist_id uuid
);
CREATE INDEX audit_log_at ON scheduling.audit_log (at);
