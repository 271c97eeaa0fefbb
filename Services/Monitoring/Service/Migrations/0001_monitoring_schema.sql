-- accord-monitoring owns this schema; no other service reads or writes it.
COMMENT ON SCHEMA monitoring IS 'Owned by accord-monitoring: projections, indicators, quarterly reports and exports. No other service reads or writes it.';
