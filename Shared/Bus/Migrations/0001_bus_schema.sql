-- The bus owns this schema. Services reach it only through the Bus module, inside their own
-- transactions, so that a row and the message it causes commit together.
COMMENT ON SCHEMA bus IS 'Owned by the Accord bus: queues, messages, subscriptions. Services use it only through the Bus module.';
