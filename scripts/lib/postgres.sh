# shellcheck shell=bash
#
# Shared helpers for scripts/up and scripts/test: install the system packages
# Accord needs, and run a throwaway PostgreSQL cluster owned by this checkout.
#
# Sourced, not executed. Functions meant for callers:
#   ensure_packages               install libpq-dev, pkg-config, postgresql(-contrib), docker-compose… if missing
#   apt_install PACKAGE…          install Debian packages (through sudo when not root)
#   pg_bin_dir                    print the newest /usr/lib/postgresql/<v>/bin
#   cluster_start NAME PORT [--fresh] [--durable]
#                                 start (initdb first if needed) cluster NAME on 127.0.0.1:PORT;
#                                 --durable: PostgreSQL's default durability (fsync, full pages)
#   cluster_stop NAME             stop cluster NAME if we started it (quiet on success)
#   cluster_claimed NAME          true once cluster_start has claimed NAME for this script
#   cluster_log NAME              print the path of cluster NAME's server log
#   cluster_log_tail NAME [LINES] print the end of that log to stderr
#   cluster_restart_command NAME [ACTION]   the command that restarts (stops, starts) cluster NAME
#   cluster_signal_command NAME SIGNAL      the command that freezes (STOP) or thaws (CONT) cluster NAME
#   export_pg_env PORT            export PG* and DATABASE_URL for the Swift processes
#
# Why a private cluster instead of the distribution's `main` cluster: it needs
# no system configuration, no service manager (CI containers have none), never
# touches a developer's own databases, and can be thrown away at will.
#
# Layout of a cluster called NAME (the "cluster dir"):
#   <repo>/.local/NAME/data/           PGDATA
#   <repo>/.local/NAME/run/            unix socket directory
#   <repo>/.local/NAME/postgres.log    server log (pg_ctl -l)
#   <repo>/.local/NAME.lock            pid of the script using the cluster
# or, when <repo>/.local cannot be used (see _cluster_dir), the same under
#   /tmp/accord-pg-<uid>-<hash of repo path>-NAME

# The repository root, whichever script sourced us and from wherever.
ACCORD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

# runuser, useradd and friends live in sbin, which is not always on a
# non-login root PATH (e.g. `docker exec`, some CI runners).
PATH="$PATH:/usr/sbin:/sbin"

# PostgreSQL refuses to run as root, so root runs it as this system user.
ACCORD_PG_OS_USER=accordpg

# The role, password and database every Accord process uses. The role is the
# cluster superuser because tests create databases and terminate backends.
ACCORD_PG_ROLE=accord
ACCORD_PG_PASSWORD=accord
ACCORD_PG_DATABASE=accord

log() { printf '[accord] %s\n' "$*" >&2; }
die() {
    printf '[accord] error: %s\n' "$*" >&2
    exit 1
}

_is_root() { [[ "$(id -u)" -eq 0 ]]; }

# True while process PID runs. kill -0 alone also succeeds for a zombie, and
# zombies linger in containers whose pid 1 does not reap orphans.
pid_alive() {
    kill -0 "$1" 2>/dev/null || return 1
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }" # the fields after "(comm)", which may contain spaces
    [[ "${stat%% *}" != Z ]]
}

# ---------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------

# Print the newest installed server bin directory. We deliberately look in
# /usr/lib/postgresql/<version>/bin rather than on PATH: Debian does not put
# initdb/pg_ctl/postgres on PATH (only the client wrappers), and symlinks in
# /usr/local/bin exist on some machines but not on a fresh one.
pg_bin_dir() {
    local dir best=""
    while IFS= read -r dir; do
        [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]] && best="$dir"
    done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V)
    [[ -n "$best" ]] || return 1
    printf '%s\n' "$best"
}

