-- Accord's database roles: one per service, with rights only on its own schema and the bus.
--
-- Run by the database's owner (the role `accord migrate` runs as), before the first migration
-- and again after an upgrade that adds a schema; it is idempotent. psql variables:
--   intake_password, scheduling_password, monitoring_password, notifications_password
-- compose runs it once, from postgres/initdb/10-accord-roles.sh, when the volume is new.
\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN', name)
FROM unnest(ARRAY['accord_intake', 'accord_scheduling', 'accord_monitoring', 'accord_notifications']) AS name
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name)
\gexec

ALTER ROLE accord_intake PASSWORD :'intake_password';
ALTER ROLE accord_scheduling PASSWORD :'scheduling_password';
ALTER ROLE accord_monitoring PASSWORD :'monitoring_password';
ALTER ROLE accord_notifications PASSWORD :'notifications_password';

-- The owner creates every schema, so the migrations it runs own every table; the services only
-- read and write rows.
CREATE SCHEMA IF NOT EXISTS bus;
CREATE SCHEMA IF NOT EXISTS intake;
CREATE SCHEMA IF NOT EXISTS scheduling;
CREATE SCHEMA IF NOT EXISTS monitoring;
CREATE SCHEMA IF NOT EXISTS notifications;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Each service: its own schema and the bus. Tables made by later migrations get the same
-- rights through the default privileges; tables that exist already get them here.
SELECT format('GRANT USAGE ON SCHEMA %1$I TO %2$I', schema, role),
       format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1$I TO %2$I', schema, role),
       format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %1$I TO %2$I', schema, role),
       format('ALTER DEFAULT PRIVILEGES IN SCHEMA %1$I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %2$I', schema, role),
       format('ALTER DEFAULT PRIVILEGES IN SCHEMA %1$I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %2$I', schema, role)
FROM (VALUES ('intake', 'accord_intake'), ('scheduling', 'accord_scheduling'), ('monitoring', 'accord_monitoring'),
             ('notifications', 'accord_notifications'),
             ('bus', 'accord_intake'), ('bus', 'accord_scheduling'), ('bus', 'accord_monitoring'), ('bus', 'accord_notifications'))
     AS service(schema, role)
\gexec
