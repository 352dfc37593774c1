"""Dates typed on a phone: an iPhone's digit keypad has no "/", so a parent types the date of birth with digits
alone (05032021) and the portal takes it; the field offers a keypad that can type every form it accepts."""
import re

from playwright.sync_api import expect

IPHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
    ),
}


def test_a_parent_on_an_iphone_types_the_date_of_birth_with_digits_only(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="vi-VN", **IPHONE)
    try:
        parent = context.new_page()
        parent.goto("/tuyen-sinh?ma=KU77HXEESV")
        date = parent.get_by_label("Ngày sinh của trẻ")
        # A decimal keypad: digits and a separator the parser accepts ("." or ","), never digits alone.
        assert date.get_attribute("inputmode") == "decimal"
        expect(parent.get_by_text("ngày/tháng/năm", exact=False).first).to_be_visible()
        date.press_sequentially("12012021")
        parent.get_by_role("button", name="Tiếp tục").click()
        expect(parent).to_have_url(re.compile(r"/tuyen-sinh/(ho-so|bien-nhan)"))
        if "/ho-so" in parent.url:
            birth = parent.get_by_label("Ngày sinh", exact=True)
            assert birth.get_attribute("inputmode") == "decimal"
            expect(birth).to_have_value("12/01/2021")
    finally:
        context.close()
