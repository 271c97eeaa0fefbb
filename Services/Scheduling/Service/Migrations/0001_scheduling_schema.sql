-- accord-scheduling owns this schema; no other service reads or writes it.
COMMENT ON SCHEMA scheduling IS 'Owned by accord-scheduling: cases, parties, consents, specialists, rooms, programmes, meetings, support plans and work plans. No other service reads or writes it.';
