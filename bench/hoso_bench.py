"""What the hoso benchmarks share: the hoso binary to measure, a demo school served from a throw-away data folder,
and a browser-like HTTP client (cookies, CSRF, no redirects). Python 3 standard library only."""
import contextlib
import http.cookiejar
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
LOCK = "/tmp/swift-build.lock"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def binary(path, build):
    """`path` if given, else the release build (built first under the shared build lock when `build`)."""
    if path:
        return os.path.abspath(path)
    if build:
        subprocess.run(["flock", "-o", LOCK, "swift", "build", "-c", "release", "--product", "hoso"], cwd=ROOT, check=True)
    return subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip() + "/hoso"


@contextlib.contextmanager
def demo_school(hoso, log_path, prepare=None, extra_env=None):
    """Runs `hoso demo` in a fresh data folder, then `prepare(data)` with the server stopped, then serves it (with
    `extra_env` added to its environment); yields (base URL, data folder, environment) and removes the folder
    afterwards."""
    data = tempfile.mkdtemp(prefix="hoso-bench-")
    port = free_port()
    env = dict(os.environ, HOSO_DATA_DIR=data, HOSO_PORT=str(port), HOSO_BACKGROUND_JOBS="off", HOSO_BCRYPT_COST="10")
    env.update(extra_env or {})
    env.pop("DATABASE_URL", None)
    subprocess.run([hoso, "demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    if prepare:
        prepare(data)
    log = open(log_path, "wb")
    server = subprocess.Popen([hoso, "serve"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, data, env
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(data, ignore_errors=True)


def signed_in(base, username, password="TrungVuong@2026"):
    browser = Browser(base)
    browser.request("GET", "/login")
    status, _, _ = browser.post("/login", [("username", username), ("password", password)])
    assert status == 303, status
    return browser


class Browser:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "hoso_csrf")

    def request(self, method, path, data=None, headers=None):
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=600) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def post(self, path, fields):
        fields = list(fields) + [("_csrf", self.csrf())]
        return self.request("POST", path, urllib.parse.urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def upload(self, path, fields, filename, content):
        boundary = "hosobench" + str(random.randrange(10**9))
        parts = []
        for key, value in list(fields) + [("_csrf", self.csrf())]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
        parts.append((f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                      'Content-Type: text/csv\r\n\r\n').encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


