"""After an action the page says what happened, with the next step as a link,
and the redirect's #notice fragment sends focus there (core.notices)."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory
from django.utils import translation

from core.notices import NoticeFocusMiddleware, notice_text, text_with
from courses.models import LessonPage
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory
from tests.html import soup
from training.models import Enrolment
from training.services.enrolment import enrolment_create


def _answer(request, *, location="/en/learning/", add_message=True, status=302):
    request._messages = CookieStorage(request)
    if add_message:
        messages.success(request, "Saved.")
    if status == 200:
        return NoticeFocusMiddleware(lambda r: HttpResponse("ok"))(request)
    return NoticeFocusMiddleware(lambda r: HttpResponseRedirect(location))(request)


@pytest.mark.parametrize(
    ("method", "path", "location", "add_message", "expected"),
    [
        ("post", "/en/x/", "/en/learning/", True, "/en/learning/#notice"),
        ("post", "/en/x/", "/en/learning/?day=3", True, "/en/learning/?day=3#notice"),
        ("post", "/en/x/", "/en/learning/", False, "/en/learning/"),
        ("get", "/en/x/", "/en/learning/", True, "/en/learning/"),
        ("post", "/en/x/", "/en/lesson/#top", True, "/en/lesson/#top"),
        (
            "post",
            "/en/x/",
            "https://elsewhere.example/",
            True,
            "https://elsewhere.example/",
        ),
        ("post", "/en/x/", "//elsewhere.example/", True, "//elsewhere.example/"),
        ("post", "/admin/pages/", "/admin/", True, "/admin/"),
        ("post", "/en/accounts/login/", "/admin/", True, "/admin/"),
    ],
)
def test_a_post_redirect_with_a_message_lands_on_the_notice(
    method, path, location, add_message, expected
):
    request = getattr(RequestFactory(), method)(path)
    response = _answer(request, location=location, add_message=add_message)
    assert response["Location"] == expected


def test_a_page_answering_a_post_is_left_alone():
    response = _answer(RequestFactory().post("/en/x/"), status=200)
    assert response.status_code == 200 and "Location" not in response


def test_notice_text_escapes_and_marks_the_language_of_a_title():
    with translation.override("en"):
        html = notice_text(
            "Saved <b>",
            link_url="/en/a/?b=1&c=2",
            link_text="Next:",
            link_title="第二课",
        )
    assert html == (
        'Saved &lt;b&gt; <a class="notice__link" href="/en/a/?b=1&amp;c=2">'
        'Next: <span lang="zh-Hans">第二课</span></a>'
    )
    assert notice_text("Saved") == "Saved"


def test_text_with_escapes_the_template_and_marks_values():
    with translation.override("en"):
        html = text_with("A & %(name)s.", name="<张伟>")
    assert html == 'A &amp; <span lang="zh-Hans">&lt;张伟&gt;</span>.'


# Through the views ----------------------------------------------------------------


@pytest.fixture
def trainee(client, db):
    user = UserFactory(name="张伟")
    client.force_login(user)
    return user


@pytest.fixture
def session(site_pages):
    return training_factories.session(lessons=2)


def _banner(client, location):
    page = soup(client.get(location))
    main = page.select_one("main#main-content")
    banner = main.find(True, recursive=False)
    assert banner["id"] == "notice"
    assert banner["tabindex"] == "-1"
    assert banner["role"] == "region"
    assert banner["aria-labelledby"] == "notice-title"
    assert banner.select_one("#notice-title")
    return banner


def _lessons(session):
    return list(LessonPage.objects.child_of(session.course).live().order_by("path"))


@pytest.mark.django_db
def test_marking_a_lesson_complete_links_the_next_lesson(client, session, trainee):
    enrolment_create(trainee=trainee, session=session, actor=trainee)
    first, second = _lessons(session)
    response = client.post(
        f"/en/lessons/{first.pk}/complete/", {"next": first.get_url()}
    )
    assert response["Location"] == f"{first.get_url()}#notice"
    banner = _banner(client, response["Location"])
    [link] = banner.select("a")
    assert link["href"] == second.get_url()
    assert link.select_one('span[lang="zh-Hans"]').get_text() == second.title


@pytest.mark.django_db
def test_the_last_lesson_links_the_quiz(client, session, trainee):
    quiz = quiz_factories.quiz(session.course)
    enrolment_create(trainee=trainee, session=session, actor=trainee)
    last = _lessons(session)[-1]
    response = client.post(f"/en/lessons/{last.pk}/complete/")
    [link] = _banner(client, response["Location"]).select("a")
    assert link["href"] == quiz.get_url()


@pytest.mark.django_db
def test_enrolling_confirms_the_place_and_links_the_course(client, session, trainee):
    response = client.post(f"/en/sessions/{session.pk}/enrol/")
    assert response["Location"] == "/en/learning/#notice"
    assert Enrolment.objects.get(trainee=trainee).status == Enrolment.Status.ENROLLED
    banner = _banner(client, response["Location"])
    assert banner.select_one('span[lang="zh-Hans"]').get_text() == session.name
    [link] = banner.select("a")
    assert link["href"] == session.course.get_url()


@pytest.mark.django_db
def test_an_error_after_a_post_is_focused_too(client, session, trainee):
    response = client.post(f"/en/lessons/{_lessons(session)[0].pk}/complete/")
    banner = _banner(client, response["Location"])
    assert "notice-banner--error" in banner["class"]


@pytest.mark.django_db
def test_display_settings_link_back_to_the_settings(client, site_pages):
    response = client.post(
        "/en/display/",
        {"text_size": "100", "theme": "default", "next": "/en/courses/"},
    )
    assert response["Location"] == "/en/courses/#notice"
    [link] = _banner(client, response["Location"]).select("a")
    assert link["href"] == "/en/display/?next=%2Fen%2Fcourses%2F"


@pytest.mark.django_db
def test_a_lesson_lists_its_sections_and_its_actions_first(client, session, trainee):
    enrolment_create(trainee=trainee, session=session, actor=trainee)
    page = soup(client.get(_lessons(session)[0].get_url()))
    contents = page.select_one("nav.lesson-contents")
    links = [a["href"] for a in contents.select("a")]
    assert links[-1] == "#lesson-actions"
    for href in links:
        target = page.select_one(href)
        assert target is not None and target["tabindex"] == "-1"
    actions = page.select_one("#lesson-actions")
    assert actions.select_one("form button")
    # The contents list comes before any media and before the lesson's body.
    assert contents.find_all_next(class_="lesson-body")
