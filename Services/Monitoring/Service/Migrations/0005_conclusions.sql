-- Conclusions on the work with a family or teen (заключения), prepared at a court's, КДНиЗП's or
-- guardianship body's request. The document is kept as prepared, with who prepared it, for whom
-- and when: the record of what was disclosed.
CREATE TABLE monitoring.conclusions (
    id uuid PRIMARY KEY,
    case_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    requested_by text NOT NULL CHECK (requested_by IN ('court', 'minors_commission', 'guardianship', 'police', 'other')),
    request_reference text NOT NULL,
    requested_on date NOT NULL,
    prepared_by text NOT NULL,
    prepared_at timestamptz NOT NULL DEFAULT now(),
    document jsonb NOT NULL
);
CREATE INDEX conclusions_by_case ON monitoring.conclusions (organisation_id, case_id);
