"""Học bạ signed, sealed, archived and handed over, as the school lives it, on a hoso of this test's own:

- the principal opens CN (end of year) for grade 5, 5A's results are entered, and the principal issues the 5A
  homeroom teacher a trial certificate (.p12) of the school's trial CA on the signing page;
- the homeroom teacher signs the class's học bạ with it; pdfsig and pyHanko (a second, independent validator:
  PAdES baseline B-B, AdES basic validation, the trial CA as the only trust root) find the signature valid;
- the principal signs and seals them with the school's seal; both signatures stay valid in both validators and in
  `hoso verify-pdf`, and one flipped byte makes them invalid in all three;
- the principal closes the year, the clerk archives it and downloads a pupil's handover bundle (the signed học bạ,
  its JSON export, a manifest signed with the seal, verified with `openssl cms`);
- the public verification page, opened from the QR code decoded by zbarimg, shows the document as valid.
"""
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from playwright.sync_api import expect

from helpers import PRINCIPAL, SCHOOL_NAME, login

PASSWORD = PRINCIPAL[1]
PADES_CHECK = Path(__file__).resolve().parent.parent / "signatures" / "pades_check.py"
ITEMS = (["homeroom:q:" + n for n in ["Yêu nước", "Nhân ái", "Chăm chỉ", "Trung thực", "Trách nhiệm"]]
         + ["homeroom:c:" + n for n in ["Tự chủ và tự học", "Giao tiếp và hợp tác", "Giải quyết vấn đề và sáng tạo",
                                       "Ngôn ngữ", "Tính toán", "Khoa học", "Công nghệ", "Tin học", "Thẩm mĩ", "Thể chất"]])


def ddmmyyyy(day):
    return day.strftime("%d/%m/%Y")


def class_5a(data: Path):
    with sqlite3.connect(f"file:{data}/hoso.sqlite?mode=ro", uri=True) as db:
        cid, username, family, middle, given, family_last = db.execute(
            "SELECT c.id, a.username, a.family_name, a.middle_name, a.given_name, a.family_last FROM classes c "
            "JOIN accounts a ON a.id = c.homeroom_account_id WHERE c.name = '5A'").fetchone()
        pupils = [r[0].lower() for r in db.execute(
            "SELECT student_id FROM enrollments WHERE class_id = ? AND left_on IS NULL", (cid,))]
        subjects = [r[0].lower() for r in db.execute(
            "SELECT id FROM subjects WHERE grade = 5 AND is_active = 1 AND status = 'compulsory'")]
    parts = [given, middle, family] if family_last else [family, middle, given]
    return cid.lower(), username, " ".join(p for p in parts if p), pupils, subjects


