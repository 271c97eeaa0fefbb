"""scripts/image-check's second half: the real compose/docker-compose.yml, on the image just
built, brought up by podman-compose and tried through its published ports as an operator would.

podman-compose on Debian 12's podman 4.3 ignores `condition: service_healthy` and mishandles
`depends_on` between the one-shot migrate job and long-running services, and without systemd
nothing runs the healthchecks. So this does what Docker Compose does by itself: it starts the
services one by one in the compose file's dependency order (`up -d --no-deps`), and before a
service's dependents it waits for what they ask of it — healthy (its own healthcheck, run with
`podman healthcheck run`), completed successfully, or started. A CI harness, not a way to deploy.

Checked, in order:
- every service healthy and every /health/ready answering through the published ports;
- `accord migrate` ran as the one-shot job and exited 0;
- an integrator and its key made with `compose run --rm migrate accord …` inside the image;
- a referral posted to intake becomes a case (scheduling's API, with a staff token issued inside
  the image) and its `received` receipt reaches a webhook receiver on this machine;
- after `--scale accord-monitoring=3`, the monitoring gateway answers from more than one replica;
- a service whose process is SIGKILLed is restarted by its policy and is healthy again;
- every Accord container stops on SIGTERM with status 0, and `down -v` leaves no container,
  volume or network behind.

Usage: image.py PODMAN_COMPOSE PROJECT (images and ports come from the environment, as compose
reads them: ACCORD_IMAGE, POSTGRES_IMAGE, NGINX_IMAGE, INTAKE_PORT, …)
"""

import json
import os
import re
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import topology  # noqa: E402
from peers import Integrator, WebhookReceiver  # noqa: E402


