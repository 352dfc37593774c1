"""A parent at 360 px, as issue 10 walks it: the desk finds the Ê Đê child H'Hen Niê by "hen nie"; her mother types
the whole form, ticks a priority group, uploads a phone photo larger than 5 MB (the browser shrinks it) and finds every value still there;
what she types next survives a closed tab; she submits without any "correction", and the receipt, its PDF and the
council's queue say "H'Hen Niê". (The result message, roster and register book: Tests/AdmissionsTests/EdeNameFlowTests.)

Runs before test_admissions_decisions.py, which closes the demo campaign."""
import os
import re
import subprocess
import tempfile
import zlib
from pathlib import Path

from playwright.sync_api import expect

from helpers import login

PHONE = dict(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="vi-VN")
DESK = ("thuongtruc", "TrungVuong@2026")
MEMBER = ("hoidong", "TrungVuong@2026")
FIVE_MB = 5 * 1024 * 1024


def noisy_png(width: int, height: int) -> bytes:
    """A photo-sized PNG of random pixels: it does not compress, so it is larger than width x height x 3 bytes."""
    def chunk(kind, data):
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    noise = os.urandom(width * 3)
    rows = b"".join(b"\x00" + noise[(y * 7) % 64:] + noise[:(y * 7) % 64] for y in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 0)) + chunk(b"IEND", b"")


def test_a_parent_at_360_px_loses_nothing_and_hhen_nie_stays_hhen_nie(browser, base_url):
    # The desk finds her by her name in the other order, without the apostrophe or the diacritics.
    desk_context = browser.new_context(base_url=base_url, locale="vi-VN")
    desk = desk_context.new_page()
    login(desk, *DESK)
    desk.goto("/admissions/desk?q=hen+nie")
    row = desk.get_by_role("row").filter(has_text="H'Hen Niê")
    expect(row).to_have_count(1)
    code = row.locator("code").inner_text().strip()
    desk_context.close()

    context = browser.new_context(base_url=base_url, **PHONE)
    parent = context.new_page()
    errors = []
    parent.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 500 or r.status == 413 else None)
    parent.goto("/tuyen-sinh?ma=" + code.replace("-", ""))
    parent.get_by_label("Ngày sinh của trẻ").fill("14022021")
    parent.get_by_role("button", name="Tiếp tục").click()
    expect(parent.get_by_role("heading", name="Hồ sơ đăng ký vào lớp 1")).to_be_visible()
    expect(parent.get_by_label("Họ viết sau tên")).to_be_checked()
    expect(parent.get_by_label("Tên", exact=True)).to_have_value("H'Hen")

    expect(parent.locator("#field-childEthnicity")).to_have_value("")  # never assumed to be Kinh
    parent.locator("#field-childEthnicity").select_option("Ê Đê")
    typed = {
        "childPlaceOfBirth": "Buôn Hồ, Đắk Lắk",
        "motherName": "H'Lan Niê",
        "motherPhone": "0912345605",
        "fatherName": "Y Bhim Êban",
        "addressLine": "Buôn Ea Drông",
    }
    for name, value in typed.items():
        parent.locator(f"#field-{name}").fill(value)
    parent.get_by_label("Thường trú").check()
    unit = parent.locator("#field-residenceUnit option:not([value=''])").first.get_attribute("value")
    parent.locator("#field-residenceUnit").select_option(unit)
    priority = parent.locator("input[name='priorityCodes[]']").first
    priority.check()

    photo = noisy_png(1400, 1300)
    assert len(photo) > FIVE_MB, len(photo)
    parent.get_by_label("Loại giấy tờ").select_option(label="Bản sao giấy khai sinh (bắt buộc)")
    parent.get_by_label("Tệp", exact=True).set_input_files({"name": "IMG_2041.png", "mimeType": "image/png", "buffer": photo})
    expect(parent.get_by_text(re.compile(r"Ảnh đã được thu nhỏ: 5,\d MB →"))).to_be_visible()
    parent.get_by_role("button", name="Tải lên").click()
    expect(parent.get_by_text(re.compile(r"Đã tải lên Bản sao giấy khai sinh: IMG_2041\.jpg"))).to_be_visible()
    for name, value in typed.items():
        expect(parent.locator(f"#field-{name}")).to_have_value(value)
    expect(parent.get_by_label("Thường trú")).to_be_checked()
    expect(parent.locator("#field-childEthnicity")).to_have_value("Ê Đê")
    expect(parent.locator("#field-residenceUnit")).to_have_value(unit)
    expect(parent.locator("input[name='priorityCodes[]']").first).to_be_checked()
    width = parent.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the form is {width}px wide on a 360px phone"

    # She types the guardian's relation, then the tab is closed before she sends anything.
    parent.get_by_label("Quan hệ với trẻ").fill("Bà ngoại")
    parent.close()
    parent = context.new_page()
    parent.goto("/tuyen-sinh/ho-so")
    expect(parent.get_by_text("Đã khôi phục những gì bạn nhập lần trước")).to_be_visible()
    expect(parent.get_by_label("Quan hệ với trẻ")).to_have_value("Bà ngoại")
    expect(parent.locator("#field-motherName")).to_have_value("H'Lan Niê")

    parent.get_by_label("Tôi là cha, mẹ hoặc người giám hộ").check()
    parent.get_by_role("button", name="Nộp hồ sơ").click()
    heading = parent.get_by_role("heading", name=re.compile(r"Biên nhận hồ sơ số 2027-\d{5}"))
    expect(heading).to_be_visible()
    expect(parent.get_by_text("H'Hen Niê").first).to_be_visible()
    assert "Niê H'Hen" not in parent.content()
    pdf = context.request.get("/tuyen-sinh/bien-nhan.pdf")
    assert pdf.ok
    path = Path(tempfile.mkdtemp(prefix="hoso-360-")) / "receipt.pdf"
    path.write_bytes(pdf.body())
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "H'Hen Niê" in text and "Niê H'Hen" not in text, text
    # The copy kept in the browser was sent: coming back to the form later starts from what was stored.
    parent.goto("/tuyen-sinh/ho-so?sua=1")
    expect(parent.get_by_label("Quan hệ với trẻ")).to_have_value("Bà ngoại")
    expect(parent.get_by_text("Đã khôi phục những gì bạn nhập lần trước")).to_have_count(0)
    assert not errors, errors
    context.close()

    # The council's queue names her as listed.
    council_context = browser.new_context(base_url=base_url, locale="vi-VN")
    council = council_context.new_page()
    login(council, *MEMBER)
    council.goto("/admissions/review")
    expect(council.get_by_text("H'Hen Niê").first).to_be_visible()
    assert "Niê H'Hen" not in council.content()
    council_context.close()
