#!/usr/bin/env python3
"""Several hoso nodes on one PostgreSQL behind HAProxy: the opening-day flow through the proxy, a node killed
mid-burst.

    e2e/nodes/nodes_test.py [--hoso .build/debug/hoso] [--nodes 3] [--children 400] [--threads 8]

A fresh PostgreSQL database (scripts/pg-start with HOSO_PG_DATABASE=hoso_nodes --fresh) gets `hoso migrate`,
`hoso demo` and children with codes (bench/hoso_seed.py); N `hoso serve` processes share it and one uploads folder,
with the background jobs every second and 127.0.0.1 as their trusted proxy; Debian's HAProxy balances every request
round robin over them (a parent's landing page, code step, form, submission and receipt land on different nodes),
checks /healthz, and names the node of each answer in `X-Served-By`. Then:

  1. a burst of parents (the kill test's flow, e2e/durability/kill_test.py) runs through the proxy, and one node is
     SIGKILLed 1 s after the first submission (the one holding the jobs' leases); every receipted application must be stored exactly once, with its
     number and the exact form sent, numbers without duplicates or gaps, and `hoso verify-audit` must pass;
  2. the per-code limit holds across nodes: five wrong dates of birth for one code (answered by at least two nodes)
     and the sixth try, with the right date, is refused with 429 and Retry-After;
  3. each background job's lease is held by exactly one live node, and a job held by the killed node passes to a
     live one within seconds.

Each check prints a line starting with PASS or FAIL (scripts/count-results durability counts them). Python 3
standard library, psql, haproxy.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import json

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.path.insert(0, os.path.join(ROOT, "e2e"))
sys.path.insert(0, os.path.join(ROOT, "e2e", "durability"))
import hoso_seed  # noqa: E402
from report import check  # noqa: E402
import report  # noqa: E402
import kill_test  # noqa: E402



def psql(url, sql):
    return subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True,
                          capture_output=True, text=True).stdout


def haproxy_config(port, nodes):
    servers = "\n".join(f"    server n{i + 1} 127.0.0.1:{node.port} check inter 300ms fall 2 rise 1"
                        for i, node in enumerate(nodes))
    return f"""global
    maxconn 2048
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    retries 2
    option redispatch
    option http-keep-alive
frontend portal
    bind 127.0.0.1:{port}
    option forwardfor
    default_backend hoso
