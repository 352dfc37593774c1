"""The whole school, as the issue's people live it: the admin board downloads the template and imports 450 pupils
from a file in another system's layout (three bad rows named first, then fixed); the homeroom teacher of 3A marks
a month of absences on a phone; the principal transfers a pupil out and the clerk prints the letter and takes one
in; the admin board rolls the year over; the roster of 4A for the new year opens in LibreOffice in Vietnamese
order.

Runs last (the file name sorts after the others): the roll-over moves every pupil of the demo school into the new
year.
"""
import io
import re
import subprocess
import tempfile
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from playwright.sync_api import expect

from helpers import PRINCIPAL, login, libreoffice_rows

PASSWORD = "TrungVuong@2026"
ADMIN = ("quantri", PASSWORD)
CLERK = ("vanthu", PASSWORD)
TEACHER_3A = ("gvcn.3a", PASSWORD)

# 450 pupils in classes the demo school does not have yet: a chain 2G → 3G → 4G → 5G and five more grade-5 classes,
# 50 each, so that the roll-over has a class to promote each into.
CLASSES = ["2G", "3G", "4G", "5G", "5H", "5K", "5L", "5M", "5N"]
FAMILIES = ["Trịnh", "Lương", "Quách", "Tạ", "Âu", "Khổng", "La", "Mạc", "Thân", "Ninh"]
MIDDLES = ["Minh", "Gia", "Bảo", "Thanh", "Ngọc"]
GIVENS = ["Khuê", "Thục", "Vỹ", "Quân", "Nhiên", "Uyên", "Tường", "Sơn", "Thư"]


