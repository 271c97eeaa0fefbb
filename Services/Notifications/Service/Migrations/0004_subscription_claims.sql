-- A webhook claim takes each subscription's oldest due deliveries, only as many as the
-- subscription has room for under WEBHOOK_SUBSCRIPTION_CONCURRENCY, so it looks up a
-- subscription's pending deliveries by due time and counts those it has in flight.
CREATE INDEX deliveries_subscription_due ON notifications.deliveries (subscription_id, due_at)
    WHERE state = 'pending' AND subscription_id IS NOT NULL;
CREATE INDEX deliveries_subscription_sending ON notifications.deliveries (subscription_id)
    WHERE state = 'sending' AND subscription_id IS NOT NULL;
