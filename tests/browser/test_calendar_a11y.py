"""The calendar page and My learning's next steps and schedule in a real
browser: axe in both languages, default and dark themes, 320 px at 200%
text, and the keyboard path to a new calendar link."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    kept_world,
    signed_in_context,
)
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from training.models import CalendarFeed, Enrolment, Meeting, QuizAttempt
from training.services.calendars import calendar_feed_create

Status = Enrolment.Status


def _place(trainee, session, status=Status.ENROLLED) -> Enrolment:
    return Enrolment.objects.create(
        trainee=trainee,
        session=session,
        status=status,
        status_changed_at=timezone.now(),
    )


@pytest.fixture(scope="module")
def _learner(_serialized_db, django_db_blocker):
    yield from kept_world(_serialized_db, django_db_blocker, _build_learner)


@pytest.fixture
def learner(_learner, live_site):
    return _learner.get()


def _build_learner():
    """A trainee with meetings to come, a paused quiz, a place on a waiting
    list and one in a session that has not started."""
    trainee = UserFactory(name="陈静")
    today = timezone.localdate()
    running = training_factories.session(
        lessons=2, name="电商客服 秋季班", name_en="Online customer service"
    )
    enrolment = _place(trainee, running)
    quiz = quiz_factories.quiz(running.course, title="客服测验")
    QuizAttempt.objects.create(
        enrolment=enrolment,
        quiz=quiz,
        started_at=timezone.now(),
        paused_at=timezone.now(),
    )
    for days in (1, 8, 15):
        Meeting.objects.create(
            session=running,
            day=today + datetime.timedelta(days=days),
            starts_at=datetime.time(9, 30),
            ends_at=datetime.time(11, 30),
            room="三楼 302 教室",
            room_en="Room 302, third floor",
            online_link="https://meet.example.org/room-302" if days == 8 else "",
        )
    later = training_factories.session(
        lessons=1,
        name="面点制作 冬季班",
        starts_on=today + datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=60),
    )
    Meeting.objects.create(
        session=later,
        day=today + datetime.timedelta(days=20),
        starts_at=datetime.time(14, 0),
        ends_at=datetime.time(16, 0),
    )
    _place(trainee, later)
    full = training_factories.session(lessons=1, capacity=1, name="按摩 秋季班")
    _place(UserFactory(), full)
    _place(trainee, full, Status.WAITLISTED)
    return trainee


def test_calendar_page_has_no_axe_violations(live_site, browser, learner):
    # Every language and theme in one test (the learner's world built once):
    # each round starts without a feed.
    from accounts.models import DisplayPreferences

    for language in ("zh-hans", "en"):
        for theme in ("default", "dark"):
            CalendarFeed.objects.filter(user=learner).delete()
            DisplayPreferences.objects.filter(user=learner).delete()
            if theme != "default":
                DisplayPreferences.objects.create(user=learner, theme=theme)
            context = signed_in_context(browser, learner, live_site.url)
            page = context.new_page()
            page.goto(f"{live_site.url}/{language}/learning/calendar/")
            assert page.locator("#feed-url").count() == 0
            assert_no_axe_violations(page)
            with page.expect_navigation():
                page.locator("button[name=action][value=create]").click()
            expect(page.locator(".messages")).to_have_count(1)
            token = CalendarFeed.objects.get(user=learner).token
            expect(page.locator("#feed-url")).to_have_value(
                # On the site's address (SITE_URL), not the test server's.
                f"{settings.SITE_URL}/calendar/{token}.ics"
            )
            assert_no_axe_violations(page)
            page.goto(f"{live_site.url}/{language}/learning/")
            assert page.locator("details").count() >= 1
            assert_no_axe_violations(page)
            context.close()


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_calendar_and_my_learning_at_320_px_and_200_percent(
    live_site, browser, learner, theme
):
    from accounts.models import DisplayPreferences

    DisplayPreferences.objects.create(
        user=learner, text_size=200, **({"theme": theme} if theme != "default" else {})
    )
    calendar_feed_create(user=learner)
    context = signed_in_context(
        browser, learner, live_site.url, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    for language in ("zh-hans", "en"):
        page.goto(f"{live_site.url}/{language}/learning/calendar/")
        assert_no_horizontal_scroll(page)
        assert_no_axe_violations(page)
        page.goto(f"{live_site.url}/{language}/learning/")
        page.locator("details summary").first.click()
        assert_no_horizontal_scroll(page)
        assert_no_axe_violations(page)
    context.close()


def test_keyboard_to_a_new_calendar_link(live_site, browser, learner):
    old = calendar_feed_create(user=learner).token
    context = signed_in_context(browser, learner, live_site.url)
    page = context.new_page()
    page.goto(f"{live_site.url}/en/learning/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == (
            "/en/learning/calendar/"
        ):
            break
    else:
        pytest.fail("the calendar link is not reachable by keyboard")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "reset":
            break
    else:
        pytest.fail("the reset button is not reachable by keyboard")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("The old link no longer works")
    new = CalendarFeed.objects.get(user=learner).token
    assert new != old
    expect(page.locator("#feed-url")).to_have_value(
        f"{settings.SITE_URL}/calendar/{new}.ics"
    )
    response = page.request.get(f"{live_site.url}/calendar/{old}.ics")
    assert response.status == 404
    response = page.request.get(f"{live_site.url}/calendar/{new}.ics")
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    context.close()
