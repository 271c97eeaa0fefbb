"""Small steps of scripts/fuzz that are awkward in bash. Runs in .local/fuzz-venv (stdlib, PyYAML).

    helper.py free-port                    print a free TCP port on 127.0.0.1
    helper.py field NAME                   print field NAME of the JSON object on stdin
    helper.py wait-ready URL SECONDS PID   wait for URL to answer 200 while process PID lives
    helper.py preflight BASE_URL KEY       prove the key works before fuzzing with it
    helper.py count CASSETTE MINIMUM       count the requests in a VCR cassette; fail below MINIMUM
    helper.py seed-referrals BASE_URL KEY N
                                           submit the intake document's example referral and school
                                           identification N times each (fresh reference numbers)
    helper.py scheduling-setup BASE_URL TOKEN ACCORD SECONDS
                                           wait (up to SECONDS) until scheduling opened a case for
                                           every referral, add a room, prove the token works
"""

import collections
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def fail(message):
    print(f"[fuzz] error: {message}", file=sys.stderr)
    sys.exit(1)


def free_port():
    # The port is free when we close it; the service binds it a moment later. A race with
    # another process is possible but would show as a clear bind error, not a wrong result.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def field(name):
    # The admin CLI prints one JSON object; tolerate log lines before it.
    text = sys.stdin.read()
    start = text.find("{")
    try:
        value = json.loads(text[start:])[name] if start >= 0 else None
    except (ValueError, KeyError, TypeError):
        value = None
    if not isinstance(value, str) or not value:
        fail(f"no string field {name!r} in admin CLI output:\n{text}")
    print(value)


def http(url, headers=None, method="GET", body=None):
    """(status, body) of a request (a GET by default; `body` is sent as JSON); the status is None
    when nothing answered."""
    headers = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, OSError):
        return None, b""


def process_alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_ready(url, seconds, pid):
    deadline = time.monotonic() + float(seconds)
    status = None
    while time.monotonic() < deadline:
        if not process_alive(pid):
            fail(f"the service (pid {pid}) exited before {url} answered 200")
        status, _ = http(url)
        if status == 200:
            return
        time.sleep(0.25)
    fail(f"{url} did not answer 200 within {seconds} s (last status: {status})")


def preflight(base, key):
    # Without this, a key the service rejects would make every request a documented 401, and
    # schemathesis would find nothing wrong with that.
    status, body = http(f"{base}/openapi.yaml")
    if status != 200 or not body.startswith(b"openapi:"):
        fail(f"GET /openapi.yaml answered {status}, not the API document")
    status, body = http(f"{base}/v1/referrals", {"Authorization": f"Bearer {key}"})
    if status != 200:
        fail(f"GET /v1/referrals with the fuzz key answered {status}, not 200: {body[:500]!r}")
    status, _ = http(f"{base}/v1/referrals")
    if status != 401:
        fail(f"GET /v1/referrals without a key answered {status}, not 401")


def seed_referrals(base, key, n):
    import yaml

    # The document's own examples, so the seed follows the contract as it changes. Both kinds of
    # case come of them: a restorative one from the referral, an accompaniment from the school's
    # identification.
    status, body = http(f"{base}/openapi.yaml")
    if status != 200:
        fail(f"GET /openapi.yaml answered {status}")
    paths = yaml.safe_load(body)["paths"]
    for path, holder in (("/v1/referrals", "source"), ("/v1/school-identifications", None)):
        example = paths[path]["post"]["requestBody"]["content"]["application/json"]["example"]
        for i in range(1, int(n) + 1):
            submission = json.loads(json.dumps(example))
            reference = (submission[holder] if holder else submission)["reference"]
            reference["number"] = f"{reference['number']}-seed-{i}"
            status, answer = http(f"{base}{path}", {"Authorization": f"Bearer {key}"}, "POST", submission)
            if status != 201:
                fail(f"POST {path} with the document's example answered {status}, not 201: {answer[:500]!r}")