def podman(*arguments, check=True, timeout=120):
    result = subprocess.run(["podman", *arguments], capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise RuntimeError(f"podman {' '.join(arguments)}: {result.stderr.strip()[-400:]}")
    return result


class Compose:
    """One compose project, driven by podman-compose as an operator drives `docker compose`."""

    def __init__(self, podman_compose, project):
        self.podman_compose, self.project = podman_compose, project
        self.file = topology.COMPOSE_FILE
        self.definition = topology.load_compose(os.environ)

    def run(self, *arguments, timeout=300):
        result = subprocess.run([self.podman_compose, "-p", self.project, "-f", self.file, *arguments],
                                capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise RuntimeError(f"compose {' '.join(arguments)} exited {result.returncode}: "
                               f"{(result.stderr or result.stdout).strip()[-600:]}")
        return result.stdout

    def containers(self, service, everything=False):
        """The names of `service`'s containers, running ones only unless `everything`."""
        answer = podman("ps", *(["-a"] if everything else []), "--format", "{{.Names}}",
                        "--filter", f"label=com.docker.compose.project={self.project}",
                        "--filter", f"label=com.docker.compose.service={service}")
        return sorted(answer.stdout.split())

    def container(self, service):
        names = self.containers(service, everything=True)
        if len(names) != 1:
            raise RuntimeError(f"{service}: expected one container, found {names}")
        return names[0]

    def state(self, container):
        answer = podman("inspect", "--format", "{{json .State}}", container)
        return json.loads(answer.stdout)

    def wait_healthy(self, container, seconds=180):
        """Runs the container's own healthcheck until it passes, as the engine's scheduler would."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            state = self.state(container)
            if state.get("Status") == "exited" and state.get("Restarting") is not True:
                # A container whose restart policy brings it back is merely between two runs.
                if self.restart_policy(container) == "no":
                    raise RuntimeError(f"{container} exited with {state.get('ExitCode')}:\n{self.logs(container)}")
            if state.get("Running") and podman("healthcheck", "run", container, check=False).returncode == 0:
                return time.monotonic() - started
            time.sleep(0.5)
        raise RuntimeError(f"{container} not healthy within {seconds} s:\n{self.logs(container)}")

    def restart_policy(self, container):
        answer = podman("inspect", "--format", "{{.HostConfig.RestartPolicy.Name}}", container)
        return answer.stdout.strip() or "no"

    def wait_exited(self, container, seconds=300):
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            state = self.state(container)
            if state.get("Status") == "exited":
                return state.get("ExitCode")
            time.sleep(0.5)
        raise RuntimeError(f"{container} still running after {seconds} s")

    def logs(self, container, lines=30):
        return podman("logs", "--tail", str(lines), container, check=False).stdout

    def dependency_order(self):
        """Services ordered so that each comes after what it depends on, with what its dependents
        wait for: {service: 'service_healthy' | 'service_completed_successfully' | 'service_started'}."""
        services = self.definition["services"]
        order, waits = [], {}

        def visit(name):
            if name in order:
                return
            for dependency, condition in (services[name].get("depends_on") or {}).items():
                visit(dependency)
                wanted = (condition or {}).get("condition", "service_started")
                rank = ["service_started", "service_completed_successfully", "service_healthy"]
                if rank.index(wanted) > rank.index(waits.get(dependency, "service_started")):
                    waits[dependency] = wanted
            order.append(name)

        for name in services:
            visit(name)
        return [(name, waits.get(name, "service_started")) for name in order]

    def up(self):
        """Every service started in dependency order and waited for as its dependents ask; then
        every service with a healthcheck healthy. Seconds from the first `up` to all healthy."""
        started = time.monotonic()
        for service, wait in self.dependency_order():
            self.run("up", "-d", "--no-build", "--no-deps", service)
            container = self.containers(service, everything=True)[0]
            if wait == "service_completed_successfully":
                code = self.wait_exited(container)
                if code != 0:
                    raise RuntimeError(f"{service} exited {code}:\n{self.logs(container)}")
            elif wait == "service_healthy":
                self.wait_healthy(container)
        for service, definition in self.definition["services"].items():
            if definition.get("healthcheck"):
                for container in self.containers(service):
                    self.wait_healthy(container)
        return time.monotonic() - started

    def admin(self, *arguments, service="migrate", environment=None):
        """`compose run --rm SERVICE accord …` inside the image; parsed when --json is asked for."""
        options = [f"-e={key}={value}" for key, value in (environment or {}).items()]
        text = self.run("run", "--rm", "--no-deps", *options, service, "accord", *arguments)
        if "--json" not in arguments:
            return text.strip().splitlines()[-1] if text.strip() else ""
        return json.loads(text[text.find("{"):])

    def stop(self):
        """Every container stopped with its stop signal, dependents before what they depend on, as
        `down` does first; the exit status of each Accord program's container, by name."""
        codes = {}
        for service, _ in reversed(self.dependency_order()):
            names = self.containers(service)
            if not names:
                continue
            podman("stop", "--time", "30", *names, timeout=120)
            if self.definition["services"][service].get("image") == os.environ["ACCORD_IMAGE"]:
                codes.update({name: self.state(name).get("ExitCode") for name in names})
        return codes

    def down(self):
        """`down -v`. Docker Compose removes every container with the project's label; podman-compose
        1.6 only the ones its definition names, not replicas added with `--scale`, so those (stopped
        already) are removed here by the same label, and then the network they kept in use. The
        names removed that way."""
        self.run("down", "-v", "--timeout", "30")
        label = f"label=com.docker.compose.project={self.project}"
        extra = podman("ps", "-a", "--format", "{{.Names}}", "--filter", label).stdout.split()
        if extra:
            podman("rm", "--force", *extra)
            podman("network", "rm", f"{self.project}_default", check=False)
        return extra

    def leftovers(self):
        label = f"label=com.docker.compose.project={self.project}"
        found = podman("ps", "-a", "--format", "{{.Names}}", "--filter", label).stdout.split()
        found += podman("volume", "ls", "--format", "{{.Name}}", "--filter", label).stdout.split()
        found += [n for n in podman("network", "ls", "--format", "{{.Name}}").stdout.split() if n.startswith(f"{self.project}_")]
        return found


def published(service_port_variable, default):
    return f"http://127.0.0.1:{os.environ.get(service_port_variable, default)}"


def requests_by_replica(compose, containers, route):
    """Each replica's count of requests to `route` so far, from its own /metrics."""
    counts = {}
    pattern = re.compile(r'^http_server_requests_total\{([^}]*)\}\s+([0-9.e+]+)', re.M)
    for container in containers:
        text = podman("exec", container, "curl", "-fsS", "http://127.0.0.1:8083/metrics").stdout
        counts[container] = sum(float(value) for labels, value in pattern.findall(text) if f'route="{route}"' in labels)
    return counts


def check_flow(compose, urls):
    """A referral through intake becomes a case in scheduling, and its receipt reaches a webhook."""
    network = f"{compose.project}_default"
    gateway = podman("network", "inspect", network, "--format", "{{range .Subnets}}{{.Gateway}}{{end}}").stdout.strip()
    receiver = WebhookReceiver(host=gateway)
    try:
        court = Integrator(compose, urls["intake"])
        print(f"admin: integrator {court.organisation[:8]}… and its key made with `compose run --rm migrate accord intake …`")
        court.register_webhook(receiver.url)
        status, answer, _ = topology.http(f"{urls['intake']}/v1/referrals", "POST", court.referral(1), court.headers(str(uuid.uuid4())))
        if status != 201:
            raise RuntimeError(f"POST /v1/referrals answered {status}: {answer}")
        referral = answer["id"]
        token = compose.admin("tokens", "issue", "--org", court.organisation, "--role", "head", "--days", "1",
                              "--subject", "image-check", service="accord-scheduling",
                              environment={"STAFF_TOKEN_SECRET_FILE": "/run/secrets/staff_token_secret"})

        def case():
            status, page, _ = topology.http(f"{urls['scheduling']}/v1/cases", headers={"Authorization": f"Bearer {token}"})
            if status != 200:
                return None
            return next((c for c in page.get("items", []) if c.get("referral_id") == referral), None)

        if topology.wait_for(case, 60) is None:
            raise RuntimeError(f"no case for referral {referral} in scheduling's API within 60 s")
        if topology.wait_for(lambda: any(r == referral and s == "received" for _, r, s in receiver.snapshot()), 60) is None:
            raise RuntimeError(f"the `received` receipt did not reach the webhook at {receiver.url} within 60 s")
        print(f"flow: referral → case {case()['id'][:8]}… in scheduling's API → `received` receipt on the webhook ({receiver.url})")
    finally:
        receiver.close()


def check_scaled_monitoring(compose, urls, replicas=3):
    compose.run("up", "-d", "--no-build", "--no-deps", "--scale", f"accord-monitoring={replicas}", "accord-monitoring")
    containers = compose.containers("accord-monitoring")
    if len(containers) != replicas:
        raise RuntimeError(f"--scale accord-monitoring={replicas} runs {len(containers)} replicas: {containers}")
    for container in containers:
        compose.wait_healthy(container)
    before = requests_by_replica(compose, containers, "/openapi.yaml")
    # The gateway resolves the service name again every 5 s: ask until the new replicas are seen.
    sent, deadline = 0, time.monotonic() + 60
    while time.monotonic() < deadline:
        for _ in range(30):
            status, _, _ = topology.http(f"{urls['monitoring']}/openapi.yaml")
            if status != 200:
                raise RuntimeError(f"the monitoring gateway answered {status}")
            sent += 1
        after = requests_by_replica(compose, containers, "/openapi.yaml")
        answered = {c: after[c] - before[c] for c in containers if after[c] > before[c]}
        if len(answered) > 1:
            break
        time.sleep(1)
    else:
        raise RuntimeError(f"{sent} requests through the gateway reached only {len(answered)} replica")
    shares = ", ".join(f"{int(n)}" for n in answered.values())
    print(f"scale: {replicas} monitoring replicas healthy; {sent} requests through the gateway answered by "
          f"{len(answered)} of them ({shares})")


def check_restart_after_kill(compose, service):
    container = compose.container(service)
    before = compose.state(container)
    os.kill(before["Pid"], 9)
    killed = time.monotonic()

    def restarted():
        state = compose.state(container)
        return state.get("Running") and state.get("Pid") not in (0, before["Pid"])

    if topology.wait_for(restarted, 60) is None:
        raise RuntimeError(f"{service} was not restarted within 60 s of SIGKILL:\n{compose.logs(container)}")
    compose.wait_healthy(container, seconds=120)
    return time.monotonic() - killed


def main():
    podman_compose, project = sys.argv[1], sys.argv[2]
    compose = Compose(podman_compose, project)
    urls = {"intake": published("INTAKE_PORT", 8081), "scheduling": published("SCHEDULING_PORT", 8082),
            "monitoring": published("MONITORING_PORT", 8083), "notifications": published("NOTIFICATIONS_PORT", 8084)}
    try:
        seconds = compose.up()
        print(f"up: every service healthy {seconds:.1f} s after the first `up`")
        for name, url in urls.items():
            status, _, _ = topology.http(f"{url}/health/ready")
            if status != 200:
                raise RuntimeError(f"{name}'s /health/ready through its published port answered {status}")
        print("ready: /health/ready answers 200 through the published ports of intake, scheduling, "
              "monitoring (gateway) and notifications")
        migrate = compose.container("migrate")
        if compose.state(migrate).get("ExitCode") != 0:
            raise RuntimeError(f"the migrate job failed:\n{compose.logs(migrate)}")
        print("migrate: `accord migrate` ran as the one-shot job and exited 0")
        check_flow(compose, urls)
        check_scaled_monitoring(compose, urls)
        seconds = check_restart_after_kill(compose, "accord-intake")
        print(f"restart: accord-intake SIGKILLed, restarted by its policy and healthy again after {seconds:.1f} s")
        codes = compose.stop()
        unclean = {name: code for name, code in codes.items() if code != 0}
        if unclean:
            raise RuntimeError(f"not a clean stop on SIGTERM: {unclean}")
        print(f"stop: {len(codes)} Accord containers stopped on SIGTERM with status 0")
    finally:
        extra = compose.down()
    left = compose.leftovers()
    if left:
        raise RuntimeError(f"`down -v` left behind: {left}")
    print("down: `down -v` left no container, volume or network"
          + (f" (the {len(extra)} replicas added by --scale removed by the project's label: podman-compose's down "
             "leaves them)" if extra else ""))


if __name__ == "__main__":
    topology.run_check(main, "image-check compose")
