"""The admissions front door, at phone size: a list imported (one bad row refused, then fixed), slips printed with
QR codes that decode to the portal, a parent applying with a code (birth certificate uploaded, submitted twice, one
receipt), another parent helped at the desk, and the principal's report counting both."""
import re
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import expect

from helpers import PRINCIPAL, login

PHONE = dict(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="vi-VN")
CLERK = ("vanthu", "TrungVuong@2026")
DESK = ("thuongtruc", "TrungVuong@2026")
HEADER = "Họ và tên,Ngày sinh,Giới tính,Mã định danh,Họ tên cha mẹ,Số điện thoại,Địa chỉ,Lý do\n"
KINDERGARTEN = "Trường Mầm non Sao Mai"
# About 2 MB, like a scanned certificate: large enough to arrive in many socket reads.
BIRTH_CERTIFICATE = (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"%" + b"x" * 2_000_000
                     + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def phone(browser, base_url):
    context = browser.new_context(base_url=base_url, **PHONE)
    page = context.new_page()
    page.on("response", lambda r: (_ for _ in ()).throw(AssertionError(f"{r.status} on {r.url}")) if r.status >= 500 else None)
    return context, page


def open_menu(page, link):
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation").get_by_role("link", name=link, exact=True).click()


def write(tmp: Path, name: str, text: str) -> str:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_admissions_front_door_at_phone_size(browser, base_url):
    tmp = Path(tempfile.mkdtemp(prefix="hoso-browser-"))

    # The clerk adds a kindergarten and imports its list: one bad row is refused, the fixed list goes in.
    clerk_context, clerk = phone(browser, base_url)
    login(clerk, *CLERK)
    open_menu(clerk, "Tuyển sinh")
    clerk.get_by_role("link", name=re.compile("Tuyển sinh lớp 1 năm học 2027-2028")).click()
    campaign_url = clerk.url
    clerk.get_by_label("Tên trường mầm non").fill(KINDERGARTEN)
    clerk.get_by_role("button", name="Thêm trường").click()
    expect(clerk.get_by_text(f"Đã thêm {KINDERGARTEN}.")).to_be_visible()
    clerk.get_by_role("link", name="Nhập danh sách trẻ").click()
    clerk.get_by_label("Trường mầm non", exact=True).select_option(label=KINDERGARTEN)
    bad = HEADER + "Lò Thị Mỷ,01/02/2021,Nữ,,Lò Văn Pẩng,0901234567,,\nPhạm Minh Trí,15/06/2023,Nam,,Phạm Văn Tú,0907654321,,\n"
    clerk.get_by_label("Tệp danh sách").set_input_files(write(tmp, "sao-mai.csv", bad))
    clerk.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(clerk.get_by_text("Có 1 dòng lỗi")).to_be_visible()
    expect(clerk.get_by_text("chưa đủ tuổi vào lớp 1")).to_be_visible()
    expect(clerk.get_by_role("button", name="Nhập tất cả và cấp mã")).to_have_count(0)
    fixed = bad.replace("15/06/2023", "15/06/2021")
    clerk.get_by_label("Trường mầm non", exact=True).select_option(label=KINDERGARTEN)
    clerk.get_by_label("Tệp danh sách").set_input_files(write(tmp, "sao-mai.csv", fixed))
    clerk.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(clerk.get_by_text("Tất cả 2 dòng hợp lệ.")).to_be_visible()
    clerk.get_by_role("button", name="Nhập tất cả và cấp mã").click()
    expect(clerk.get_by_text("Đã nhập 2 trẻ và cấp 2 mã đăng ký.")).to_be_visible()
    codes = {}
    for name in ("Lò Thị Mỷ", "Phạm Minh Trí"):
        row = clerk.get_by_role("row").filter(has_text=name)
        codes[name] = row.locator("code").inner_text().strip()
        assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}", codes[name]), codes[name]

    # The slips: each child's code in the text, fonts embedded, and QR codes that decode to the portal.
    clerk.goto(campaign_url)
    slips_href = clerk.locator("section").filter(has_text=KINDERGARTEN).get_by_role("link", name="In phiếu mã (PDF)").get_attribute("href")
    response = clerk_context.request.get(slips_href)
    assert response.ok and response.headers["content-type"].startswith("application/pdf")
    pdf = tmp / "slips.pdf"
    pdf.write_bytes(response.body())
    text = run("pdftotext", "-enc", "UTF-8", str(pdf), "-")
    for name, code in codes.items():
        assert name in text and code in text, (name, code)
    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    run("pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp / "slips"))
    links = run("zbarimg", "--raw", "-q", str(tmp / "slips.png")).split()
    expected = {f"/tuyen-sinh?ma={code.replace('-', '')}" for code in codes.values()}
    assert {urlparse(link).path + "?" + urlparse(link).query for link in links} == expected, links

    # A parent applies from the slip's QR link on a phone.
    parent_context, parent = phone(browser, base_url)
    my_link = next(link for link in links if codes["Lò Thị Mỷ"].replace("-", "") in link)
    parent.goto(urlparse(my_link).path + "?" + urlparse(my_link).query)
    expect(parent.get_by_label("Mã số đăng ký")).to_have_value(codes["Lò Thị Mỷ"].replace("-", ""))
    parent.get_by_label("Ngày sinh của trẻ").fill("01/02/2021")
    parent.get_by_role("button", name="Tiếp tục").click()
    expect(parent.get_by_role("heading", name="Hồ sơ đăng ký vào lớp 1")).to_be_visible()
    parent.get_by_label("Loại giấy tờ").select_option(label="Bản sao giấy khai sinh (bắt buộc)")
    parent.get_by_label("Tệp", exact=True).set_input_files({"name": "giay-khai-sinh.pdf", "mimeType": "application/pdf", "buffer": BIRTH_CERTIFICATE})
    parent.get_by_role("button", name="Tải lên").click()
    expect(parent.get_by_text("Đã tải lên Bản sao giấy khai sinh: giay-khai-sinh.pdf.")).to_be_visible()
    expect(parent.get_by_label("Tên", exact=True)).to_have_value("Mỷ")
    expect(parent.get_by_label("Dân tộc")).to_have_value("")  # never assumed
    parent.get_by_label("Dân tộc").select_option("Thái")
    parent.get_by_label("Nơi sinh", exact=True).fill("Bệnh viện Đa khoa tỉnh Điện Biên")
    parent.get_by_label("Họ tên mẹ").fill("Lò Thị Pầm")
    parent.get_by_label("Điện thoại của mẹ").fill("0901234567")
    parent.get_by_label("Thường trú").check()
    parent.get_by_label("Tổ dân phố/thôn, phường/xã").select_option(label="Tổ 2, Phường Hoàn Kiếm")
    parent.get_by_label("Số nhà, đường/ngõ").fill("Số 9 phố Hàng Bài")
    parent.get_by_label("Trẻ cư trú trong địa bàn tuyển sinh của trường").check()
    parent.get_by_label("Tôi là cha, mẹ hoặc người giám hộ").check()
    width = parent.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"application form is {width}px wide on a 360px phone"
    # A double submission (two requests racing, as from a double tap or two tabs), then the button itself.
    statuses = parent.evaluate("""async () => {
        const form = document.querySelector('form[action="/tuyen-sinh/ho-so"]');
        const data = new URLSearchParams(new FormData(form));
        data.set('action', 'submit');
        const send = () => fetch(form.getAttribute('action'), {method: 'POST', body: data, redirect: 'manual'}).then(r => r.type + ':' + r.status);
        return Promise.all([send(), send()]);
    }""")
    assert statuses == ["opaqueredirect:0", "opaqueredirect:0"], statuses
    parent.get_by_role("button", name="Nộp hồ sơ").click()
    heading = parent.get_by_role("heading", name=re.compile(r"Biên nhận hồ sơ số 2027-\d{5}"))
    expect(heading).to_be_visible()
    number = heading.inner_text().split()[-1]
    parent.reload()
    expect(parent.get_by_role("heading", name=f"Biên nhận hồ sơ số {number}")).to_be_visible()
    receipt_pdf = parent_context.request.get("/tuyen-sinh/bien-nhan.pdf")
    assert receipt_pdf.ok
    (tmp / "receipt.pdf").write_bytes(receipt_pdf.body())
    receipt_text = run("pdftotext", "-enc", "UTF-8", str(tmp / "receipt.pdf"), "-")
    assert number in receipt_text and "Lò Thị Mỷ" in receipt_text

    # Another parent is helped at the desk.
    desk_context, desk = phone(browser, base_url)
    login(desk, *DESK)
    open_menu(desk, "Thường trực")
    desk.get_by_label(re.compile("Mã số, tên trẻ")).fill("pham minh tri")
    desk.get_by_role("button", name="Tìm").click()
    desk.get_by_role("link", name="Phạm Minh Trí").click()
    desk.get_by_role("link", name="Nhập/sửa hồ sơ thay phụ huynh").click()
    desk.get_by_label("Dân tộc").select_option("Kinh")
    desk.get_by_label("Nơi sinh", exact=True).fill("Hà Nội")
    desk.get_by_label("Họ tên cha").fill("Phạm Văn Tú")
    desk.get_by_label("Điện thoại của cha").fill("0907654321")
    desk.get_by_label("Tạm trú").check()
    desk.get_by_label("Tổ dân phố/thôn, phường/xã").select_option(label="Tổ 1, Phường Cửa Nam")
    desk.get_by_label("Số nhà, đường/ngõ").fill("Số 3 phố Cửa Nam")
    desk.get_by_label("Tôi là cha, mẹ hoặc người giám hộ").check()
    desk.get_by_role("button", name="Nộp hồ sơ").click()
    expect(desk.get_by_text("Đã nộp hồ sơ thay phụ huynh.")).to_be_visible()
    expect(desk.get_by_text("nhập tại bàn bởi Hoàng Thị Thu")).to_be_visible()

    # The principal's report counts both for the kindergarten.
    principal_context, principal = phone(browser, base_url)
    login(principal, *PRINCIPAL)
    principal.goto(campaign_url)
    principal.get_by_role("link", name="Báo cáo tuyển sinh").click()
    row = principal.get_by_role("table", name="Theo trường mầm non").get_by_role("row").filter(has_text=KINDERGARTEN)
    cells = [cell.strip() for cell in row.locator("td").all_inner_texts()]
    assert cells == [KINDERGARTEN, "2", "2", "0", "0", "2", "1"], cells

    for context in (clerk_context, parent_context, desk_context, principal_context):
        context.close()