def scheduling_setup(base, token, accord, seconds):
    auth = {"Authorization": f"Bearer {token}"}
    status, body = http(f"{base}/openapi.yaml")
    if status != 200 or not body.startswith(b"openapi:"):
        fail(f"GET /openapi.yaml answered {status}, not the API document")
    # Without this, a token the service rejects would make every request a documented 401.
    status, body = http(f"{base}/v1/cases", auth)
    if status != 200:
        fail(f"GET /v1/cases with the fuzz token answered {status}, not 200: {body[:500]!r}")
    status, _ = http(f"{base}/v1/cases")
    if status != 401:
        fail(f"GET /v1/cases without a token answered {status}, not 401")

    # The bus delivers intake's referrals; each must become a case. A message that keeps failing
    # (retried, then dead) is a bug of its own, and the fuzzing wants the cases.
    deadline = time.monotonic() + float(seconds)
    while True:
        output = subprocess.run([accord, "bus", "status", "--json"], check=True, capture_output=True, text=True).stdout
        queues = json.loads(output[output.find("{"):])["queues"]
        queue = next((q for q in queues if q["queue"] == "scheduling"), None)
        if queue is None:
            fail(f"no scheduling queue in `accord bus status`: {output}")
        if queue["dead"]:
            fail(f"{queue['dead']} referral message(s) dead on the scheduling queue; see `accord bus dead`")
        if queue["ready"] == 0 and queue["running"] == 0:
            break
        if time.monotonic() > deadline:
            fail(f"the scheduling queue did not drain within {seconds} s: {queue}")
        time.sleep(0.5)
    cases = 0
    cursor = None
    while True:
        status, body = http(f"{base}/v1/cases?limit=200" + (f"&cursor={cursor}" if cursor else ""), auth)
        if status != 200:
            fail(f"GET /v1/cases answered {status}: {body[:500]!r}")
        page = json.loads(body)
        cases += len(page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            break
    if cases == 0:
        fail("scheduling opened no case for intake's referrals")

    status, body = http(f"{base}/v1/rooms", auth, "POST", {"name": "Fuzz room", "capacity": 8})
    if status != 201:
        fail(f"POST /v1/rooms answered {status}, not 201: {body[:500]!r}")
    print(f"[fuzz] scheduling: {cases} cases, a room, the token works")


def count(cassette, minimum):
    import yaml

    # The cassette holds one interaction per request schemathesis sent (all phases, shrinking
    # included), which is what "requests made" means; schemathesis' own summary counts test cases.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(cassette, encoding="utf-8") as f:
            interactions = yaml.load(f, Loader=loader).get("http_interactions") or []
    except FileNotFoundError:
        fail(f"no cassette at {cassette}: schemathesis did not get as far as sending requests")
    statuses = collections.Counter()
    phases = collections.Counter()
    for interaction in interactions:
        response = interaction.get("response") or {}
        statuses[str((response.get("status") or {}).get("code", "no response"))] += 1
        phases[f"{interaction['phase']['name']}/{interaction['generation']['mode']}"] += 1
    total = len(interactions)
    print(f"[fuzz] requests made: {total} (minimum {minimum})")
    print("[fuzz]   by phase/mode: " + ", ".join(f"{k} {v}" for k, v in sorted(phases.items())))
    print("[fuzz]   by status:     " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    if total < int(minimum):
        fail(f"only {total} requests were made; raise FUZZ_MAX_EXAMPLES")
    if not any(code.startswith("2") for code in statuses):
        fail("no request succeeded (no 2xx): the run exercised error paths only")


def main(argv):
    commands = {
        "free-port": free_port, "field": field, "wait-ready": wait_ready, "preflight": preflight, "count": count,
        "seed-referrals": seed_referrals, "scheduling-setup": scheduling_setup,
    }
    if len(argv) < 2 or argv[1] not in commands:
        fail(__doc__)
    commands[argv[1]](*argv[2:])


if __name__ == "__main__":
    main(sys.argv)
