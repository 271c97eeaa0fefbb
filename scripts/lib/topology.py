"""The topology compose/docker-compose.yml describes, run as local processes.

There is no Docker engine on the machines that test Accord, so this reads the compose file
itself and does what compose would do, against the local PostgreSQL:

- the secrets are made by scripts/compose-secrets, in a folder of the run's own;
- the database is prepared by the postgres container's own init script
  (compose/postgres/initdb/10-accord-roles.sh), as the owner role compose creates;
- every service whose command is an Accord program runs with its `command` and `environment`
  from the compose file. Only what names the container world is translated: the `postgres`
  host and port become the local server's, `/run/secrets/…` the run's secret files, and each
  HTTP port a free one (replicas of one service need their own here, unlike in containers).

scripts/compose-check and scripts/chaos use it.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import yaml

ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
COMPOSE_FILE = os.path.join(ROOT, "compose", "docker-compose.yml")


def log(message):
    print(f"[topology] {message}", flush=True)


def interpolate(text, variables):
    """Compose's `${NAME}`, `${NAME:-default}` and `$$`, from `variables` (compose/.env is not read:
    the defaults are what a fresh installation runs with)."""

    def value(match):
        if match.group(0) == "$$":
            return "$"
        name, default = match.group(1), match.group(3)
        found = variables.get(name)
        return found if found else (default or "")

    return re.sub(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-([^}]*))?\}", value, text)


def load_compose(variables=None):
    with open(COMPOSE_FILE, encoding="utf-8") as f:
        return yaml.safe_load(interpolate(f.read(), variables or {}))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(url, method="GET", body=None, headers=None, timeout=5):
    """(status, parsed JSON or raw bytes, headers); status None when nothing answered."""
    headers = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            status, answer_headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        raw, status, answer_headers = error.read(), error.code, error.headers
    except (urllib.error.URLError, OSError):
        return None, None, {}
    try:
        return status, json.loads(raw), answer_headers
    except ValueError:
        return status, raw, answer_headers


class Process:
    """One running replica of a compose service."""

    def __init__(self, service, replica, command, environment, port, log_path):
        self.service, self.replica = service, replica
        self.command, self.environment, self.port = command, environment, port
        self.log_path = log_path
        self.popen = None

    @property
    def name(self):
        return f"{self.service}-{self.replica}"

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        log_file = open(self.log_path, "ab")
        self.popen = subprocess.Popen(self.command, env=self.environment, stdout=log_file, stderr=subprocess.STDOUT)
        log_file.close()

    def alive(self):
        return self.popen is not None and self.popen.poll() is None

    def ready(self):
        status, _, _ = http(f"{self.base}/health/ready", timeout=2)
        return status == 200

    def wait_ready(self, seconds=60):
        """Seconds until /health/ready answered 200."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            if not self.alive():
                raise RuntimeError(f"{self.name} exited with {self.popen.returncode}; log: {self.log_path}")
            if self.ready():
                return time.monotonic() - started
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} was not ready within {seconds} s; log: {self.log_path}")

    def kill(self):
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait()

    def stop(self, seconds=30):
        """SIGTERM, as compose stops a container; the exit status (None if it had to be killed)."""
        if not self.alive():
            return self.popen.returncode if self.popen else None
        self.popen.send_signal(signal.SIGTERM)
        try:
            return self.popen.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
            return None


