-- Dead letters by queue, newest first: `accord bus dead` lists them and every service's
-- BusMetrics counts its own queues' dead letters through it every few seconds, without
-- scanning the whole bus. Ready messages have `messages_claim` and running ones
-- `messages_lease`; a partial index costs the hot insert path nothing.
CREATE INDEX messages_dead ON bus.messages (queue, id DESC) WHERE state = 'dead';

-- A queue table churns: every message is inserted, updated when claimed and deleted when done.
-- Vacuum it little and often, so each pass covers a few thousand new or dead rows rather than
-- one long pass over a large backlog that, on a small server, takes a core away from the
-- workers and the services publishing for seconds. (Defaults wait for 20 % of the table.)
ALTER TABLE bus.messages SET (
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0.01,
    autovacuum_vacuum_insert_threshold = 1000,
    autovacuum_analyze_scale_factor = 0.05
);

-- A queue's wake-up channel is `accord_bus.<queue>`, and a channel name has at most 63 bytes:
-- a longer queue name would make every statement publishing to it fail in pg_notify.
ALTER TABLE bus.subscriptions ADD CONSTRAINT subscriptions_queue_length CHECK (octet_length(queue) <= 52);
ALTER TABLE bus.messages ADD CONSTRAINT messages_queue_length CHECK (octet_length(queue) <= 52);
