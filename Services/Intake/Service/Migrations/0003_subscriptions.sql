-- The `intake` queue hears how referrals progress. Declared here, in a migration, so the
-- subscription exists before any producer runs: publishing fans out only to subscriptions that
-- exist at that moment.
INSERT INTO bus.subscriptions (topic, queue) VALUES ('referral.status_reported.v1', 'intake')
ON CONFLICT DO NOTHING;
