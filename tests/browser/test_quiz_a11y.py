"""Quizzes in Chromium: zero axe violations on the quiz page, a question
(one per page and all on one page), the error state, pause, review, results
and marking, in both languages; and a keyboard-only journey from a course
page to a passed quiz."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    sign_in,
)
from tests.factories import courses as course_factories
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from training.models import Enrolment, QuizAnswer
from training.selectors.quizzes import quiz_questions
from training.services import quizzes
from training.services.enrolment import enrolment_create

LANGUAGES = ["zh-hans", "en"]
# A radio or checkbox is named by its label.
FOCUSED_TEXT = """(() => {
    const el = document.activeElement;
    return ((el.labels && el.labels[0]) || el).textContent.trim();
})()"""


def _course(language: str, title: str):
    base = TrainingBaseFactory()
    course = course_factories.course(
        course_factories.base_section(base, language=language), title=title
    )
    course_factories.lesson(course, title="Set up your room")
    today = timezone.localdate()
    session = training_factories.session(
        course=course,
        base=base,
        name="Autumn class",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=60),
    )
    return course, session


def _check(page) -> None:
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_quiz_pages_have_no_axe_violations(live_site, page, language):
    course, session = _course(language, "直播入门")
    trainee = UserFactory(name="张伟")
    enrolment_create(trainee=trainee, session=session, actor=trainee)
    one_per_page = quiz_factories.quiz(
        course,
        title="测验一",
        questions=[
            *quiz_factories.standard_questions(3),
            quiz_factories.short("写一个卖点。", "名称和卖点"),
        ],
        time_limit_minutes=20,
    )
    all_on_one = quiz_factories.quiz(
        course,
        title="测验二",
        questions=quiz_factories.standard_questions(2),
        one_question_per_page=False,
    )
    sign_in(page.context, trainee, live_site.url)
    prefix = f"{live_site.url}/{language}"

    page.goto(live_site.url + one_per_page.get_url())
    _check(page)
    page.locator(".quiz-status form button").click()
    page.wait_for_url("**/questions/1/")
    assert page.locator("fieldset.question legend").is_visible()
    _check(page)

    # The error state: Next without an answer.
    page.locator("button[value=next]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    # `autofocus` is applied at the browser's next rendering step: wait for it.
    expect(page.locator(".error-summary")).to_be_focused()
    _check(page)

    # Answer every question, the last one in writing.
    questions = quiz_questions(one_per_page)
    for question in questions[:3]:
        for choice_id in sorted(question.correct_ids):
            page.locator(f"input[value='{choice_id}']").check()
        page.locator("form .form__actions button").first.click()
    page.locator("textarea").fill("手工辣椒酱，香而不燥。")
    page.locator("button[value=review]").click()
    page.wait_for_url("**/review/*")
    _check(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.locator(".quiz-submit form button").first.click()
    page.wait_for_url("**/results/")
    _check(page)

    # Marking, by an instructor of the base.
    instructor = StaffRoleFactory(base=session.base).user
    marker = page.context.browser.new_context(bypass_csp=True)
    marking = marker.new_page()
    sign_in(marker, instructor, live_site.url)
    marking.goto(f"{prefix}/teach/marking/")
    assert marking.locator("section.marking").count() == 1
    _check(marking)
    marking.locator("section.marking button").click()  # no verdict chosen
    expect(marking.locator(".error-summary")).to_be_visible()
    _check(marking)
    marker.close()

    # The results once marked: pass, with the right answers and why.
    quizzes.answer_mark(
        answer=QuizAnswer.objects.get(text__startswith="手工"),
        is_correct=True,
        actor=instructor,
    )
    page.reload()
    _check(page)

    # All questions on one page, then pause.
    page.goto(live_site.url + all_on_one.get_url())
    page.locator(".quiz-status form button").click()
    page.wait_for_url("**/questions/")
    assert page.locator("fieldset.question").count() == 2
    _check(page)
    page.locator("button[value=pause]").click()
    page.wait_for_url("**/paused/*")
    _check(page)


def _tab_to(page, text: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element's text contains `text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if text in page.evaluate(FOCUSED_TEXT):
            return
    raise AssertionError(f"could not reach “{text}” with Tab")


def test_keyboard_only_enrol_complete_a_lesson_and_pass_a_quiz(live_site, page):
    course, _session = _course("en", "Livestream basics")
    quiz_factories.quiz(
        course,
        title="Check what you learned",
        questions=[
            quiz_factories.true_false("You can talk with viewers by text.", True),
            quiz_factories.single("What comes first?", "Check the network", "Go live"),
        ],
    )
    trainee = UserFactory(name="Zhang Wei")
    sign_in(page.context, trainee, live_site.url)
    page.goto(live_site.url + course.get_url())

    _tab_to(page, "Enrol in Autumn class")
    page.keyboard.press("Enter")
    page.wait_for_url("**/learning/*")
    _tab_to(page, "Continue: Set up your room")
    page.keyboard.press("Enter")
    page.wait_for_url("**/lesson-*/*")
    _tab_to(page, "Mark this lesson as complete")
    page.keyboard.press("Enter")
    page.locator(".messages").wait_for()
    _tab_to(page, "Back to the course: Livestream basics")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + course.get_url())
    _tab_to(page, "Check what you learned")
    page.keyboard.press("Enter")
    page.wait_for_url("**/quiz-*/")
    _tab_to(page, "Start the quiz")
    page.keyboard.press("Enter")
    page.wait_for_url("**/questions/1/")

    # Question 1: the first radio ("True") is the right answer.
    _tab_to(page, "True")
    page.keyboard.press("Space")
    assert page.locator("input[type=radio]").first.is_checked()
    _tab_to(page, "Save and go to the next question")
    page.keyboard.press("Enter")
    page.wait_for_url("**/questions/2/*")
    _tab_to(page, "Check the network")
    page.keyboard.press("Space")
    _tab_to(page, "Save and check your answers")
    page.keyboard.press("Enter")
    page.wait_for_url("**/review/*")
    _tab_to(page, "Submit my answers")
    page.keyboard.press("Enter")
    page.wait_for_url("**/results/")
    assert "2 of 2 right, 100%" in page.locator(".quiz-result").inner_text()
    assert "You passed" in page.locator(".quiz-result").inner_text()
    assert Enrolment.objects.get(trainee=trainee).status == Enrolment.Status.COMPLETED
