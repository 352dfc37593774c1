"""The assessment book at the end of term I (CK1), as the school lives it, on a hoso of this test's own:

- the principal opens the CK1 window for grade 4;
- the English teacher fills 4A by keyboard (letters, Enter and arrows, saved as typed) and by an uploaded Excel
  grid (a score of 11 refused first, then the fixed file previewed and saved);
- the server goes down in the middle of typing: the grid says so, keeps what is typed in the browser, and sends it
  when the server is back — nothing lost (checked on a reload with the browser's store emptied);
- the homeroom teacher enters qualities and competencies by keyboard and marks the part done; a value is then
  changed through an unlock request the principal approves, and done again locks it;
- the progress dashboard shows 4B's English as missing;
- the principal releases CK1, and a parent (invited by the clerk, account opened with the code) sees their child's
  results and no other child's.
"""
import re
import subprocess
from datetime import datetime, timedelta, timezone

import openpyxl
from playwright.sync_api import expect

from helpers import PRINCIPAL, libreoffice_rows, login

PASSWORD = PRINCIPAL[1]
SAVED = re.compile(r"Đã lưu lúc")


def vn_today():
    return datetime.now(timezone(timedelta(hours=7))).date()


def ddmmyyyy(day):
    return day.strftime("%d/%m/%Y")


def empty_store_and_reload(page):
    page.evaluate("localStorage.clear()")
    page.reload()


def rows(page):
    return page.locator("tbody tr[data-pupil]")


def cell(page, row, name):
    """The field of `row` (0-based) whose name starts with `name` ("level-", "score-", "comment-", "homeroom:q:…")."""
    return rows(page).nth(row).locator(f"[name^='{name}']")


