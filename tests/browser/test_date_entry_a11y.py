"""Date entry in Chromium: every date on the session form and the federation
dashboard filter is one text box (one Tab stop, our focus ring visible),
reads 2027年3月15日 and 15 March 2027, names the field when it cannot read
the date and keeps what was typed; links with ?date_from=2026-01-01 still
fill the filter. Zero axe violations in both languages, default and dark
themes, and at 320 px with 200% text."""

import re

from django.utils import translation
from playwright.sync_api import expect

from accounts.models import DisplayPreferences
from core.forms import DATE_INVALID
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    signed_in_context,
)
from tests.federation import world as federation_world
from tests.training.test_sessions_manage import build_world, days
from training.forms.sessions import SessionForm

HINT = re.compile(r"\d{4}-\d{2}-\d{2}|年-月-日|[Yy]ear-month-day")
SESSION_DATES = ["starts_on", "ends_on", "enrolment_opens_on", "enrolment_closes_on"]
FOCUS = """(id) => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        id: el.id,
        outline: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        color: style.outlineColor,
    };
}"""


def _page(browser, user, url, **options):
    context = signed_in_context(browser, user, url, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _tab_to(page, element_id: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"could not reach #{element_id} with Tab")


def _assert_one_stop_with_focus_ring(page, element_id: str) -> None:
    _tab_to(page, element_id)
    focus = page.evaluate(FOCUS, element_id)
    assert focus["outline"] == "solid" and focus["width"] >= 3, focus
    page.keyboard.press("Tab")  # a single Tab leaves the field
    assert page.evaluate("document.activeElement.id") != element_id


def _assert_date_boxes(page, ids: list[str]) -> None:
    for element_id in ids:
        box = page.locator(f"#{element_id}")
        expect(box).to_have_attribute("type", "text")
        expect(box).to_have_attribute("autocomplete", "off")
        hint = box.get_attribute("aria-describedby").split()[0]
        # Every hint states the format: an example date or year-month-day.
        expect(page.locator(f"#{hint}")).to_contain_text(HINT)
    assert page.locator("input[type=date]").count() == 0


def test_session_form_dates(live_site, browser):
    world = build_world()
    runs = [("zh-hans", "default", 100, 1280), ("en", "dark", 200, 320)]
    for language, theme, text_size, width in runs:
        DisplayPreferences.objects.update_or_create(
            user=world.manager_a, defaults={"theme": theme, "text_size": text_size}
        )
        context, page = _page(
            browser,
            world.manager_a,
            live_site.url,
            viewport={"width": width, "height": 900},
        )
        page.goto(f"{live_site.url}/{language}/teach/sessions/new/")
        ids = [f"id_{name}" for name in SESSION_DATES] + ["id_meetings-0-day"]
        _assert_date_boxes(page, ids)
        if width == 1280:
            page.locator("body").focus()
            for element_id in ids:
                _assert_one_stop_with_focus_ring(page, element_id)
        assert_no_axe_violations(page)
        assert_no_horizontal_scroll(page)

        start = days(40)
        page.select_option("#id_course", str(world.course_a.pk))
        page.fill("#id_name", "电商摄影 秋季班")
        page.fill("#id_starts_on", f"{start.year}年{start.month}月{start.day}日")
        page.fill("#id_ends_on", "31/12/2027")  # day first: not read
        with page.expect_navigation():
            page.locator(
                "main form.form[method=post] button[type=submit]"
            ).first.click()
        label = SessionForm.base_fields["ends_on"].label
        with translation.override(language):
            message = str(DATE_INVALID) % {"label": str(label)}
        expect(page.locator("#id_ends_on_error")).to_contain_text(message)
        expect(page.locator(".error-summary")).to_contain_text(message)
        expect(page.locator("#id_ends_on")).to_have_value("31/12/2027")
        # The date that was read is shown back as year-month-day.
        expect(page.locator("#id_starts_on")).to_have_value(start.isoformat())
        assert_no_axe_violations(page)
        assert_no_horizontal_scroll(page)
        context.close()


def test_dashboard_filter_dates(live_site, browser):
    w = federation_world.build()
    for language, theme in [("zh-hans", "dark"), ("en", "default")]:
        DisplayPreferences.objects.update_or_create(
            user=w.auditor, defaults={"theme": theme}
        )
        context, page = _page(browser, w.auditor, live_site.url)
        page.goto(
            f"{live_site.url}/{language}/federation/?date_from=2020-01-01&date_to=2020-12-31"
        )
        expect(page.locator("#id_date_from")).to_have_value("2020-01-01")
        expect(page.locator("#id_date_to")).to_have_value("2020-12-31")
        _assert_date_boxes(page, ["id_date_from", "id_date_to"])
        page.locator("body").focus()
        _assert_one_stop_with_focus_ring(page, "id_date_from")
        assert_no_axe_violations(page)
        if language == "en":
            page.fill("#id_date_from", "1 January 2020")
            with page.expect_navigation():
                page.locator("#id_date_from").press("Enter")
            assert "date_from=1+January+2020" in page.url
            expect(page.locator(".error-summary")).to_have_count(0)
            expect(page.locator("#id_date_from")).to_have_value("2020-01-01")
        context.close()
