-- The ledger of periodic-job firings. Every scheduler replica tries to insert a job's due
-- firing; the primary key lets exactly one succeed, and that one enqueues the job's message in
-- the same transaction, so each period fires once however many replicas run.
CREATE TABLE bus.periodic_firings (
    name text NOT NULL,
    fire_at timestamptz NOT NULL,
    fired_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, fire_at)
);
-- Old firings are pruned in the background.
CREATE INDEX periodic_firings_fire_at ON bus.periodic_firings (fire_at);
