#!/usr/bin/env python3
"""A real SMTP server on loopback for hoso's tests (Debian's python3-aiosmtpd).

It requires STARTTLS before anything but EHLO (or speaks TLS from the first byte with --implicit), accepts AUTH
PLAIN only over TLS and only for hoso/secret, refuses recipients whose address starts with "refuse", and writes each
message it accepts to OUT/<n>.json with its parsed headers and decoded body. Prints "READY <port>" once listening,
then serves until stdin closes.
"""
import argparse
import email
import email.policy
import json
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Handler:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "to": str(message["to"]),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "body": message.get_content(),
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "authenticated": bool(session.authenticated),
        }
        with open(os.path.join(self.out, f"{self.count}.json"), "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        return "250 2.0.0 Message accepted"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"hoso" and auth_data.password == b"secret"
    return AuthResult(success=ok, handled=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--implicit", action="store_true")
    args = parser.parse_args()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = dict(
        hostname="127.0.0.1", port=port, authenticator=authenticate, auth_required=True, auth_require_tls=True,
        server_hostname="hoso-test-relay",
    )
    if args.implicit:
        # Every byte is encrypted here; aiosmtpd only knows of STARTTLS's TLS when it checks auth_require_tls.
        options["auth_require_tls"] = False
        controller = Controller(Handler(args.out), ssl_context=context, **options)
    else:
        controller = Controller(Handler(args.out), tls_context=context, require_starttls=True, **options)
    controller.start()
    print(f"READY {port}", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
