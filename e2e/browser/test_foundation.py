"""Foundation: signing in, the principal creates a class and assigns its
homeroom teacher, the audit log shows it, phone layout, session cookie."""
from playwright.sync_api import Page, expect

from helpers import (
    FREE_TEACHER_NAME,
    LOGIN_PATH,
    PRINCIPAL,
    SCHOOL_NAME,
    form_with_button,
    login,
    nav_link,
    path_is,
)


def test_principal_signs_in(page: Page):
    page.goto("/login")
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()
    expect(page.get_by_label("Mật khẩu")).to_have_attribute("type", "password")

    login(page, *PRINCIPAL)

    expect(page).not_to_have_url(LOGIN_PATH)
    expect(page.locator("body")).to_contain_text(SCHOOL_NAME)
    expect(nav_link(page, "Lớp học")).to_be_visible()


def test_principal_creates_class_and_assigns_homeroom_teacher(page: Page):
    login(page, *PRINCIPAL)

    # Class list, from the navigation.
    nav_link(page, "Lớp học").click()
    expect(page).to_have_url(path_is("/school/classes"))

    page.get_by_role("link", name="Thêm lớp").click()
    expect(page).to_have_url(path_is("/school/classes/new"))

    name = page.get_by_label("Tên lớp")
    grade = page.get_by_label("Khối", exact=True)
    teacher = page.get_by_label("Giáo viên chủ nhiệm")
    room = page.get_by_label("Phòng học")
    capacity = page.get_by_label("Sĩ số tối đa")

    # The form as it first appears.
    expect(capacity).to_have_attribute("type", "number")
    expect(capacity).to_have_value("35")
    grade_options = grade.locator("option").evaluate_all(
        "os => os.filter(o => o.value).map(o => [o.value, o.textContent.trim()])"
    )
    assert grade_options == [[str(g), f"Khối {g}"] for g in range(1, 6)], grade_options
    teacher_names = teacher.locator("option").evaluate_all("os => os.map(o => o.textContent.trim())")
    assert FREE_TEACHER_NAME in teacher_names, teacher_names

    # Submit without a class name. The server must check it whatever the
    # browser does, so switch off the browser's own validation (`required`).
    form = form_with_button(page, "Lưu")
    form.evaluate("f => { f.noValidate = true }")
    grade.select_option(value="1")
    teacher.select_option(label=FREE_TEACHER_NAME)
    room.fill("P.204")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Lưu").click()
    assert posted.value.status == 422, f"invalid form answered {posted.value.status}, expected 422"

    expect(page.get_by_role("alert").filter(has_text="Vui lòng nhập tên lớp")).to_be_visible()
    # Every value typed is kept.
    expect(room).to_have_value("P.204")
    expect(grade).to_have_value("1")
    expect(capacity).to_have_value("35")
    assert teacher.evaluate("s => s.selectedOptions[0]?.textContent.trim()") == FREE_TEACHER_NAME

    # Now a valid class.
    name.fill("1D")
    grade.select_option(value="1")
    teacher.select_option(label=FREE_TEACHER_NAME)
    room.fill("P.204")
    page.get_by_role("button", name="Lưu").click()

    expect(page).to_have_url(path_is("/school/classes"))
    expect(page.get_by_text("Đã tạo lớp 1D")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_text("1D", exact=True))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(FREE_TEACHER_NAME)

    # The audit log names both actions.
    nav_link(page, "Nhật ký").click()
    expect(page).to_have_url(path_is("/audit"))
    entries = page.locator("tbody tr, li, article")
    expect(entries.filter(has_text="Tạo lớp").filter(has_text="1D").first).to_be_visible()
    expect(entries.filter(has_text="Phân công chủ nhiệm").filter(has_text=FREE_TEACHER_NAME).first).to_be_visible()


def no_horizontal_scroll(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_phone_login_fits_and_menu_reveals_navigation(phone_page: Page):
    page = phone_page
    page.goto("/login")
    width = no_horizontal_scroll(page)
    assert width <= 360, (
        f"login page is {width}px wide on a 360px phone "
        '(missing <meta name="viewport" content="width=device-width, initial-scale=1">, or something too wide)'
    )

    login(page, *PRINCIPAL)
    width = no_horizontal_scroll(page)
    assert width <= 360, f"home page is {width}px wide on a 360px phone"

    classes = page.get_by_role("navigation").get_by_role("link", name="Lớp học", exact=True)
    expect(classes).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(classes.first).to_be_visible()
    classes.first.click()
    expect(page).to_have_url(path_is("/school/classes"))


def test_session_cookie_is_httponly_and_samesite_lax(page: Page):
    login(page, *PRINCIPAL)
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert "hoso_session" in cookies, f"no hoso_session cookie after login; cookies: {sorted(cookies)}"
    cookie = cookies["hoso_session"]
    assert cookie["httpOnly"] is True, f"hoso_session is not HttpOnly (httpOnly={cookie['httpOnly']})"
    assert cookie["sameSite"] == "Lax", f"hoso_session has SameSite={cookie['sameSite']}, expected Lax"
    assert "hoso_session" not in page.evaluate("document.cookie")
