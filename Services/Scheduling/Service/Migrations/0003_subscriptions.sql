-- The `scheduling` queue hears of every referral intake accepts. Declared in a migration so the
-- subscription exists before the first referral is published.
INSERT INTO bus.subscriptions (topic, queue) VALUES ('referral.received.v1', 'scheduling')
ON CONFLICT DO NOTHING;