class Topology:
    """The compose topology on the local PostgreSQL, in the fresh database `database`.

    `admin_env` reaches the server as a superuser (scripts/test's cluster role), which stands in
    for the postgres image's entrypoint: it makes the database and the owner role.
    """

    def __init__(self, bin_dir, work, database, admin_env, variables=None):
        self.bin_dir, self.work, self.database = bin_dir, work, database
        self.admin_env = dict(admin_env)
        self.compose = load_compose(variables)
        self.secrets = os.path.join(work, "secrets")
        self.processes = []
        os.makedirs(work, exist_ok=True)

    # --- The database, as the postgres container prepares it ---------------------------------

    def secret(self, name):
        with open(os.path.join(self.secrets, name)) as f:
            return f.read().strip()

    def psql(self, sql, env=None, database=None, check=True):
        environment = dict(env or self.admin_env)
        environment["PGDATABASE"] = database or environment.get("PGDATABASE", "")
        result = subprocess.run(
            ["psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql],
            env=environment, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr.strip()}")
        return result

    def owner_env(self):
        postgres = self.compose["services"]["postgres"]["environment"]
        env = dict(self.admin_env)
        env.update(PGUSER=postgres["POSTGRES_USER"], PGPASSWORD=self.secret("db_owner_password"), PGDATABASE=self.database)
        env.pop("DATABASE_URL", None)
        return env

    def prepare_database(self):
        subprocess.run([os.path.join(ROOT, "scripts", "compose-secrets"), self.secrets], check=True, capture_output=True)
        owner = self.compose["services"]["postgres"]["environment"]["POSTGRES_USER"]
        password = self.secret("db_owner_password").replace("'", "''")
        # The postgres image makes POSTGRES_USER a superuser owning POSTGRES_DB.
        self.psql(f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{owner}') THEN CREATE ROLE {owner} LOGIN SUPERUSER; END IF;
            END $$; ALTER ROLE {owner} PASSWORD '{password}'""", database="postgres")
        self.psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)', database="postgres")
        self.psql(f'CREATE DATABASE "{self.database}" OWNER {owner}', database="postgres")
        # The container's init script itself, pointed at this run's secrets and roles.sql.
        env = self.owner_env()
        env.update(POSTGRES_USER=owner, POSTGRES_DB=self.database, ACCORD_SECRETS_DIR=self.secrets,
                   ACCORD_ROLES_SQL=os.path.join(ROOT, "compose", "postgres", "roles.sql"))
        subprocess.run([os.path.join(ROOT, "compose", "postgres", "initdb", "10-accord-roles.sh")], env=env, check=True,
                       capture_output=True)

    # --- The services ---------------------------------------------------------------------------

    def accord_services(self):
        """The compose services that run an Accord program, in the order compose starts them."""
        services = self.compose["services"]
        return [name for name in ["migrate", "accord-intake", "accord-scheduling", "accord-monitoring", "accord-notifications"]
                if name in services]

    def process(self, service, replica=1, extra=None):
        """A replica of `service` with the compose file's command and environment, translated."""
        definition = self.compose["services"][service]
        command = list(definition["command"])
        command[0] = os.path.join(self.bin_dir, command[0])
        environment = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/")}
        port = None
        for key, value in (definition.get("environment") or {}).items():
            value = "" if value is None else str(value)
            if key == "PGHOST":
                value = self.admin_env.get("PGHOST", "127.0.0.1")
            elif key == "PGPORT":
                value = self.admin_env.get("PGPORT", "5432")
            elif key == "PGDATABASE":
                value = self.database
            elif key == "HTTP_PORT":
                port = free_port()
                value = str(port)
            elif value.startswith("/run/secrets/"):
                value = os.path.join(self.secrets, value[len("/run/secrets/"):])
            environment[key] = value
        # Only the secrets compose mounts for this service exist in its container.
        for key in [k for k, v in environment.items() if k.endswith("_FILE") and v.startswith(self.secrets)]:
            if os.path.basename(environment[key]) not in (definition.get("secrets") or []):
                raise RuntimeError(f"{service} reads {key} but compose does not mount that secret for it")
        # Loopback only here; the compose file's 0.0.0.0 is the container's own interface.
        environment["HTTP_HOST"] = "127.0.0.1"
        environment.update(extra or {})
        return Process(service, replica, command, environment, port,
                       os.path.join(self.work, f"{service}-{replica}.log"))

    def migrate(self):
        job = self.process("migrate")
        job.start()
        code = job.popen.wait(timeout=300)
        if code != 0:
            raise RuntimeError(f"the migrate job exited {code}; log: {job.log_path}")

    def start(self, service, replica=1, extra=None):
        process = self.process(service, replica, extra)
        process.start()
        self.processes.append(process)
        return process

    def up(self, monitoring_replicas=1, extra=None):
        """`docker compose up`: the database, the migrate job, then every service, ready."""
        self.prepare_database()
        self.migrate()
        started = {}
        for service in self.accord_services()[1:]:
            replicas = monitoring_replicas if service == "accord-monitoring" else 1
            started[service] = [self.start(service, r, (extra or {}).get(service)) for r in range(1, replicas + 1)]
        for process in self.processes:
            process.wait_ready()
        return started

    def down(self):
        """SIGTERM to everything still running; the exit codes by replica name."""
        codes = {}
        for process in reversed(self.processes):
            if process.alive():
                codes[process.name] = process.stop()
        return codes

    def admin(self, *arguments):
        """`accord …` as the owner, as an operator runs it (`docker compose run --rm migrate accord …`)."""
        result = subprocess.run([os.path.join(self.bin_dir, "accord"), *arguments], env=self.owner_env(),
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"accord {' '.join(arguments)} failed: {result.stderr.strip()}")
        text = result.stdout
        start = text.find("{")
        return json.loads(text[start:]) if start >= 0 and "--json" in arguments else text



def wait_for(predicate, seconds):
    """Seconds until `predicate` held, polled every 0.1 s, or None when it did not within `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def run_check(main, name):
    """Runs a check's `main`: a RuntimeError is its failure, printed as one line, exit status 1."""
    try:
        main()
    except RuntimeError as error:
        print(f"[{name}] FAILED: {error}", file=sys.stderr)
        sys.exit(1)
    print(f"[{name}] passed")
