"""Pages found by their address in two queries (home.models.HomePage.route),
lessons listed without restricted ones in the same query, and the lesson
body kept by revision, language and version (courses_tags.lesson_content)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from courses.models import CoursePage, LessonPage
from tests.factories import courses as tree
from tests.factories.accounts import UserFactory
from tests.html import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(site_pages):
    course = tree.course(tree.base_section(), title="电商直播入门", slug="live")
    tree.lesson(course, title="第一课")
    tree.lesson(course, title="第二课")
    return CoursePage.objects.get(pk=course.pk)


def _lessons(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def test_every_page_on_the_way_is_found_by_its_address(client, course):
    first, second = _lessons(course)
    response = client.get(second.url)
    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == "第二课"
    doc = soup(response)
    crumbs = [a["href"] for a in doc.select(".breadcrumbs a")]
    assert crumbs == ["/zh-hans/courses/", course.url]
    assert doc.select_one('a[rel="prev"]')["href"] == first.url


@pytest.mark.parametrize(
    "path", ["/zh-hans/courses/no-such/", "/zh-hans/courses/base-1/live/x/"]
)
def test_an_unknown_address_is_not_found(client, course, path):
    assert client.get(path).status_code == 404


def test_a_page_that_is_not_live_is_not_found(client, course):
    lesson = _lessons(course)[0]
    url = lesson.url
    lesson.unpublish()
    assert client.get(url).status_code == 404


def test_pages_on_the_way_need_not_be_live(client, course):
    """As with Wagtail's own routing: only the page served must be live."""
    lesson = _lessons(course)[0]
    url = lesson.url
    course.unpublish()
    assert client.get(url).status_code == 200


def test_a_restricted_lesson_is_left_out_of_the_course(client, course):
    first, second = _lessons(course)
    PageViewRestriction.objects.create(page=second, restriction_type="login")
    doc = soup(client.get(course.url))
    listed = [a.get_text(strip=True) for a in doc.select(".lesson-list a")]
    assert "第一课" in listed
    assert "第二课" not in listed
    lesson_doc = soup(client.get(first.url))
    assert lesson_doc.select_one('a[rel="next"]') is None


def test_a_restriction_above_the_course_leaves_out_every_lesson(client, course):
    """Wagtail's `.public()`: a restriction on an ancestor covers its
    descendants (a signed-in reader may open the course; its list stays the
    public one, as before)."""
    PageViewRestriction.objects.create(
        page=course.get_parent(), restriction_type="login"
    )
    client.force_login(UserFactory())
    doc = soup(client.get(course.url))
    assert doc.select(".lesson-list a") == []


def _body(response) -> str:
    return soup(response).select_one(".lesson-body").get_text(" ", strip=True)


def test_a_signed_in_reader_gets_the_kept_body_and_a_new_revision_shows(client, course):
    lesson = _lessons(course)[0]
    client.force_login(UserFactory())
    first = client.get(lesson.url)
    again = client.get(lesson.url)
    assert _body(again) == _body(first)
    body_template = "courses/includes/lesson_body.html"
    assert body_template in [t.name for t in first.templates]
    assert body_template not in [t.name for t in again.templates]
    page = LessonPage.objects.get(pk=lesson.pk)
    page.body = [("text", RichText("<p>新的内容。</p>"))]
    page.save_revision().publish()
    assert "新的内容" in _body(client.get(lesson.url))


def test_each_version_has_its_own_kept_body(client, course):
    lesson = tree.lesson(course, title="第三课", versions=["easy_read"])
    standard = _body(client.get(lesson.url))
    easy = _body(client.get(lesson.url + "?version=easy_read"))
    assert "标准版内容" in standard
    assert "easy_read 版本内容" in easy
    client.cookies.clear()
    assert "标准版内容" in _body(client.get(lesson.url))


def test_the_contents_list_comes_with_the_kept_body(client, course):
    lesson = _lessons(course)[0]
    client.get(lesson.url)
    client.force_login(UserFactory())
    doc = soup(client.get(lesson.url))
    contents = [a.get_text(strip=True) for a in doc.select(".lesson-contents a")]
    assert contents[0] == "标准版"
    assert doc.select_one("#section-1") is not None


def test_the_kept_outline_follows_a_new_lesson(client, course):
    """The versions and the course's lessons are kept with the lesson's
    revision; a lesson added to the course shows on the next visit."""
    first = _lessons(course)[0]
    client.force_login(UserFactory())
    meta = soup(client.get(first.url)).select_one(".page-header .meta").get_text()
    assert "2" in meta
    tree.lesson(course, title="第三课")
    meta = soup(client.get(first.url)).select_one(".page-header .meta").get_text()
    assert "3" in meta


def test_an_english_translation_shows_in_the_language_links(client, course):
    lesson = _lessons(course)[0]

    def english_link():
        doc = soup(client.get(lesson.url))
        return doc.select_one('.language-nav a[hreflang="en"]')["href"]

    assert english_link() == "/en/"
    english = lesson.copy_for_translation(tree.en_locale(), copy_parents=True)
    english.save_revision().publish()
    assert english_link() == LessonPage.objects.get(pk=english.pk).url


def test_a_restriction_added_after_visits_applies_at_once(client, course):
    """While the site has no view restriction, pages skip Wagtail's two
    restriction queries (core.view_restrictions); the first one made is
    enforced on the next request."""
    first, _second = _lessons(course)
    assert client.get(first.url).status_code == 200
    PageViewRestriction.objects.create(page=first, restriction_type="login")
    response = client.get(first.url)
    assert response.status_code == 302
    assert "/login/?next=" in response["Location"]
    PageViewRestriction.objects.filter(page=first).delete()
    assert client.get(first.url).status_code == 200


def test_a_restricted_lesson_stays_restricted_when_the_kept_site_answers(
    client, course
):
    """The kept site's query also tells whether any view restriction exists
    (core.sites, core.view_restrictions): with one, a restricted lesson
    still asks a visitor to sign in, on the first request with an empty
    cache and on the next; without any, no restriction query is made."""
    first, second = _lessons(course)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(first.url).status_code == 200
    asked = [
        q
        for q in queries
        if q["sql"].startswith('SELECT 1 AS "a" FROM "wagtailcore_pageviewrestriction"')
    ]
    assert asked == []
    PageViewRestriction.objects.create(page=second, restriction_type="login")
    cache.clear()
    for _visit in range(2):
        response = client.get(second.url)
        assert response.status_code == 302
        assert "login" in response["Location"]
