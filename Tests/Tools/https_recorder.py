#!/usr/bin/env python3
"""An HTTPS endpoint on loopback for hoso's tests of the SMS and Zalo adapters.

Every request is appended to OUT as one JSON line (method, path, headers, body). The answer is chosen by the body:
one containing "0900000000" is refused as an SMS gateway and Zalo refuse a number (HTTP 200 with an error code in
the JSON, as they do), "0911111111" gets a 503; everything else is accepted with a cost. Prints "READY <port>" once
listening, then serves until stdin closes.
"""
import argparse
import http.server
import json
import ssl
import sys
import threading


def handler(out):
    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
            with open(out, "a", encoding="utf-8") as f:
                f.write(json.dumps({"method": "POST", "path": self.path, "headers": dict(self.headers), "body": body},
                                   ensure_ascii=False) + "\n")
            if "0911111111" in body or "84911111111" in body:
                self.answer(503, {"error": "busy"})
            elif "0900000000" in body or "84900000000" in body:
                self.answer(200, {"CodeResult": "99", "ErrorMessage": "Phone invalid", "error": -108,
                                  "message": "Phone number is invalid"})
            elif self.path.startswith("/zalo"):
                self.answer(200, {"error": 0, "message": "Success", "data": {"msg_id": "z1", "quota": {"remainingQuota": "499"}}})
            else:
                self.answer(200, {"CodeResult": "100", "SMSID": "s1", "CountRegenerate": 0})

        def answer(self, status, payload):
            data = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Recorder


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler(args.out))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
