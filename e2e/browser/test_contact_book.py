"""The contact book as a class lives it, on a hoso of this test's own:

- the clerk invites the two guardians of a family with a child in 2B and another in 4A; each opens an account (one
  on a 360 px phone) and sees both children under one login;
- the homeroom teacher of 2B previews and sends an announcement to the class and writes privately about the 2B
  child, with a PDF attached that the family downloads;
- one guardian reads both, confirms the announcement and replies; the teacher sees the read receipt and the reply;
- the homeroom teacher of 2A cannot address 2B: 403 and nothing stored;
- the family records its photo consent and chooses SMS on its channel page; the principal reads the conversation.
"""
import re
import sqlite3

from playwright.sync_api import expect

from helpers import PRINCIPAL, login

PASSWORD = PRINCIPAL[1]


def family_in_2b_and_4a(data_dir):
    """The guardians (id, full name, phone) of one family with a child attending 2B and another attending 4A, and
    the children (id, full name, class), read from the own server's database."""
    db = sqlite3.connect(data_dir / "hoso.sqlite")
    rows = db.execute(
        """SELECT sg.guardian_id, g.family_name || ' ' || g.middle_name || ' ' || g.given_name, g.phone,
                  s.id, s.family_name || ' ' || s.middle_name || ' ' || s.given_name, c.name
           FROM student_guardians sg JOIN guardians g ON g.id = sg.guardian_id JOIN students s ON s.id = sg.student_id
           JOIN enrollments e ON e.student_id = s.id AND e.left_on IS NULL
           JOIN school_years y ON y.id = e.year_id AND y.is_current = 1 JOIN classes c ON c.id = e.class_id
           WHERE c.name IN ('2B', '4A')""").fetchall()
    db.close()
    by_guardian = {}
    for guardian, name, phone, pupil, pupil_name, class_name in rows:
        entry = by_guardian.setdefault(guardian, {"name": re.sub(r"\s+", " ", name).strip(), "phone": phone, "children": {}})
        entry["children"][class_name] = (pupil, re.sub(r"\s+", " ", pupil_name).strip())
    families = {}
    for guardian, entry in by_guardian.items():
        if set(entry["children"]) == {"2B", "4A"}:
            key = tuple(sorted(p for p, _ in entry["children"].values()))
            families.setdefault(key, []).append((guardian, entry))
    assert families, "the demo has no family with children in 2B and 4A"
    guardians = max(families.values(), key=len)
    return guardians, guardians[0][1]["children"]


def announcement_count(data_dir):
    db = sqlite3.connect(data_dir / "hoso.sqlite")
    count = db.execute("SELECT COUNT(*) FROM announcements").fetchone()[0]
    db.close()
    return count


