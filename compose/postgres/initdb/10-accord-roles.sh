#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is new (the official image's /docker-entrypoint-initdb.d),
# as POSTGRES_USER, Accord's owner role: creates the four service roles with the passwords in
# compose's secrets, the schemas, and the rights (../roles.sql). scripts/lib/topology.py runs it
# too, outside a container, with ACCORD_SECRETS_DIR and ACCORD_ROLES_SQL pointing at its files.
set -euo pipefail
secrets="${ACCORD_SECRETS_DIR:-/run/secrets}"
secret() { tr -d '\r\n' < "$secrets/$1"; }
psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v intake_password="$(secret db_intake_password)" \
    -v scheduling_password="$(secret db_scheduling_password)" \
    -v monitoring_password="$(secret db_monitoring_password)" \
    -v notifications_password="$(secret db_notifications_password)" \
    -f "${ACCORD_ROLES_SQL:-/accord/roles.sql}"
