"""The whole system under faults: the compose topology as local processes (scripts/lib/topology.py)
under a steady referral load, while each service in turn is SIGKILLed and restarted, the database's
backends are terminated, PostgreSQL restarts, and one of two monitoring replicas is killed during
a report. Then it checks that nothing accepted was lost or doubled:

- every referral intake accepted (201) has exactly one case;
- each due receipt (`received`, `case_opened`) reached the integrator's webhook as exactly one
  notification (one event id; a resend after a crash repeats the id, and is counted apart);
- the region's quarterly report counts exactly the accepted referrals.

Usage: chaos.py BIN_DIR WORK [--short]; ACCORD_CHAOS_PG_RESTART is the command that restarts the
PostgreSQL server (without it, that fault is skipped and said so).
"""

import datetime
import os
import subprocess
import sys
import threading
import time
import uuid
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import topology  # noqa: E402
from peers import Integrator, WebhookReceiver  # noqa: E402

REGION = "chaos"
TIME_ZONE = "Asia/Yekaterinburg"


class Load:
    """Referrals at a steady rate, each retried with its own Idempotency-Key until intake answers
    201, as an integrator's system does; accepted ones are those that got their 201."""

    def __init__(self, court, rate):
        self.court, self.rate = court, rate
        self.accepted, self.given_up, self.retries = [], 0, 0
        self.last_accepted_at = 0.0
        self.running = True
        self.lock = threading.Lock()
        self.threads = []

    def submit(self, number):
        key = f"chaos-{number}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            status, answer, _ = topology.http(f"{self.court.intake}/v1/referrals", "POST", self.court.referral(number),
                                              self.court.headers(key), timeout=10)
            if status == 201:
                with self.lock:
                    self.accepted.append(answer["id"])
                    self.last_accepted_at = time.monotonic()
                return
            with self.lock:
                self.retries += 1
            time.sleep(0.25)
        with self.lock:
            self.given_up += 1

    def run(self):
        number = 0
        while self.running:
            number += 1
            thread = threading.Thread(target=self.submit, args=(number,), daemon=True)
            thread.start()
            self.threads.append(thread)
            time.sleep(1 / self.rate)

    def start(self):
        threading.Thread(target=self.run, daemon=True).start()

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join()


def restart(system, process):
    process.start()
    process.wait_ready(120)


