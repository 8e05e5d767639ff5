"""After an action the browser lands on the notification banner: Chromium
focuses the #notice fragment's tabindex=-1 region (no JavaScript of ours),
and one Tab reaches the next step. A lesson's contents list reaches the
lesson's actions without tabbing through the lesson."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from courses.models import LessonPage
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    signed_in_context,
)
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from training.services.enrolment import enrolment_create

pytestmark = pytest.mark.browser


def _active(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {id: el.id, tag: el.tagName, text: el.textContent.trim(),
                    href: el.getAttribute('href') || ''};
        }"""
    )


def _lands_on_notice(page) -> None:
    page.wait_for_load_state()
    assert page.url.endswith("#notice"), page.url
    expect(page.locator("#notice")).to_be_visible()
    # Focus moves to the notice as the browser goes to `#notice`, which can
    # come after the load event: wait for it.
    expect(page.locator("#notice")).to_be_focused()


def _tab_to_next_step(page) -> dict:
    page.keyboard.press("Tab")
    active = _active(page)
    assert active["tag"] == "A", active
    assert page.evaluate("document.activeElement.closest('#notice') !== null"), (
        "the first Tab stop after the banner is not its next-step link"
    )
    return active


def _tab_until(page, href: str, limit: int = 40) -> int:
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if _active(page)["href"] == href:
            return count
    raise AssertionError(f"{href!r} is not within {limit} Tab stops")


def _zh(message: str) -> str:
    """The course is in Chinese, so its pages (and their notices) are too."""
    with translation.override("zh-hans"):
        return gettext(message)


@pytest.fixture
def trainee(live_site):
    user = UserFactory(name="王芳")
    session = training_factories.session(lessons=2, name="电商直播 秋季班")
    quiz_factories.quiz(session.course)
    enrolment_create(trainee=user, session=session, actor=user)
    user.session = session
    return user


def test_each_action_focuses_its_notice_and_the_next_step(live_site, browser, trainee):
    session = trainee.session
    first, second = LessonPage.objects.child_of(session.course).live().order_by("path")
    other = training_factories.session(lessons=1, name="短视频 秋季班")
    context = signed_in_context(
        browser, trainee, live_site.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)

    # A lesson: the contents list leads to the lesson's actions.
    page.goto(f"{live_site.url}{first.url}")
    page.locator("#main-content").focus()
    _tab_until(page, "#lesson-actions")
    page.keyboard.press("Enter")
    assert _active(page)["id"] == "lesson-actions"
    page.keyboard.press("Tab")
    assert _active(page)["text"] == _zh("Mark this lesson as complete")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _lands_on_notice(page)
    expect(page.locator("#notice")).to_contain_text(_zh("Lesson marked complete."))
    link = _tab_to_next_step(page)
    assert link["href"] == second.url
    assert link["text"].startswith(_zh("Next lesson:"))
    assert_no_axe_violations(page)

    # The last lesson, in Chinese: the next step is the quiz.
    page.goto(f"{live_site.url}{second.url}")
    page.locator("#lesson-actions button").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _lands_on_notice(page)
    _tab_to_next_step(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "第一单元测验"

    # A quiz (in Chinese, the course's language): save an answer, then pause.
    with page.expect_navigation():
        page.locator(".quiz-status form button").click()
    page.locator("input[type=radio]").first.check()
    page.locator("button[name=action][value=next]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _lands_on_notice(page)
    link = _tab_to_next_step(page)
    assert link["href"] == "#question-2"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#question-2') !== null"), (
        "the link to question 2 does not lead into it"
    )
    page.locator("button[name=action][value=pause]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _lands_on_notice(page)
    assert _tab_to_next_step(page)["href"] == "#resume"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "resume"
    assert_no_axe_violations(page)

    # Enrolment, from the course page.
    page.goto(f"{live_site.url}{other.course.url}")
    page.locator(f"form[action$='/sessions/{other.pk}/enrol/'] button").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _lands_on_notice(page)
    expect(page.locator("#notice")).to_contain_text(
        _zh("You have a place in %(session)s.").split("%(session)s")[0]
    )
    assert _tab_to_next_step(page)["href"] == other.course.url

    # Display settings: dark theme, 200% text, then 320 px wide, both languages.
    page.goto(f"{live_site.url}/en/display/?next=/en/learning/")
    page.locator("input[name=theme][value=dark]").check()
    page.locator("input[name=text_size][value='200']").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save display settings").click()
    _lands_on_notice(page)
    assert "/en/display/" in _tab_to_next_step(page)["href"]
    assert "theme-dark" in page.locator("html").get_attribute("class")
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    for language in ("en", "zh-hans"):
        page.goto(f"{live_site.url}/{language}/display/?next=/{language}/learning/")
        with page.expect_navigation():
            page.locator("form.form button[type=submit]").click()
        _lands_on_notice(page)
        assert_no_horizontal_scroll(page)
        assert_no_axe_violations(page)
    context.close()
