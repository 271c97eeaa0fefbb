"""A real SMTP server on loopback for the notifications integration tests (aiosmtpd).

    python3 smtp_peer.py --port 0 --cert cert.pem --key key.pem --user u --password p \
        --reject nobody@example.ru --outbox /tmp/outbox [--delay-data 8]

Listens on 127.0.0.1:--port (0 picks a free port) and, once listening, prints exactly one line
`READY <port>` to stdout. SIGTERM/SIGINT stop it cleanly (exit status 0).

--cert/--key     STARTTLS with this certificate; AUTH and MAIL are refused (530) before STARTTLS.
--user/--password  AUTH PLAIN/LOGIN required with these credentials (only offered over TLS).
--reject ADDR    RCPT TO:<ADDR> answered `550 5.1.1 Mailbox unavailable` (repeatable).
--outbox DIR     each accepted message is written as DIR/<n>.json ({"mail_from", "rcpt_tos",
                 "size"}) and then DIR/<n>.eml (the raw DATA bytes, dot-unstuffed, unchanged),
                 n = 1, 2, ... Both appear atomically (temp name + rename), the .json first, so
                 a reader seeing <n>.eml can read <n>.json too.
--delay-data S   wait S seconds after the DATA payload before answering 250. A message counts
                 as accepted only when that wait ends with the client still connected: if the
                 client goes away during the wait, nothing is written to the outbox.
SMTPUTF8 and 8BITMIME are offered; the message bytes are never decoded.
"""

import argparse
import asyncio
import hmac
import json
import logging
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rejected = {address.lower() for address in args.reject}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.delay_data > 0:
            await asyncio.sleep(self.args.delay_data)  # cancelled if the client disconnects
        if self.args.outbox:
            raw = envelope.original_content or b""
            self.count += 1
            meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                    "size": len(raw)}
            meta_json = json.dumps(meta, ensure_ascii=False).encode()
            write_atomically(self.args.outbox, f"{self.count}.json", meta_json)
            write_atomically(self.args.outbox, f"{self.count}.eml", raw)
        return "250 2.0.0 OK: queued"


def write_atomically(directory: str, name: str, data: bytes) -> None:
    temporary = os.path.join(directory, f".{name}.tmp")
    with open(temporary, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, os.path.join(directory, name))


def authenticator(user: str, password: str):
    def check(server, session, envelope, mechanism, auth_data) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = (hmac.compare_digest(auth_data.login, user.encode())
              and hmac.compare_digest(auth_data.password, password.encode()))
        return AuthResult(success=ok, handled=False)
    return check


async def serve(args: argparse.Namespace) -> None:
    tls = None
    if args.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    if args.outbox:
        os.makedirs(args.outbox, exist_ok=True)
    handler = Handler(args)
    auth = args.user is not None

    def factory() -> SMTP:
        return SMTP(handler, hostname="localhost", decode_data=False, enable_SMTPUTF8=True,
                    tls_context=tls, require_starttls=tls is not None,
                    auth_required=auth, auth_require_tls=True,
                    authenticator=authenticator(args.user, args.password) if auth else None)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host="127.0.0.1", port=args.port)
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    print(f"READY {server.sockets[0].getsockname()[1]}", flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main() -> None:
    parser = argparse.ArgumentParser(description="SMTP peer for integration tests")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password", default="")
    parser.add_argument("--reject", action="append", default=[])
    parser.add_argument("--outbox")
    parser.add_argument("--delay-data", type=float, default=0.0)
    args = parser.parse_args()
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    # aiosmtpd 1.4.6 itself sets the deprecated Session.login_data on every successful AUTH.
    logging.getLogger("mail.log").addFilter(lambda record: "login_data" not in record.getMessage())
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
