-- The work a case is made of: its parties and their consents, the programme and its agreement,
-- meetings booked in rooms, and the calendar they are booked against.

-- Exclusion constraints over (resource, time range) need btree equality inside a GiST index.
-- A trusted extension: the database owner may create it. Kept in this service's schema.
CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA scheduling;

-- What the service knows of each organisation it serves: the time zone its calendar, working
-- hours and deadlines are read in, and its own norm for first contact. An organisation not
-- listed gets the defaults.
CREATE TABLE scheduling.organisations (
    id                 uuid PRIMARY KEY,
    time_zone          text NOT NULL DEFAULT 'UTC',
    -- «Первый контакт в течение N дней»: days from the referral to the first contact with a party.
    first_contact_days integer NOT NULL DEFAULT 3 CHECK (first_contact_days BETWEEN 1 AND 60),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Days the organisation does not work (public holidays, school breaks for school services).
CREATE TABLE scheduling.holidays (
    organisation_id uuid NOT NULL,
    day             date NOT NULL,
    name            text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
    PRIMARY KEY (organisation_id, day)
);

-- A specialist's weekly working hours in the organisation's local time (ISO weekday, 1 = Monday),
-- and the programme kinds they are trained to run.
CREATE TABLE scheduling.working_hours (
    specialist_id uuid NOT NULL REFERENCES scheduling.specialists (id),
    weekday       smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts        time NOT NULL,
    ends          time NOT NULL CHECK (ends > starts),
    PRIMARY KEY (specialist_id, weekday, starts)
);
ALTER TABLE scheduling.specialists ADD COLUMN programme_kinds text[] NOT NULL DEFAULT '{}';

-- Meeting rooms: a mediation room, a class room for a circle.
CREATE TABLE scheduling.rooms (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    capacity        integer NOT NULL CHECK (capacity BETWEEN 1 AND 500),
    active          boolean NOT NULL DEFAULT true,
    UNIQUE (organisation_id, name)
);

-- The people a case is about: personal data of minors and families. Read and written only
-- through the staff API, every access audited.
CREATE TABLE scheduling.parties (
    id            uuid PRIMARY KEY,
    case_id       uuid NOT NULL REFERENCES scheduling.cases (id),
    role          text NOT NULL,
    full_name     text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    birth_date    date,
    -- A legal representative's minor.
    represents_id uuid REFERENCES scheduling.parties (id),
    phone         text CHECK (length(phone) <= 40),
    email         text CHECK (length(email) <= 254),
    language      text NOT NULL DEFAULT 'ru',
    created_at    timestamptz NOT NULL,
    CHECK ((role = 'legal_representative') = (represents_id IS NOT NULL))
);
CREATE INDEX parties_case ON scheduling.parties (case_id);

-- When a party is never free, every week (a minor's lessons, a parent's working day), in the
-- organisation's local time.
CREATE TABLE scheduling.party_busy_hours (
    party_id uuid NOT NULL REFERENCES scheduling.parties (id),
    weekday  smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts   time NOT NULL,
    ends     time NOT NULL CHECK (ends > starts),
    PRIMARY KEY (party_id, weekday, starts)
);

-- Согласие законного представителя: for one minor, by one representative, in a form, for a scope.
CREATE TABLE scheduling.consents (
    id                uuid PRIMARY KEY,
    case_id           uuid NOT NULL REFERENCES scheduling.cases (id),
    minor_id          uuid NOT NULL REFERENCES scheduling.parties (id),
    given_by_id       uuid NOT NULL REFERENCES scheduling.parties (id),
    form              text NOT NULL,
    scopes            text[] NOT NULL CHECK (cardinality(scopes) > 0),
    given_on          date NOT NULL,
    recorded_at       timestamptz NOT NULL,
    withdrawn_on      date,
    withdrawal_reason text CHECK (length(withdrawal_reason) <= 1000),
    CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);
CREATE INDEX consents_case ON scheduling.consents (case_id);

-- The restorative programme a case runs: one per case.
CREATE TABLE scheduling.programmes (
    id         uuid PRIMARY KEY,
    case_id    uuid NOT NULL UNIQUE REFERENCES scheduling.cases (id),
    kind       text NOT NULL,
    started_at timestamptz NOT NULL,
    -- Set when a withdrawn consent or a closing stops it.
    stopped_at timestamptz
);

-- Примирительный договор and its terms.
CREATE TABLE scheduling.agreements (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL UNIQUE REFERENCES scheduling.cases (id),
    reached_on  date NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE TABLE scheduling.agreement_terms (
    id           uuid PRIMARY KEY,
    agreement_id uuid NOT NULL REFERENCES scheduling.agreements (id),
    position     integer NOT NULL,
    description  text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
    due_on       date NOT NULL,
    -- NULL until checked; then whether the term was kept.
    fulfilled    boolean,
    checked_on   date,
    UNIQUE (agreement_id, position)
);

-- Meetings: preliminary (each party separately), main, follow-up.
CREATE TABLE scheduling.meetings (
    id              uuid PRIMARY KEY,
    case_id         uuid NOT NULL REFERENCES scheduling.cases (id),
    organisation_id uuid NOT NULL,
    kind            text NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL CHECK (ends_at > starts_at),
    room_id         uuid REFERENCES scheduling.rooms (id),
    specialist_ids  uuid[] NOT NULL,
    party_ids       uuid[] NOT NULL,
    status          text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX meetings_case ON scheduling.meetings (case_id, starts_at);

-- Who and what a scheduled meeting occupies, and when. The exclusion constraint is the rule
-- that no specialist, room or party is in two meetings at once: of two concurrent bookings that
-- overlap, the database lets exactly one commit. Cancelling a meeting frees its bookings.
CREATE TABLE scheduling.bookings (
    meeting_id    uuid NOT NULL REFERENCES scheduling.meetings (id),
    resource_kind text NOT NULL CHECK (resource_kind IN ('specialist', 'room', 'party')),
    resource_id   uuid NOT NULL,
    during        tstzrange NOT NULL,
    PRIMARY KEY (meeting_id, resource_kind, resource_id),
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (resource_kind WITH =, resource_id WITH =, during WITH &&)
);

-- Closing: why a case was not reconciled; first contact and the deadlines already reported overdue.
ALTER TABLE scheduling.cases
    ADD COLUMN closing_reason text,
    ADD COLUMN first_contact_at timestamptz,
    ADD COLUMN first_contact_due_at timestamptz,
    ADD COLUMN overdue_reported text[] NOT NULL DEFAULT '{}';
UPDATE scheduling.cases SET first_contact_due_at = referral_received_at + interval '3 days';
ALTER TABLE scheduling.cases ALTER COLUMN first_contact_due_at SET NOT NULL;
-- Open cases still waiting for their first contact, by due time: the overdue sweep's scan.
CREATE INDEX cases_first_contact_due ON scheduling.cases (first_contact_due_at)
    WHERE first_contact_at IS NULL AND state <> 'closed';
CREATE INDEX cases_sender_deadline ON scheduling.cases (sender_deadline)
    WHERE sender_deadline IS NOT NULL AND state <> 'closed';

-- The audit log names the organisation, what was touched and why.
ALTER TABLE scheduling.audit_log
    ADD COLUMN organisation_id uuid,
    ADD COLUMN entity text,
    ADD COLUMN entity_id uuid,
    ADD COLUMN purpose text;
CREATE INDEX audit_log_case ON scheduling.audit_log (case_id, at) WHERE case_id IS NOT NULL;
