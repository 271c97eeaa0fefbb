-- A service (ШСП, МСП, СПЦ) as a recipient: its office's own address, for what is addressed to
-- the service rather than a person (monitoring's quarterly report reminders). Its organisation
-- is itself.
ALTER TABLE notifications.recipients DROP CONSTRAINT recipients_kind_check;
ALTER TABLE notifications.recipients ADD CONSTRAINT recipients_kind_check
    CHECK (kind IN ('party', 'specialist', 'integrator', 'organisation'));
ALTER TABLE notifications.recipients ADD CONSTRAINT recipients_organisation_is_itself
    CHECK (kind <> 'organisation' OR organisation_id = id);