def post_form(page, path, fields):
    """A form post from the signed-in page's context, with its CSRF token (the double-submit cookie)."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "hoso_csrf")
    body = "&".join(f"{_quote(k)}={_quote(v)}" for k, v in fields)
    return page.request.post(path, data=body, max_redirects=0, headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": token})


def _quote(text):
    from urllib.parse import quote
    return quote(text, safe="")


def fill_results(principal, cid, pupils, subjects):
    for sid in subjects:
        path = f"/school/classes/{cid}/subjects/{sid}/assessment?checkpoint=endOfYear"
        fields = [f for p in pupils for f in ((f"level-{p}", "T"), (f"score-{p}", "9"), (f"comment-{p}", "Em học tốt."))]
        answer = post_form(principal, path, fields)
        if answer.status == 422:  # a subject without a test at CN: the same without scores
            answer = post_form(principal, path, [f for f in fields if not f[0].startswith("score-")])
        assert answer.status == 303, (path, answer.status)
    homeroom = [(f"{item}|{p}", "T") for item in ITEMS for p in pupils] + [(f"comment|{p}", "Em ngoan.") for p in pupils]
    answer = post_form(principal, f"/school/classes/{cid}/assessment?checkpoint=endOfYear", homeroom)
    assert answer.status == 303, answer.status


def trust_store(folder: Path, ca: Path) -> str:
    store = folder / "nss"
    store.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{store}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{store}", "-n", "hoso-ca", "-t", "CT,C,C", "-i", str(ca)],
                   check=True, capture_output=True)
    return f"sql:{store}"


def pdfsig_valid(pdf: Path, store: str) -> int:
    report = subprocess.run(["pdfsig", "-nssdir", store, str(pdf)], capture_output=True, text=True).stdout
    return report.count("Signature is Valid.")


def pyhanko(pdf: Path, ca: Path):
    run = subprocess.run([sys.executable, str(PADES_CHECK), str(pdf), str(ca)], capture_output=True, text=True)
    return run.returncode, [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")], run.stderr


def test_hoc_ba_signed_sealed_archived_and_verified(own_server, own_pages, tmp_path):
    cid, teacher_login, teacher_name, pupils, subjects = class_5a(own_server.data)
    today = datetime.now(timezone(timedelta(hours=7))).date()

    principal = own_pages("principal")
    login(principal, *PRINCIPAL)
    principal.goto("/school/assessment")
    principal.locator("#field-grade").select_option("5")
    principal.locator("#field-checkpoint").select_option("endOfYear")
    principal.locator("#field-opensOn").fill(ddmmyyyy(today - timedelta(days=1)))
    principal.locator("#field-closesOn").fill(ddmmyyyy(today + timedelta(days=7)))
    principal.get_by_role("button", name="Mở thời gian nhập").click()
    expect(principal.get_by_text("Đã mở nhập CN khối 5")).to_be_visible()
    fill_results(principal, cid, pupils, subjects)

    # The principal issues the homeroom teacher a trial certificate of the school's trial CA (the demo made it).
    principal.goto("/")
    principal.get_by_role("link", name="Chữ ký số").click()
    expect(principal.get_by_text("CA thử nghiệm hoso")).to_be_visible()
    principal.locator("#field-name").select_option(teacher_name)
    principal.locator("#field-passphrase").fill("matkhau-5a")
    principal.locator("#field-confirm").fill("matkhau-5a")
    with principal.expect_download() as download:
        principal.get_by_role("button", name="Cấp và tải tệp .p12").click()
    p12 = tmp_path / "gvcn-5a.p12"
    download.value.save_as(p12)
    ca = tmp_path / "ca.pem"
    ca.write_bytes(principal.request.get("/xac-minh/chung-thu-goc.pem").body())
    store = trust_store(tmp_path, ca)

    # The homeroom teacher signs the class's học bạ with it.
    teacher = own_pages("teacher")
    login(teacher, teacher_login, PASSWORD)
    teacher.goto(f"/school/classes/{cid}/results")
    teacher.locator("#sign-file-teacher").set_input_files(str(p12))
    teacher.locator("#sign-pass-teacher").fill("matkhau-5a")
    teacher.get_by_role("button", name="Ký học bạ").click()
    expect(teacher.get_by_text(f"Đã ký {len(pupils)} học bạ.")).to_be_visible()
    once = tmp_path / "mot-chu-ky.pdf"
    once.write_bytes(teacher.request.get(f"/school/classes/{cid}/hoc-ba/{pupils[0]}").body())
    assert pdfsig_valid(once, store) == 1
    code, verdicts, errors = pyhanko(once, ca)
    assert code == 0 and [v["signer"] for v in verdicts] == [teacher_name], (verdicts, errors)

    # The principal signs and seals them with the school's seal.
    principal.goto(f"/school/classes/{cid}/results")
    principal.get_by_role("button", name=re.compile("Ký bằng con dấu số của trường")).click()
    expect(principal.get_by_text(f"Đã ký {len(pupils)} học bạ.")).to_be_visible()

    # The principal closes the year; the clerk archives it and downloads a pupil's handover bundle.
    principal.on("dialog", lambda dialog: dialog.accept())
    principal.goto("/school/years")
    principal.get_by_role("row", name=re.compile("2026-2027")).get_by_role("link", name="Lưu trữ").click()
    principal.get_by_role("button", name="Khoá sổ năm học 2026-2027").click()
    expect(principal.get_by_text("Đã khoá sổ năm học")).to_be_visible()
    clerk = own_pages("clerk")
    clerk.on("dialog", lambda dialog: dialog.accept())
    login(clerk, "vanthu", PASSWORD)
    clerk.goto("/school/years")
    clerk.get_by_role("row", name=re.compile("2026-2027")).get_by_role("link", name="Lưu trữ").click()
    clerk.get_by_role("button", name="Lưu trữ năm học 2026-2027").click()
    expect(clerk.get_by_text(re.compile(r"Đã lưu trữ \d+ tệp, danh mục đã ký số"))).to_be_visible()
    expect(clerk.locator("table a", has_text="lop-5A/hoc-ba/").first).to_be_visible()
    clerk.goto(f"/register/students/{pupils[0]}")
    with clerk.expect_download() as download:
        clerk.get_by_role("link", name="Tải hồ sơ học bạ (.zip)").click()
    bundle = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert {"hoc-ba-2026-2027.pdf", "hoc-ba-2026-2027.json", "manifest.json", "manifest.json.p7s"} <= set(bundle.namelist())
    for name in ["manifest.json", "manifest.json.p7s", "hoc-ba-2026-2027.pdf"]:
        (tmp_path / name).write_bytes(bundle.read(name))
    verified = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", str(tmp_path / "manifest.json.p7s"),
         "-content", str(tmp_path / "manifest.json"), "-CAfile", str(ca), "-purpose", "any", "-out", os.devnull],
        capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr
    manifest = json.loads(bundle.read("manifest.json"))
    assert manifest["format"] == "hoso-archive/1"
    assert manifest["files"][0]["signers"] == [teacher_name, SCHOOL_NAME]

    # Two signatures, valid and trusted in pdfsig, pyHanko and hoso verify-pdf; one flipped byte, invalid in all three.
    twice = tmp_path / "hoc-ba-2026-2027.pdf"
    assert pdfsig_valid(twice, store) == 2
    code, verdicts, errors = pyhanko(twice, ca)
    assert code == 0, (verdicts, errors)
    assert [v["signer"] for v in verdicts] == [teacher_name, SCHOOL_NAME]
    assert all(v["ades"] == "PASSED" and v["pades_b_b"] and v["trusted"] for v in verdicts), verdicts
    hoso = subprocess.run([own_server.binary, "verify-pdf", str(twice), "--trust", str(ca)], env=own_server.env,
                          capture_output=True, text=True)
    assert hoso.returncode == 0 and hoso.stdout.count("Hợp lệ") >= 2, hoso.stdout + hoso.stderr
    data = bytearray(twice.read_bytes())
    at = data.find(b"/Producer")
    data[at + 12] ^= 1
    flipped = tmp_path / "sua-mot-byte.pdf"
    flipped.write_bytes(bytes(data))
    assert pdfsig_valid(flipped, store) == 0
    code, verdicts, _ = pyhanko(flipped, ca)
    assert code == 1 and not any(v["intact"] for v in verdicts), verdicts
    hoso = subprocess.run([own_server.binary, "verify-pdf", str(flipped), "--trust", str(ca)], env=own_server.env,
                          capture_output=True, text=True)
    assert hoso.returncode == 1 and "KHÔNG hợp lệ" in hoso.stdout + hoso.stderr

    # The QR code on the last page leads to the public verification page, which shows the document as valid.
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(twice)], capture_output=True, text=True).stdout)[1])
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(pages), "-l", str(pages), str(twice), str(tmp_path / "trang")],
                   check=True)
    image = next(tmp_path.glob("trang*.png"))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True).stdout.split()
    url = next(u for u in decoded if "/xac-minh/" in u)
    anyone = own_pages("anyone")
    anyone.goto(url)
    expect(anyone.get_by_text("Hợp lệ", exact=True)).to_be_visible()
    expect(anyone.locator("dl.details")).to_contain_text(teacher_name)
    expect(anyone.locator("dl.details")).to_contain_text(SCHOOL_NAME)
    expect(anyone.locator("dl.details")).to_contain_text(manifest["files"][0]["sha256"])
