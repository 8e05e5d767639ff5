"""Every account page: zero axe violations in every colour theme, at 200% text
and at 320 px wide; the allauth flows by keyboard."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from accounts.models import DisplayPreferences
from accounts.preferences import COOKIE_NAME, Display
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.factories.accounts import PASSWORD, UserFactory

THEMES = ["default", "dark", "yellow", "cream"]
ANONYMOUS_PAGES = [
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
    "accounts/password/reset/done/",
    "accounts/login/code/",
    "accounts/confirm-email/",
    "display/",
]
SIGNED_IN_PAGES = [
    "profile/",
    "profile/details/",
    "profile/needs/",
    "profile/needs/withdraw/",
    "profile/delete/",
    "accounts/password/change/",
    "accounts/email/",
    "accounts/logout/",
    "display/",
]


def _session_cookie(user, url: str) -> dict:
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


def _visit_all(page, base_url: str, language: str, *, check) -> None:
    for path in ANONYMOUS_PAGES:
        response = page.goto(f"{base_url}/{language}/{path}")
        assert response.status == 200, path
        check(page)


def _visit_signed_in(page, base_url: str, language: str, *, check) -> None:
    for path in SIGNED_IN_PAGES:
        response = page.goto(f"{base_url}/{language}/{path}")
        assert response.status == 200, path
        check(page)


@pytest.mark.parametrize("theme", THEMES)
def test_account_pages_in_every_theme(live_site, browser, theme):
    display = Display(theme=theme)
    context = browser.new_context(bypass_csp=True)
    context.add_cookies(
        [{"name": COOKIE_NAME, "value": display.to_cookie(), "url": live_site.url}]
    )
    page = context.new_page()
    _visit_all(page, live_site.url, "zh-hans", check=assert_no_axe_violations)
    assert f"theme-{theme}" in page.locator("html").get_attribute("class")

    user = UserFactory()
    DisplayPreferences.objects.create(user=user, theme=theme)
    context.clear_cookies()
    context.add_cookies([_session_cookie(user, live_site.url)])
    _visit_signed_in(page, live_site.url, "zh-hans", check=assert_no_axe_violations)
    assert f"theme-{theme}" in page.locator("html").get_attribute("class")
    context.close()


def test_account_pages_at_200_percent_text_and_320_px(live_site, browser):
    display = Display(text_size=200, wide_spacing=True, legible_font=True)
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 320, "height": 640}
    )
    context.add_cookies(
        [{"name": COOKIE_NAME, "value": display.to_cookie(), "url": live_site.url}]
    )
    page = context.new_page()

    def check(page):
        assert_no_horizontal_scroll(page)
        assert_no_axe_violations(page)

    _visit_all(page, live_site.url, "en", check=check)
    user = UserFactory()
    DisplayPreferences.objects.create(user=user, text_size=200, theme="dark")
    context.clear_cookies()
    context.add_cookies([_session_cookie(user, live_site.url)])
    _visit_signed_in(page, live_site.url, "en", check=check)
    context.close()


def _tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} by Tab")


def test_keyboard_only_signup_verify_and_sign_in_by_code(live_site, page):
    """Sign up, confirm the email and later sign in with an emailed code,
    using only the keyboard."""
    mail.outbox.clear()
    page.goto(f"{live_site.url}/en/accounts/signup/")
    _tab_to(page, "#id_email")
    page.keyboard.type("keyboard.person@example.org")
    _tab_to(page, "#id_password1")
    page.keyboard.type(PASSWORD)
    _tab_to(page, "#id_password2")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/confirm-email/*")
    assert_no_axe_violations(page)

    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mail.outbox[-1].body).group(
        1
    )
    page.goto(f"{live_site.url}/en/accounts/confirm-email/{key}/")
    assert_no_axe_violations(page)
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/learning/*")

    # Sign out, then sign in with a one-time code instead of the password.
    page.goto(f"{live_site.url}/en/accounts/logout/")
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_site.url}/en/*")
    page.goto(f"{live_site.url}/en/accounts/login/code/")
    _tab_to(page, "#id_email")
    page.keyboard.type("keyboard.person@example.org")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/code/confirm/*")
    assert_no_axe_violations(page)
    code = re.search(r"^\s*([0-9]{6})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)
    _tab_to(page, "#id_code")
    assert page.get_attribute("#id_code", "autocomplete") == "one-time-code"
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    page.wait_for_url("**/learning/*")
    assert page.locator("h1").inner_text() == "My learning"


def test_password_reset_pages(live_site, page):
    user = UserFactory(email="forgetful@example.org")
    mail.outbox.clear()
    page.goto(f"{live_site.url}/zh-hans/accounts/password/reset/")
    page.fill("#id_email", user.email)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/password/reset/done/*")
    link = re.search(
        r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[-1].body
    ).group(0)
    path = link.split("/accounts/", 1)[1]
    page.goto(f"{live_site.url}/zh-hans/accounts/{path}")
    assert_no_axe_violations(page)
    page.fill("#id_password1", "a-new-password-2026")
    page.fill("#id_password2", "a-new-password-2026")
    page.locator("main button[name=action]").click()
    page.wait_for_url("**/password/reset/key/done/*")
    assert_no_axe_violations(page)
