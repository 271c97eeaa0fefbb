-- accord-intake owns this schema; no other service reads or writes it.
COMMENT ON SCHEMA intake IS 'Owned by accord-intake: integrators, API keys, referrals and school identifications. No other service reads or writes it.';