# Print the apt packages that are missing, one per line. Each check looks for
# what we actually use rather than at dpkg state, so a machine that provides
# the same things some other way is not forced through apt.
_missing_packages() {
    command -v pkg-config >/dev/null 2>&1 || echo pkg-config
    # libcurl's headers and libcurl.pc: notifications sends email through libcurl (CCurl target);
    # openssl makes the certificate the SMTP tests' STARTTLS peer uses.
    pkg-config --exists libcurl >/dev/null 2>&1 || echo libcurl4-openssl-dev
    command -v openssl >/dev/null 2>&1 || echo openssl
    python3 -c 'import ensurepip, venv' 2>/dev/null || echo python3-venv
    # compose-check and chaos: the compose file is validated by Debian's docker-compose and read
    # with PyYAML (which docker-compose brings too).
    command -v docker-compose >/dev/null 2>&1 || echo docker-compose
    python3 -c 'import yaml' 2>/dev/null || echo python3-yaml
    # /usr/bin/pg_config alone proves nothing: postgresql-common diverts it to
    # a wrapper. libpq.pc (found through pkg-config) is what SwiftPM's libpq
    # system-library target needs, and it ships in libpq-dev.
    if ! pkg-config --exists libpq >/dev/null 2>&1 || ! pg_config --includedir >/dev/null 2>&1; then
        echo libpq-dev
    fi
    local bin
    if ! bin="$(pg_bin_dir)" || [[ ! -x "$bin/pg_isready" || ! -x "$bin/psql" ]]; then
        echo postgresql
        echo postgresql-contrib
        return 0
    fi
    # Since PostgreSQL 10 the contrib modules ship inside postgresql-<v>, and
    # postgresql-contrib is only a metapackage; check for a module instead.
    local version
    version="$(basename "$(dirname "$bin")")"
    [[ -f "/usr/share/postgresql/$version/extension/pgcrypto.control" ]] || echo postgresql-contrib
}

