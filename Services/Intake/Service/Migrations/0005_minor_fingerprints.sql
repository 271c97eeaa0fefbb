-- Minors' fingerprints (a keyed hash of normalised last name, first name and birth date), one per
-- minor and referral, so intake can count the minors a service has seen in an earlier referral:
-- the «repeat referrals of the same minor» indicator. Not personal data in the clear; they never
-- leave intake.
CREATE TABLE intake.minor_fingerprints (
    organisation_id uuid NOT NULL,
    fingerprint     bytea NOT NULL CHECK (length(fingerprint) = 32),
    referral_id     uuid NOT NULL REFERENCES intake.referrals (id),
    PRIMARY KEY (organisation_id, fingerprint, referral_id)
);

-- The primary key's prefix is the lookup made at each receipt. Referrals received before this
-- migration have no fingerprints: their minors count as new when referred again.
