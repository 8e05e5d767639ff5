import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.factories.accounts import UserFactory

LANGUAGES = ["zh-hans", "en"]

PAGES = [
    "",  # home
    "accessibility/",
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
    "accounts/login/code/",
    "no-such-page/",  # 404
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(live_site, page, language, path):
    response = page.goto(f"{live_site.url}/{language}/{path}")
    assert response.status == (404 if path == "no-such-page/" else 200)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_500_page_has_no_axe_violations(live_site, page, settings, language):
    settings.ROOT_URLCONF = "tests.browser.urls_error"
    page.set_extra_http_headers({"Accept-Language": language})
    response = page.goto(f"{live_site.url}/fail/")
    assert response.status == 500
    assert page.locator("h1").count() == 1
    expected = {"zh-hans": "zh-Hans", "en": "en"}[language]
    assert page.locator("html").get_attribute("lang") == expected
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_errors_have_no_axe_violations(live_site, page, language):
    page.goto(f"{live_site.url}/{language}/accounts/signup/")
    page.fill("#id_email", "not-an-email")
    page.fill("#id_password1", "short")
    page.fill("#id_password2", "different")
    page.locator("main button[type=submit]").click()
    # The summary takes focus so the problem is read out first (autofocus is
    # applied at the next rendering update: wait for it, don't race it).
    expect(page.locator(".error-summary")).to_be_focused()
    assert_no_axe_violations(page)


def test_signed_in_shell_has_no_axe_violations(live_site, page):
    user = UserFactory(email="shell@example.org")
    page.goto(f"{live_site.url}/en/accounts/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", "correct-horse-battery-staple")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_site.url}/en/learning/*")
    assert page.get_by_role("link", name="Sign out").is_visible()
    assert_no_axe_violations(page)
    page.goto(f"{live_site.url}/en/accounts/logout/")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", ["", "accessibility/", "accounts/signup/"])
def test_reflows_at_320_css_pixels_and_200_percent_text(live_site, browser, path):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, bypass_csp=True
    )
    page = context.new_page()
    for language in LANGUAGES:
        page.goto(f"{live_site.url}/{language}/{path}")
        assert_no_horizontal_scroll(page)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert_no_horizontal_scroll(page)
    context.close()


TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


@pytest.mark.parametrize("path", ["", "accounts/login/"])
def test_text_spacing_overrides_do_not_clip_content(live_site, page, path):
    """WCAG 1.4.12: the bookmarklet spacing must not hide or clip text."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_site.url}/en/{path}")
    page.add_style_tag(content=TEXT_SPACING_CSS)
    assert_no_horizontal_scroll(page)
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('a, button, label, h1, h2, p, li')]
            .filter(el => {
                const s = getComputedStyle(el);
                return (s.overflow === 'hidden' || s.overflowX === 'hidden' || s.overflowY === 'hidden')
                    && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
                    && !el.closest('.visually-hidden');
            })
            .map(el => el.outerHTML.slice(0, 80))"""
    )
    assert clipped == []
