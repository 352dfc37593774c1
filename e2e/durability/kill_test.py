#!/usr/bin/env python3
"""Kill test: no receipted application is lost or half-written when hoso is killed with SIGKILL mid-burst.

    e2e/durability/kill_test.py [--hoso .build/debug/hoso] [--rounds 10] [--children 3000] [--threads 8] [--postgres]

It makes a fresh SQLite data dir (`hoso migrate`, `hoso demo`, then children with registration codes seeded by
bench/hoso_seed.py, the campaign's documents made optional), and then, each round:

  1. starts `hoso serve` and waits for /healthz;
  2. runs a submission burst from several threads, each thread a parent walking the real portal flow
     (landing, code + date of birth, form, submit, receipt) for one child after another, with data unique to the
     round; every receipt page returned is recorded: the code, the exact fields submitted, the number shown;
  3. SIGKILLs the server at a random moment of the burst (0 to 2.5 s after its first submission went out);
  4. runs `hoso verify-audit` (it must pass) and checks the database with Python's sqlite3 against everything
     recorded so far (all rounds):
       - every receipted application is stored exactly once, with its number, status `submitted` and the exact
         form that was submitted (the whole stored form_json compared);
       - an application sent without a receipt coming back (killed mid-request) is stored intact or not at all;
       - no duplicate numbers and no gaps (numbers are given under the audit lock in the same transaction);
       - nothing half-written: every application has its `application.submitted` audit entry whose sha256 is
         that of the stored form, and the audit head is the last entry;
       - no application the test never sent.
After the last round the server is started once more and the receipts are fetched again over HTTP. With
--postgres the same runs on a fresh PostgreSQL database (scripts/pg-start with HOSO_PG_DATABASE=hoso_kill --fresh),
read back with psql.

Each round prints one line starting with PASS or FAIL (scripts/count-results durability counts them); the exit code
is non-zero on any loss. The binary comes from --hoso or HOSO_BIN (default .build/debug/hoso); the server runs from
the repository folder so it finds Resources/Views. Python 3 standard library only.
"""
import argparse
import csv
import io
import hashlib
import http.client
import json
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import hoso_seed  # noqa: E402

