-- How many of a referral's minors intake had seen in an earlier referral to the same service
-- (`repeat_minor_count` of `referral.received.v1`); NULL when the publisher did not count, which
-- the indicators read as none.
ALTER TABLE monitoring.referrals ADD COLUMN repeat_minor_count int CHECK (repeat_minor_count >= 0);
