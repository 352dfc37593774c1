"""Helpers shared by the browser tests (imported by conftest.py and the tests)."""
import csv
import io
import re
import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect

SCHOOL_NAME = "Trường Tiểu học Trung Vương"

# Demo accounts created by `hoso demo`.
PRINCIPAL = ("hieutruong", "TrungVuong@2026")
FREE_TEACHER_NAME = "Đỗ Thị Hoa"  # a demo teacher with no class yet

LOGIN_PATH = re.compile(r"/login/?(\?.*)?$")


def path_is(path: str) -> re.Pattern:
    """A URL pattern for `path`, ignoring a trailing slash and the query."""
    return re.compile(re.escape(path.rstrip("/")) + r"/?(\?.*)?(#.*)?$")


def login(page: Page, username: str, password: str) -> None:
    """Sign in through the login form and wait until we have left /login."""
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page, f"login as {username!r} did not leave /login").not_to_have_url(LOGIN_PATH)


def form_with_button(page: Page, button: str):
    """The <form> that contains the button named `button`."""
    return page.locator("form").filter(has=page.get_by_role("button", name=button))


def nav_link(page: Page, name: str):
    """A link named `name` inside the site navigation."""
    return page.get_by_role("navigation").get_by_role("link", name=name, exact=True).first


def libreoffice_rows(xlsx: bytes) -> list:
    """The workbook's first sheet as LibreOffice reads it (converted to UTF-8 CSV by soffice)."""
    with tempfile.TemporaryDirectory(prefix="hoso-lo-") as tmp:
        path = Path(tmp) / "roster.xlsx"
        path.write_bytes(xlsx)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
             "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", tmp, str(path)],
            check=True, capture_output=True, timeout=120)
        return list(csv.reader(io.StringIO((Path(tmp) / "roster.csv").read_text(encoding="utf-8"))))
