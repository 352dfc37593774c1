#!/usr/bin/env python3
"""Deployment test: an installed hoso runs from any folder.

    e2e/deploy/install_test.py [--hoso .build/debug/hoso]

Installs the binary with scripts/install into a fresh PREFIX, then, from an empty folder that is not the checkout,
runs `PREFIX/bin/hoso demo` and `PREFIX/bin/hoso serve` and checks that pages, the fingerprinted stylesheet and a
page that reads the administrative units (a resource bundle) are served; then does the same with the tree moved
elsewhere and HOSO_RESOURCES_DIR naming it. Each check prints one line starting with PASS or FAIL
(scripts/count-results durability counts them). Python 3 standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.path.insert(0, os.path.join(ROOT, "e2e"))
sys.path.insert(0, os.path.join(ROOT, "e2e", "durability"))
import hoso_bench  # noqa: E402
from report import check  # noqa: E402
import report  # noqa: E402
import kill_test  # noqa: E402



def serve_and_check(label, command, cwd, env, log_dir):
    server = kill_test.Server(command, dict(env, HOSO_PORT=str(hoso_bench.free_port())), log_dir, cwd=cwd)
    base = f"http://127.0.0.1:{server.port}"
    try:
        server.start()
        browser = hoso_bench.Browser(base)
        status, _, body = browser.request("GET", "/login")
        page = body.decode(errors="replace")
        check(f"{label}: the login page", status == 200 and "Đăng nhập" in page, f"status {status}")
        link = re.search(r'href="(/css/hoso\.css\?v=[0-9a-f]{12})"', page)
        check(f"{label}: the stylesheet link is fingerprinted from the installed Public/", link is not None,
              "no /css/hoso.css?v=… link")
        if link:
            status, headers, css = browser.request("GET", link.group(1))
            check(f"{label}: the stylesheet is served", status == 200 and b"font-face" in css, f"status {status}")
        status, _, body = browser.request("GET", "/tuyen-sinh")
        check(f"{label}: the demo's portal landing page", status == 200, f"status {status}")
        principal = hoso_bench.signed_in(base, "hieutruong")
        status, _, body = principal.request("GET", "/school/profile")
        check(f"{label}: the school profile with its provinces (resource bundle)",
              status == 200 and "Hà Nội" in body.decode(errors="replace"), f"status {status}")
    finally:
        server.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hoso", default=os.environ.get("HOSO_BIN", os.path.join(ROOT, ".build", "debug", "hoso")))
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="hoso-deploy-")
    try:
        prefix = os.path.join(work, "prefix")
        result = subprocess.run([os.path.join(ROOT, "scripts", "install")], cwd=ROOT, capture_output=True, text=True,
                                env=dict(os.environ, PREFIX=prefix, HOSO_BIN=os.path.abspath(args.hoso)))
        check("scripts/install", result.returncode == 0, result.stderr.strip())
        command = os.path.join(prefix, "bin", "hoso")
        tree = os.path.join(prefix, "lib", "hoso")
        check("the tree holds the binary, templates, public files and resource bundles",
              all(os.path.exists(os.path.join(tree, p)) for p in
                  ["hoso", "Resources/Views", "Public/css/hoso.css", "hoso_Records.resources"]),
              str(os.listdir(tree) if os.path.isdir(tree) else "no tree"))
        elsewhere = os.path.join(work, "elsewhere")
        os.makedirs(elsewhere)
        env = dict(os.environ, HOSO_DATA_DIR=os.path.join(work, "data"), HOSO_HOST="127.0.0.1",
                   HOSO_BACKGROUND_JOBS="off", HOSO_BCRYPT_COST="4")
        env.pop("DATABASE_URL", None)
        env.pop("HOSO_RESOURCES_DIR", None)
        result = subprocess.run([command, "demo"], cwd=elsewhere, env=env, capture_output=True, text=True,
                                timeout=600)
        check("hoso demo from another folder", result.returncode == 0, result.stderr.strip()[-500:])
        log_dir = os.path.join(work, "logs")
        os.makedirs(log_dir)
        serve_and_check("installed", command, elsewhere, env, log_dir)

        # The binary alone in one place and the resources in another, named by the setting.
        moved = os.path.join(work, "moved")
        shutil.copytree(tree, moved, symlinks=True)
        lone = os.path.join(work, "lone")
        os.makedirs(lone)
        shutil.copy2(os.path.join(tree, "hoso"), os.path.join(lone, "hoso"))
        serve_and_check("HOSO_RESOURCES_DIR", os.path.join(lone, "hoso"), elsewhere,
                        dict(env, HOSO_RESOURCES_DIR=moved), log_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(report.summary("deploy test"))


if __name__ == "__main__":
    main()