def test_ck1_of_grade_4_from_window_to_parent(own_server, own_pages, tmp_path):
    today = vn_today()

    # The principal opens CK1 for grade 4.
    principal = own_pages("principal")
    login(principal, *PRINCIPAL)
    principal.goto("/school/assessment")
    principal.locator("#field-grade").select_option("4")
    principal.locator("#field-checkpoint").select_option("endTerm1")
    principal.locator("#field-opensOn").fill(ddmmyyyy(today - timedelta(days=1)))
    principal.locator("#field-closesOn").fill(ddmmyyyy(today + timedelta(days=7)))
    principal.get_by_role("button", name="Mở thời gian nhập").click()
    expect(principal.get_by_text("Đã mở nhập CK1 khối 4")).to_be_visible()

    # The English teacher fills the first five pupils of 4A by keyboard.
    english = own_pages("english")
    login(english, "gvbm.tienganh", PASSWORD)
    english.get_by_role("link", name="Ngoại ngữ 1 — lớp 4A").first.click()
    expect(english.get_by_role("heading", level=1)).to_contain_text("Ngoại ngữ 1 · lớp 4A · Cuối học kì I")
    grid_url = english.url
    class_path = re.search(r"/school/classes/[^/]+", grid_url).group(0)
    status = english.locator("#grid-status")
    levels = ["T", "H", "T", "C", "H"]
    scores = ["9", "7", "10", "4", "6"]
    cell(english, 0, "level-").focus()
    for level in levels:
        english.keyboard.press(level)
        english.keyboard.press("Enter")
    cell(english, 0, "score-").click()
    for score in scores:
        english.keyboard.type(score)
        english.keyboard.press("Enter")
    cell(english, 0, "comment-").click()
    english.keyboard.type("Em phát âm chuẩn.")
    english.keyboard.press("ArrowLeft")  # inside the text: the caret moves, not the cell
    expect(status).to_have_text(SAVED)
    expect(english.locator("tfoot [data-total]").first).to_have_text("T: 2 · H: 2 · C: 1")
    expect(english.locator("tfoot [data-total]").nth(1)).to_have_text("TB 7,2 (5)")
    empty_store_and_reload(english)
    for index, level in enumerate(levels):
        expect(cell(english, index, "level-")).to_have_value(level)
        expect(cell(english, index, "score-")).to_have_value(scores[index])
    expect(cell(english, 0, "comment-")).to_have_value("Em phát âm chuẩn.")
    # A phrase of the comment bank, inserted with one tap into the fifth pupil's comment.
    cell(english, 4, "comment-").click()
    bank = english.locator("#phrase-bank")
    expect(bank).to_be_visible()
    bank.get_by_role("button", name="Em đọc to, rõ ràng, diễn cảm.").click()
    expect(cell(english, 4, "comment-")).to_have_value("Em đọc to, rõ ràng, diễn cảm.")
    expect(status).to_have_text(SAVED)
    pupils = rows(english).evaluate_all("rows => rows.map(r => r.getAttribute('data-pupil'))")
    names = rows(english).locator("th").evaluate_all("cells => cells.map(c => c.firstChild.textContent.trim())")

    # The rest of the class by Excel: downloaded, filled offline, uploaded; a score of 11 is refused first.
    with english.expect_download() as download:
        english.get_by_role("link", name="Tải bảng Excel").click()
    downloaded = tmp_path / "tai-ve.xlsx"
    download.value.save_as(downloaded)
    book = openpyxl.load_workbook(downloaded)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header == ["STT", "Mã học sinh (hoso)", "Họ và tên", "Mức đạt được", "Điểm KTĐK", "Nhận xét"], header
    filled_rows = list(sheet.iter_rows(min_row=2))
    for number, row in enumerate(filled_rows, start=1):
        if number > 5:
            row[3].value, row[4].value, row[5].value = "H", 8, f"Nhận xét riêng số {number}."

    def upload(score_of_sixth):
        filled_rows[5][4].value = score_of_sixth
        path = tmp_path / "4a-tieng-anh.xlsx"
        book.save(path)
        english.locator("#field-file").set_input_files(str(path))
        english.get_by_role("button", name="Tải lên và kiểm tra").click()

    upload(11)
    expect(english.get_by_text("điểm 11 không hợp lệ (số nguyên 0–10).").first).to_be_visible()
    upload(9)
    expect(english.get_by_text("Kiểm tra rồi bấm Lưu; chưa có gì được lưu.")).to_be_visible()
    expect(status).to_contain_text("chưa lưu: kiểm tra rồi bấm Lưu")
    english.get_by_role("button", name="Lưu", exact=True).click()
    expect(status).to_have_text(SAVED)
    english.goto(grid_url)
    empty_store_and_reload(english)
    expect(cell(english, 5, "score-")).to_have_value("9")
    expect(cell(english, 6, "comment-")).to_have_value("Nhận xét riêng số 7.")
    expect(cell(english, 0, "comment-")).to_have_value("Em phát âm chuẩn.")
    expect(cell(english, 4, "comment-")).to_have_value("Em đọc to, rõ ràng, diễn cảm.")

    # Two rows copied from a spreadsheet (level, score, comment) and pasted on the 10th pupil's level fill both rows.
    cell(english, 9, "level-").focus()
    english.evaluate(
        """text => { const data = new DataTransfer(); data.setData('text/plain', text);
        document.activeElement.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})); }""",
        "T\t10\tDán từ Excel một.\r\nC\t3\tDán từ Excel hai.\r\n")
    expect(status).to_have_text(SAVED)
    empty_store_and_reload(english)
    expect(cell(english, 9, "level-")).to_have_value("T")
    expect(cell(english, 10, "score-")).to_have_value("3")
    expect(cell(english, 10, "comment-")).to_have_value("Dán từ Excel hai.")
    expect(cell(english, 11, "comment-")).to_have_value("Nhận xét riêng số 12.")

    # The server goes down in the middle of typing; nothing typed is lost.
    cell(english, 1, "comment-").fill("Em chăm chỉ.")
    expect(status).to_have_text(SAVED)
    own_server.stop()
    cell(english, 2, "comment-").fill("Em cần luyện nghe thêm.")
    cell(english, 3, "level-").focus()
    english.keyboard.press("H")
    expect(status).to_contain_text("Mất kết nối", timeout=20_000)
    kept = english.evaluate("JSON.stringify(localStorage)")
    assert "Em cần luyện nghe thêm." in kept, kept
    own_server.start()
    expect(status).to_have_text(SAVED, timeout=30_000)
    empty_store_and_reload(english)
    expect(cell(english, 1, "comment-")).to_have_value("Em chăm chỉ.")
    expect(cell(english, 2, "comment-")).to_have_value("Em cần luyện nghe thêm.")
    expect(cell(english, 3, "level-")).to_have_value("H")

    # The same grid on the teacher's phone (one pupil at a time) and laptop: the laptop, offline for a moment,
    # typed over a line the phone saved since; it is shown both values instead of overwriting silently.
    phone = own_pages("phone", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    login(phone, "gvbm.tienganh", PASSWORD)
    phone.goto(grid_url)
    where = phone.locator(".grid-nav span")
    expect(where).to_contain_text(f"1/{len(pupils)} · {names[0]}")
    expect(rows(phone).nth(1)).to_be_hidden()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no page-wide sideways scroll"
    english.context.set_offline(True)
    cell(english, 2, "comment-").fill("Bản trên máy tính.")
    expect(status).to_contain_text("Mất kết nối", timeout=20_000)
    phone.get_by_role("button", name="Sau ›").click()
    phone.get_by_role("button", name="Sau ›").click()
    expect(where).to_contain_text(f"3/{len(pupils)} · {names[2]}")
    phone.locator("tr.current .level-buttons button").filter(has_text=re.compile("^C$")).tap()
    expect(phone.locator("#grid-status")).to_have_text(SAVED)
    english.context.set_offline(False)
    conflict = rows(english).nth(2).locator(".grid-note")
    expect(conflict).to_contain_text("Máy khác (Hoàng Văn Nam) đã lưu: C", timeout=20_000)
    expect(conflict).to_contain_text("Bạn đã nhập: T · 10 · Bản trên máy tính. ")
    conflict.get_by_role("button", name="Giữ bản của tôi").click()
    expect(status).to_have_text(SAVED)
    # The phone shows the laptop's change within its next look at the server.
    expect(cell(phone, 2, "comment-")).to_have_value("Bản trên máy tính.", timeout=20_000)
    expect(cell(phone, 2, "level-")).to_have_value("T")

    # The homeroom teacher enters qualities and competencies by keyboard and marks the part done.
    homeroom = own_pages("homeroom")
    login(homeroom, "gvcn.4a", PASSWORD)
    homeroom.goto(class_path + "/assessment?checkpoint=endTerm1")
    expect(homeroom.get_by_role("heading", level=1)).to_contain_text("Phẩm chất, năng lực · lớp 4A")
    for row in range(2):
        cell(homeroom, row, "homeroom:q:").first.focus()
        for key in ["T", "d", "T", "T", "D", "T", "T", "T", "T", "d"]:  # "d" and "D" give Đ
            homeroom.keyboard.press(key)
            homeroom.keyboard.press("ArrowRight")
    cell(homeroom, 0, "comment|").fill("Em lễ phép, hoà đồng với bạn bè.")
    expect(homeroom.locator("#grid-status")).to_have_text(SAVED)
    expect(cell(homeroom, 1, "homeroom:").nth(1)).to_have_value("Đ")
    homeroom.once("dialog", lambda dialog: dialog.accept())
    homeroom.get_by_role("button", name="Đánh dấu hoàn thành").click()
    expect(homeroom.get_by_text("Đã hoàn thành và khoá").first).to_be_visible()
    homeroom.get_by_label("Lý do cần sửa").fill("Em thứ nhất: Yêu nước ghi nhầm, phải là Đạt")
    homeroom.get_by_role("button", name="Gửi đề nghị").click()
    expect(homeroom.get_by_text("Đề nghị mở khoá đang chờ hiệu trưởng.")).to_be_visible()

    principal.goto("/school/assessment")
    request = principal.locator("form.unlock-request").filter(has_text="Phẩm chất, năng lực CK1 lớp 4A")
    expect(request).to_contain_text("Yêu nước ghi nhầm")
    request.get_by_role("button", name="Đồng ý mở khoá").click()
    expect(principal.get_by_text("Đã đồng ý mở khoá")).to_be_visible()

    homeroom.reload()
    expect(homeroom.get_by_text("Hiệu trưởng đã mở khoá").first).to_be_visible()
    cell(homeroom, 0, "homeroom:q:").first.focus()
    homeroom.keyboard.press("D")
    expect(homeroom.locator("#grid-status")).to_have_text(SAVED)
    homeroom.once("dialog", lambda dialog: dialog.accept())
    homeroom.get_by_role("button", name="Đánh dấu hoàn thành").click()
    expect(homeroom.get_by_text("Đã hoàn thành và khoá").first).to_be_visible()
    expect(homeroom.locator("tbody tr").first.locator("td").nth(1)).to_have_text("Đ")
    expect(homeroom.locator("select")).to_have_count(1)  # only the checkpoint chooser: nothing is writable

    # The summary table of CK1: the PDF read back by pdftotext and pdffonts, the workbook by LibreOffice.
    summary_pdf = homeroom.request.get(class_path + "/bang-tong-hop.pdf?checkpoint=endTerm1")
    assert summary_pdf.ok and summary_pdf.headers["content-type"].startswith("application/pdf")
    pdf_path = tmp_path / "bang-tong-hop.pdf"
    pdf_path.write_bytes(summary_pdf.body())
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"], check=True, capture_output=True, text=True).stdout
    assert "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ GIÁO DỤC" in text and "Lớp 4A · Cuối học kì I" in text and names[5] in text, text[:400]
    fonts = subprocess.run(["pdffonts", str(pdf_path)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts) and any("LiberationSerif" in f for f in fonts), fonts
    summary_xlsx = homeroom.request.get(class_path + "/bang-tong-hop.xlsx?checkpoint=endTerm1")
    table = libreoffice_rows(summary_xlsx.body())
    english_level = table[0].index("Ngoại ngữ 1 — mức")
    by_name = {row[1]: row for row in table[1:]}
    assert by_name[names[5]][english_level] == "H" and by_name[names[2]][english_level] == "T", table[:3]

    # The dashboard: 4B's English has nothing yet.
    principal.goto("/school/assessment/progress?checkpoint=endTerm1")
    missing = principal.locator("tbody tr").filter(has_text="4B").filter(has_text="Ngoại ngữ 1")
    expect(missing).to_contain_text("0/")
    expect(principal.locator("svg")).to_be_visible()

    # The principal releases CK1.
    principal.goto("/school/assessment")
    principal.locator("#field-release").select_option("endTerm1")
    principal.once("dialog", lambda dialog: dialog.accept())
    principal.get_by_role("button", name="Công bố").click()
    expect(principal.get_by_text("Đã công bố kết quả Cuối học kì I cho phụ huynh.")).to_be_visible()

    # The clerk invites the guardian of 4A's sixth pupil; the parent opens an account and sees that child only.
    child_name, child_id = names[5], pupils[5]
    clerk = own_pages("clerk")
    login(clerk, "vanthu", PASSWORD)
    clerk.goto("/register/families")
    family = clerk.locator("tbody tr").filter(has_text=f"của {child_name}").first
    phone = family.locator("td").nth(1).inner_text().split("\n")[0].strip()
    family.get_by_role("button", name="Gửi mã mời").click()
    code = clerk.locator("strong.code").first.inner_text().strip()

    parent = own_pages("parent", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    parent.goto("/phu-huynh/kich-hoat")
    parent.get_by_label("Mã mời").fill(code)
    parent.get_by_label("Số điện thoại của anh/chị").fill(phone)
    parent.get_by_label("Tên đăng nhập").fill("phuhuynh.4a.ck1")
    parent.get_by_label("Mật khẩu", exact=True).fill("mat-khau-cua-me-4a")
    parent.get_by_label("Nhập lại mật khẩu").fill("mat-khau-cua-me-4a")
    parent.get_by_role("button", name=re.compile("Mở tài khoản|Kích hoạt|Tạo tài khoản")).click()
    expect(parent).to_have_url(re.compile(r"/phu-huynh/?$"))
    parent.goto(f"/phu-huynh/con/{child_id}")
    results = parent.locator("section.card").filter(has_text="Kết quả Cuối học kì I")
    expect(results).to_contain_text("Ngoại ngữ 1")
    expect(results).to_contain_text("Nhận xét riêng số 6.")
    expect(results).not_to_contain_text("Nhận xét riêng số 7.")
    expect(parent.get_by_text("Em phát âm chuẩn.")).to_have_count(0)
    other = parent.request.get(f"/phu-huynh/con/{pupils[6]}")
    assert other.status in (403, 404), other.status
