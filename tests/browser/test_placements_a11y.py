"""The base's page of jobs reported by the job platform: zero axe violations
in both languages, in the default and dark themes, with a refused
confirmation's error summary; reflow at 320 px with 200% text; and a job
confirmed by keyboard alone."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import DisplayPreferences, StaffRole
from careers.models import Placement
from careers.services.placements import placement_receive, placement_reject
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    signed_in_context,
)
from tests.careers import api_world as world
from tests.factories.accounts import StaffRoleFactory, UserFactory
from training.models import Outcome

pytestmark = pytest.mark.browser
LANGUAGES = ["zh-hans", "en"]


@pytest.fixture
def placements_site(live_site):
    """At one base: a job ready to confirm, one whose follow-up is not due
    yet, and one already marked as not confirmed."""
    finished = world.course_session(ends_on=world.days(-120))
    recent = world.course_session(ends_on=world.days(-20), base=finished.base)
    manager = StaffRoleFactory(role=StaffRole.Role.MANAGER, base=finished.base).user
    api_client, _ = world.api_client("Chongqing job platform")
    jobs = {}
    for key, session, start, title in (
        ("ready", finished, finished.ends_on + datetime.timedelta(days=7), "直播助理"),
        ("early", recent, timezone.localdate(), "Customer service"),
        ("done", finished, finished.ends_on, "仓库管理员"),
    ):
        trainee = UserFactory(name={"early": "Li Ming"}.get(key, f"学员{key}"))
        world.completed(trainee, session)
        jobs[key], _ = placement_receive(
            client=api_client,
            user=trainee,
            reference=key,
            employer="重庆某电商公司",
            job_title=title,
            start_date=start,
        )
    placement_reject(placement=jobs["done"], actor=manager)
    live_site.manager, live_site.jobs = manager, jobs
    return live_site


def test_the_placements_page_has_no_axe_violations(placements_site, browser):
    site = placements_site
    prefs = DisplayPreferences.objects.create(user=site.manager)
    context = signed_in_context(browser, site.manager, site.url)
    page = context.new_page()
    for theme in ("default", "dark"):
        prefs.theme = theme
        prefs.save()
        for language in LANGUAGES:
            response = page.goto(f"{site.url}/{language}/teach/placements/")
            assert response.status == 200
            assert f"theme-{theme}" in page.locator("html").get_attribute("class")
            assert page.locator("main .card").count() == 2
            assert_no_axe_violations(page)
    # A refused confirmation (the follow-up is not due): the error summary
    # links to the job, and the reason is beside it.
    early = site.jobs["early"].pk
    for language in LANGUAGES:
        page.goto(f"{site.url}/{language}/teach/placements/")
        button = page.locator(f"#placement-{early} form button")
        button.evaluate("button => { button.value = 'confirm'; }")
        with page.expect_navigation():
            button.click()
        assert page.locator(".error-summary").count() == 1
        assert page.locator(f"#placement-{early}-error").count() == 1
        assert_no_axe_violations(page)
    assert Placement.objects.get(pk=early).status == Placement.Status.PENDING
    context.close()


def test_a_job_is_confirmed_by_keyboard_at_320_px_and_200_percent(
    placements_site, browser
):
    site = placements_site
    DisplayPreferences.objects.create(user=site.manager, text_size=200)
    context = signed_in_context(
        browser, site.manager, site.url, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    for language in LANGUAGES:
        page.goto(f"{site.url}/{language}/teach/placements/")
        assert_no_horizontal_scroll(page)
    ready = site.jobs["ready"].pk
    target = page.locator(f"#placement-{ready} button[value=confirm]")
    for _ in range(60):
        page.keyboard.press("Tab")
        if target.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Confirm button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(f"#placement-{ready}").count() == 0
    assert page.locator("main table").count() == 1
    assert_no_horizontal_scroll(page)
    outcome = Outcome.objects.get(enrolment__trainee=site.jobs["ready"].user)
    assert (outcome.status, outcome.follow_up) == ("employed", 3)
    context.close()