def main():
    bin_dir, work = sys.argv[1], sys.argv[2]
    short = "--short" in sys.argv
    gap = 3 if short else 10
    # As an operator would set in compose/.env: a killed replica's report part is computed again
    # after this lease, so the short run keeps it short.
    lease = 10 if short else 60
    system = topology.Topology(bin_dir, work, f"accord_chaos_{uuid.uuid4().hex[:8]}", os.environ,
                               variables={"REPORT_LEASE_SECONDS": str(lease)})
    receiver = WebhookReceiver()
    recoveries = []
    try:
        started = system.up(monitoring_replicas=2)
        intake = started["accord-intake"][0]
        court = Integrator(system, intake.base)
        court.register_webhook(receiver.url)
        system.admin("monitoring", "organisations", "set", "--organisation", court.organisation, "--name", "МСП (chaos)",
                     "--kind", "municipal_service", "--region", REGION, "--time-zone", TIME_ZONE)
        for _ in range(20):
            system.admin("monitoring", "organisations", "set", "--organisation", str(uuid.uuid4()), "--name", "ШСП (chaos)",
                         "--kind", "school_service", "--municipality", court.organisation, "--region", REGION, "--time-zone", TIME_ZONE)
        now = datetime.datetime.now(zoneinfo.ZoneInfo(TIME_ZONE))
        quarter = f"{now.year}-Q{(now.month - 1) // 3 + 1}"

        load = Load(court, rate=10 if short else 20)
        load.start()
        time.sleep(gap)

        def accepted_after(moment):
            return lambda: load.last_accepted_at > moment

        # Each service in turn: SIGKILL, restart at once (compose's restart policy), recovery = until
        # it is ready again and intake accepts a new referral.
        for service in ["accord-intake", "accord-scheduling", "accord-notifications"]:
            process = started[service][0]
            fault = time.monotonic()
            process.kill()
            restart(system, process)
            topology.wait_for(accepted_after(fault), 60)
            recoveries.append((f"SIGKILL {service}", time.monotonic() - fault))
            time.sleep(gap)

        # Two monitoring replicas, one killed while the region's report is being made.
        requested = system.admin("monitoring", "reports", "request", "--scope", "region", "--region", REGION, "--quarter", quarter)
        report = requested.split()[1]
        first, second = started["accord-monitoring"]
        fault = time.monotonic()
        first.kill()

        def report_done():
            return system.psql(f"SELECT completed_at IS NOT NULL FROM monitoring.reports WHERE id = '{report}'",
                               env=system.owner_env()).stdout.strip() == "t"

        done = topology.wait_for(report_done, lease + 60)
        if done is None:
            raise RuntimeError("the region report did not complete with one monitoring replica left")
        recoveries.append(("SIGKILL one of 2 monitoring replicas mid-report (report completed after)", done))
        restart(system, first)
        time.sleep(gap)

        # The database's side: every backend of the system terminated.
        fault = time.monotonic()
        system.psql(f"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{system.database}' "
                    "AND pid <> pg_backend_pid()", database=system.database)
        topology.wait_for(accepted_after(fault), 60)
        recoveries.append(("terminate all database backends", time.monotonic() - fault))
        time.sleep(gap)

        restart_command = os.environ.get("ACCORD_CHAOS_PG_RESTART")
        if restart_command:
            fault = time.monotonic()
            subprocess.run(restart_command, shell=True, check=True, capture_output=True)
            topology.wait_for(lambda: all(p.ready() for p in system.processes if p.alive()), 60)
            topology.wait_for(accepted_after(fault), 60)
            recoveries.append(("restart PostgreSQL", time.monotonic() - fault))
            time.sleep(gap)
        else:
            print("restart PostgreSQL: skipped (ACCORD_CHAOS_PG_RESTART is not set)")

        load.stop()
        accepted = list(load.accepted)
        owner = system.owner_env()

        def cases():
            rows = system.psql("SELECT referral_id, count(*) FROM scheduling.cases GROUP BY referral_id", env=owner).stdout.split()
            return {row.split("|")[0]: int(row.split("|")[1]) for row in rows}

        topology.wait_for(lambda: all(r in cases() for r in accepted), 120)
        found = cases()
        lost = [r for r in accepted if found.get(r, 0) == 0]
        duplicated = [r for r in accepted if found.get(r, 0) > 1]
        intake_rows = int(system.psql("SELECT count(*) FROM intake.referrals", env=owner).stdout)

        due = {(r, s) for r in accepted for s in ("received", "case_opened")}

        def notified():
            ids = {}
            for event, referral, status in receiver.snapshot():
                ids.setdefault((referral, status), set()).add(event)
            return ids

        topology.wait_for(lambda: due <= set(notified()), 120)
        ids = notified()
        missing = [d for d in due if d not in ids]
        doubled = [d for d in due if len(ids.get(d, ())) > 1]
        redelivered = len([d for d in receiver.snapshot() if (d[1], d[2]) in due]) - sum(len(ids.get(d, ())) for d in due)

        final = system.admin("monitoring", "reports", "request", "--scope", "region", "--region", REGION, "--quarter", quarter).split()[1]
        report = final
        topology.wait_for(report_done, 120)
        counted = system.psql(f"""SELECT coalesce(sum(f.value), 0)::int FROM monitoring.report_figures f
            JOIN monitoring.reports r ON r.id = f.report_id AND f.generation = r.generation
            WHERE r.id = '{final}' AND f.organisation_id IS NULL AND f.indicator = 'referrals_received'""", env=owner).stdout.strip()
    finally:
        codes = system.down()
        receiver.close()

    print(f"referrals accepted: {len(accepted)} (intake holds {intake_rows}; retries while faults lasted: {load.retries}, "
          f"given up: {load.given_up})")
    print(f"lost: {len(lost)}")
    print(f"duplicated: {len(duplicated)}")
    print(f"notifications due: {len(due)}, reached exactly once: {len(due) - len(missing) - len(doubled)}, missing: {len(missing)}, "
          f"as two notifications: {len(doubled)} (resent with the same event id after a crash: {redelivered})")
    print(f"report {quarter}, region {REGION}: referrals_received {counted}, accepted {len(accepted)}")
    for fault, seconds in recoveries:
        print(f"recovery after {fault}: {seconds:.2f} s")
    failures = []
    if lost or duplicated or intake_rows != len(accepted):
        failures.append("referrals lost or duplicated")
    if missing or doubled:
        failures.append("notifications missing or doubled")
    if counted != str(len(accepted)):
        failures.append("the report's total differs from the accepted referrals")
    if load.given_up:
        failures.append(f"{load.given_up} referrals never accepted within 90 s")
    if any(code != 0 for code in codes.values()):
        failures.append(f"not a clean stop on SIGTERM: {codes}")
    if failures:
        raise RuntimeError("; ".join(failures))


if __name__ == "__main__":
    topology.run_check(main, "chaos")
