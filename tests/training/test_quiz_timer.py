"""Timed quizzes say the time left on every page of an attempt (without
JavaScript), and give quiz-timer.js what it needs to warn at 5 and 1 minutes
left: an empty polite status region, the seconds left, the two messages in
<template>s and the page's Pause button. No region for quizzes without a time
limit, when time is up, or when the trainee turned warnings off."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AccessNeeds, DisplayPreferences
from accounts.preferences import Display
from tests.factories import courses as course_factories
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import TrainingBaseFactory, UserFactory
from tests.html import soup
from training.models import QuizAttempt
from training.services.enrolment import enrolment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(site_pages):
    base = TrainingBaseFactory()
    course = course_factories.course(
        course_factories.base_section(base, language="en"), title="Livestream basics"
    )
    return training_factories.session(course=course, base=base)


@pytest.fixture
def trainee(client, session):
    user = UserFactory(name="张伟")
    enrolment_create(trainee=user, session=session, actor=user)
    client.force_login(user)
    return user


def _start(client, session, **kwargs) -> QuizAttempt:
    quiz = quiz_factories.quiz(session.course, **kwargs)
    assert client.post(f"/en/quizzes/{quiz.pk}/start/").status_code == 302
    return QuizAttempt.objects.get(quiz=quiz, submitted_at__isnull=True)


def _pages(attempt) -> list[str]:
    prefix = f"/en/attempts/{attempt.pk}"
    if attempt.quiz.one_question_per_page:
        return [f"{prefix}/questions/1/", f"{prefix}/questions/2/", f"{prefix}/review/"]
    return [f"{prefix}/questions/", f"{prefix}/review/"]


@pytest.mark.parametrize("one_per_page", [True, False])
def test_every_page_of_a_timed_attempt_says_the_time_left_and_links_to_pause(
    client, session, trainee, one_per_page
):
    attempt = _start(
        client, session, time_limit_minutes=10, one_question_per_page=one_per_page
    )
    for url in _pages(attempt):
        doc = soup(client.get(url))
        time = doc.select_one("#quiz-time")
        assert "About 10 minutes left." in time.get_text(), url
        assert "pause the quiz at any time" in time.get_text(), url
        link = time.select_one('a[href="#quiz-pause"]')
        assert link is not None, url
        pause = doc.select_one("#quiz-pause")
        assert (pause.name, pause["type"], pause["value"]) == (
            "button",
            "submit",
            "pause",
        ), url
        # The page's Pause button is not the form's first (default) button.
        form = pause.find_parent("form")
        assert form.select("button[type=submit]")[0] is not pause or url.endswith(
            "/review/"
        )


def test_the_warning_region_starts_empty_with_the_seconds_left(
    client, session, trainee
):
    attempt = _start(client, session, time_limit_minutes=10)
    for url in _pages(attempt):
        doc = soup(client.get(url))
        region = doc.select_one("#quiz-time-warning")
        assert region["role"] == "status", url
        assert region.get_text(strip=True) == "" and not region.contents, url
        assert 595 <= int(region["data-seconds-left"]) <= 600, url
        five = doc.select_one("template#quiz-warning-300")
        one = doc.select_one("template#quiz-warning-60")
        assert "5 minutes left." in five.get_text()
        assert "1 minute left." in one.get_text()
        for template in (five, one):
            button = template.select_one("button[data-quiz-pause]")
            assert button["type"] == "button"
            assert ">Pause the quiz</button>" in str(button)
        script = doc.select_one('script[src$="js/quiz-timer.js"]')
        assert script is not None and script.has_attr("defer"), url
        assert not doc.select("script:not([src])"), "no inline script (CSP)"


def test_the_seconds_left_include_extra_time_and_follow_the_clock(
    client, session, trainee
):
    AccessNeeds.objects.create(
        user=trainee,
        consent_given_at=timezone.now(),
        extra_time=True,
        extra_time_factor="1.5",
    )
    attempt = _start(client, session, time_limit_minutes=10)
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        clock_started_at=timezone.now() - datetime.timedelta(minutes=12)
    )
    doc = soup(client.get(_pages(attempt)[0]))
    assert "About 3 minutes left." in doc.select_one("#quiz-time").get_text()
    assert 175 <= int(doc.select_one("#quiz-time-warning")["data-seconds-left"]) <= 180


def test_no_warnings_without_a_time_limit(client, session, trainee):
    attempt = _start(client, session, time_limit_minutes=None)
    for url in _pages(attempt):
        doc = soup(client.get(url))
        assert "There is no time limit." in doc.select_one("#quiz-time").get_text()
        assert doc.select_one("#quiz-time-warning") is None
        assert doc.select_one('script[src$="js/quiz-timer.js"]') is None


def test_no_warnings_or_pause_link_once_the_time_is_up(client, session, trainee):
    attempt = _start(client, session, time_limit_minutes=10)
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        clock_started_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    doc = soup(client.get(f"/en/attempts/{attempt.pk}/review/"))
    assert "The time for this quiz is up." in doc.select_one("#quiz-time").get_text()
    assert doc.select_one("#quiz-time-warning") is None
    assert doc.select_one('a[href="#quiz-pause"]') is None


def test_no_warnings_while_paused(client, session, trainee):
    attempt = _start(client, session, time_limit_minutes=10)
    client.post(f"/en/attempts/{attempt.pk}/questions/1/", {"action": "pause"})
    doc = soup(client.get(f"/en/attempts/{attempt.pk}/paused/"))
    assert "about 10 minutes left" in doc.get_text()
    assert doc.select_one("#quiz-time-warning") is None
    assert doc.select_one('script[src$="js/quiz-timer.js"]') is None


def test_warnings_off_in_display_settings_leaves_the_time_written(
    client, session, trainee
):
    DisplayPreferences.objects.create(user=trainee, quiz_time_warnings=False)
    attempt = _start(client, session, time_limit_minutes=10)
    for url in _pages(attempt):
        doc = soup(client.get(url))
        assert "About 10 minutes left." in doc.select_one("#quiz-time").get_text()
        assert doc.select_one('a[href="#quiz-pause"]') is not None
        assert doc.select_one("#quiz-time-warning") is None
        assert doc.select_one('script[src$="js/quiz-timer.js"]') is None


def _settings_post(**changes) -> dict:
    data = {"text_size": "100", "theme": "default"}
    data.update(changes)
    return data


def test_display_settings_turn_warnings_off_and_on_for_a_trainee(
    client, session, trainee
):
    doc = soup(client.get("/en/display/"))
    box = doc.select_one("input[name=quiz_time_warnings]")
    assert box is not None and box.has_attr("checked")
    assert doc.select_one(f'label[for="{box["id"]}"]') is not None
    client.post("/en/display/", _settings_post())
    assert DisplayPreferences.objects.get(user=trainee).quiz_time_warnings is False
    doc = soup(client.get("/en/display/"))
    assert not doc.select_one("input[name=quiz_time_warnings]").has_attr("checked")
    client.post("/en/display/", _settings_post(quiz_time_warnings="on"))
    assert DisplayPreferences.objects.get(user=trainee).quiz_time_warnings is True


def test_display_settings_keep_the_choice_in_the_cookie_when_signed_out(client, db):
    response = client.post("/en/display/", _settings_post(theme="dark"))
    value = response.cookies["display"].value
    assert Display.from_cookie(value) == Display(theme="dark", quiz_time_warnings=False)
    response = client.post("/en/display/", _settings_post(quiz_time_warnings="on"))
    assert Display.from_cookie(response.cookies["display"].value) == Display()


@pytest.mark.parametrize(
    "display",
    [Display(), Display(quiz_time_warnings=False, legible_font=True, text_size=200)],
)
def test_the_cookie_round_trips_the_warning_setting(display):
    assert Display.from_cookie(display.to_cookie()) == display
    assert "quiz" not in display.html_classes


def test_a_signed_in_trainee_without_saved_settings_follows_the_cookie(
    client, session, trainee
):
    client.cookies["display"] = Display(quiz_time_warnings=False).to_cookie()
    attempt = _start(client, session, time_limit_minutes=10)
    doc = soup(client.get(_pages(attempt)[0]))
    assert doc.select_one("#quiz-time-warning") is None


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_warning_adds_no_queries(client, session, trainee):
    on = _start(client, session, time_limit_minutes=10, title="On")
    counts_on = [_queries(client, url) for url in _pages(on)]
    DisplayPreferences.objects.update_or_create(
        user=trainee, defaults={"quiz_time_warnings": False}
    )
    off = _start(client, session, time_limit_minutes=10, title="Off")
    assert [_queries(client, url) for url in _pages(off)] == counts_on