backend hoso
    balance roundrobin
    option httpchk GET /healthz
    http-response set-header X-Served-By %s
{servers}
"""


def stored_applications(url):
    out = psql(url, "SELECT coalesce(json_agg(json_build_object('code', code, 'number', number, 'status', status, "
                    "'form', form_json)), '[]') FROM admission_applications")
    return json.loads(out)


def check_applications(url, receipts, uncertain):
    rows = stored_applications(url)
    by_code = {}
    problems = []
    for row in rows:
        if row["code"] in by_code:
            problems.append(f"{row['code']} stored twice")
        by_code[row["code"]] = row
    for code, expected, number in receipts:
        row = by_code.get(code)
        if row is None:
            problems.append(f"LOST: receipt {number} for {code}")
        elif row["number"] != number or row["status"] != "submitted" or json.loads(row["form"]) != expected:
            problems.append(f"{code}: stored {row['number']} {row['status']} differs from receipt {number}")
    for code, expected in uncertain:
        row = by_code.get(code)
        if row is not None and (row["status"] != "submitted" or json.loads(row["form"]) != expected):
            problems.append(f"{code} (no receipt) half-stored")
    numbers = sorted(r["number"] for r in rows if r["number"] is not None)
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"numbers have duplicates or gaps: {len(numbers)} up to {numbers[-1] if numbers else None}")
    return problems, len(rows)


def leases(url):
    out = psql(url, "SELECT name || '|' || holder FROM job_leases ORDER BY name")
    return dict(line.split("|", 1) for line in out.split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hoso", default=os.environ.get("HOSO_BIN", os.path.join(ROOT, ".build", "debug", "hoso")))
    ap.add_argument("--nodes", type=int, default=3)
    ap.add_argument("--children", type=int, default=400)
    ap.add_argument("--threads", type=int, default=8)
    args = ap.parse_args()
    binary = os.path.abspath(args.hoso)
    if shutil.which("haproxy") is None:
        check("setup", False, "haproxy is not installed (scripts/install-deps)")
        return 1
    url = subprocess.run([os.path.join(ROOT, "scripts", "pg-start"), "--fresh"], check=True, capture_output=True,
                         text=True, env=dict(os.environ, HOSO_PG_DATABASE="hoso_nodes")).stdout.strip()
    work = tempfile.mkdtemp(prefix="hoso-nodes-")
    env = {k: v for k, v in os.environ.items() if k not in ("HOSO_RESOURCES_DIR",)}
    env.update(DATABASE_URL=url, HOSO_DATA_DIR=os.path.join(work, "shared"), HOSO_HOST="127.0.0.1",
               HOSO_BCRYPT_COST="4", HOSO_BACKGROUND_JOBS="on", HOSO_JOB_INTERVAL="1", HOSO_BACKUP_DAILY="off",
               HOSO_TRUSTED_PROXIES="127.0.0.1")
    for command in ("migrate", "demo"):
        result = subprocess.run([binary, command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            check(f"setup: hoso {command}", False, result.stderr[-500:])
            return 1
    children = hoso_seed.seed_postgres(url, args.children, 2027)
    nodes, proxy = [], None
    try:
        for index in range(args.nodes):
            node_dir = os.path.join(work, f"node{index + 1}")
            os.makedirs(node_dir)
            node = kill_test.Server(binary, dict(env, HOSO_PORT=str(kill_test.free_port())), node_dir)
            node.start()
            nodes.append(node)
        port = kill_test.free_port()
        config = os.path.join(work, "haproxy.cfg")
        with open(config, "w") as f:
            f.write(haproxy_config(port, nodes))
        proxy_log = open(os.path.join(work, "haproxy.log"), "wb")
        proxy = subprocess.Popen(["haproxy", "-db", "-f", config], stdout=proxy_log, stderr=subprocess.STDOUT)
        for _ in range(100):
            try:
                status, _, _ = kill_test.Parent(port, timeout=2).request("GET", "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        time.sleep(1)  # every node seen healthy by the proxy

        # 1. The burst through the proxy, a node killed in it.
        pool = list(reversed(children))
        burst = kill_test.Burst(port, pool[:-10], 1, random.Random(7))
        threads = [threading.Thread(target=burst.worker, daemon=True) for _ in range(args.threads)]
        started = time.monotonic()
        for t in threads:
            t.start()
        while burst.started_submissions == 0 and time.monotonic() < started + 60:
            time.sleep(0.01)
        time.sleep(1.0)
        # The node holding the minute job's lease is the one killed, so the lease must pass on.
        holder_pid = leases(url).get("minute", "::").split(":")[1]
        victim = next((node for node in nodes if str(node.process.pid) == holder_pid), nodes[1])
        victim_name = f"n{nodes.index(victim) + 1}"
        victim.kill()
        killed_at = time.monotonic()
        time.sleep(2.0)
        burst.stop.set()
        for t in threads:
            t.join(timeout=60)
        elapsed = time.monotonic() - started
        problems, stored = check_applications(url, burst.receipts, burst.uncertain)
        result = subprocess.run([binary, "verify-audit"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            problems.append("verify-audit: " + (result.stdout + result.stderr).strip().splitlines()[-1])
        refused = [r for r in burst.refused if r[1] not in (None, 502, 503)]
        check(f"burst through the proxy over {args.nodes} nodes, {victim_name} (the jobs' holder) killed: {len(burst.receipts)} receipts in "
              f"{elapsed:.1f} s, {len(burst.uncertain)} cut off, {stored} stored, each receipt stored once",
              not problems and burst.receipts and not refused, "; ".join(problems[:5]) + f" refused: {refused[:3]}")

        # 2. The per-code limit across nodes.
        child = pool[-1]
        served_by = set()
        statuses = []
        parent = kill_test.Parent(port)
        parent.request("GET", "/tuyen-sinh")
        for attempt in range(5):
            # One connection; the proxy balances each request, so the tries alternate between the live nodes.
            parent.conn.request("POST", "/tuyen-sinh", body=f"_csrf={parent.cookies.get('hoso_csrf', '')}"
                                f"&code={hoso_seed.display(child['code'])}&birthDate=0{attempt + 1}%2F01%2F2019",
                                headers={"Content-Type": "application/x-www-form-urlencoded",
                                         "Cookie": "; ".join(f"{k}={v}" for k, v in parent.cookies.items())})
            response = parent.conn.getresponse()
            response.read()
            statuses.append(response.status)
            served_by.add(response.getheader("X-Served-By"))
        status, _, body = parent.request("POST", "/tuyen-sinh", [
            ("_csrf", parent.cookies.get("hoso_csrf", "")), ("code", hoso_seed.display(child["code"])),
            ("birthDate", child["birth_vn"])])
        parent.close()
        check(f"the per-code limit holds across nodes (wrong dates answered by {sorted(filter(None, served_by))})",
              statuses == [422] * 5 and len(served_by) >= 2 and status == 429,
              f"wrong dates {statuses}, then the right date {status}")

        # 3. Each job's lease on one live node; the killed node's leases passed on.
        live = {str(node.process.pid) for node in nodes if node.process.poll() is None}
        deadline = killed_at + 20
        held = {}
        while time.monotonic() < deadline:
            held = leases(url)
            if held and all(holder.split(":")[1] in live for holder in held.values()):
                break
            time.sleep(0.5)
        check(f"each job's lease held by one live node ({held}), passed on from the killed {victim_name} "
              f"(pid {holder_pid}) within {time.monotonic() - killed_at:.1f} s",
              {"minute", "outbox"} <= set(held) and all(h.split(":")[1] in live for h in held.values())
              and holder_pid not in live, f"live pids {sorted(live)}")
    finally:
        if proxy:
            proxy.terminate()
            proxy.wait(timeout=10)
        for node in nodes:
            node.stop()
        shutil.rmtree(work, ignore_errors=True)
    return report.summary("nodes test")


if __name__ == "__main__":
    sys.exit(main())