RECEIPT_NUMBER = re.compile(r"Biên nhận hồ sơ số (?:<span class=\"nowrap\">)?(\d{4})-(\d{5})")


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, env, data_dir, cwd=ROOT):
        self.binary, self.env, self.data_dir, self.cwd = binary, env, data_dir, cwd
        self.process = None
        self.port = int(env["HOSO_PORT"])
        self.starts = 0

    def start(self, timeout=90):
        self.starts += 1
        logfile = open(os.path.join(self.data_dir, f"serve-{self.starts}.log"), "wb")
        self.process = subprocess.Popen([self.binary, "serve"], cwd=self.cwd, env=self.env, stdout=logfile,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        logfile.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"hoso serve exited with {self.process.returncode}; see {logfile.name}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    c.close()
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"hoso serve did not answer /healthz within {timeout} s")

    def kill(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


class Parent:
    """One browser: its own cookies and keep-alive connection."""

    def __init__(self, port, timeout=15):
        self.port, self.timeout = port, timeout
        self.cookies = {}
        self.conn = None

    def request(self, method, path, fields=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = "&".join(f"{k}={urllib.parse.quote_plus(v)}" for k, v in fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                if "=" in pair:
                    k, v = pair.split("=", 1)
                    self.cookies[k.strip()] = v.strip()
        return response.status, response.getheader("Location"), data.decode("utf-8", "replace")

    def close(self):
        if self.conn:
            self.conn.close()


def expected_form(child, address_line):
    """The form_json hoso stores for the fields of hoso_seed.form_fields (keys sorted like JSONText)."""
    empty = {"email": "", "name": "", "personalID": "", "phone": ""}
    person = {"email": "", "name": child["parent"], "personalID": "", "phone": child["phone"]}
    ward, hamlet = child["unit"].split("|", 1)
    return {
        "addressLine": address_line, "childBirthDate": child["birth"], "childFamily": child["family"],
        "childEthnicity": "Kinh", "childFamilyLast": False, "childGender": child["gender"], "childGiven": child["given"],
        "childHometown": "", "childPersonalID": "", "childPlaceOfBirth": "Hà Nội",
        "childMiddle": child["middle"], "consent": True, "correctionReason": "",
        "father": empty if child["mother"] else person, "guardian": empty, "guardianRelation": "",
        "hamlet": hamlet, "mother": person if child["mother"] else empty, "outsideCatchment": False,
        "priorityCodes": ["DT1"], "residenceKind": "permanent", "wardCode": ward,
    }


class Burst:
    def __init__(self, port, children, round_no, rng):
        self.port, self.children, self.round_no = port, children, round_no
        self.rng = rng
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.receipts = []    # (code, expected form, number)
        self.uncertain = []   # (code, expected form): submission sent, no answer (killed mid-request)
        self.refused = []     # (code, status, detail): answered, but not with the flow's expected page
        self.started_submissions = 0

    def next_child(self):
        with self.lock:
            return self.children.pop() if self.children and not self.stop.is_set() else None

    def worker(self):
        while not self.stop.is_set():
            child = self.next_child()
            if child is None:
                return
            self.flow(child)

    def flow(self, child):
        parent = Parent(self.port)
        code = child["code"]
        token = "%06x" % random.getrandbits(24)
        address = f"Số {self.rng.randrange(1, 999)} {child['street'].split(' ', 2)[-1]} (vòng {self.round_no}, {token})"
        fields = hoso_seed.form_fields(child, address_line=address)
        expected = expected_form(child, address)
        sent = False
        try:
            status, _, _ = parent.request("GET", "/tuyen-sinh")
            csrf = parent.cookies.get("hoso_csrf", "")
            if status != 200 or not csrf:
                return self.refuse(code, status, "landing")
            status, location, _ = parent.request("POST", "/tuyen-sinh", [
                ("_csrf", csrf), ("code", hoso_seed.display(code)), ("birthDate", child["birth_vn"])])
            if status != 303 or location != "/tuyen-sinh/ho-so":
                return self.refuse(code, status, "open")
            status, _, _ = parent.request("GET", "/tuyen-sinh/ho-so")
            if status != 200:
                return self.refuse(code, status, "form")
            with self.lock:
                self.started_submissions += 1
            sent = True
            status, location, body = parent.request("POST", "/tuyen-sinh/ho-so", [("_csrf", csrf)] + fields + [("action", "submit")])
            if status != 303 or location != "/tuyen-sinh/bien-nhan":
                with self.lock:
                    self.uncertain.append((code, expected))
                return self.refuse(code, status, "submit: " + body[:200])
            status, _, body = parent.request("GET", "/tuyen-sinh/bien-nhan")
            m = RECEIPT_NUMBER.search(body)
            if status != 200 or not m:
                with self.lock:
                    self.uncertain.append((code, expected))
                return self.refuse(code, status, "receipt")
            with self.lock:
                self.receipts.append((code, expected, int(m.group(2))))
        except (OSError, http.client.HTTPException):
            if sent:
                with self.lock:
                    self.uncertain.append((code, expected))
        finally:
            parent.close()

    def refuse(self, code, status, where):
        with self.lock:
            self.refused.append((code, status, where))


class Rows:
    """Read-only queries on the SQLite file, or on PostgreSQL through psql's CSV output."""

    def __init__(self, target):
        self.url = target if target.startswith("postgres") else None
        self.db = None if self.url else sqlite3.connect(f"file:{target}?mode=ro", uri=True)

    def execute(self, sql):
        if self.db:
            return Result(list(self.db.execute(sql)))
        out = subprocess.run(["psql", "-X", "-q", "--csv", "-t", "-v", "ON_ERROR_STOP=1", self.url, "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return Result([tuple(int(v) if v.isdigit() else (None if v == "" else v) for v in row)
                       for row in csv.reader(io.StringIO(out))])

    def close(self):
        if self.db:
            self.db.close()


class Result(list):
    def fetchone(self):
        return self[0] if self else None


def check_database(path, receipts, uncertain):
    """Problems found in the database (a SQLite file or a postgres:// URL), compared with every receipt and uncertain
    submission so far."""
    problems = []
    db = Rows(path)
    rows = {}
    for app_id, code, number, status, form_json in db.execute(
            "SELECT id, code, number, status, form_json FROM admission_applications"):
        if code in rows:
            problems.append(f"code {hoso_seed.display(code)} stored twice")
        rows[code] = (app_id, number, status, form_json)
    for code, expected, number in receipts:
        row = rows.get(code)
        if row is None:
            problems.append(f"LOST: receipt {number} for {hoso_seed.display(code)} but no application stored")
            continue
        _, stored_number, status, form_json = row
        if stored_number != number:
            problems.append(f"{hoso_seed.display(code)}: receipt says number {number}, database {stored_number}")
        if status != "submitted":
            problems.append(f"{hoso_seed.display(code)}: status {status}")
        if json.loads(form_json) != expected:
            problems.append(f"{hoso_seed.display(code)}: stored form differs from the submitted one: {form_json}")
    for code, expected in uncertain:
        row = rows.get(code)
        if row is not None:
            if json.loads(row[3]) != expected:
                problems.append(f"{hoso_seed.display(code)} (no receipt): stored form differs from the submitted one")
            if row[1] is None or row[2] != "submitted":
                problems.append(f"{hoso_seed.display(code)} (no receipt): half-stored, number {row[1]} status {row[2]}")
    known = {c for c, _, _ in receipts} | {c for c, _ in uncertain}
    for code in rows:
        if code not in known:
            problems.append(f"{hoso_seed.display(code)}: stored but never submitted by the test")
    numbers = sorted(r[1] for r in rows.values() if r[1] is not None)
    if len(numbers) != len(set(numbers)):
        problems.append("duplicate application numbers")
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"application numbers have gaps: {len(numbers)} numbers up to {numbers[-1]}")
    audit = {}
    for entity_id, after in db.execute("SELECT entity_id, after_json FROM audit_entries "
                                       "WHERE entity = 'application' AND action = 'application.submitted'"):
        audit.setdefault(entity_id.upper(), []).append(after)
    for code, (app_id, _, _, form_json) in rows.items():
        entries = audit.get(app_id.upper(), [])
        if len(entries) != 1:
            problems.append(f"HALF-WRITTEN: application {hoso_seed.display(code)} has {len(entries)} submission audit entries")
        elif json.loads(entries[0]).get("sha256") != hashlib.sha256(form_json.encode()).hexdigest():
            problems.append(f"application {hoso_seed.display(code)}: audit sha256 does not match the stored form")
    orphans = set(audit) - {r[0].upper() for r in rows.values()}
    if orphans:
        problems.append(f"HALF-WRITTEN: {len(orphans)} submission audit entries without their application")
    head = db.execute("SELECT seq FROM audit_head WHERE id = 1").fetchone()
    last = db.execute("SELECT max(seq) FROM audit_entries").fetchone()
    if head is None or head[0] != last[0]:
        problems.append(f"audit head {head} is not the last entry {last}")
    db.close()
    return problems, len(rows)


def verify_audit(binary, env):
    result = subprocess.run([binary, "verify-audit"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return result.returncode == 0, (result.stdout + result.stderr).strip().splitlines()[-1:] or [""]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hoso", default=os.environ.get("HOSO_BIN", os.path.join(ROOT, ".build", "debug", "hoso")))
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--children", type=int, default=3000)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: random, printed)")
    ap.add_argument("--burst-min", type=float, default=0.0, help="earliest kill, seconds after the first submission")
    ap.add_argument("--burst-max", type=float, default=2.5, help="latest kill, seconds after the first submission")
    ap.add_argument("--keep", action="store_true", help="keep the data dir")
    ap.add_argument("--postgres", action="store_true", help="on a fresh PostgreSQL database instead of SQLite")
    args = ap.parse_args()

    binary = os.path.abspath(args.hoso)
    if not os.access(binary, os.X_OK):
        log(f"FAIL setup: no hoso binary at {binary} (build it, or pass --hoso / HOSO_BIN)")
        return 1
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    data_dir = tempfile.mkdtemp(prefix="hoso-kill-")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(HOSO_DATA_DIR=data_dir, HOSO_HOST="127.0.0.1", HOSO_PORT=str(free_port()), HOSO_BCRYPT_COST="4",
               HOSO_BACKGROUND_JOBS="off")
    if args.postgres:
        env["DATABASE_URL"] = subprocess.run(
            [os.path.join(ROOT, "scripts", "pg-start"), "--fresh"], check=True, capture_output=True, text=True,
            env=dict(os.environ, HOSO_PG_DATABASE="hoso_kill")).stdout.strip()
    log(f"kill test: {args.rounds} rounds, {args.threads} threads, seed {seed}, binary {binary}, data {data_dir}"
        + (", on PostgreSQL" if args.postgres else ""))
    for command in ("migrate", "demo"):
        result = subprocess.run([binary, command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            log(f"FAIL setup: hoso {command} exited {result.returncode}: {result.stderr[-500:]}")
            return 1
    if args.postgres:
        db_path = env["DATABASE_URL"]
        children = hoso_seed.seed_postgres(db_path, args.children, seed)
    else:
        db_path = os.path.join(data_dir, "hoso.sqlite")
        children = hoso_seed.seed_sqlite(db_path, args.children, seed)
    pool = list(reversed(children))
    server = Server(binary, env, data_dir)
    receipts, uncertain = [], []
    failed = 0
    try:
        for round_no in range(1, args.rounds + 1):
            if not pool:
                log(f"FAIL round {round_no}: no children left (raise --children)")
                failed += 1
                break
            try:
                server.start()
            except RuntimeError as error:
                log(f"FAIL round {round_no}: {error}")
                failed += 1
                break
            burst = Burst(server.port, pool, round_no, rng)
            threads = [threading.Thread(target=burst.worker, daemon=True) for _ in range(args.threads)]
            for t in threads:
                t.start()
            # A random moment after the first submission went out (the server may still be warming up before).
            first = time.monotonic() + 60
            while burst.started_submissions == 0 and time.monotonic() < first:
                time.sleep(0.01)
            kill_at = rng.uniform(args.burst_min, args.burst_max)
            time.sleep(kill_at)
            server.kill()
            burst.stop.set()
            for t in threads:
                t.join(timeout=30)
            receipts += burst.receipts
            uncertain += burst.uncertain
            ok, last_line = verify_audit(binary, env)
            problems, stored = check_database(db_path, receipts, uncertain)
            if not ok:
                problems.insert(0, f"hoso verify-audit failed: {last_line[0]}")
            refused = [r for r in burst.refused if r[1] is not None]
            summary = (f"killed {kill_at:.2f} s after the first submission; {len(burst.receipts)} receipts this round "
                       f"({len(receipts)} in all), {len(burst.uncertain)} cut off before their answer, "
                       f"{stored} applications stored; verify-audit {'ok' if ok else 'FAILED'}")
            if refused:
                summary += f"; {len(refused)} answered unexpectedly, first: {refused[0]}"
            if problems:
                failed += 1
                log(f"FAIL round {round_no}: {summary}")
                for p in problems[:20]:
                    log(f"    {p}")
            else:
                log(f"PASS round {round_no}: {summary}")
        if failed == 0 and not receipts:
            failed += 1
            log("FAIL restart: no receipt came back before any kill; the test proved nothing")
        # Last: the restarted server still shows every receipt.
        if failed == 0:
            server.start()
            missing = 0
            by_code = {c["code"]: c for c in children}
            for code, _, number in receipts:
                child = by_code[code]
                parent = Parent(server.port)
                try:
                    parent.request("GET", "/tuyen-sinh")
                    parent.request("POST", "/tuyen-sinh", [("_csrf", parent.cookies.get("hoso_csrf", "")),
                                                           ("code", hoso_seed.display(code)), ("birthDate", child["birth_vn"])])
                    status, _, body = parent.request("GET", "/tuyen-sinh/bien-nhan")
                    m = RECEIPT_NUMBER.search(body)
                    if status != 200 or not m or int(m.group(2)) != number:
                        missing += 1
                finally:
                    parent.close()
            server.stop()
            ok, last_line = verify_audit(binary, env)
            if missing or not ok:
                failed += 1
                log(f"FAIL restart: {missing} of {len(receipts)} receipts not shown again; verify-audit {'ok' if ok else last_line}")
            else:
                log(f"PASS restart: all {len(receipts)} receipts shown again after {args.rounds} kills; verify-audit ok")
    finally:
        server.kill()
        if args.keep or failed:
            log(f"data kept in {data_dir}")
        else:
            subprocess.run(["rm", "-rf", data_dir])
    log(f"kill test: {'FAILED' if failed else 'passed'} ({failed} failed)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