def open_account(page, code, phone, username):
    page.goto("/phu-huynh/kich-hoat")
    page.get_by_label("Mã mời").fill(code)
    page.get_by_label("Số điện thoại của anh/chị").fill(phone)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu", exact=True).fill("mat-khau-phu-huynh")
    page.get_by_label("Nhập lại mật khẩu").fill("mat-khau-phu-huynh")
    page.get_by_role("button", name=re.compile("Mở tài khoản|Kích hoạt|Tạo tài khoản")).click()
    expect(page).to_have_url(re.compile(r"/phu-huynh/?$"))


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_class_2b_announcement_conversation_and_scope(own_server, own_pages, tmp_path):
    guardians, children = family_in_2b_and_4a(own_server.data)
    pupil_2b, name_2b = children["2B"]
    _, name_4a = children["4A"]

    # The clerk invites the family's guardians; each opens an account and sees both children under one login.
    clerk = own_pages("clerk")
    login(clerk, "vanthu", PASSWORD)
    parents = []
    for index, (_, guardian) in enumerate(guardians[:2]):
        clerk.goto("/register/families")
        row = clerk.locator("tbody tr").filter(has_text=guardian["name"]).filter(has_text=f"của {name_2b}").first
        row.get_by_role("button", name="Gửi mã mời").click()
        code = clerk.locator("strong.code").first.inner_text().strip()
        options = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True} if index == 0 else {}
        parent = own_pages(f"parent{index}", **options)
        open_account(parent, code, guardian["phone"], f"phuhuynh.2b4a.{index}")
        expect(parent.get_by_role("heading", name=name_2b)).to_be_visible()
        expect(parent.get_by_role("heading", name=name_4a)).to_be_visible()
        parents.append(parent)

    # The homeroom teacher of 2B previews the audience, then sends; and writes privately about the 2B child.
    teacher = own_pages("teacher-2b")
    login(teacher, "gvcn.2b", PASSWORD)
    teacher.goto("/school/contact/new")
    expect(teacher.get_by_text("Điều 11").first).to_be_visible()
    teacher.get_by_label("Gửi tới").select_option(label="Lớp 2B")
    teacher.get_by_label("Tiêu đề").fill("Họp phụ huynh lớp 2B")
    teacher.get_by_label("Nội dung").fill("Mời anh chị dự họp lúc 19 giờ thứ Sáu tại phòng 2B.")
    teacher.get_by_label("Hạn xác nhận đã đọc").fill("31/12/2099")
    teacher.get_by_role("button", name="Xem trước người nhận").click()
    expect(teacher.get_by_role("heading", name="Người nhận: Lớp 2B")).to_be_visible()
    expect(teacher.locator("#preview")).to_contain_text(guardians[0][1]["name"])
    teacher.get_by_role("button", name=re.compile(r"Gửi thông báo tới \d+ gia đình")).click()
    expect(teacher.get_by_role("heading", name="Họp phụ huynh lớp 2B")).to_be_visible()
    announcement_url = teacher.url
    assert announcement_count(own_server.data) == 1

    teacher.goto(f"/school/contact/pupils/{pupil_2b}")
    teacher.get_by_label("Tin nhắn", exact=True).fill("Hôm nay cháu quên vở Tiếng Việt, nhờ anh chị nhắc cháu.")
    form = tmp_path / "phieu-ban-tru.pdf"
    form.write_bytes(PDF)
    teacher.get_by_label(re.compile("Tệp đính kèm")).set_input_files(str(form))
    teacher.get_by_role("button", name="Gửi").click()
    expect(teacher.get_by_role("link", name="phieu-ban-tru.pdf")).to_be_visible()
    expect(teacher.get_by_text("Hôm nay cháu quên vở Tiếng Việt")).to_be_visible()

    # One guardian reads both items, confirms the announcement and replies.
    parent = parents[0]
    parent.goto("/phu-huynh")
    expect(parent.get_by_text("Họp phụ huynh lớp 2B")).to_be_visible()
    expect(parent.get_by_text("Hôm nay cháu quên vở Tiếng Việt").first).to_be_visible()
    parent.get_by_role("link", name="Họp phụ huynh lớp 2B").click()
    expect(parent.get_by_text("Mời anh chị dự họp lúc 19 giờ")).to_be_visible()
    parent.get_by_role("button", name="Xác nhận đã đọc").click()
    expect(parent.get_by_text("Anh/chị đã xác nhận đã đọc.")).to_be_visible()
    parent.goto(f"/phu-huynh/con/{pupil_2b}/trao-doi")
    attached = parent.request.get(parent.get_by_role("link", name="phieu-ban-tru.pdf").get_attribute("href"))
    assert attached.ok and attached.body() == PDF, attached.status
    parent.get_by_label("Tin nhắn", exact=True).fill("Dạ, tối nay cháu sẽ bổ sung bài ạ.")
    parent.get_by_role("button", name="Gửi").click()
    expect(parent.get_by_text("tối nay cháu sẽ bổ sung bài")).to_be_visible()
    width = parent.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the conversation is {width} px wide on a 360 px phone"

    # The family records its photo consent on the child's page.
    parent.goto(f"/phu-huynh/con/{pupil_2b}")
    parent.get_by_label(re.compile("Gia đình đồng ý cho nhà trường gửi ảnh")).check()
    consent_child = parent.get_by_label("Con đã được hỏi và cũng đồng ý")
    if consent_child.count():
        consent_child.check()
    parent.get_by_role("button", name="Lưu ý kiến").click()
    expect(parent.get_by_text("Đã ghi nhận: gia đình đồng ý")).to_be_visible()

    # The family chooses SMS besides the web page.
    parent.goto("/phu-huynh/nhan-tin")
    parent.get_by_label(re.compile("Tin nhắn SMS")).check()
    parent.get_by_role("button", name="Lưu").click()
    expect(parent.get_by_text("Đã lưu cách nhận tin của anh/chị.")).to_be_visible()
    expect(parent.get_by_label(re.compile("Tin nhắn SMS"))).to_be_checked()

    # The teacher sees the read receipt, the reply and the confirmation.
    teacher.goto(f"/school/contact/pupils/{pupil_2b}")
    expect(teacher.get_by_text("tối nay cháu sẽ bổ sung bài")).to_be_visible()
    expect(teacher.get_by_text(re.compile("Đã xem:")).first).to_be_visible()
    teacher.goto(announcement_url)
    expect(teacher.get_by_role("heading", name=re.compile(r"đã đọc [1-9].*đã xác nhận 1"))).to_be_visible()

    # The homeroom teacher of 2A cannot address 2B: 403, nothing stored.
    other = own_pages("teacher-2a")
    login(other, "gvcn.2a", PASSWORD)
    other.goto("/school/contact/new")
    labels = other.get_by_label("Gửi tới").locator("option").all_inner_texts()
    assert "Lớp 2B" not in labels, labels
    csrf = other.locator("input[name=_csrf]").first.get_attribute("value")
    class_2b = teacher_class_value(teacher)
    answer = other.request.post(
        "/school/contact/new",
        form={"_csrf": csrf, "audience": class_2b, "title": "Nhầm lớp", "body": "Thử", "step": "preview"})
    assert answer.status == 403, answer.status
    assert announcement_count(own_server.data) == 1

    # The principal reads the conversation, overseeing it.
    principal = own_pages("principal")
    login(principal, *PRINCIPAL)
    principal.goto(f"/school/contact/pupils/{pupil_2b}")
    expect(principal.get_by_text("tối nay cháu sẽ bổ sung bài")).to_be_visible()
    expect(principal.get_by_text(re.compile("giám sát"))).to_be_visible()
    principal.goto("/school/contact")
    expect(principal.get_by_text("Họp phụ huynh lớp 2B")).to_be_visible()


def teacher_class_value(teacher):
    """The value the compose form gives "Lớp 2B" (class:<id>), read from the 2B teacher's own form."""
    teacher.goto("/school/contact/new")
    return teacher.get_by_label("Gửi tới").locator("option", has_text="Lớp 2B").get_attribute("value")
