"""The federation dashboard and its drill-downs in Chromium: zero axe
violations in the default and high-contrast (dark) themes, in both
languages; the dashboard with its charts in the yellow and cream themes too;
reflow at 320 px with 200% text."""

from accounts.models import DisplayPreferences
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    signed_in_context,
)
from tests.federation import world as fixed


def _signed_in(browser, live_site, user, **context_options):
    context = signed_in_context(browser, user, live_site.url, **context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _pages(w) -> list[str]:
    return [
        "federation/",
        "federation/?category=hearing&date_from=2020-01-01",
        f"federation/bases/{w.base_a.pk}/",
        f"federation/sessions/{w.s1.pk}/",
    ]


def test_dashboard_and_drill_downs_have_no_axe_violations(live_site, browser):
    # Every theme in one test: the federation's world is built once.
    w = fixed.build()
    for theme in ("default", "dark", "yellow", "cream"):
        DisplayPreferences.objects.update_or_create(
            user=w.auditor, defaults={"theme": theme}
        )
        context, page = _signed_in(
            browser, live_site, w.auditor, viewport={"width": 1280, "height": 900}
        )
        # Both languages in the default theme; the dark theme changes colours
        # only, so Chinese (the longer labels) is enough there.
        # The other two themes: the dashboard, where the charts are.
        languages = ("zh-hans", "en") if theme == "default" else ("zh-hans",)
        pages = _pages(w) if theme in ("default", "dark") else _pages(w)[:1]
        for language in languages:
            for path in pages:
                response = page.goto(f"{live_site.url}/{language}/{path}")
                assert response.status == 200, path
                assert f"theme-{theme}" in page.locator("html").get_attribute("class")
                assert_no_axe_violations(page)
        # Keyboard: choose a base, then Enter on the submit button.
        page.goto(f"{live_site.url}/en/federation/")
        page.locator("#id_base").select_option(str(w.base_b.pk))
        page.locator(".report-filters button[type=submit]").press("Enter")
        page.wait_for_url(f"**base={w.base_b.pk}**")
        assert page.locator("#id_base").input_value() == str(w.base_b.pk)
        context.close()


def test_dashboard_at_200_percent_text_and_320_px(live_site, browser):
    w = fixed.build()
    DisplayPreferences.objects.create(user=w.auditor, text_size=200, theme="dark")
    context, page = _signed_in(
        browser, live_site, w.auditor, viewport={"width": 320, "height": 640}
    )
    for path in _pages(w)[::2]:
        response = page.goto(f"{live_site.url}/en/{path}")
        assert response.status == 200
        assert_no_horizontal_scroll(page)
        assert_no_axe_violations(page)
    context.close()
