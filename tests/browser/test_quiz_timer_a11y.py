"""Timed quiz warnings in Chromium, with Playwright's clock: nothing is said
until 5 minutes are left, then one polite status message with a Pause button,
then one more at 1 minute left; the Pause button saves and pauses. Zero axe
violations with the warning shown, in both languages and both themes, and at
320 px with 200% text. No warning region when the trainee turned it off."""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from accounts.models import DisplayPreferences
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    signed_in_context,
)
from tests.factories import courses as course_factories
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import TrainingBaseFactory, UserFactory
from training.models import QuizAttempt
from training.services import quizzes
from training.services.enrolment import enrolment_create

RUNS = [("zh-hans", "default", 100), ("en", "dark", 200)]


def _attempt(language: str, *, theme: str, text_size: int, warnings: bool = True):
    base = TrainingBaseFactory()
    course = course_factories.course(
        course_factories.base_section(base, language=language), title="直播入门"
    )
    today = timezone.localdate()
    session = training_factories.session(
        course=course,
        base=base,
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=60),
    )
    trainee = UserFactory()
    DisplayPreferences.objects.create(
        user=trainee, theme=theme, text_size=text_size, quiz_time_warnings=warnings
    )
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    quiz = quiz_factories.quiz(
        course, questions=quiz_factories.standard_questions(2), time_limit_minutes=10
    )
    attempt = quizzes.attempt_start(enrolment=enrolment, quiz=quiz, actor=trainee)
    return trainee, attempt


def _text(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def test_warnings_at_5_and_1_minutes_left_with_a_pause_button(live_site, browser):
    for language, theme, text_size in RUNS:
        trainee, attempt = _attempt(language, theme=theme, text_size=text_size)
        width = 320 if text_size == 200 else 1280
        context = signed_in_context(
            browser, trainee, live_site.url, viewport={"width": width, "height": 800}
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.clock.install()
        page.goto(f"{live_site.url}/{language}/attempts/{attempt.pk}/questions/1/")
        region = page.locator("#quiz-time-warning")
        expect(region).to_have_attribute("role", "status")
        expect(region).to_be_empty()

        page.clock.run_for("04:50")  # 5 min 10 s left: still nothing said
        expect(region).to_be_empty()
        page.clock.run_for("00:15")
        expect(region).to_contain_text(_text(language, "5 minutes left."))
        pause = region.get_by_role("button", name=_text(language, "Pause the quiz"))
        expect(pause).to_be_visible()
        assert_no_axe_violations(page)
        assert_no_horizontal_scroll(page)

        page.clock.run_for("03:50")  # 1 min 5 s left: the 5-minute text stays
        expect(region).to_contain_text(_text(language, "5 minutes left."))
        page.clock.run_for("00:10")
        expect(region).to_contain_text(_text(language, "1 minute left."))
        expect(region).not_to_contain_text(_text(language, "5 minutes left."))

        # Keyboard: the warning's button is one Tab stop; it saves and pauses.
        pause.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert f"/attempts/{attempt.pk}/paused/" in page.url
        assert QuizAttempt.objects.get(pk=attempt.pk).paused_at is not None
        assert page.locator("#quiz-time-warning").count() == 0
        context.close()


def test_no_warning_region_when_turned_off(live_site, browser):
    trainee, attempt = _attempt("en", theme="default", text_size=100, warnings=False)
    context = signed_in_context(browser, trainee, live_site.url)
    page = context.new_page()
    page.clock.install()
    page.goto(f"{live_site.url}/en/attempts/{attempt.pk}/questions/1/")
    expect(page.locator("#quiz-time")).to_contain_text("About 10 minutes left.")
    page.clock.run_for("09:30")
    assert page.locator("#quiz-time-warning").count() == 0
    assert page.locator("[role=status]:not(:empty)").count() == 0
    # Without the live warning, the written link still reaches the Pause button.
    page.locator('#quiz-time a[href="#quiz-pause"]').click()
    expect(page.locator("#quiz-pause")).to_be_focused()
    assert_no_axe_violations(page)
    context.close()
