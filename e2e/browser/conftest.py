"""Fixtures for the browser tests.

Run through scripts/browser-tests, which starts `hoso serve` with the demo
school and sets HOSO_BASE_URL. Playwright drives Debian's chromium
(HOSO_CHROMIUM, default /usr/bin/chromium); Playwright's own browser
downloads are never used.

Fixtures: base_url, browser, page (desktop 1280x800), phone_page (360x740,
mobile, touch), own_server (a hoso of the test module's own, with its own demo
school, that a test can take down and bring back). Helper: login(page, username, password), from helpers.py.
For a failing test a full-page screenshot and the page's HTML are saved to
test-results/browser/. Any 5xx answer seen by a page fails its test.
"""
import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from helpers import login  # noqa: F401  (re-exported: `from conftest import login` works too)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
TIMEOUT_MS = 15_000

expect.set_options(timeout=TIMEOUT_MS)


def pytest_configure(config):
    if not os.environ.get("HOSO_BASE_URL"):
        raise pytest.UsageError(
            "HOSO_BASE_URL is not set: run the browser tests with scripts/browser-tests "
            "(it starts hoso serve), or point HOSO_BASE_URL at a running hoso with the demo school"
        )


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


@pytest.fixture(scope="session")
def base_url() -> str:
    return os.environ["HOSO_BASE_URL"].rstrip("/")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = Path(os.environ.get("HOSO_TEST_RESULTS", "test-results")) / "browser"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("HOSO_CHROMIUM", "/usr/bin/chromium")
    if not os.access(executable, os.X_OK):
        pytest.exit(f"no chromium at {executable} (apt-get install chromium)", returncode=1)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _open_page(request, browser, base_url, artifacts_dir, label, **context_options):
    context = browser.new_context(base_url=base_url, locale="vi-VN", **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems = []  # 5xx answers
    notes = []  # console errors, uncaught exceptions
    page.on(
        "response",
        lambda r: problems.append(f"{r.status} for {r.request.method} {r.url}") if r.status >= 500 else None,
    )
    page.on("pageerror", lambda e: notes.append(f"uncaught exception: {e}"))
    page.on("console", lambda m: notes.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)

    yield page

    call = getattr(request.node, "rep_call", None)
    failed = call is not None and call.failed
    if failed or problems:
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid.split("::", 1)[-1]) + f"-{label}"
        try:
            page.screenshot(path=str(artifacts_dir / f"{stem}.png"), full_page=True)
            (artifacts_dir / f"{stem}.html").write_text(page.content(), encoding="utf-8")
            print(f"\n[{label}] at {page.url}; saved {artifacts_dir / stem}.png and .html")
        except Exception as exc:  # the page may be gone
            print(f"\n[{label}] could not save a screenshot: {exc}")
    for note in notes:
        print(f"[{label}] {note}")
    context.close()
    if problems and not failed:
        pytest.fail("the server answered with an error:\n  " + "\n  ".join(problems))


@pytest.fixture
def page(request, browser, base_url, artifacts_dir):
    """A desktop-sized page (1280x800) in a fresh browser context."""
    yield from _open_page(
        request, browser, base_url, artifacts_dir, "desktop", viewport={"width": 1280, "height": 800}
    )


@pytest.fixture
def phone_page(request, browser, base_url, artifacts_dir):
    """A phone-sized page (360x740, mobile, touch) in a fresh browser context."""
    yield from _open_page(
        request,
        browser,
        base_url,
        artifacts_dir,
        "phone",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    )


class OwnServer:
    """`hoso serve` on a port and demo school of its own, which a test may stop and start again: the connection a
    teacher loses in the middle of typing. The shared server of the other tests is never touched."""

    def __init__(self, binary: str, data: Path, log: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.binary, self.data, self.log = binary, data, log
        self.env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        self.env.update(HOSO_DATA_DIR=str(data), HOSO_HOST="127.0.0.1", HOSO_PORT=str(self.port), HOSO_JOB_INTERVAL="2")
        self.process = None
        demo = subprocess.run([binary, "demo"], env=self.env, capture_output=True, text=True)
        if demo.returncode != 0:
            raise RuntimeError(f"hoso demo exited with {demo.returncode}:\n{demo.stdout}\n{demo.stderr}")

    def up(self) -> bool:
        try:
            with urllib.request.urlopen(self.base_url + "/login", timeout=2) as answer:
                return answer.status == 200
        except OSError:
            return False

    def start(self) -> None:
        with open(self.log, "a", encoding="utf-8") as log:
            self.process = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=log, stderr=log)
        for _ in range(120):
            if self.up():
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"hoso serve exited ({self.process.returncode}); see {self.log}")
            time.sleep(0.5)
        raise RuntimeError(f"hoso serve did not answer on {self.base_url}; see {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@pytest.fixture(scope="module")
def own_server(tmp_path_factory, artifacts_dir):
    binary = os.environ.get("HOSO_BIN")
    if not binary:
        pytest.exit("HOSO_BIN is not set: run the browser tests with scripts/browser-tests", returncode=1)
    server = OwnServer(binary, tmp_path_factory.mktemp("own-hoso"), artifacts_dir / "own-server.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_pages(request, browser, own_server, artifacts_dir):
    """Opens desktop pages (1280x800) on `own_server`, each in a fresh browser context: `own_pages("label")`."""
    opened = []

    def open_page(label, **options):
        generator = _open_page(
            request, browser, own_server.base_url, artifacts_dir, label,
            **({"viewport": {"width": 1280, "height": 800}} | options))
        page = next(generator)
        opened.append(generator)
        return page

    yield open_page
    for generator in opened:
        next(generator, None)
