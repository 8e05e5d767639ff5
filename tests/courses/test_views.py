import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone, translation

from accounts.models import AccessNeeds
from courses.selectors import preferred_lesson_version
from courses.versions import VERSION_COOKIE, LessonVersionKind
from tests.factories import courses as tree
from tests.factories.accounts import TrainingBaseFactory, UserFactory
from tests.html import assert_accessible_shell, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(site_pages):
    section_a = tree.base_section(TrainingBaseFactory(name="甲基地"))
    section_b = tree.base_section(TrainingBaseFactory(name="乙基地"))
    tree.course(section_a, title="电商直播入门", slug="live", categories=["hearing"])
    tree.course(
        section_b,
        title="网站维护",
        slug="web",
        skill_area="web_maintenance",
        delivery_mode="on_site",
        categories=["visual", "physical"],
        summary="用读屏软件维护网站。",
    )
    return {"section_a": section_a, "section_b": section_b}


def _titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".course-card h3 a")]


def test_catalogue_lists_every_course_with_a_count(client, catalogue):
    response = client.get("/zh-hans/courses/")
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang="zh-Hans")
    assert sorted(_titles(response)) == ["电商直播入门", "网站维护"]
    assert "2" in doc.select_one("#results-heading").get_text()
    assert doc.select_one("form[method=get] label[for=id_category]") is not None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=visual", ["网站维护"]),
        ("category=hearing", ["电商直播入门"]),
        ("skill=web_maintenance", ["网站维护"]),
        ("mode=on_site", ["网站维护"]),
        ("q=直播", ["电商直播入门"]),
        ("q=读屏", ["网站维护"]),
    ],
)
def test_catalogue_filters(client, catalogue, query, expected):
    response = client.get(f"/zh-hans/courses/?{query}")
    assert _titles(response) == expected
    heading = soup(response).select_one("#results-heading")
    assert heading["role"] == "status"
    assert str(len(expected)) in heading.get_text()


def test_catalogue_filters_by_base(client, catalogue):
    base = catalogue["section_b"].base
    response = client.get(f"/zh-hans/courses/?base={base.pk}")
    assert _titles(response) == ["网站维护"]


def test_empty_results_say_so_and_offer_to_clear(client, catalogue):
    response = (
        client.get("/en/courses/?category=speech")
        if False
        else client.get("/zh-hans/courses/?category=speech")
    )
    doc = soup(response)
    assert _titles(response) == []
    assert "0" in doc.select_one("#results-heading").get_text()
    clear = [
        a["href"] for a in doc.select("main a") if a["href"] == "/zh-hans/courses/"
    ]
    assert clear, "a link to clear the filters"


def test_invalid_filter_shows_an_error_not_a_crash(client, catalogue):
    response = client.get("/zh-hans/courses/?category=nonsense")
    assert response.status_code == 200
    assert soup(response).select_one(".error-summary") is not None


def _grow(catalogue, courses: int, lessons: int):
    for number in range(courses):
        course = tree.course(
            catalogue["section_a"],
            title=f"课程 {number}",
            slug=f"grow-{number}-{courses}",
        )
        for _ in range(lessons):
            tree.lesson(course)


def _count(client, url):
    # The queries of building the page: the anonymous page cache would
    # answer the second request with none (tests/core/test_page_cache.py).
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_catalogue_query_count_does_not_grow(client, catalogue):
    url = "/zh-hans/courses/?q=网站&category=visual"  # one match to start
    small = _count(client, "/zh-hans/courses/")
    small_search = _count(client, url)
    _grow(catalogue, courses=6, lessons=2)
    assert _count(client, "/zh-hans/courses/") == small
    assert _count(client, url) == small_search


def test_lesson_page_query_count_does_not_grow(client, catalogue):
    course = tree.course(catalogue["section_a"], slug="q")
    first = tree.lesson(course, versions=["easy_read", "large_print"])
    tree.lesson(course)
    url = first.get_url() + "?version=easy_read"
    small = _count(client, url)
    for _ in range(5):
        tree.lesson(course, versions=["sign_language"])
    assert _count(client, url) == small


# Lesson versions ----------------------------------------------------------------


@pytest.fixture
def lesson(catalogue):
    course = tree.course(catalogue["section_a"], slug="versions")
    tree.lesson(course, title="第二课")
    return tree.lesson(
        course, title="第一课", versions=["easy_read", "sign_language", "large_print"]
    )


def _shown(response):
    doc = soup(response)
    return (
        doc.select_one(".versions__shown").get_text(" ", strip=True),
        doc.select_one(".lesson-body").get_text(" ", strip=True),
        [a.get_text(strip=True) for a in doc.select(".versions__list a")],
    )


def test_lesson_shows_the_standard_version_and_links_to_all(client, lesson):
    response = client.get(lesson.get_url())
    assert_accessible_shell(response, lang="zh-Hans")
    announced, body, links = _shown(response)
    with translation.override("zh-hans"):
        assert str(LessonVersionKind.STANDARD.label) in announced
    assert "标准版内容" in body
    assert len(links) == 4  # standard + three versions
    assert soup(response).select_one('.versions__list a[aria-current="page"]')


def test_version_choice_is_shown_announced_and_remembered(client, lesson):
    response = client.get(lesson.get_url() + "?version=easy_read")
    _, body, _ = _shown(response)
    assert "easy_read 版本内容" in body
    assert response.cookies[VERSION_COOKIE].value == "easy_read"
    # Next visit without ?version= keeps the choice.
    _, body, _ = _shown(client.get(lesson.get_url()))
    assert "easy_read 版本内容" in body


def test_missing_version_falls_back_to_standard(client, lesson):
    response = client.get(lesson.get_url() + "?version=audio_first")
    _, body, _ = _shown(response)
    assert "标准版内容" in body


def test_recorded_needs_choose_the_version(rf, lesson, django_user_model):
    user = UserFactory()
    AccessNeeds.objects.create(
        user=user, sign_language=True, consent_given_at=timezone.now()
    )
    request = rf.get("/")
    request.user = user
    assert preferred_lesson_version(request) == "sign_language"
    request = rf.get("/?version=large_print")
    request.user = user
    assert preferred_lesson_version(request) == "large_print"


def test_course_page_query_count_does_not_grow(client, catalogue):
    course = tree.course(catalogue["section_a"], slug="many", categories=["visual"])
    tree.lesson(course)
    small = _count(client, course.get_url())
    for _ in range(6):
        tree.lesson(course)
    assert _count(client, course.get_url()) == small