def pupils() -> list:
    """Deterministic pupils: (family+middle, given, date of birth as typed, sex, class)."""
    rows = []
    for index in range(450):
        school_class = CLASSES[index // 50]
        grade = int(school_class[0])
        family = FAMILIES[index % 10]
        middle = MIDDLES[(index // 10) % 5]
        given = GIVENS[index % 9]
        born = date(2020 - grade, 1, 1) + timedelta(days=(index * 7) % 360)
        rows.append([f"{family} {middle}", given, born.strftime("%d/%m/%Y"), "Nữ" if index % 2 else "Nam", school_class])
    return rows


def exported_list(rows) -> bytes:
    """A class list laid out as SMAS-like systems export it: school and title above, a two-row header with
    "Họ và tên" merged over "Họ đệm" and "Tên", a column hoso does not know, and the STT."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "DanhSach"
    sheet.append(["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"])
    sheet.append(["DANH SÁCH HỌC SINH TOÀN TRƯỜNG NĂM HỌC 2026-2027"])
    sheet.append(["STT", "Họ và tên", None, "Ngày sinh", "Giới tính", "Lớp", "Dân tộc", "Ghi chú riêng"])
    sheet.append([None, "Họ đệm", "Tên", None, None, None, None, None])
    for merged in ["B3:C3", "A3:A4", "D3:D4", "E3:E4", "F3:F4", "G3:G4", "H3:H4"]:
        sheet.merge_cells(merged)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, row[0], row[1], row[2], row[3], row[4], "Kinh", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def open_person(browser, base_url, account, phone=False):
    size = dict(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True) if phone \
        else dict(viewport={"width": 1280, "height": 800})
    context = browser.new_context(base_url=base_url, locale="vi-VN", accept_downloads=True, **size)
    page = context.new_page()
    errors = []
    page.on("response", lambda r: errors.append(f"{r.status} {r.request.method} {r.url}") if r.status >= 500 else None)
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, *account)
    return page, errors


def upload_and_check(admin, content: bytes, name: str) -> None:
    admin.goto("/register/import")
    admin.get_by_label("Năm học").select_option(label="2026-2027")
    admin.get_by_label("Tệp danh sách học sinh").set_input_files(
        {"name": name, "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "buffer": content})
    admin.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(admin.get_by_role("heading", name="Kiểm tra danh sách học sinh")).to_be_visible()
    # The new classes are created with the import.
    admin.get_by_label("Tạo các lớp còn thiếu khi nhập").check()
    admin.get_by_role("button", name="Áp dụng lựa chọn và kiểm tra lại").click()
    expect(admin.get_by_role("heading", name="Kiểm tra danh sách học sinh")).to_be_visible()


VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def letter_key(word: str) -> list:
    """Vietnamese letter order, tones ignored (a word's base letters, with ă, â, đ, ê, ô, ơ, ư as letters)."""
    key = []
    for char in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(char) and char not in "\u0306\u0302\u031b":
            continue  # a tone mark
        if unicodedata.combining(char) and key:
            base = VIETNAMESE_LETTERS[key[-1]]
            composed = unicodedata.normalize("NFC", base + char)
            key[-1] = VIETNAMESE_LETTERS.index(composed) if composed in VIETNAMESE_LETTERS else key[-1]
            continue
        if char == "đ":
            key.append(VIETNAMESE_LETTERS.index("đ"))
        elif char in VIETNAMESE_LETTERS:
            key.append(VIETNAMESE_LETTERS.index(char))
    return key


def test_the_whole_school_comes_in_moves_and_rolls_over(browser, base_url):
    people = []
    try:
        # --- 1. The admin board imports the school's other grades. --------------------------------------------------
        admin, admin_errors = open_person(browser, base_url, ADMIN)
        people.append(admin_errors)
        admin.goto("/register/import")
        with admin.expect_download() as template:
            admin.get_by_role("link", name="Tải tệp mẫu (.xlsx)").click()
        sheet = openpyxl.load_workbook(io.BytesIO(Path(template.value.path()).read_bytes())).active
        assert [c.value for c in sheet[1]][:4] == ["STT", "Số đăng bộ", "Mã định danh", "Họ và tên"]

        good = pupils()
        bad = [list(row) for row in good]
        bad[10][2] = "31/02/2018"  # no such day
        bad[20][0], bad[20][1] = "", ""  # no name
        bad.append(list(good[5]))  # the same pupil twice
        upload_and_check(admin, exported_list(bad), "ds-toan-truong.xlsx")
        alert = admin.get_by_role("alert")
        expect(alert).to_contain_text("3 trong 451 dòng có lỗi")
        expect(admin.get_by_text("Ngày sinh “31/02/2018” không đọc được")).to_be_visible()
        expect(admin.get_by_text(re.compile("Trùng với dòng 10 \\(cùng họ tên và ngày sinh\\)"))).to_be_visible()
        expect(admin.get_by_role("button", name=re.compile("^Nhập \\d+ học sinh$"))).to_have_count(0)

        upload_and_check(admin, exported_list(good), "ds-toan-truong-da-sua.xlsx")
        expect(admin.get_by_text("Tất cả 450 học sinh hợp lệ")).to_be_visible()
        admin.get_by_role("button", name="Nhập 450 học sinh").click()
        expect(admin.get_by_text(re.compile("Đã nhập 450 học sinh vào sổ đăng bộ"))).to_be_visible(timeout=60_000)
        admin.goto("/school/classes")
        for name in CLASSES:
            expect(admin.get_by_role("link", name=name, exact=True)).to_be_visible()
        roster_3a = admin.get_by_role("link", name="3A", exact=True).first.get_attribute("href")

        # --- 2. The homeroom teacher of 3A marks a month of absences on a phone. ------------------------------------
        teacher, teacher_errors = open_person(browser, base_url, TEACHER_3A, phone=True)
        people.append(teacher_errors)
        teacher.goto(roster_3a)
        teacher.get_by_role("link", name="Chuyên cần").click()
        today = date.today()
        month = (today.replace(day=1) - timedelta(days=1)) if today.month != 9 else today
        teacher.get_by_label("Tháng", exact=True).select_option(value=f"{month.year}-{month.month:02d}")
        teacher.get_by_role("button", name="Xem").click()
        expect(teacher.get_by_role("heading", name=f"tháng {month.month}/{month.year}")).to_be_visible()
        selects = teacher.locator("tbody tr").first.locator("select")
        assert selects.count() >= 3, selects.count()
        selects.nth(0).select_option("K")
        selects.nth(1).select_option("K")
        selects.nth(2).select_option("P")
        second = teacher.locator("tbody tr").nth(1).locator("select")
        second.nth(0).select_option("P")
        teacher.get_by_role("button", name="Lưu chuyên cần").click()
        expect(teacher.get_by_text(re.compile("Đã lưu chuyên cần tháng"))).to_be_visible()
        first_row = teacher.locator("tbody tr").first
        expect(first_row).to_contain_text("1P · 2K")
        expect(teacher.locator("tbody tr").nth(1)).to_contain_text("1P · 0K")
        width = teacher.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the page is {width}px wide on a 360px phone (the grid scrolls inside its own box)"

        # --- 3. The principal transfers a 3A pupil out; the clerk prints the letter and takes a pupil in. ----------
        principal, principal_errors = open_person(browser, base_url, PRINCIPAL)
        people.append(principal_errors)
        principal.goto(roster_3a)
        leaving_row = principal.locator("tbody tr").nth(3)
        leaving = leaving_row.locator("td").nth(1).inner_text().strip()
        leaving_row.get_by_role("link", name="Chuyển lớp, chuyển trường").click()
        principal.get_by_label("Hình thức").select_option(label="Chuyển trường")
        principal.get_by_label("Ngày rời trường").fill(today.strftime("%d%m%Y"))
        principal.get_by_label("Trường chuyển đến").fill("Trường Tiểu học Kim Đồng, phường Hoàn Kiếm")
        principal.get_by_label("Lý do (đơn của gia đình, lý do thôi học)").fill("Gia đình chuyển chỗ ở")
        principal.get_by_role("button", name="Ghi rời trường").click()
        expect(principal.get_by_role("link", name="Giấy giới thiệu chuyển trường (PDF)")).to_be_visible()
        movements_url = principal.url

        clerk, clerk_errors = open_person(browser, base_url, CLERK)
        people.append(clerk_errors)
        clerk.goto(movements_url)
        letter = clerk.get_by_role("link", name="Giấy giới thiệu chuyển trường (PDF)").get_attribute("href")
        response = clerk.context.request.get(letter)
        assert response.ok and response.headers["content-type"].startswith("application/pdf"), response.status
        with tempfile.TemporaryDirectory(prefix="hoso-letter-") as tmp:
            path = Path(tmp) / "letter.pdf"
            path.write_bytes(response.body())
            text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True).stdout
        assert "GIẤY GIỚI THIỆU CHUYỂN TRƯỜNG" in text.upper() and leaving in text, text

        clerk.goto("/register/transfer-in")
        clerk.get_by_label("Họ", exact=True).fill("Êban")
        clerk.get_by_label("Tên đệm").fill("Kŏ")
        clerk.get_by_label("Tên", exact=True).fill("Y")
        clerk.get_by_label("Họ viết sau tên (tên Ê Đê, Gia Rai…: H'Hen Niê)").check()
        clerk.get_by_label("Ngày sinh").fill("03042018")
        clerk.get_by_label("Giới tính").select_option(label="Nam")
        clerk.get_by_label("Dân tộc").fill("Ê Đê")
        clerk.get_by_label("Họ tên mẹ").fill("H'Lan Niê")
        clerk.get_by_label("Vào lớp").select_option(label="Lớp 3A")
        clerk.get_by_label("Ngày vào trường").fill(today.strftime("%d/%m/%Y"))
        clerk.get_by_label("Trường chuyển đi").fill("Trường Tiểu học Ea Tam, Buôn Ma Thuột")
        for box in clerk.get_by_role("group", name="Hồ sơ đã nhận").get_by_role("checkbox").all():
            box.check()
        clerk.get_by_role("button", name="Ghi sổ và xếp lớp").click()
        expect(clerk.get_by_text("Đã ghi sổ đăng bộ và xếp lớp cho học sinh chuyển đến.")).to_be_visible()
        expect(clerk.get_by_text(re.compile("Y Kŏ Êban")).first).to_be_visible()

        # --- 4. The admin board rolls the year over. -----------------------------------------------------------------
        admin.goto("/school/years")
        if admin.get_by_role("cell", name="2027-2028").count() == 0:
            admin.get_by_label("Năm bắt đầu").fill("2027")
            admin.get_by_role("button", name="Thêm năm học").click()
            expect(admin.get_by_text("Đã tạo năm học 2027-2028.")).to_be_visible()
        admin.goto("/school/rollover")
        admin.get_by_label("Năm học mới").select_option(label="2027-2028")
        admin.get_by_role("button", name="Xem").click()
        admin.get_by_role("button", name="Tạo các lớp theo năm nay").click()
        expect(admin.get_by_role("table", name="Lớp năm học 2027-2028 sau khi chuyển")).to_be_visible()
        admin.get_by_role("button", name="Chuyển năm học").click()
        expect(admin.get_by_text(re.compile("Mọi học sinh đang học đã có lớp năm học 2027-2028"))).to_be_visible(timeout=60_000)
        # Running it again changes nothing: there is nothing left to move.
        expect(admin.get_by_role("button", name="Chuyển năm học")).to_have_count(0)

        # --- 5. The roster of 4A for 2027-2028, as LibreOffice opens it. ---------------------------------------------
        four_a = admin.get_by_role("table", name="Lớp năm học 2027-2028 sau khi chuyển").get_by_role("link", name="4A", exact=True)
        four_a.click()
        expect(admin.get_by_role("heading", name=re.compile("4A"))).to_be_visible()
        expect(admin.get_by_text(re.compile("^Năm học 2027-2028")).first).to_be_visible()
        on_page = [cells[1].strip() for cells in
                   (row.locator("td").all_inner_texts() for row in admin.locator("tbody tr").all()) if len(cells) > 2]
        assert "Y Kŏ Êban" in on_page and leaving not in on_page, on_page
        href = admin.get_by_role("link", name="Excel (.xlsx)").get_attribute("href")
        workbook = admin.context.request.get(href)
        assert workbook.ok, workbook.status
        rows = libreoffice_rows(workbook.body())
        assert rows[0][:4] == ["STT", "Họ và tên", "Họ đệm", "Tên"], rows[0]
        pupils_rows = [row for row in rows[1:] if row and row[0].isdigit()]
        assert [row[1] for row in pupils_rows] == on_page, (pupils_rows, on_page)
        assert [int(row[0]) for row in pupils_rows] == list(range(1, len(pupils_rows) + 1))
        givens = [letter_key(row[3]) for row in pupils_rows]
        assert givens == sorted(givens), [row[3] for row in pupils_rows]

        for errors in people:
            assert not errors, errors
    finally:
        for context in browser.contexts:
            context.close()
