-- A case (дело): one child's or one conflict's situation followed through to closure, opened
-- from exactly one referral. No personal data here: the parties live in their own tables.
CREATE TABLE scheduling.cases (
    id                   uuid PRIMARY KEY,
    -- Exactly one case per referral, however often referral.received.v1 is redelivered.
    referral_id          uuid NOT NULL UNIQUE,
    integrator_id        uuid NOT NULL,
    organisation_id      uuid NOT NULL,
    kind                 text NOT NULL CHECK (kind IN ('restorative', 'accompaniment')),
    state                text NOT NULL,
    outcome              text,
    nature               text NOT NULL,
    requested_responses  text[] NOT NULL,
    occurred_on          date NOT NULL,
    minor_count          integer NOT NULL CHECK (minor_count >= 0),
    party_count          integer NOT NULL CHECK (party_count >= minor_count),
    sender_deadline      date,
    referral_received_at timestamptz NOT NULL,
    opened_at            timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    -- A closed case has an outcome, an open one has none.
    CHECK ((state = 'closed') = (outcome IS NOT NULL))
);

-- An organisation's caseload by step, most recently moved first.
CREATE INDEX cases_caseload ON scheduling.cases (organisation_id, state, updated_at DESC);

-- Every move of every case, the opening included: who, when, from where to where.
CREATE TABLE scheduling.case_moves (
    case_id    uuid NOT NULL REFERENCES scheduling.cases (id),
    from_state text,
    to_state   text NOT NULL,
    outcome    text,
    actor      text NOT NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX case_moves_case ON scheduling.case_moves (case_id, at);
