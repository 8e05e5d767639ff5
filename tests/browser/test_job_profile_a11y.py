"""The job-ready profile in Chromium: the page, the preview and stopping
sharing, with zero axe violations in both languages, in the default theme
at desktop width and the dark theme at 320 px with 200% text, all done by
keyboard."""

import pytest
from playwright.sync_api import expect

from accounts.models import DisplayPreferences
from careers.models import JobProfile, ProfileRevocation
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    signed_in_context,
)
from tests.careers import profiles_world as world

LANGUAGES = ["zh-hans", "en"]


@pytest.fixture
def people(live_site):
    live = world.skill("zz-live", "直播带货测试", "Livestream test")
    wide, narrow = world.trainee(name="陈静"), world.trainee(name="Li Ming")
    for person in (wide, narrow):
        world.completed_course(person, skills=[live], title="直播课程")
        world.needs(person, "captions", "screen_reader")
    DisplayPreferences.objects.create(user=narrow, theme="dark", text_size=200)
    return live_site.url, wide, narrow


def _check(page, reflow: bool) -> None:
    assert_no_axe_violations(page)
    if reflow:
        assert_no_horizontal_scroll(page)


def _press_enter_on(page, locator) -> None:
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_job_profile_preview_share_and_stop(people, browser):
    url, wide, narrow = people
    for user, viewport, reflow in (
        (wide, {"width": 1280, "height": 900}, False),
        (narrow, {"width": 320, "height": 640}, True),
    ):
        context = signed_in_context(browser, user, url, viewport=viewport)
        page = context.new_page()
        for language in LANGUAGES:
            page.goto(f"{url}/{language}/profile/work/")
            expect(page.locator("h1")).to_be_visible()
            _check(page, reflow)

            # Choose by keyboard: a kind of work, one adjustment, a district.
            page.locator('input[name="work_kinds"][value="remote"]').focus()
            page.keyboard.press("Space")
            page.locator('input[name="shared_adjustments"][value="captions"]').focus()
            page.keyboard.press("Space")
            page.locator("#id_district").focus()
            page.keyboard.type("渝中区")
            _press_enter_on(page, page.locator('button[value="preview"]'))
            expect(page.locator(".job-profile-shared")).to_contain_text("渝中区")
            _check(page, reflow)
            assert not JobProfile.objects.filter(user=user, opted_in=True).exists()

            _press_enter_on(page, page.locator('button[value="share"]'))
            expect(page.locator("#notice")).to_be_focused()
            expect(page.locator(".job-profile-shared")).to_contain_text("渝中区")
            _check(page, reflow)
            assert JobProfile.objects.get(user=user).opted_in

            _press_enter_on(page, page.locator('a[href$="/profile/work/withdraw/"]'))
            _check(page, reflow)
            _press_enter_on(page, page.locator("main form button[type=submit]"))
            expect(page.locator("#notice")).to_be_focused()
            expect(page.locator(".job-profile-shared")).to_have_count(0)
            _check(page, reflow)
            assert not JobProfile.objects.get(user=user).opted_in
        context.close()
    assert ProfileRevocation.objects.count() == 4
