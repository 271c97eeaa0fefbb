#!/usr/bin/env bash
#
# The entrypoint of scripts/image-check's PostgreSQL image: what compose/docker-compose.yml
# relies on from the official image's entrypoint, and no more.
#   - `postgres …` (or `-c …` flags alone) runs the server as the `postgres` user, on PGDATA;
#   - on an empty PGDATA: initdb with POSTGRES_USER as the superuser, its password from
#     POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE, password (scram) authentication over TCP,
#     the database POSTGRES_DB, then every file of /docker-entrypoint-initdb.d in name order
#     (*.sh executed, or sourced when not executable; *.sql through psql) against a server that
#     listens on its socket only, so nothing connects before initialisation is over.
set -Eeuo pipefail

if [[ "${1:-}" == -* ]]; then set -- postgres "$@"; fi
if [[ "${1:-}" != postgres ]]; then exec "$@"; fi

if [[ "$(id -u)" == 0 ]]; then
    mkdir -p "$PGDATA" /var/run/postgresql
    chown postgres:postgres "$PGDATA" /var/run/postgresql
    chmod 700 "$PGDATA"
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

file_env() {
    local name="$1" file="${1}_FILE"
    if [[ -n "${!file:-}" ]]; then
        [[ -z "${!name:-}" ]] || { echo "both $name and $file are set" >&2; exit 1; }
        export "$name"="$(<"${!file}")"
    fi
}
file_env POSTGRES_PASSWORD
export POSTGRES_USER="${POSTGRES_USER:-postgres}"
export POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"

if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
    [[ -n "${POSTGRES_PASSWORD:-}" ]] || { echo "POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE is required" >&2; exit 1; }
    initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
        --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 ${POSTGRES_INITDB_ARGS:-} >/dev/null
    printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
    printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

    pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start >/dev/null
    export PGUSER="$POSTGRES_USER" PGPASSWORD="$POSTGRES_PASSWORD"
    if [[ "$POSTGRES_DB" != postgres ]]; then
        # Through standard input: psql fills in :"db" (quoted as an identifier) there, not in -c.
        psql --no-psqlrc -v ON_ERROR_STOP=1 --dbname postgres --set db="$POSTGRES_DB" -q <<<'CREATE DATABASE :"db"'
    fi
    for f in /docker-entrypoint-initdb.d/*; do
        case "$f" in
            *.sh)  echo "running $f"; if [[ -x "$f" ]]; then "$f"; else . "$f"; fi ;;
            *.sql) echo "running $f"; psql --no-psqlrc -v ON_ERROR_STOP=1 --dbname "$POSTGRES_DB" -f "$f" ;;
            *)     if [[ -e "$f" ]]; then echo "ignoring $f"; fi ;;
        esac
    done
    unset PGPASSWORD
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    echo "PostgreSQL init process complete; ready for start up."
fi
exec "$@"
