"""The anonymous full-page cache (core/page_cache.py): who gets a kept page,
what is never kept, and that changes show on the next visit.

The test settings' cache is LocMem and conftest clears it for every test, so
a page served from the cache runs no query at all: that is how a hit is told
apart from a page built again."""

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.preferences import COOKIE_NAME as DISPLAY_COOKIE
from core import page_cache
from courses.models import CoursePage, LessonPage
from courses.versions import VERSION_COOKIE
from tests.factories import courses as tree
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from tests.html import soup
from training.models import Enrolment

pytestmark = pytest.mark.django_db


def _get(client, url, **kwargs):
    """(response, number of queries it ran)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    return response, len(queries)


@pytest.fixture
def lesson(site_pages):
    course = tree.course(tree.base_section(), title="电商直播入门")
    return tree.lesson(course, title="第一课", versions=["easy_read"])


@pytest.fixture
def session(site_pages):
    return training_factories.session(capacity=5)


def _html_classes(response) -> str:
    return " ".join(soup(response).html["class"])


def _places_left(response) -> str:
    doc = soup(response)
    term = next(dt for dt in doc.select(".sessions dt") if dt.get_text() == "剩余名额")
    return term.find_next_sibling("dd").get_text(strip=True)


# Who gets a kept page ----------------------------------------------------------


def test_a_second_anonymous_visitor_gets_the_kept_page(client, lesson):
    first, built = _get(client, lesson.url)
    second, queries = _get(client, lesson.url)
    assert first.status_code == second.status_code == 200
    assert built > 0
    assert queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"]
    # The headers the outer middleware adds come on a kept page too.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "Set-Cookie" not in second


def test_each_language_has_its_own_page(client, site_pages):
    zh, _ = _get(client, "/zh-hans/")
    en, _ = _get(client, "/en/")
    zh_again, zh_queries = _get(client, "/zh-hans/")
    en_again, en_queries = _get(client, "/en/")
    assert zh_queries == en_queries == 0
    assert soup(zh_again).html["lang"] == "zh-Hans"
    assert soup(en_again).html["lang"] == "en"
    assert zh_again.content == zh.content
    assert en_again.content == en.content


def test_display_settings_get_their_own_page(client, lesson):
    _get(client, lesson.url)
    client.cookies[DISPLAY_COOKIE] = "200.dark.legible_font"
    dark, queries = _get(client, lesson.url)
    assert queries > 0  # not the default page
    assert "text-200" in _html_classes(dark)
    assert "theme-dark" in _html_classes(dark)
    # The same settings written another way share the entry; unknown parts
    # are ignored as the page ignores them.
    client.cookies[DISPLAY_COOKIE] = "200.dark.legible_font.made_up"
    again, queries = _get(client, lesson.url)
    assert queries == 0
    assert again.content == dark.content
    del client.cookies[DISPLAY_COOKIE]
    default, queries = _get(client, lesson.url)
    assert queries == 0
    assert "text-100" in _html_classes(default)


def test_the_chosen_lesson_version_gets_its_own_page(client, lesson):
    standard, _ = _get(client, lesson.url)
    client.cookies[VERSION_COOKIE] = "easy_read"
    easy, queries = _get(client, lesson.url)
    assert queries > 0
    assert "easy_read 版本内容" in easy.content.decode()
    assert "easy_read 版本内容" not in standard.content.decode()


def test_choosing_a_version_is_never_kept(client, lesson):
    """?version= sets the cookie that remembers it: a response that sets a
    cookie is not kept (it is for this visitor)."""
    url = f"{lesson.url}?version=easy_read"
    response, _ = _get(client, url)
    assert VERSION_COOKIE in response.cookies
    client.cookies.clear()
    _again, queries = _get(client, url)
    assert queries > 0


def test_someone_signed_in_never_gets_the_kept_page(client, lesson):
    _get(client, lesson.url)
    client.force_login(UserFactory())
    response, queries = _get(client, lesson.url)
    assert queries > 0
    assert "退出" in soup(response).select_one(".site-nav").get_text()


def test_a_signed_in_page_is_never_kept_for_anyone(client, lesson):
    client.force_login(UserFactory())
    _get(client, lesson.url)
    _get(client, lesson.url)
    client.logout()
    client.cookies.clear()
    response, queries = _get(client, lesson.url)
    assert queries > 0
    nav = soup(response).select_one(".site-nav").get_text()
    assert "登录" in nav
    assert "退出" not in nav


def test_a_visitor_with_a_message_waiting_is_served_fresh(client, lesson):
    _get(client, lesson.url)
    client.cookies["messages"] = "anything"
    _response, queries = _get(client, lesson.url)
    assert queries > 0


def test_a_post_never_fills_the_cache(client, lesson):
    client.post(lesson.url)
    _response, queries = _get(client, lesson.url)
    assert queries > 0


def test_not_found_and_redirects_are_never_kept(client, site_pages):
    missing = "/zh-hans/no-such-page/"
    assert client.get(missing).status_code == 404
    _response, queries = _get(client, missing)
    assert queries > 0
    assert client.get("/help/").status_code == 302
    _response, queries = _get(client, "/help/")
    assert queries > 0


def test_a_page_type_that_did_not_opt_in_is_never_kept(client, site_pages):
    """The sign-in page is not a page that opted in (and has a form). It runs
    no query, so a page built again is told by the templates it rendered."""
    client.get("/zh-hans/accounts/login/")
    client.cookies.clear()
    response = client.get("/zh-hans/accounts/login/")
    assert response.status_code == 200
    assert response.templates


# The middleware's rules, one by one ------------------------------------------


def _middleware(view):
    return page_cache.AnonymousPageCacheMiddleware(view)


def _opted_in(make_response):
    def view(request):
        page_cache.allow_page_cache(request)
        return make_response(request)

    return view


@pytest.mark.parametrize(
    "make_response",
    [
        pytest.param(
            lambda request: (get_token(request), HttpResponse("form"))[1],
            id="used a CSRF token",
        ),
        pytest.param(
            lambda request: _with_cookie(HttpResponse("cookie")), id="set a cookie"
        ),
        pytest.param(
            lambda request: _with_header(HttpResponse("mine"), "private"), id="private"
        ),
        pytest.param(
            lambda request: _with_header(HttpResponse("mine"), "no-store"),
            id="no-store",
        ),
        pytest.param(lambda request: HttpResponse("moved", status=301), id="301"),
    ],
)
def test_responses_that_are_never_kept(make_response):
    calls = []

    def view(request):
        calls.append(request)
        return _opted_in(make_response)(request)

    middleware = _middleware(view)
    factory = RequestFactory()
    middleware(factory.get("/zh-hans/x/"))
    middleware(factory.get("/zh-hans/x/"))
    assert len(calls) == 2


def _with_cookie(response):
    response.set_cookie("something", "value")
    return response


def _with_header(response, cache_control):
    response["Cache-Control"] = cache_control
    return response


def test_a_view_that_did_not_opt_in_is_never_kept():
    calls = []

    def view(request):
        calls.append(request)
        return HttpResponse("page")

    middleware = _middleware(view)
    middleware(RequestFactory().get("/zh-hans/x/"))
    middleware(RequestFactory().get("/zh-hans/x/"))
    assert len(calls) == 2


def test_head_is_answered_from_the_get_entry_and_never_fills_it():
    calls = []

    def view(request):
        calls.append(request.method)
        page_cache.allow_page_cache(request)
        return HttpResponse("page")

    middleware = _middleware(view)
    factory = RequestFactory()
    middleware(factory.head("/zh-hans/x/"))
    middleware(factory.get("/zh-hans/x/"))
    head = middleware(factory.head("/zh-hans/x/"))
    assert calls == ["HEAD", "GET"]
    assert head.status_code == 200


def _counting_page() -> tuple[page_cache.AnonymousPageCacheMiddleware, list]:
    """The middleware around a page that opts in, and the requests that
    reached the page."""
    calls = []

    def view(request):
        calls.append(request)
        page_cache.allow_page_cache(request)
        return HttpResponse("page")

    return _middleware(view), calls


def test_a_session_cookie_skips_the_cache_before_the_session_is_read():
    middleware, calls = _counting_page()
    factory = RequestFactory()
    middleware(factory.get("/zh-hans/x/"))
    signed_in = factory.get("/zh-hans/x/")
    signed_in.COOKIES[settings.SESSION_COOKIE_NAME] = "whatever"
    middleware(signed_in)
    assert len(calls) == 2


def test_the_cache_can_be_turned_off(settings):
    settings.PAGE_CACHE_ENABLED = False
    middleware, calls = _counting_page()
    middleware(RequestFactory().get("/zh-hans/x/"))
    middleware(RequestFactory().get("/zh-hans/x/"))
    assert len(calls) == 2


# Changes show on the next visit -------------------------------------------------


def test_publishing_a_change_shows_on_the_next_visit(client, lesson):
    _get(client, lesson.url)
    page = LessonPage.objects.get(pk=lesson.pk)
    page.title = "第一课（新版）"
    page.save_revision().publish()
    response, queries = _get(client, lesson.url)
    assert queries > 0
    assert "第一课（新版）" in soup(response).h1.get_text()


def test_a_new_lesson_shows_on_its_course_page(client, lesson):
    course = lesson.get_parent().specific
    _get(client, course.url)
    tree.lesson(course, title="第二课")
    response, _ = _get(client, course.url)
    assert "第二课" in response.content.decode()


def test_unpublishing_a_page_removes_it_on_the_next_visit(client, lesson):
    _get(client, lesson.url)
    LessonPage.objects.get(pk=lesson.pk).unpublish()
    assert client.get(lesson.url).status_code == 404


def test_a_moved_page_leaves_its_old_address(client, lesson):
    old_url = lesson.url
    _get(client, old_url)
    other = tree.course(tree.base_section(), title="另一门课", slug="other")
    LessonPage.objects.get(pk=lesson.pk).move(other, pos="last-child")
    response = client.get(old_url)
    assert response.status_code == 301  # Wagtail's automatic redirect
    assert response["Location"].endswith("/other/lesson-1/")


def test_a_session_change_shows_on_the_course_page(client, session):
    course = session.course
    first, _ = _get(client, course.url)
    session.capacity = 8
    session.save()
    changed, queries = _get(client, course.url)
    assert queries > 0
    assert "5" in _places_left(first)
    assert "8" in _places_left(changed)
    session.status = session.Status.CANCELLED
    session.save()
    cancelled, _ = _get(client, course.url)
    assert soup(cancelled).select(".sessions .card") == []


def test_an_enrolment_changes_the_places_left(client, session):
    course = session.course
    before, _ = _get(client, course.url)
    Enrolment.objects.create(
        session=session,
        trainee=UserFactory(),
        status=Enrolment.Status.ENROLLED,
        status_changed_at=timezone.now(),
    )
    after, queries = _get(client, course.url)
    assert queries > 0
    assert _places_left(after) != _places_left(before)


def test_a_base_change_shows_on_the_course_page(client, session):
    course = CoursePage.objects.get(pk=session.course_id)
    _get(client, course.url)
    base = course.base
    base.name = "新名字基地"
    base.save()
    response, _ = _get(client, course.url)
    assert "新名字基地" in response.content.decode()


def test_a_fragment_with_its_own_token_goes_stale_only_with_that_token():
    builds = []

    def build():
        builds.append(len(builds) + 1)
        return builds[-1]

    assert page_cache.cached_fragment("part", build, token="own:generation") == 1
    assert page_cache.cached_fragment("part", build, token="own:generation") == 1
    # The same key under the public pages' token is another fragment.
    assert page_cache.cached_fragment("part", build) == 2
    page_cache.invalidate()  # what a write to a public page does
    assert page_cache.cached_fragment("part", build, token="own:generation") == 1
    assert page_cache.cached_fragment("part", build) == 3
    page_cache.invalidate("own:generation")
    assert page_cache.cached_fragment("part", build, token="own:generation") == 4
