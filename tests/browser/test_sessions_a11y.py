"""Setting up sessions in Chromium: creating one (a round with errors, then
success), editing it, running it again and the cancel confirmation, with zero
axe violations in both languages and the default and dark themes; reflow at
320 px with 200% text; and a keyboard path through the cancel page."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.models import DisplayPreferences
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    kept_world,
)
from tests.training.test_sessions_manage import build_world, days
from training.models import TrainingSession

LANGUAGES = ["zh-hans", "en"]


@pytest.fixture(scope="module")
def _sessions_world(_serialized_db, django_db_blocker):
    yield from kept_world(_serialized_db, django_db_blocker, build_world)


@pytest.fixture
def sessions_site(_sessions_world, live_site):
    world = _sessions_world.get()
    world.url = live_site.url
    return world


def _context(browser, world, user, **options):
    context = browser.new_context(bypass_csp=True, **options)
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": world.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form.form[method=post] button[type=submit]").first.click()


def _fill_session(page, world, *, ends_on) -> None:
    page.select_option("#id_course", str(world.course_a.pk))
    page.fill("#id_name", "电商摄影 秋季班")
    page.fill("#id_name_en", "Shop photography, autumn")
    page.fill("#id_starts_on", days(40).isoformat())
    page.fill("#id_ends_on", ends_on.isoformat())
    page.check("#id_delivery_mode_0")
    page.check("#id_support_1")
    page.fill("#id_meetings-0-day", days(41).isoformat())
    page.fill("#id_meetings-0-starts_at", "09:00")
    page.fill("#id_meetings-0-ends_at", "11:30")
    page.fill("#id_meetings-0-room", "二楼 201")
    page.fill("#id_capacity", "12")


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_session_pages_have_no_axe_violations(sessions_site, browser, theme):
    world = sessions_site
    DisplayPreferences.objects.create(user=world.manager_a, theme=theme)
    context, page = _context(browser, world, world.manager_a)
    for language in LANGUAGES:
        root = f"{world.url}/{language}/teach/"
        page.goto(root)
        assert f"theme-{theme}" in page.locator("html").get_attribute("class")
        assert_no_axe_violations(page)
        # Create: a round with errors (end before start), input kept.
        page.goto(f"{root}sessions/new/")
        assert_no_axe_violations(page)
        _fill_session(page, world, ends_on=days(39))
        _submit(page)
        expect(page.locator(".error-summary")).to_have_count(1)
        expect(page.locator("#id_ends_on_error")).to_have_count(1)
        expect(page.locator("#id_name")).to_have_value("电商摄影 秋季班")
        assert_no_axe_violations(page)
        # Fixed: the session is created and its edit page opens.
        page.fill("#id_ends_on", days(70).isoformat())
        _submit(page)
        expect(page.locator(".messages")).to_have_count(1)
        expect(page.locator(".error-summary")).to_have_count(0)
        assert "/edit/" in page.url
        assert_no_axe_violations(page)
        # Edit: a meeting without a room or link is refused beside its field.
        page.fill("#id_meetings-0-room", "")
        _submit(page)
        expect(page.locator("#id_meetings-0-room_error")).to_have_count(1)
        assert_no_axe_violations(page)
        page.fill("#id_meetings-0-online_link", "https://meeting.example.cn/1")
        _submit(page)
        expect(page.locator(".error-summary")).to_have_count(0)
        edit_url = page.url
        # Run again, and the cancel confirmation (with an error round).
        page.goto(edit_url.replace("/edit/", "/run-again/"))
        assert_no_axe_violations(page)
        page.goto(edit_url.replace("/edit/", "/cancel/"))
        assert_no_axe_violations(page)
        _submit(page)
        expect(page.locator("#id_reason_error")).to_have_count(1)
        assert_no_axe_violations(page)
    assert TrainingSession.objects.count() == 3
    context.close()


def test_session_pages_reflow_at_320_px_with_200_percent_text(sessions_site, browser):
    world = sessions_site
    DisplayPreferences.objects.create(
        user=world.manager_a, text_size=DisplayPreferences.TextSize.LARGEST
    )
    context, page = _context(
        browser, world, world.manager_a, viewport={"width": 320, "height": 640}
    )
    pk = world.session.pk
    for language in LANGUAGES:
        for path in [
            "teach/",
            "teach/sessions/new/",
            f"teach/sessions/{pk}/edit/",
            f"teach/sessions/{pk}/run-again/",
            f"teach/sessions/{pk}/cancel/",
        ]:
            page.goto(f"{world.url}/{language}/{path}")
            assert "text-200" in page.locator("html").get_attribute("class")
            assert_no_horizontal_scroll(page)
    context.close()


def test_cancel_by_keyboard(sessions_site, browser):
    world = sessions_site
    context, page = _context(browser, world, world.manager_a)
    page.goto(f"{world.url}/en/teach/sessions/{world.session.pk}/cancel/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_reason":
            break
    else:
        pytest.fail("the reason box is never reached by Tab")
    page.keyboard.type("The trainer is ill.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_have_count(1)
    world.session.refresh_from_db()
    assert world.session.status == TrainingSession.Status.CANCELLED
    # The error summary after a failed submit takes focus, and its link
    # leads to the field.
    page.goto(f"{world.url}/en/teach/sessions/new/")
    page.fill("#id_capacity", "0")
    _submit(page)
    # `autofocus` is applied at the browser's next rendering step: wait for it.
    expect(page.locator(".error-summary")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_course"
    context.close()


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_course_page_session_list_has_no_axe_violations(sessions_site, browser, theme):
    """The list trainees enrol from shows the venue, the support offered and
    when enrolment opens."""
    world = sessions_site
    session = world.session
    session.venue, session.venue_en = "残联大楼三楼", "Disabled Persons' Federation, 3F"
    session.support_sign_language = session.support_captioner = True
    session.enrolment_opens_on = days(5)
    session.save()
    person = world.trainee.__class__.objects.create(email="new.trainee@example.org")
    DisplayPreferences.objects.create(user=person, theme=theme)
    context, page = _context(browser, world, person)
    page.goto(f"{world.url}{world.course_a.url}")
    expect(page.locator(".sessions .card")).to_have_count(1)
    expect(page.locator(".sessions form")).to_have_count(0)
    assert "残联大楼三楼" in page.locator(".sessions").inner_text()
    assert_no_axe_violations(page)
    context.close()