ensure_packages() {
    local -a missing
    mapfile -t missing < <(_missing_packages)
    ((${#missing[@]} > 0)) || return 0
    apt_install "${missing[@]}"
    mapfile -t missing < <(_missing_packages)
    ((${#missing[@]} == 0)) || die "still missing after apt-get install: ${missing[*]}"
}

# apt_install PACKAGE…: installs Debian packages, through sudo when not root.
apt_install() {
    local -a sudo=()
    if ! _is_root; then
        # Non-interactive sudo first (CI runners allow it without a password);
        # an interactive prompt only when someone can answer it.
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        elif command -v sudo >/dev/null 2>&1 && [[ -t 0 ]]; then
            sudo=(sudo)
        else
            die "missing packages: $*
    Install them (as root) with:
        apt-get update && apt-get install -y --no-install-recommends $*
    then run this script again."
        fi
    fi
    command -v apt-get >/dev/null 2>&1 ||
        die "missing: $* and there is no apt-get here; install the equivalents by hand."

    log "installing missing packages: $*"
    # The lock timeout rides out unattended-upgrades on freshly booted CI VMs.
    # `env` because sudo's env_reset would drop a plain DEBIAN_FRONTEND=...
    local -a apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive
        apt-get -q -o DPkg::Lock::Timeout=300)
    "${apt[@]}" update
    "${apt[@]}" install -y --no-install-recommends "$@"
}

# ---------------------------------------------------------------------------
# Running things as the cluster's owner
# ---------------------------------------------------------------------------

_ensure_os_user() {
    _is_root || return 0
    id -u "$ACCORD_PG_OS_USER" >/dev/null 2>&1 && return 0
    log "creating system user $ACCORD_PG_OS_USER to run PostgreSQL (it refuses to run as root)"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$ACCORD_PG_OS_USER"
}

# Run a command as the cluster owner: ourselves, or accordpg when we are root.
# Runs from / so that a cwd the owner cannot read (e.g. under /root) does not
# trip up the PostgreSQL tools.
_as_owner() {
    if _is_root; then
        (cd / && exec runuser -u "$ACCORD_PG_OS_USER" -- "$@")
    else
        (cd / && exec "$@")
    fi
}

# Give a path we (root) created to the cluster owner. No-op when not root.
_chown_owner() {
    _is_root || return 0
    chown -R "$ACCORD_PG_OS_USER:" "$@"
}

# ---------------------------------------------------------------------------
# Where a cluster lives
# ---------------------------------------------------------------------------

_tmp_cluster_dir() {
    local hash
    hash="$(printf '%s' "$ACCORD_ROOT" | sha256sum | cut -c1-8)"
    printf '/tmp/accord-pg-%s-%s-%s\n' "$(id -u)" "$hash" "$1"
}

# Print the cluster dir for NAME. Normally <repo>/.local/NAME, but fall back to
# /tmp when that cannot work:
#  - as root, accordpg must be able to traverse to .local (a checkout under
#    /root, mode 700, is not reachable);
#  - the socket path must fit in sun_path (107 bytes), which a deep checkout
#    path can exceed.
_cluster_dir() {
    local name="$1" local_dir="$ACCORD_ROOT/.local"
    local candidate="$local_dir/$name"
    local socket="$candidate/run/.s.PGSQL.65535"
    if ((${#socket} > 107)); then
        _tmp_cluster_dir "$name"
        return 0
    fi
    # 0755 whatever the umask, so that accordpg can traverse it.
    [[ -d "$local_dir" ]] || mkdir -m 0755 "$local_dir"
    if _is_root; then
        if ! (cd / && runuser -u "$ACCORD_PG_OS_USER" -- test -x "$local_dir"); then
            _tmp_cluster_dir "$name"
            return 0
        fi
    fi
    printf '%s\n' "$candidate"
}

# Both places a cluster of ours could be, so leftovers are found wherever an
# earlier run put them.
_all_cluster_dirs() {
    printf '%s\n' "$ACCORD_ROOT/.local/$1" "$(_tmp_cluster_dir "$1")"
}

# Prints a shell command that restarts cluster NAME (fast shutdown, then start), for the
# test that checks the bus recovers when PostgreSQL restarts mid-drain.
# cluster_restart_command NAME [ACTION] — the shell command that restarts (or
# stops, or starts) the cluster, for tests that take the server away.
cluster_restart_command() {
    local name="$1" action="${2:-restart}" bin cdir prefix=""
    bin="$(pg_bin_dir)" || return 1
    cdir="$(_cluster_dir "$name")"
    if _is_root; then prefix="runuser -u $ACCORD_PG_OS_USER -- "; fi
    printf 'cd / && %s%q %s -s -m fast -w -t 60 -D %q -l %q\n' \
        "$prefix" "$bin/pg_ctl" "$action" "$cdir/data" "$cdir/postgres.log"
}

# cluster_signal_command NAME SIGNAL — the shell command that sends SIGNAL (STOP, CONT) to the
# cluster's postmaster and every process it started: STOP freezes the server as a hung host or a
# partition dropping packets would (connections stay open, nothing answers); CONT thaws it.
cluster_signal_command() {
    local name="$1" signal="$2" cdir
    cdir="$(_cluster_dir "$name")"
    printf 'pid=$(head -n 1 %q) && kill -%s "$pid" && pkill -%s -P "$pid"; true\n' "$cdir/data/postmaster.pid" "$signal" "$signal"
}

cluster_log() {
    printf '%s/postgres.log\n' "$(_cluster_dir "$1")"
}

# ---------------------------------------------------------------------------
# Leftovers and locking
# ---------------------------------------------------------------------------

# "<pid> <start time>" of process PID (the start time tells a reused pid apart).
_proc_id() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    local -a f
    read -r -a f <<<"$stat"
    printf '%s %s\n' "$1" "${f[19]}" # field 22 of stat: starttime
}

# Claim cluster NAME for this script (identified by $$), so that a second
# `scripts/test` (or `scripts/up`) of the same checkout fails clearly instead
# of "cleaning up" the cluster the first one is using. A pid file rather than
# flock: an fd lock would be inherited by every child (swift, services,
# the postmaster) and outlive a killed script; a pid file dies with the pid.
_lock_cluster() {
    local name="$1" cdir lock me holder pid
    cdir="$(_cluster_dir "$name")"
    lock="$cdir.lock"
    me="$(_proc_id $$)"
    local attempt
    for attempt in 1 2; do
        # noclobber makes the create atomic: exactly one racer wins.
        if (set -o noclobber && printf '%s\n' "$me" >"$lock") 2>/dev/null; then
            _ACCORD_CLAIMED["$name"]="$lock"
            return 0
        fi
        holder="$(cat "$lock" 2>/dev/null || true)"
        pid="${holder%% *}"
        if [[ "$holder" == "$me" ]]; then
            _ACCORD_CLAIMED["$name"]="$lock"
            return 0
        elif [[ -n "$pid" ]] && pid_alive "$pid" && [[ "$(_proc_id "$pid")" == "$holder" ]]; then
            die "cluster $name ($cdir) is in use by process $pid (another scripts/up or scripts/test of this checkout)"
        fi
        ((attempt == 1)) && log "removing stale lock $lock (process ${pid:-?} is gone)"
        rm -f "$lock"
    done
    die "could not claim $lock"
}

# Clusters this script has claimed: name -> lock file. Only those are ever
# stopped by cluster_stop, so a script that failed to claim a cluster (it is
# in use) cannot stop someone else's server from its exit trap.
declare -gA _ACCORD_CLAIMED=()

# True if this script claimed cluster NAME (cluster_start got past the lock).
cluster_claimed() {
    [[ -n "${_ACCORD_CLAIMED[$1]:-}" ]]
}

_unlock_cluster() {
    local lock="${_ACCORD_CLAIMED[$1]:-}"
    [[ -n "$lock" ]] || return 0
    if [[ "$(cat "$lock" 2>/dev/null)" == "$(_proc_id $$)" ]]; then
        rm -f "$lock"
    fi
    unset '_ACCORD_CLAIMED[$1]'
}

# Stop whatever an earlier run left behind in cluster dir CDIR (e.g. the
# script was killed with SIGKILL, so its trap never ran and the postmaster
# lives on, holding the port). A postmaster.pid whose process is gone, or is
# not a postgres (pid reused), is just removed: PostgreSQL would refuse to
# start over a reused pid.
_stop_leftover() {
    local cdir="$1" bin="$2"
    local pidfile="$cdir/data/postmaster.pid" pid
    [[ -f "$pidfile" ]] || return 0
    pid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && pid_alive "$pid" &&
        [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]]; then
        log "stopping leftover PostgreSQL (pid $pid) in $cdir"
        if ! _as_owner "$bin/pg_ctl" stop -s -D "$cdir/data" -m fast -w -t 30; then
            _as_owner "$bin/pg_ctl" stop -s -D "$cdir/data" -m immediate -w -t 30 || kill -KILL "$pid" 2>/dev/null || true
        fi
    else
        log "removing stale $pidfile"
    fi
    # Whatever happened, no server of ours runs here any more. Its stale lock
    # files would otherwise block the next start if their pids got reused.
    rm -f "$pidfile" "$cdir"/run/.s.PGSQL.*
}

# True if something accepts TCP connections on 127.0.0.1:PORT.
_port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ---------------------------------------------------------------------------
# Cluster lifecycle
# ---------------------------------------------------------------------------

# initdb a new cluster in CDIR, owned by the cluster owner.
_init_cluster() {
    local cdir="$1" bin="$2"
    local locale=C
    # C.UTF-8 keeps the server encoding UTF-8 with byte-order collation, and is
    # built into Debian's libc; plain C still works where it is missing.
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
        locale=C.UTF-8
    fi

    mkdir -p "$cdir/run"
    local pwfile="$cdir/pwfile"
    (umask 077 && printf '%s\n' "$ACCORD_PG_PASSWORD" >"$pwfile")
    _chown_owner "$cdir"

    log "initdb $cdir/data (locale $locale)"
    if ! _as_owner "$bin/initdb" -D "$cdir/data" -U "$ACCORD_PG_ROLE" \
        --auth-host=scram-sha-256 --auth-local=trust --pwfile="$pwfile" \
        -E UTF8 --locale="$locale" >"$cdir/initdb.log" 2>&1; then
        rm -f "$pwfile"
        cat "$cdir/initdb.log" >&2
        die "initdb failed (log above)"
    fi
    rm -f "$pwfile"

    # Throwaway-friendly settings. Per-start settings (port, socket) live in
    # accord.conf, rewritten on every start, so an existing dev cluster follows
    # a changed ACCORD_PG_PORT or a moved checkout.
    cat >>"$cdir/data/postgresql.conf" <<'EOF'

# --- added by scripts/lib/postgres.sh: a throwaway development/test cluster ---
# Durability is worthless here and fsync dominates test time. Commits stay
# synchronous so behaviour (e.g. visibility after COMMIT) matches production.
fsync = off
full_page_writes = off
# Tests run many connection pools in parallel.
max_connections = 600
shared_buffers = 256MB
# Keep the log readable; it is printed when tests fail.
log_min_messages = warning
logging_collector = off
include = 'accord.conf'
EOF
    touch "$cdir/data/accord.conf"
    _chown_owner "$cdir"
    # Marks a complete initdb: a dir without it (initdb interrupted) is redone.
    touch "$cdir/.initialized"
}

# Usage: cluster_start NAME PORT [--fresh] [--durable]
# Starts cluster NAME on 127.0.0.1:PORT, creating it (and database "accord")
# first if needed; --fresh wipes any existing cluster first. --durable starts it
# with PostgreSQL's default durability (fsync and full_page_writes on, as the
# compose PostgreSQL runs), for benchmarks whose figures must hold for a
# deployment; without it the throwaway settings of _init_cluster apply. Returns
# once the server accepts connections.
cluster_start() {
    local name="$1" port="$2" fresh="" durable="" option
    [[ "$port" =~ ^[0-9]+$ ]] || die "cluster_start: bad port '$port'"
    for option in "${@:3}"; do
        case "$option" in
        --fresh) fresh=--fresh ;;
        --durable) durable=--durable ;;
        "") ;;
        *) die "cluster_start: unknown option '$option'" ;;
        esac
    done

    local bin
    bin="$(pg_bin_dir)" || die "no PostgreSQL server under /usr/lib/postgresql/*/bin; run ensure_packages"
    _ensure_os_user

    local cdir
    cdir="$(_cluster_dir "$name")"
    if [[ "$cdir" == "$(_tmp_cluster_dir "$name")" ]]; then
        log "note: using $cdir for cluster $name ($ACCORD_ROOT/.local is not usable: unreachable for $ACCORD_PG_OS_USER or path too long for a socket)"
        # /tmp is shared: refuse a path someone else planted for us.
        if [[ -L "$cdir" ]] || { [[ -e "$cdir" ]] && ! _is_root && [[ ! -O "$cdir" ]]; }; then
            die "$cdir exists but is not ours; remove it"
        fi
    fi

    _lock_cluster "$name"

    local d
    while IFS= read -r d; do
        _stop_leftover "$d" "$bin"
    done < <(_all_cluster_dirs "$name")

    if _port_in_use "$port"; then
        die "port $port on 127.0.0.1 is already in use by something else (another checkout's cluster?); pick another one via ACCORD_PG_PORT / ACCORD_TEST_PG_PORT"
    fi

    if [[ "$fresh" == --fresh ]]; then
        rm -rf "$cdir"
    elif [[ -e "$cdir" && ! -e "$cdir/.initialized" ]]; then
        log "discarding incomplete cluster in $cdir"
        rm -rf "$cdir"
    fi

    if [[ ! -e "$cdir/.initialized" ]]; then
        mkdir -p "$cdir"
        _init_cluster "$cdir" "$bin"
    else
        local have want
        have="$(cat "$cdir/data/PG_VERSION")"
        want="$(basename "$(dirname "$bin")")"
        [[ "$have" == "$want" ]] ||
            die "cluster $cdir was made by PostgreSQL $have but $want is installed; delete it (rm -rf '$cdir') to start over"
        if ! _is_root && [[ ! -O "$cdir/data" ]]; then
            die "$cdir/data belongs to another user (an earlier run as root?); delete it (sudo rm -rf '$cdir')"
        fi
    fi

    local sock="$cdir/run"
    mkdir -p "$sock"
    cat >"$cdir/data/accord.conf" <<EOF
# Rewritten by scripts/lib/postgres.sh on every start.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '${sock//\'/\'\'}'
EOF
    # After postgresql.conf's throwaway lines, so these win; written per start, so that one
    # cluster can serve either way.
    if [[ "$durable" == --durable ]]; then
        printf 'fsync = on\nfull_page_writes = on\n' >>"$cdir/data/accord.conf"
    fi
    # As root, hand everything (incl. a data dir left by an earlier root run
    # under a different uid mapping) to the owner; postgres insists on it.
    _chown_owner "$cdir"

    log "starting PostgreSQL $name on 127.0.0.1:$port ($cdir)"
    local logfile="$cdir/postgres.log"
    # -W: we wait ourselves below, over TCP exactly as the services connect.
    _as_owner "$bin/pg_ctl" start -s -W -D "$cdir/data" -l "$logfile" ||
        { _log_tail "$logfile"; die "pg_ctl start failed"; }

    local i
    for ((i = 0; i < 120; i++)); do
        "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres && break
        # Fail fast if the postmaster already died (bad config, port race...).
        if ((i >= 4)) && ! _as_owner "$bin/pg_ctl" status -D "$cdir/data" >/dev/null 2>&1; then
            _log_tail "$logfile"
            die "PostgreSQL $name exited during startup (log above: $logfile)"
        fi
        sleep 0.5
    done
    if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres; then
        _log_tail "$logfile"
        die "PostgreSQL $name not ready on 127.0.0.1:$port after 60 s (log above: $logfile)"
    fi

    # The database every process uses. Over TCP with the password, which also
    # proves that the services' way of connecting works.
    local -a psql=(env PGPASSWORD="$ACCORD_PG_PASSWORD" "$bin/psql" -X -q -P pager=off -v ON_ERROR_STOP=1
        -h 127.0.0.1 -p "$port" -U "$ACCORD_PG_ROLE" -d postgres -tA)
    if [[ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$ACCORD_PG_DATABASE'")" != 1 ]]; then
        "${psql[@]}" -c "CREATE DATABASE $ACCORD_PG_DATABASE" ||
            die "could not create database $ACCORD_PG_DATABASE"
    fi
}

# Usage: cluster_stop NAME
# Stops cluster NAME if this script claimed it in cluster_start (fast
# shutdown: disconnects clients). A no-op otherwise, so it is safe in exit
# traps. Silent on success: scripts/test calls it after `swift test`, whose
# closing lines CI parses.
cluster_stop() {
    local name="$1" bin d
    cluster_claimed "$name" || return 0
    if bin="$(pg_bin_dir)"; then
        while IFS= read -r d; do
            [[ -f "$d/data/postmaster.pid" ]] || continue
            if ! _as_owner "$bin/pg_ctl" stop -s -D "$d/data" -m fast -w -t 60; then
                log "fast shutdown of $name failed; forcing it"
                _as_owner "$bin/pg_ctl" stop -s -D "$d/data" -m immediate -w -t 30 || true
            fi
        done < <(_all_cluster_dirs "$name")
    fi
    _unlock_cluster "$name"
}

# Print the last lines of a server log, framed, to stderr.
_log_tail() {
    local file="$1" lines="${2:-40}"
    [[ -f "$file" ]] || return 0
    {
        printf -- '----- last %s lines of %s -----\n' "$lines" "$file"
        tail -n "$lines" "$file"
        printf -- '----- end of PostgreSQL log -----\n'
    } >&2
}

# Usage: cluster_log_tail NAME [LINES]
cluster_log_tail() {
    _log_tail "$(cluster_log "$1")" "${2:-40}"
}

# Usage: export_pg_env PORT
# The environment every Accord process (and libpq tool) reads. TCP to
# 127.0.0.1 with a password, like a real deployment, not the unix socket.
export_pg_env() {
    local port="$1"
    export PGHOST=127.0.0.1
    export PGPORT="$port"
    export PGUSER="$ACCORD_PG_ROLE"
    export PGPASSWORD="$ACCORD_PG_PASSWORD"
    export PGDATABASE="$ACCORD_PG_DATABASE"
    export DATABASE_URL="postgres://$ACCORD_PG_ROLE:$ACCORD_PG_PASSWORD@127.0.0.1:$port/$ACCORD_PG_DATABASE"
}
