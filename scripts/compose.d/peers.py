"""Local peers and helpers the compose check and the chaos run share: a webhook receiver and
an integrator made as an operator makes one."""

import http.server
import json
import os
import threading
import uuid

import topology


class WebhookReceiver:
    """An integrator's webhook endpoint on loopback: keeps every delivery it is sent."""

    def __init__(self, host="127.0.0.1"):
        """Listens on `host`: loopback, or the address by which containers reach this machine."""
        self.deliveries = []  # (event id, referral id, status)
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                try:
                    data = json.loads(body).get("data", {})
                except ValueError:
                    data = {}
                with receiver.lock:
                    receiver.deliveries.append((self.headers.get("Accord-Event-Id"), data.get("referral_id"), data.get("status")))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://{host}:{self.server.server_address[1]}/accord"

    def snapshot(self):
        with self.lock:
            return list(self.deliveries)

    def close(self):
        self.server.shutdown()


class Integrator:
    """A court whose referrals join `organisation`'s caseload, with a key and the document's
    example referral to send."""

    def __init__(self, system, intake_base):
        self.organisation = str(uuid.uuid4())
        made = system.admin("intake", "integrators", "create", "--name", f"Суд {self.organisation[:8]}", "--kind", "court",
                            "--organisation", self.organisation, "--time-zone", "Asia/Yekaterinburg", "--json")
        self.key = system.admin("intake", "keys", "issue", made["id"], "--label", "check", "--json")["key"]
        self.intake = intake_base
        status, document, _ = topology.http(f"{intake_base}/openapi.yaml")
        import yaml

        paths = yaml.safe_load(document)["paths"]
        self.example = paths["/v1/referrals"]["post"]["requestBody"]["content"]["application/json"]["example"]

    def headers(self, idempotency_key=None):
        headers = {"Authorization": f"Bearer {self.key}"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    def referral(self, number):
        body = json.loads(json.dumps(self.example))
        body["source"]["reference"]["number"] = f"chk-{number}"
        return body

    def register_webhook(self, url):
        status, answer, _ = topology.http(f"{self.intake}/v1/webhook", "PUT", {"url": url}, self.headers())
        if status not in (200, 201):
            raise RuntimeError(f"PUT /v1/webhook answered {status}: {answer}")

    def status(self, referral_id):
        status, answer, _ = topology.http(f"{self.intake}/v1/referrals/{referral_id}", headers=self.headers())
        return answer.get("status") if status == 200 and isinstance(answer, dict) else None
