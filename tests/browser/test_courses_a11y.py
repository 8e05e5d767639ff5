import pytest

from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    kept_world,
)
from tests.factories import courses as tree
from tests.factories.accounts import TrainingBaseFactory

LANGUAGES = ["zh-hans", "en"]
VERSIONS = ["standard", "easy_read", "sign_language", "audio_first", "large_print"]


@pytest.fixture(scope="module")
def _courses(_serialized_db, django_db_blocker):
    yield from kept_world(_serialized_db, django_db_blocker, _build_courses)


@pytest.fixture
def courses_site(_courses, live_site):
    """A catalogue, course and lesson (with every version) in both languages."""
    return {
        language: {name: live_site.url + path for name, path in paths.items()}
        for language, paths in _courses.get().items()
    }


def _build_courses() -> dict[str, dict[str, str]]:
    paths = {}
    for language in LANGUAGES:
        section = tree.base_section(TrainingBaseFactory(), language=language)
        course = tree.course(
            section, slug=f"live-{language}", categories=["hearing", "visual"]
        )
        tree.lesson(
            course,
            versions=["easy_read", "sign_language", "audio_first", "large_print"],
        )
        lesson = tree.lesson(
            course,
            versions=["easy_read", "sign_language", "audio_first", "large_print"],
        )
        paths[language] = {
            "catalogue": f"/{language}/courses/",
            "course": course.get_url(),
            "lesson": lesson.get_url(),
        }
    return paths


# One test per kind of page, each visiting every language and variant: the
# course site is built once per test, not once per variant.
QUERIES = ["", "?category=visual&mode=online", "?q=nothing-matches-this"]


def test_catalogue_has_no_axe_violations(courses_site, page):
    for language in LANGUAGES:
        for query in QUERIES:
            response = page.goto(courses_site[language]["catalogue"] + query)
            assert response.status == 200, page.url
            assert_no_axe_violations(page)


def test_course_page_has_no_axe_violations(courses_site, page):
    for language in LANGUAGES:
        assert page.goto(courses_site[language]["course"]).status == 200
        assert_no_axe_violations(page)


def test_lesson_versions_have_no_axe_violations(courses_site, page):
    for language in LANGUAGES:
        for version in VERSIONS:
            url = f"{courses_site[language]['lesson']}?version={version}"
            assert page.goto(url).status == 200, url
            current = page.locator('.versions__list a[aria-current="page"]')
            assert current.count() == 1, url
            assert_no_axe_violations(page)


def test_filters_work_by_keyboard_without_javascript(courses_site, browser):
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    page.goto(courses_site["en"]["catalogue"])
    page.select_option("#id_category", "speech")
    page.locator("main button[type=submit]").press("Enter")
    page.wait_for_url("**category=speech**")
    assert "No courses match" in page.locator("main").inner_text()
    context.close()


def test_reflows_at_320_css_pixels(courses_site, browser):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, bypass_csp=True
    )
    page = context.new_page()
    for which in ("catalogue", "lesson"):
        for language in LANGUAGES:
            for suffix in ("", "?version=large_print"):
                page.goto(courses_site[language][which] + suffix)
                assert_no_horizontal_scroll(page)
                page.evaluate("document.documentElement.style.fontSize = '200%'")
                assert_no_horizontal_scroll(page)
    context.close()
