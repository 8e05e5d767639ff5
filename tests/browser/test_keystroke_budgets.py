"""Keystroke budgets for the main journeys (issue 16, item 6), keyboard only:
Tab, Shift+Tab, Enter, Space and arrow keys, and typing into the focused
field. No mouse, no fill(), no page.goto after the start page.

Each budget is the number of Tab stops the path takes today (measured, not
padded): a change that adds stops fails here, and the new budget has to be
argued for. At every stop the focused element changes and shows our focus
style (a 3 px outline or the link's box-shadow)."""

import datetime

import pytest
from django.utils import timezone

from courses.models import LessonPage
from tests.browser.conftest import signed_in_context
from tests.factories import courses as course_factories
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import PASSWORD, TrainingBaseFactory, UserFactory
from training.services.enrolment import enrolment_create

pytestmark = pytest.mark.browser

# a) home: skip link, site name, Home, Courses (4) → catalogue: skip link,
#    search field, type a word, Enter (2) → results: skip link, the search
#    field and four filters again, Show courses, Clear all filters, the first
#    course, the one wanted (10).
CATALOGUE_BUDGET = 16
# b) login page: skip link, "sign up", email (type), "Forgot your
#    password?", password (type, Enter) (5) → My learning, focus on the
#    signed-in notice: calendar link, course, "Continue" (3) → lesson: skip
#    link, two breadcrumbs, the lesson's heading and "Lesson actions" in the
#    contents list (Enter), Mark complete (6) → the notice: Next lesson (1).
LESSON_BUDGET = 15
# c) quiz page: skip link, two breadcrumbs, Start (4) → question 1: skip
#    link, first answer (Space), Save and next (3) → the notice: "Answer
#    question 2" (Enter), first answer (Space), two more answers, Save, Previous,
#    Skip, Pause (8) → the notice: "How to continue", Continue (2) → review:
#    skip link, two "Change your answer" links, Submit (4).
QUIZ_BUDGET = 21
# d) dashboard: skip link, three report links, date from (type a date), date
#    to, training base (ArrowDown), four more filters, Show figures (12) → the
#    filtered page: the report links and the form again (11), Clear all
#    filters (1), the page's contents list (11), the links to the definitions
#    and the rounding, CSV (3). The form on the filtered page costs 11 stops:
#    a "skip to the figures" link would save them.
DASHBOARD_BUDGET = 38

FOCUS = """(prev) => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const same = window.__lastFocus === el;
    window.__lastFocus = el;
    return {tag: el.tagName, id: el.id, text: el.textContent.trim().slice(0, 80),
            href: el.getAttribute('href') || '', type: el.type || '',
            same: same,
            ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
            shadow: s.boxShadow !== 'none' && s.boxShadow !== ''};
}"""


class Keyboard:
    """Counts Tab stops and checks each one shows a visible focus change."""

    def __init__(self, page, budget: int, name: str):
        self.page, self.budget, self.name = page, budget, name
        self.tabs = 0
        self.path: list[str] = []

    def _stop(self) -> dict:
        focus = self.page.evaluate(FOCUS)
        label = f"{focus['tag']}#{focus['id']} {focus['text'][:30]!r}"
        self.path.append(label)
        assert not focus["same"], f"{self.name}: Tab did not move focus: {label}"
        assert focus["ring"] or focus["shadow"], f"{self.name}: no focus style: {label}"
        return focus

    def tab(self, *, shift: bool = False) -> dict:
        self.tabs += 1
        assert self.tabs <= self.budget, self.report()
        self.page.keyboard.press("Shift+Tab" if shift else "Tab")
        return self._stop()

    def tab_to(self, matches, *, limit: int = 60) -> dict:
        for _ in range(limit):
            focus = self.tab()
            if matches(focus):
                return focus
        raise AssertionError(f"{self.name}: not reached. {self.report()}")

    def press(self, key: str, *, navigates: bool = False) -> None:
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
            self.page.evaluate("window.__lastFocus = document.activeElement")
        else:
            self.page.keyboard.press(key)

    def skip_to_main(self) -> None:
        self.tab_to(lambda f: f["href"] == "#main-content", limit=1)
        self.press("Enter")
        assert self.page.evaluate("document.activeElement.id") == "main-content"

    def report(self) -> str:
        return (
            f"{self.name}: {self.tabs} Tab stops (budget {self.budget}): "
            + " → ".join(self.path)
        )

    def within_budget(self) -> None:
        print(self.report())
        assert self.tabs <= self.budget, self.report()


def _id(value: str):
    return lambda f: f["id"] == value


def test_home_to_a_course_through_the_catalogue(live_site, browser):
    section = course_factories.base_section(TrainingBaseFactory())
    course_factories.course(section, title="手机摄影入门")
    wanted = course_factories.course(section, title="电商直播入门")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    keys = Keyboard(page, CATALOGUE_BUDGET, "catalogue")
    page.goto(f"{live_site.url}/zh-hans/")
    keys.tab_to(lambda f: f["href"].endswith("/courses/") and f["tag"] == "A")
    keys.press("Enter", navigates=True)
    keys.skip_to_main()
    keys.tab_to(_id("id_q"))
    page.keyboard.type("直播")
    keys.press("Enter", navigates=True)
    keys.skip_to_main()
    keys.tab_to(lambda f: f["href"] == wanted.url)
    keys.press("Enter", navigates=True)
    assert page.locator("h1").inner_text() == "电商直播入门"
    keys.within_budget()
    context.close()


