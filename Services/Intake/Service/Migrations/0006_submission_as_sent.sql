-- The submission is kept as the integrator sent it, byte for byte, and `GET /v1/referrals/{id}`
-- returns it so: jsonb keeps a document's meaning but not its key order, whitespace, escapes or
-- number spelling, so what the sender's system signed off could not be shown back to it. Intake
-- parses and validates every body before storing it; the column holds only JSON that passed.
-- Referrals stored before this migration keep jsonb's rendering, the nearest to what was sent
-- that is left of them.
ALTER TABLE intake.referrals ALTER COLUMN submission TYPE text USING submission::text;
