"""My learning and the trainee's enrolment pages in a real browser."""

import pytest
from playwright.sync_api import expect

from courses.models import LessonPage
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    kept_world,
    signed_in_context,
)
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from training.services.enrolment import enrolment_create, enrolment_withdraw
from training.services.progress import lesson_completion_record


@pytest.fixture(scope="module")
def _learner(_serialized_db, django_db_blocker):
    yield from kept_world(_serialized_db, django_db_blocker, _build_learner)


@pytest.fixture
def learner(_learner, live_site):
    return _learner.get()


def _build_learner():
    """A trainee part-way through one course, waiting for a place in another
    and offered a place in a third."""
    trainee = UserFactory(name="李娜")
    current = training_factories.session(lessons=3, name="电商直播 秋季班")
    enrolment = enrolment_create(trainee=trainee, session=current, actor=trainee)
    first = LessonPage.objects.child_of(current.course).live().order_by("path").first()
    lesson_completion_record(enrolment=enrolment, lesson=first, actor=trainee)
    full = training_factories.session(lessons=1, capacity=1, name="短视频 秋季班")
    # Linked to the base (home base), so staff enrolment gives a seat.
    holder = enrolment_create(
        trainee=UserFactory(home_base=full.base), session=full, actor=UserFactory()
    )
    enrolment_create(trainee=trainee, session=full, actor=trainee)
    offered = training_factories.session(lessons=1, capacity=1, name="网站维护 秋季班")
    other = enrolment_create(
        trainee=UserFactory(home_base=offered.base),
        session=offered,
        actor=UserFactory(),
    )
    enrolment_create(trainee=trainee, session=offered, actor=trainee)
    enrolment_withdraw(enrolment=other, actor=other.trainee)
    # Issue #11: staff put the trainee down at a base they never trained at,
    # so the place waits for them to confirm it (buttons and one-time code).
    pending = training_factories.session(lessons=1, name="手工编织 秋季班")
    enrolment_create(trainee=trainee, session=pending, actor=UserFactory())
    assert holder.pk
    return trainee


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_my_learning_has_no_axe_violations(live_site, browser, learner, language):
    context = signed_in_context(browser, learner, live_site.url)
    page = context.new_page()
    page.goto(f"{live_site.url}/{language}/learning/")
    assert page.locator("progress").count() == 4
    assert page.locator("button[name=answer][value=confirm]").count() == 1
    assert page.locator(".confirmation-code").count() == 1
    assert_no_axe_violations(page)
    page.goto(
        f"{live_site.url}/{language}/enrolments/{learner.enrolments.first().pk}/withdraw/"
    )
    assert_no_axe_violations(page)
    context.close()


@pytest.mark.parametrize("theme", ["dark", "yellow", "cream"])
def test_my_learning_in_each_theme_at_200_percent_and_320_px(
    live_site, browser, learner, theme
):
    from accounts.models import DisplayPreferences

    DisplayPreferences.objects.create(user=learner, theme=theme, text_size=200)
    context = signed_in_context(
        browser, learner, live_site.url, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    page.goto(f"{live_site.url}/en/learning/")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    context.close()


def test_resume_and_accept_a_place_by_keyboard(live_site, browser, learner):
    context = signed_in_context(browser, learner, live_site.url)
    page = context.new_page()
    page.goto(f"{live_site.url}/en/learning/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if (
            page.evaluate("document.activeElement.textContent.trim()")
            == "Yes, take the place"
        ):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "You have a place in" in page.locator(".messages").inner_text()
    for _ in range(60):
        page.keyboard.press("Tab")
        if (
            page.evaluate("document.activeElement.textContent.trim()")
            == "Continue: 第2课"
        ):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "第2课"
    context.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_lesson_with_progress_has_no_axe_violations(
    live_site, browser, learner, language
):
    context = signed_in_context(browser, learner, live_site.url)
    page = context.new_page()
    page.goto(f"{live_site.url}/{language}/learning/")
    enrolment = learner.enrolments.order_by("pk").first()
    lesson = (
        LessonPage.objects.child_of(enrolment.session.course).live().order_by("path")[1]
    )
    page.goto(f"{live_site.url}{lesson.url}")
    assert page.locator("form[action$='/complete/'] button").count() == 1
    assert_no_axe_violations(page)
    page.locator("form[action$='/complete/'] button").click()
    expect(page.locator(".messages")).to_have_count(1)
    assert_no_axe_violations(page)
    context.close()
