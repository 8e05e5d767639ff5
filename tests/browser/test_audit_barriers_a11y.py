"""The federation audit trail viewer and "Report a barrier" in Chromium: zero
axe violations in the default and dark themes (the form empty, with errors,
and its confirmation), and the barrier form reflows at 320 px."""

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import DisplayPreferences, StaffRole
from accounts.preferences import COOKIE_NAME, Display
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_scroll
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, UserFactory
from training.models import AuditEntry

THEMES = ["default", "dark"]


def _session_cookie(user, url: str) -> dict:
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


def _audit_world():
    session = training_factories.session(lessons=0, name="Livestream autumn")
    trainee = UserFactory(name="Li Lei")
    instructor = StaffRoleFactory(role=StaffRole.Role.INSTRUCTOR, base=session.base)
    for number in range(3):
        AuditEntry.objects.create(
            actor=instructor.user,
            action="outcome.record",
            object_type="outcome",
            object_id=number + 1,
            session=session,
            base=session.base,
            trainee=trainee,
            changes={"status": ["seeking_work", "employed"], "notes": ["", "note"]},
        )
    AuditEntry.objects.create(
        actor=trainee,
        action="lesson.complete",
        object_type="lessonprogress",
        object_id=9,
        session=session,
        base=session.base,
        trainee=trainee,
        changes={"completed_at": [None, "2026-09-02T10:00:00+08:00"]},
    )
    return session


def _fill_barrier_form(page, base_url: str, language: str) -> None:
    page.goto(f"{base_url}/{language}/report-a-barrier/?from=/{language}/")
    page.fill("#id_what_happened", "The menu cannot be opened with the keyboard.")
    page.check('input[name=reply_by][value="email"]')
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()


@pytest.mark.parametrize("theme", THEMES)
def test_audit_viewer_and_barrier_form_have_no_axe_violations(
    live_site, browser, theme
):
    session = _audit_world()
    url = live_site.url
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for role, language in (
        (StaffRole.Role.AUDITOR, "zh-hans"),
        (StaffRole.Role.FEDERATION_ADMIN, "en"),
    ):
        user = StaffRoleFactory(role=role, base=None).user
        DisplayPreferences.objects.create(user=user, theme=theme)
        context.clear_cookies()
        context.add_cookies([_session_cookie(user, url)])
        for query in (
            "",
            f"?base={session.base_id}&session={session.pk}&action=outcome.record",
            "?date_from=2026-02-30&date_to=2026-01-01",
            "?date_from=2030-01-01",
        ):
            response = page.goto(f"{url}/{language}/federation/audit/{query}")
            assert response.status == 200, query
            assert f"theme-{theme}" in page.locator("html").get_attribute("class")
            assert_no_axe_violations(page)
        assert page.locator(".error-summary").count() == 0

    # The barrier form, anonymous, with the theme from the display cookie.
    context.clear_cookies()
    context.add_cookies(
        [{"name": COOKIE_NAME, "value": Display(theme=theme).to_cookie(), "url": url}]
    )
    for language in ("zh-hans", "en"):
        page.goto(f"{url}/{language}/report-a-barrier/?from=/{language}/courses/")
        assert f"theme-{theme}" in page.locator("html").get_attribute("class")
        assert_no_axe_violations(page)
        _fill_barrier_form(page, url, language)
        assert page.locator(".error-summary a").count() == 1
        assert_no_axe_violations(page)
        page.fill("#id_email", "reader@example.org")
        page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_url("**/report-a-barrier/sent/*")
        assert page.locator(".barrier-sent__reference").count() == 1
        assert page.locator(f'main a[href="/{language}/"]').count() >= 1
        assert_no_axe_violations(page)
    context.close()


def test_barrier_form_reflows_at_320_px_with_large_text(live_site, browser):
    display = Display(text_size=200)
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 320, "height": 640}
    )
    context.add_cookies(
        [{"name": COOKIE_NAME, "value": display.to_cookie(), "url": live_site.url}]
    )
    page = context.new_page()
    for language in ("zh-hans", "en"):
        page.goto(f"{live_site.url}/{language}/report-a-barrier/?from=/{language}/")
        assert_no_horizontal_scroll(page)
        _fill_barrier_form(page, live_site.url, language)
        assert page.locator(".error-summary").count() == 1
        assert_no_horizontal_scroll(page)
        page.fill("#id_email", "reader@example.org")
        page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_url("**/report-a-barrier/sent/*")
        assert_no_horizontal_scroll(page)
    # The audit viewer's filters reflow too; its table scrolls in its region.
    _audit_world()
    admin = StaffRoleFactory(role=StaffRole.Role.FEDERATION_ADMIN, base=None).user
    context.add_cookies([_session_cookie(admin, live_site.url)])
    page.goto(f"{live_site.url}/en/federation/audit/")
    assert_no_horizontal_scroll(page)
    context.close()
