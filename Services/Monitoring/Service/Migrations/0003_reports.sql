-- Quarterly reports. A report covers one organisation (a school service's own report), a
-- municipality (its municipal service and schools) or a region (every organisation in it).
-- Every report is computed the same way: one part per organisation, fanned out over the bus to
-- whichever replicas are running, and one assembly that sums the parts (the fan-in).
CREATE TABLE monitoring.reports (
    id uuid PRIMARY KEY,
    scope text NOT NULL CHECK (scope IN ('organisation', 'municipality', 'region')),
    -- The organisation reported on (scope organisation) or the municipal service (scope municipality).
    organisation_id uuid,
    region text NOT NULL,
    quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
    -- A report submitted and then regenerated (late events) becomes a new, flagged revision.
    revision int NOT NULL DEFAULT 1,
    flagged boolean NOT NULL DEFAULT false,
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'accepted')),
    -- Each (re)generation of a draft computes a new set of parts; the latest complete one counts.
    generation int NOT NULL DEFAULT 1,
    parts_total int NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    submitted_at timestamptz,
    submitted_by text,
    accepted_at timestamptz,
    accepted_by text,
    CHECK ((scope = 'region') = (organisation_id IS NULL))
);
CREATE UNIQUE INDEX reports_one_per_revision ON monitoring.reports (scope, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'), region, quarter, revision);

-- One organisation's figures for one generation of a report; its presence is the part's
-- progress (done / total), and its key makes a redelivered part a no-op.
CREATE TABLE monitoring.report_parts (
    report_id uuid NOT NULL REFERENCES monitoring.reports (id),
    generation int NOT NULL,
    organisation_id uuid NOT NULL,
    computed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (report_id, generation, organisation_id)
);

-- The figures: additive counts and sums only (shares and means are derived when read), so a
-- municipality's or region's figure is exactly the sum of its organisations'. A row with no
-- organisation is the report's total, written by the assembly.
CREATE TABLE monitoring.report_figures (
    report_id uuid NOT NULL REFERENCES monitoring.reports (id),
    generation int NOT NULL,
    organisation_id uuid,
    indicator text NOT NULL,
    dimension text NOT NULL DEFAULT '',
    value numeric NOT NULL
);
CREATE UNIQUE INDEX report_figures_key ON monitoring.report_figures
    (report_id, generation, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'), indicator, dimension);
