"""Incubated business pages and the dashboard's business figures in
Chromium: zero axe violations in both languages, in the default and dark
themes, at 320 px with 200% text, and recording a business by keyboard."""

import pytest
from playwright.sync_api import expect

from accounts.models import DisplayPreferences
from careers.models import IncubatedBusiness
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    signed_in_context,
)
from tests.careers import businesses_world
from tests.careers.businesses_world import business, months_ago

LANGUAGES = ["zh-hans", "en"]


@pytest.fixture
def site(live_site):
    w = businesses_world.build()
    w.shop = business(
        w.base,
        [w.trainee, w.trainee2],
        registered_on=months_ago(13),
        checks=[(6, True)],
        name="山城手作",
        name_en="Mountain City Crafts",
        helped_tax=True,
        jobs_created=3,
        jobs_for_disabled=2,
    )
    business(w.base, [w.trainee], registered_on=months_ago(2), name="巴渝小店")
    DisplayPreferences.objects.create(user=w.instructor, theme="dark", text_size=200)
    DisplayPreferences.objects.create(user=w.admin, theme="dark")
    w.url = live_site.url
    return w


def _pages(w) -> list[str]:
    return [
        "teach/businesses/",
        "teach/businesses/add/",
        f"teach/businesses/{w.shop.pk}/",
        f"teach/businesses/{w.shop.pk}/edit/",
        f"teach/businesses/{w.shop.pk}/checks/12/",
        f"teach/businesses/{w.shop.pk}/checks/6/",
    ]


def _submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()


def test_business_pages(site, browser):
    # Default theme at desktop width (the manager), dark theme at 320 px and
    # 200% text (the instructor).
    for user, viewport, reflow in (
        (site.manager, {"width": 1280, "height": 900}, False),
        (site.instructor, {"width": 320, "height": 640}, True),
    ):
        context = signed_in_context(browser, user, site.url, viewport=viewport)
        page = context.new_page()
        for language in LANGUAGES:
            for path in _pages(site):
                response = page.goto(f"{site.url}/{language}/{path}")
                assert response.status == 200, path
                assert_no_axe_violations(page)
                if reflow:
                    assert_no_horizontal_scroll(page)
            # Adding with errors: the summary, input kept, no violations.
            page.goto(f"{site.url}/{language}/teach/businesses/add/")
            page.fill("#id_name", "错误的店")
            page.fill("#id_registered_on", "15/03/2026")
            page.fill("#id_jobs_created", "1")
            page.fill("#id_jobs_for_disabled", "1")
            _submit(page)
            expect(page.locator(".error-summary")).to_be_visible()
            expect(page.locator("#id_name")).to_have_value("错误的店")
            assert_no_axe_violations(page)
            if reflow:
                assert_no_horizontal_scroll(page)
            # A check with an error, then saved.
            page.goto(
                f"{site.url}/{language}/teach/businesses/{site.shop.pk}/checks/12/"
            )
            page.fill("#id_checked_on", months_ago(0).isoformat())
            page.fill("#id_jobs_created", "1")
            page.fill("#id_jobs_for_disabled", "2")
            _submit(page)
            expect(page.locator(".error-summary")).to_be_visible()
            assert_no_axe_violations(page)
        context.close()


def _tab_to(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} by Tab")


def test_recording_a_business_by_keyboard(site, browser):
    context = signed_in_context(browser, site.manager, site.url)
    page = context.new_page()
    page.goto(f"{site.url}/en/teach/")
    _tab_to(page, "a[href='/en/teach/businesses/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _tab_to(page, "a[href='/en/teach/businesses/add/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _tab_to(page, "#id_name")
    page.keyboard.type("键盘小店")
    _tab_to(page, "#id_registered_on")
    page.keyboard.type(months_ago(1).isoformat())
    _tab_to(page, "#id_sector")
    page.keyboard.press("ArrowDown")
    _tab_to(page, "#id_founder")
    page.keyboard.type(site.trainee.email)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    shop = IncubatedBusiness.objects.get(name="键盘小店")
    assert page.url.split("#")[0].endswith(f"/en/teach/businesses/{shop.pk}/")
    expect(page.locator("h1")).to_contain_text("键盘小店")
    assert list(shop.founders.all()) == [site.trainee]
    context.close()


def test_dashboard_business_section(site, browser):
    for user in (site.auditor, site.admin):  # default theme, then dark
        context = signed_in_context(browser, user, site.url)
        page = context.new_page()
        for language in LANGUAGES:
            page.goto(f"{site.url}/{language}/federation/")
            expect(page.locator("#table-businesses-heading")).to_be_visible()
            assert_no_axe_violations(page)
        context.close()