def test_sign_in_to_the_next_lesson(live_site, browser):
    trainee = UserFactory(email="keys@example.org", name="赵敏")
    session = training_factories.session(lessons=2, name="电商直播 秋季班")
    enrolment_create(trainee=trainee, session=session, actor=trainee)
    second = LessonPage.objects.child_of(session.course).live().order_by("path")[1]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    keys = Keyboard(page, LESSON_BUDGET, "lesson")
    page.goto(f"{live_site.url}/en/accounts/login/")
    keys.skip_to_main()
    keys.tab_to(_id("id_login"))
    page.keyboard.type(trainee.email)
    keys.tab_to(_id("id_password"))
    page.keyboard.type(PASSWORD)
    keys.press("Enter", navigates=True)
    page.wait_for_url(f"{live_site.url}/en/learning/*")
    # Signing in is confirmed: focus is on the notice at the top of <main>.
    assert page.evaluate("document.activeElement.id") == "notice"
    keys.tab_to(lambda f: f["text"].startswith("Continue"))
    keys.press("Enter", navigates=True)
    keys.skip_to_main()
    keys.tab_to(lambda f: f["href"] == "#lesson-actions")
    keys.press("Enter")
    keys.tab_to(lambda f: f["tag"] == "BUTTON")  # Mark this lesson as complete
    keys.press("Enter", navigates=True)
    assert page.evaluate("document.activeElement.id") == "notice"
    keys.tab_to(lambda f: f["href"] == second.url, limit=1)
    keys.press("Enter", navigates=True)
    assert page.locator("h1").inner_text() == second.title
    keys.within_budget()
    context.close()


def test_quiz_start_answer_pause_resume_review_submit(live_site, browser):
    trainee = UserFactory(name="钱坤")
    session = training_factories.session(lessons=1)
    quiz = quiz_factories.quiz(
        session.course, questions=quiz_factories.standard_questions(2)
    )
    enrolment_create(trainee=trainee, session=session, actor=trainee)
    context = signed_in_context(
        browser, trainee, live_site.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    keys = Keyboard(page, QUIZ_BUDGET, "quiz")
    page.goto(f"{live_site.url}{quiz.url}")
    keys.skip_to_main()
    keys.tab_to(lambda f: f["tag"] == "BUTTON")  # Start the quiz
    keys.press("Enter", navigates=True)
    keys.skip_to_main()
    keys.tab_to(lambda f: f["type"] == "radio")
    keys.press("Space")
    keys.tab_to(lambda f: page.evaluate("document.activeElement.value") == "next")
    keys.press("Enter", navigates=True)
    assert page.evaluate("document.activeElement.id") == "notice"
    keys.tab_to(lambda f: f["href"] == "#question-2", limit=1)
    keys.press("Enter")
    keys.tab_to(lambda f: f["type"] == "checkbox", limit=1)
    keys.press("Space")
    keys.tab_to(lambda f: page.evaluate("document.activeElement.value") == "pause")
    keys.press("Enter", navigates=True)
    assert page.evaluate("document.activeElement.id") == "notice"
    keys.tab_to(lambda f: page.evaluate("document.activeElement.value") == "resume")
    keys.press("Enter", navigates=True)
    assert "/review/" in page.url
    keys.skip_to_main()
    keys.tab_to(lambda f: f["tag"] == "BUTTON")  # Submit my answers
    keys.press("Enter", navigates=True)
    assert "/results/" in page.url
    keys.within_budget()
    context.close()


def test_auditor_dashboard_filter_and_export(live_site, browser):
    from tests.federation import world as fixed

    w = fixed.build()
    context = signed_in_context(
        browser,
        w.auditor,
        live_site.url,
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    page = context.new_page()
    keys = Keyboard(page, DASHBOARD_BUDGET, "dashboard")
    page.goto(f"{live_site.url}/en/federation/")
    keys.skip_to_main()
    keys.tab_to(_id("id_date_from"))
    start = timezone.localdate() - datetime.timedelta(days=3 * 365)
    page.keyboard.type(start.isoformat())
    keys.tab_to(_id("id_base"))
    keys.press("ArrowDown")
    chosen = page.locator("#id_base").input_value()
    assert chosen
    keys.tab_to(lambda f: f["tag"] == "BUTTON")  # Show figures
    keys.press("Enter", navigates=True)
    assert f"base={chosen}" in page.url and f"date_from={start.isoformat()}" in page.url
    assert page.locator(".error-summary").count() == 0
    keys.tab_to(lambda f: f["text"] == "CSV")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")
    keys.within_budget()
    context.close()
