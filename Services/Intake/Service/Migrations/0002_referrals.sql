-- Integrators, their API keys, referrals and what became of them, idempotency keys, webhooks
-- and the audit log of personal-data access.

-- An external system that sends referrals: a court, a police juvenile unit, a КДНиЗП, a
-- guardianship body, a school, or the municipal service itself.
CREATE TABLE intake.integrators (
    id              uuid PRIMARY KEY,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    -- What kind of sender it is (a ReferralSourceKind).
    kind            text NOT NULL,
    -- The service (МСП, СПЦ, ШСП) whose caseload its referrals join.
    organisation_id uuid NOT NULL,
    -- The organisation's time zone: a minor's age and "not in the future" follow its calendar.
    time_zone       text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    deactivated_at  timestamptz
);
CREATE UNIQUE INDEX integrators_name_key ON intake.integrators (lower(name));

-- Keys are `acc_<id>_<secret>`; only SHA-256 of the 256-bit random secret is kept. A fast hash is
-- right here: the secret is random, not a password, so there is nothing to guess from a hash.
CREATE TABLE intake.api_keys (
    id            uuid PRIMARY KEY,
    integrator_id uuid NOT NULL REFERENCES intake.integrators (id),
    secret_sha256 bytea NOT NULL CHECK (length(secret_sha256) = 32),
    label         text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- Set by a rotation: the old key keeps working until then, beside its successor.
    expires_at    timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_keys_integrator ON intake.api_keys (integrator_id);

-- A referral (заявка) or a school identification. `submission` is the validated request as the
-- integrator sent it: personal data, read only through audited paths.
CREATE TABLE intake.referrals (
    id               uuid PRIMARY KEY,
    integrator_id    uuid NOT NULL REFERENCES intake.integrators (id),
    organisation_id  uuid NOT NULL,
    kind             text NOT NULL,
    reference_number text NOT NULL,
    reference_date   date NOT NULL,
    status           text NOT NULL DEFAULT 'received',
    outcome          text,
    submission       jsonb NOT NULL,
    received_at      timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT referrals_reference_key UNIQUE (integrator_id, reference_number)
);
-- Lists page by (updated_at, id), newest first, per integrator.
CREATE INDEX referrals_integrator_updated ON intake.referrals (integrator_id, updated_at DESC, id DESC);

-- Status changes after `received` (which is the referral's own received_at), as reported back.
CREATE TABLE intake.status_changes (
    referral_id uuid NOT NULL REFERENCES intake.referrals (id),
    status      text NOT NULL,
    outcome     text,
    case_id     uuid,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (referral_id, status)
);

-- Idempotency-Key → the request it first came with. The response is rebuilt from the referral
-- (its state at creation), so no second copy of personal data is kept here.
CREATE TABLE intake.idempotency_keys (
    integrator_id  uuid NOT NULL,
    key            text NOT NULL,
    request_sha256 bytea NOT NULL,
    referral_id    uuid NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (integrator_id, key)
);
CREATE INDEX idempotency_keys_created ON intake.idempotency_keys (created_at);

-- Where an integrator's status changes go; the signing secret lives with notifications only.
CREATE TABLE intake.webhooks (
    integrator_id uuid PRIMARY KEY REFERENCES intake.integrators (id),
    url           text NOT NULL,
    events        text[] NOT NULL,
    registered_at timestamptz NOT NULL
);

-- Who read or wrote which referral, when. Never personal data itself.
CREATE TABLE intake.audit_log (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            timestamptz NOT NULL DEFAULT now(),
    integrator_id uuid,
    key_id        uuid,
    -- `referral.create`, `referral.read`, `referral.list`, `referral.replay`, `key.issue`, …
    action        text NOT NULL,
    referral_id   uuid,
    -- Who acted when it was not a key: `admin` for the CLI, `bus` for status reports.
    actor         text
);
CREATE INDEX audit_log_referral ON intake.audit_log (referral_id) WHERE referral_id IS NOT NULL;
