"""The compose-topology check: compose/docker-compose.yml run as local processes (see
scripts/lib/topology.py), then shown to work as deployed.

- Each service's database role reads and writes its own schema and the bus, and nothing else,
  and cannot change the schema.
- A referral posted to intake becomes a case (scheduling), is projected (monitoring), and its
  `received` and `case_opened` receipts reach the integrator's webhook (notifications).
- Two monitoring replicas run side by side; SIGTERM stops every process with exit status 0.
"""

import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import topology  # noqa: E402
from peers import Integrator, WebhookReceiver  # noqa: E402

SCHEMAS = ["intake", "scheduling", "monitoring", "notifications"]
FIRST_TABLE = {"intake": "referrals", "scheduling": "cases", "monitoring": "referrals", "notifications": "deliveries"}


def wait(what, predicate, seconds=30):
    if topology.wait_for(predicate, seconds) is None:
        raise RuntimeError(f"{what}: not within {seconds} s")


def check_roles(system):
    failures = []
    for service in SCHEMAS:
        process = system.process(f"accord-{service}")
        env = dict(system.admin_env, PGUSER=process.environment["PGUSER"], PGDATABASE=system.database)
        env["PGPASSWORD"] = open(process.environment["PGPASSWORD_FILE"]).read().strip()
        for schema in SCHEMAS + ["bus"]:
            table = "messages" if schema == "bus" else FIRST_TABLE[schema]
            allowed = schema in (service, "bus")
            result = system.psql(f"SELECT count(*) FROM {schema}.{table}", env=env, check=False)
            if (result.returncode == 0) != allowed:
                failures.append(f"{env['PGUSER']} {'cannot' if allowed else 'can'} read {schema}.{table}")
        result = system.psql(f"CREATE TABLE {service}.intruder (i int)", env=env, check=False)
        if result.returncode == 0:
            failures.append(f"{env['PGUSER']} can create a table in {service}")
    if failures:
        raise RuntimeError("role rights: " + "; ".join(failures))
    print(f"roles: each of {len(SCHEMAS)} service roles reads only its own schema and the bus, and changes no schema")


def main():
    bin_dir, work = sys.argv[1], sys.argv[2]
    system = topology.Topology(bin_dir, work, f"accord_compose_{uuid.uuid4().hex[:8]}", os.environ)
    receiver = WebhookReceiver()
    try:
        started = system.up(monitoring_replicas=2)
        print("up: " + ", ".join(f"{name} ×{len(replicas)}" for name, replicas in started.items()))
        check_roles(system)

        intake = started["accord-intake"][0].base
        court = Integrator(system, intake)
        court.register_webhook(receiver.url)
        status, answer, _ = topology.http(f"{intake}/v1/referrals", "POST", court.referral(1), court.headers())
        if status != 201:
            raise RuntimeError(f"POST /v1/referrals answered {status}: {answer}")
        referral = answer["id"]
        wait("the referral's case opened", lambda: court.status(referral) == "case_opened")
        wait("monitoring projected it", lambda: system.psql(
            f"SELECT count(*) FROM monitoring.referrals WHERE referral_id = '{referral}'", env=system.owner_env()).stdout.strip() == "1")
        wait("both receipts reached the webhook", lambda: {s for _, r, s in receiver.snapshot() if r == referral} >= {"received", "case_opened"})
        print("flow: referral → case opened → projected → receipts `received`, `case_opened` on the webhook")
        for replica in started["accord-monitoring"]:
            if not replica.ready():
                raise RuntimeError(f"{replica.name} is not ready")
    finally:
        codes = system.down()
        receiver.close()
    bad = {name: code for name, code in codes.items() if code != 0}
    if bad:
        raise RuntimeError(f"not a clean stop on SIGTERM: {bad}")
    print(f"down: {len(codes)} processes stopped on SIGTERM with status 0")


if __name__ == "__main__":
    topology.run_check(main, "compose-check")
