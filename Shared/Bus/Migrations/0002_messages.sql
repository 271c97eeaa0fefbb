-- The queue. A message is `ready` until a worker claims it (`running`, with a lease), then
-- leaves this table when it finishes (to bus.history) or stays as `dead` after its last attempt.
-- Keeping only live messages here keeps the claim index small and hot.
CREATE TABLE bus.messages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue text NOT NULL,
    type text NOT NULL,
    payload jsonb NOT NULL,
    priority smallint NOT NULL DEFAULT 0,
    run_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 25 CHECK (max_attempts > 0),
    state text NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'running', 'dead')),
    dedupe_key text,
    correlation_id uuid,
    causation_id uuid,
    trace_context text,
    worker text,
    lease_until timestamptz,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Claiming: the next ready messages of a queue, highest priority first, then by due time.
CREATE INDEX messages_claim ON bus.messages (queue, priority DESC, run_at, id) WHERE state = 'ready';
-- One pending message per dedupe key and queue; a finished message frees its key.
CREATE UNIQUE INDEX messages_dedupe ON bus.messages (queue, dedupe_key)
    WHERE dedupe_key IS NOT NULL AND state <> 'dead';
-- The reaper looks for expired leases.
CREATE INDEX messages_lease ON bus.messages (lease_until) WHERE state = 'running';

-- Which queues receive a copy of each topic: each consuming service declares its own at start-up.
CREATE TABLE bus.subscriptions (
    topic text NOT NULL,
    queue text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, queue)
);

-- Finished messages, kept for a configurable retention and pruned in the background.
CREATE TABLE bus.history (
    id bigint PRIMARY KEY,
    queue text NOT NULL,
    type text NOT NULL,
    payload jsonb NOT NULL,
    attempts integer NOT NULL,
    correlation_id uuid,
    causation_id uuid,
    created_at timestamptz NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX history_finished ON bus.history (finished_at);
