-- Recipients, notifications, deliveries with their attempts, and integrators' webhook subscriptions.

-- Who may be told what, and how: a party (a parent, a minor) or specialist of an organisation, or
-- an integrator (a referring agency, organisation_id NULL). Contacts are personal data: every read
-- and write through the API is in notifications.audit_log.
CREATE TABLE notifications.recipients (
    kind text NOT NULL CHECK (kind IN ('party', 'specialist', 'integrator')),
    id uuid NOT NULL,
    organisation_id uuid,
    language text NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'kk', 'en')),
    -- NULL: the service's DEFAULT_TIME_ZONE.
    time_zone text,
    email text,
    -- The recipient (or, for a minor, their representative) agreed to be written to by email.
    email_consent boolean NOT NULL DEFAULT false,
    email_opted_out_at timestamptz,
    phone text,
    sms_consent boolean NOT NULL DEFAULT false,
    sms_opted_out_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL,
    PRIMARY KEY (kind, id),
    CHECK ((kind = 'integrator') = (organisation_id IS NULL))
);

-- One row per notification.requested.v1 (its notification_id is the key, so a redelivered request
-- adds nothing), or per notification this service decided to send itself (a case assignment).
CREATE TABLE notifications.notifications (
    id uuid PRIMARY KEY,
    organisation_id uuid,
    recipient_kind text NOT NULL,
    recipient_id uuid NOT NULL,
    template text NOT NULL,
    language text,
    -- Template values: references and dates, never names or contacts (the contract says so).
    data jsonb NOT NULL,
    send_after timestamptz,
    group_key text,
    requested_at timestamptz NOT NULL,
    -- Why nothing was sent, when nothing could be: no_contact, no_consent, unknown_template, withdrawn.
    unsent_reason text
);
CREATE INDEX notifications_group ON notifications.notifications (organisation_id, group_key) WHERE group_key IS NOT NULL;

-- Groups withdrawn (a cancelled or moved meeting): a request that arrives after its withdrawal is
-- recorded as withdrawn, whatever order the bus delivered them in.
CREATE TABLE notifications.withdrawn_groups (
    organisation_id uuid NOT NULL,
    group_key text NOT NULL,
    withdrawn_at timestamptz NOT NULL,
    PRIMARY KEY (organisation_id, group_key)
);

-- Where an integrator's events go. Secrets are sealed with AES-GCM under NOTIFICATIONS_SECRET_KEY;
-- during a rotation the previous secret still signs until previous_secret_expires_at.
CREATE TABLE notifications.webhook_subscriptions (
    id uuid PRIMARY KEY,
    integrator_id uuid NOT NULL,
    url text NOT NULL,
    events text[] NOT NULL,
    sealed_secret bytea NOT NULL,
    sealed_previous_secret bytea,
    previous_secret_expires_at timestamptz,
    -- 'intake': the integrator's own registration through intake's PUT /v1/webhook (one per
    -- integrator); 'api': added by an administrator through this service's API.
    source text NOT NULL CHECK (source IN ('intake', 'api')),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    created_by text NOT NULL,
    -- Removed subscriptions stay, with their delivery log, but deliver nothing more.
    removed_at timestamptz
);
CREATE UNIQUE INDEX webhook_subscriptions_intake ON notifications.webhook_subscriptions (integrator_id)
    WHERE source = 'intake' AND removed_at IS NULL;
CREATE INDEX webhook_subscriptions_integrator ON notifications.webhook_subscriptions (integrator_id);

-- The last word from intake about an integrator's registration, so that an older registration or
-- removal delivered late changes nothing.
CREATE TABLE notifications.intake_registrations (
    integrator_id uuid PRIMARY KEY,
    last_changed_at timestamptz NOT NULL
);

-- One message to one peer: a notification on one channel, or one event to one subscription.
CREATE TABLE notifications.deliveries (
    id uuid PRIMARY KEY,
    notification_id uuid REFERENCES notifications.notifications (id),
    subscription_id uuid REFERENCES notifications.webhook_subscriptions (id),
    channel text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
    -- Webhooks: the event's id (stable across redeliveries of the bus message), type and body.
    event_id uuid,
    event_type text,
    event_body text,
    state text NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'failed', 'withdrawn')),
    due_at timestamptz NOT NULL,
    -- Why it was deferred last (quiet_hours, retry, rate_limit), for the status API.
    deferred_for text,
    attempts int NOT NULL DEFAULT 0,
    uncertain_attempts int NOT NULL DEFAULT 0,
    lease_until timestamptz,
    failure text,
    created_at timestamptz NOT NULL,
    finished_at timestamptz,
    CHECK ((channel = 'webhook') = (subscription_id IS NOT NULL AND notification_id IS NULL)),
    UNIQUE (notification_id, channel),
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX deliveries_due ON notifications.deliveries (due_at) WHERE state = 'pending';
CREATE INDEX deliveries_leased ON notifications.deliveries (lease_until) WHERE state = 'sending';
CREATE INDEX deliveries_subscription ON notifications.deliveries (subscription_id, created_at) WHERE subscription_id IS NOT NULL;

-- The delivery log: every attempt, written before the send (outcome NULL) and completed after it.
-- No bodies, no addresses: the peer's status code, how long it took, and a class of error.
CREATE TABLE notifications.delivery_attempts (
    delivery_id uuid NOT NULL REFERENCES notifications.deliveries (id) ON DELETE CASCADE,
    attempt int NOT NULL,
    started_at timestamptz NOT NULL,
    finished_at timestamptz,
    outcome text CHECK (outcome IN ('delivered', 'retry', 'failed', 'uncertain')),
    peer_status int,
    latency_ms double precision,
    error text,
    PRIMARY KEY (delivery_id, attempt)
);

-- Who read or wrote recipients' contacts and subscriptions, when, and what.
CREATE TABLE notifications.audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    organisation_id uuid,
    action text NOT NULL,
    entity text NOT NULL,
    entity_id uuid
);

-- Subscribed before any producer publishes: requests and withdrawals, the events delivered to
-- integrators and those this service turns into notifications itself, and webhook registrations.
INSERT INTO bus.subscriptions (topic, queue) VALUES
    ('notification.requested.v1', 'notifications'),
    ('notification.withdrawn.v1', 'notifications'),
    ('referral.status_changed.v1', 'notifications'),
    ('case.assigned.v1', 'notifications'),
    ('integrator.webhook_registered.v1', 'notifications'),
    ('integrator.webhook_removed.v1', 'notifications')
ON CONFLICT DO NOTHING;
