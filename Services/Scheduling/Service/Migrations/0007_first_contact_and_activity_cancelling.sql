-- First contact is a moment, never before the referral was received. Consents used to count from
-- 00:00 of the day they were given, hours before a referral received that day; every case's first
-- contact is worked out again from the moments now used: the earliest consent entered and the
-- earliest meeting held, and not before receipt.
UPDATE scheduling.cases c
SET first_contact_at = greatest(f.contact, c.referral_received_at)
FROM (
    SELECT k.id, least((SELECT min(recorded_at) FROM scheduling.consents WHERE case_id = k.id),
                       (SELECT min(starts_at) FROM scheduling.meetings WHERE case_id = k.id AND status = 'held')) AS contact
    FROM scheduling.cases k WHERE k.first_contact_at IS NOT NULL
) f
WHERE f.id = c.id AND f.contact IS NOT NULL AND c.first_contact_at IS DISTINCT FROM greatest(f.contact, c.referral_received_at);

-- A work-plan activity may be called off (it then counts as planned no more); a held one may not.
ALTER TABLE scheduling.plan_activities
    ADD COLUMN cancelled_on date,
    ADD CONSTRAINT plan_activities_done_or_cancelled CHECK (NOT (done AND cancelled_on IS NOT NULL));
