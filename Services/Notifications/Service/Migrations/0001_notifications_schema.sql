-- accord-notifications owns this schema; no other service reads or writes it.
COMMENT ON SCHEMA notifications IS 'Owned by accord-notifications: recipients, templates, deliveries and webhook subscriptions. No other service reads or writes it.';
