-- Fan-out / fan-in: a batch of member messages and a completion message enqueued exactly once,
-- when the last member has finished (done or dead). The transaction that settles the last
-- member takes `remaining` to zero under the batch row's lock, so only one ever sees zero.
CREATE TABLE bus.batches (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    total integer NOT NULL CHECK (total > 0),
    remaining integer NOT NULL CHECK (remaining >= 0),
    failed integer NOT NULL DEFAULT 0,
    completion_queue text NOT NULL,
    completion_type text NOT NULL,
    completion_payload jsonb NOT NULL,
    correlation_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz
);

ALTER TABLE bus.messages ADD COLUMN batch_id bigint;
ALTER TABLE bus.history ADD COLUMN batch_id bigint;
