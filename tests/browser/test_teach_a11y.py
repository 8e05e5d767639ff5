"""Instructor pages in Chromium: zero axe violations in both languages, and
reflow at 320 px (wide tables scroll inside their own labelled region)."""

import pytest
from django.utils import timezone

from accounts.models import AccessNeeds
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    kept_world,
    sign_in,
)
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from tests.training.test_teach_views import build_world
from training.selectors.learning import course_lessons
from training.services import enrolment as enrolment_service
from training.services import progress as progress_service
from training.services.records import attendance_record

LANGUAGES = ["zh-hans", "en"]
GOOD_CSV = "邮箱,姓名,电话\nnew.one@example.org,新学员,13800138000\n".encode(
    "utf-8-sig"
)
BAD_CSV = "email,name\nnot-an-email,甲\nok@example.org,\nok@example.org,乙\n".encode()


@pytest.fixture(scope="module")
def _teach_world(_serialized_db, django_db_blocker):
    yield from kept_world(_serialized_db, django_db_blocker, _build_teach_world)


@pytest.fixture
def teach_site(_teach_world, live_site):
    world = _teach_world.get()
    world.url = live_site.url
    return world


def _build_teach_world():
    world = build_world()
    session = world.session_a
    lessons = list(course_lessons(world.enrolment))
    for lesson in lessons:
        progress_service.lesson_completion_record(
            enrolment=world.enrolment, lesson=lesson, actor=world.trainee
        )
    # Linked to the base (home base): staff enrolment gives a seat.
    partly = enrolment_service.enrolment_create(
        trainee=UserFactory(name="Li Lei", home_base=world.base_a),
        session=session,
        actor=world.instructor_a,
    )
    progress_service.lesson_completion_record(
        enrolment=partly, lesson=lessons[0], actor=partly.trainee
    )
    attendance_record(
        enrolment=partly, day=session.starts_on, status="present", actor=world.admin
    )
    for _ in range(5):  # the rest of the seats, then the waiting list
        enrolment_service.enrolment_create(
            trainee=UserFactory(home_base=world.base_a),
            session=session,
            actor=world.instructor_a,
        )
    # Issue #11: someone never at this base: a row waiting for them to confirm.
    world.pending = enrolment_service.enrolment_create(
        trainee=UserFactory(name="Zhao Pending"),
        session=session,
        actor=world.instructor_a,
    )
    reviewed = training_factories.session(
        base=world.base_a, lessons=0, approval_required=True, name="Reviewed"
    )
    applicant = UserFactory()
    enrolment_service.enrolment_create(
        trainee=applicant, session=reviewed, actor=applicant
    )
    AccessNeeds.objects.create(
        user=world.trainee,
        hearing=True,
        captions=True,
        notes="需要手语翻译。",
        consent_given_at=timezone.now(),
    )
    world.partly = partly
    world.reviewed = reviewed
    return world


def _paths(world) -> list[str]:
    session, enrolment = world.session_a.pk, world.enrolment.pk
    return [
        "teach/",
        f"teach/sessions/{session}/",
        f"teach/sessions/{session}/?status=enrolled",
        f"teach/sessions/{session}/?status=waitlisted&sort=progress&dir=desc",
        f"teach/sessions/{session}/?status=completed",
        f"teach/sessions/{session}/?status=pending",
        f"teach/sessions/{world.reviewed.pk}/",
        f"teach/sessions/{session}/attendance/?day={world.session_a.starts_on}",
        f"teach/sessions/{session}/enrolments/{enrolment}/outcomes/",
        f"teach/sessions/{session}/enrolments/{world.partly.pk}/withdraw/",
        f"teach/sessions/{session}/enrol/?q=Li",
        f"teach/sessions/{session}/enrol/?q=",
        f"teach/sessions/{session}/import/",
        f"teach/sessions/{session}/audit/",
        f"teach/trainees/{world.trainee.pk}/needs/",
    ]


def _upload(page, world, language: str, data: bytes) -> None:
    page.goto(f"{world.url}/{language}/teach/sessions/{world.session_a.pk}/import/")
    page.set_input_files(
        "#id_file",
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": data}],
    )
    with page.expect_navigation():
        page.locator("main form[enctype] button[type=submit]").click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_instructor_pages_have_no_axe_violations(teach_site, browser, language):
    context = browser.new_context(bypass_csp=True)
    sign_in(context, teach_site.admin, teach_site.url)
    page = context.new_page()
    for path in _paths(teach_site):
        response = page.goto(f"{teach_site.url}/{language}/{path}")
        assert response.status == 200, path
        assert_no_axe_violations(page)
    # The outcome form with errors, and the import preview with and without.
    page.goto(
        f"{teach_site.url}/{language}/teach/sessions/{teach_site.session_a.pk}"
        f"/enrolments/{teach_site.enrolment.pk}/outcomes/"
    )
    page.fill("#id_recorded_on", "2026-10-01")
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    assert page.locator(".error-summary").count() == 1
    assert_no_axe_violations(page)
    _upload(page, teach_site, language, BAD_CSV)
    assert page.locator(".error-summary a").count() == 3
    assert page.locator("input[name=token]").count() == 0
    assert_no_axe_violations(page)
    _upload(page, teach_site, language, GOOD_CSV)
    assert page.locator(".error-summary").count() == 0
    assert page.locator("input[name=token]").count() == 1
    assert_no_axe_violations(page)
    context.close()


def test_instructor_pages_reflow_at_320_px(teach_site, browser):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, bypass_csp=True
    )
    sign_in(context, teach_site.instructor_a, teach_site.url)
    page = context.new_page()
    session = teach_site.session_a.pk
    for language in LANGUAGES:
        for path in [
            "teach/",
            f"teach/sessions/{session}/",
            f"teach/sessions/{session}/?status=enrolled",
            f"teach/sessions/{session}/attendance/",
            f"teach/sessions/{session}/enrolments/{teach_site.enrolment.pk}/outcomes/",
            f"teach/sessions/{session}/import/",
        ]:
            page.goto(f"{teach_site.url}/{language}/{path}")
            assert_no_horizontal_scroll(page)
        _upload(page, teach_site, language, BAD_CSV)
        assert_no_horizontal_scroll(page)
    # The wide roster scrolls inside its own region, which takes keyboard focus.
    page.goto(f"{teach_site.url}/en/teach/sessions/{session}/")
    region = page.locator('.table-scroll[role="region"]')
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    context.close()


def test_sort_and_filter_work_by_keyboard_without_javascript(teach_site, browser):
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    sign_in(context, teach_site.instructor_a, teach_site.url)
    page = context.new_page()
    page.goto(f"{teach_site.url}/en/teach/sessions/{teach_site.session_a.pk}/")
    page.select_option("#id_status", "waitlisted")
    page.locator("main form[method=get] button[type=submit]").press("Enter")
    page.wait_for_url("**status=waitlisted**")
    page.get_by_role("link", name="Progress").press("Enter")
    page.wait_for_url("**sort=progress**")
    assert "status=waitlisted" in page.url
    header = page.locator("thead th[aria-sort]")
    assert header.get_attribute("aria-sort") == "ascending"
    context.close()
