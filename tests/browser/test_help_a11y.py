"""Help in Chromium: the help index and every guide with zero axe violations
in both languages, in the default and dark themes, reflowing at 320 px with
200% text; and a keyboard path from the header's Help link to a guide."""

import pytest
from playwright.sync_api import expect

from accounts.preferences import COOKIE_NAME, Display
from demo.help import seed_help
from home.models import HelpIndexPage, HelpPage
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    kept_world,
)

LANGUAGES = ["zh-hans", "en"]


@pytest.fixture(scope="module")
def _help_pages(_serialized_db, django_db_blocker):
    yield from kept_world(_serialized_db, django_db_blocker, seed_help)


@pytest.fixture
def help_site(_help_pages, live_site):
    _help_pages.get()
    return live_site


def _paths(language: str) -> list[str]:
    index = HelpIndexPage.objects.get(locale__language_code=language)
    guides = HelpPage.objects.live().child_of(index).order_by("path")
    return [index.url, *(guide.url for guide in guides)]


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_help_pages_have_no_axe_violations(help_site, browser, theme):
    context = browser.new_context(bypass_csp=True)
    context.add_cookies(
        [
            {
                "name": COOKIE_NAME,
                "value": Display(theme=theme).to_cookie(),
                "url": help_site.url,
            }
        ]
    )
    page = context.new_page()
    for language in LANGUAGES:
        for path in _paths(language):
            response = page.goto(f"{help_site.url}{path}")
            assert response.status == 200, path
            assert f"theme-{theme}" in page.locator("html").get_attribute("class")
            assert_no_axe_violations(page)
    context.close()


def test_help_pages_reflow_at_320_px_with_large_text(help_site, browser):
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 320, "height": 640}
    )
    context.add_cookies(
        [
            {
                "name": COOKIE_NAME,
                "value": Display(text_size=200).to_cookie(),
                "url": help_site.url,
            }
        ]
    )
    page = context.new_page()
    for language in LANGUAGES:
        for path in _paths(language):
            page.goto(f"{help_site.url}{path}")
            assert "text-200" in page.locator("html").get_attribute("class")
            assert_no_horizontal_scroll(page)
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_path_from_the_header_to_a_guide(help_site, page, language):
    index = HelpIndexPage.objects.get(locale__language_code=language)
    first = HelpPage.objects.live().child_of(index).order_by("path").first()
    page.goto(f"{help_site.url}/{language}/")
    help_link = page.locator(f".site-nav a[href='/{language}/help/']")
    for _ in range(20):
        page.keyboard.press("Tab")
        if help_link.evaluate("el => el === document.activeElement"):
            break
    expect(help_link).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(f"{help_site.url}{index.url}")
    guide_link = page.locator(f"main a[href='{first.url}']")
    for _ in range(30):
        page.keyboard.press("Tab")
        if guide_link.evaluate("el => el === document.activeElement"):
            break
    expect(guide_link).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(first.title)


def test_help_pages_have_no_csp_violations(help_site, browser):
    """Under the site's real policy (tests/browser/test_csp.py's visitor)."""
    from tests.browser.test_csp import Visitor

    visitor = Visitor(browser, help_site.url)
    for language in LANGUAGES:
        for path in _paths(language)[:2]:
            visitor.visit(path)
    visitor.close()
