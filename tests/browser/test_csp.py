"""Every page type under the real Content-Security-Policy: a browser context
WITHOUT bypass_csp (the axe tests bypass it to inject axe) loads each page and
fails on any violation, reported in the console or as a
securitypolicyviolation event. The Wagtail admin is checked under its own
policy: sign in, edit a lesson, open the preview."""

import datetime

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.documents.models import Document

from accounts.models import StaffRole, User
from courses.models import CoursePage, LessonPage
from tests.browser.conftest import assert_no_axe_violations, kept_world
from tests.factories import courses as course_factories
from tests.factories import quizzes as quiz_factories
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.federation import world as fixed
from training.services.enrolment import enrolment_create

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    );
});
"""


def _document(name: str, content: bytes) -> Document:
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _lesson_with_video(course: CoursePage) -> LessonPage:
    parent = CoursePage.objects.get(pk=course.pk)
    lesson = parent.add_child(
        instance=LessonPage(
            title="开始直播",
            slug="video-lesson",
            locale=parent.locale,
            summary="视频课。",
            body=[
                (
                    "video",
                    {
                        "title": "开始直播",
                        "video": _document("clip.mp4", b"\x00" * 10),
                        "captions": _document("clip.vtt", b"WEBVTT\n"),
                        "captions_language": "zh-Hans",
                        "transcript": "",
                        "audio_description": None,
                        "sign_language_video": None,
                    },
                )
            ],
        )
    )
    lesson.save_revision().publish()
    return lesson


class Visitor:
    """One browser context under the site's real policy, collecting every
    violation it sees."""

    def __init__(self, browser, base_url: str, user: User | None = None):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(LISTEN)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            self.context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": cookie,
                        "url": base_url,
                    }
                ]
            )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.console: list[str] = []
        self.page.on(
            "console",
            lambda message: (
                self.console.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        self.base_url = base_url

    def visit(self, path: str) -> None:
        self.console.clear()
        response = self.page.goto(self.base_url + path, wait_until="networkidle")
        assert response is not None
        assert "content-security-policy" in response.headers
        self.assert_clean(path)

    def assert_clean(self, where: str) -> None:
        events = self.page.evaluate("window.__cspViolations || []")
        assert not self.console and not events, (
            f"CSP violations on {where}:\n" + "\n".join(self.console + events)
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def _world(_serialized_db, django_db_blocker):
    yield from kept_world(_serialized_db, django_db_blocker, _build_world)


@pytest.fixture
def world(_world, live_site):
    return _world.get()


def _build_world():
    w = fixed.build()
    base = TrainingBaseFactory()
    course = course_factories.course(
        course_factories.base_section(base), title="直播入门"
    )
    lesson = _lesson_with_video(course)
    quiz = quiz_factories.quiz(
        course, title="测验一", questions=quiz_factories.standard_questions(2)
    )
    today = timezone.localdate()
    session = training_factories.session(
        course=course,
        base=base,
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=60),
    )
    trainee = UserFactory(name="张伟")
    enrolment_create(trainee=trainee, session=session, actor=trainee)
    manager = StaffRoleFactory(role=StaffRole.Role.MANAGER, base=base).user
    editor = UserFactory(is_superuser=True, is_staff=True)
    return {
        "w": w,
        "course": course,
        "lesson": lesson,
        "quiz": quiz,
        "session": session,
        "trainee": trainee,
        "manager": manager,
        "editor": editor,
    }


def test_public_pages_have_no_csp_violations(world, browser, live_site):
    visitor = Visitor(browser, live_site.url)
    for path in [
        "/en/",
        "/zh-hans/",
        "/zh-hans/courses/",
        world["course"].get_url(),
        world["lesson"].get_url(),
        "/en/accounts/login/",
        "/en/display/",
        "/en/verify/?code=ABCD-EFGH",
        "/en/report-a-barrier/",
        "/en/no-such-page/",
    ]:
        visitor.visit(path)
    # The 400 page a NUL character gets.
    response = visitor.page.goto(live_site.url + "/en/report-a-barrier/?q=%00")
    assert response.status == 400
    visitor.assert_clean("the 400 page")
    visitor.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_bad_request_page_has_no_axe_violations(live_site, page, language):
    response = page.goto(f"{live_site.url}/{language}/report-a-barrier/?q=%00")
    assert response.status == 400
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def test_trainee_pages_have_no_csp_violations(world, browser, live_site):
    visitor = Visitor(browser, live_site.url, world["trainee"])
    for path in [
        world["lesson"].get_url(),
        "/en/learning/",
        "/en/profile/",
        "/en/display/",
    ]:
        visitor.visit(path)
    page = visitor.page
    page.goto(live_site.url + world["quiz"].get_url())
    page.locator(".quiz-status form button").click()
    page.wait_for_url("**/questions/1/")
    page.wait_for_load_state("networkidle")
    visitor.assert_clean("the first quiz question")
    visitor.close()


def test_teaching_and_federation_pages_have_no_csp_violations(
    world, browser, live_site
):
    visitor = Visitor(browser, live_site.url, world["manager"])
    session = world["session"].pk
    visitor.visit("/en/teach/")
    visitor.visit(f"/en/teach/sessions/{session}/")
    visitor.close()
    visitor = Visitor(browser, live_site.url, world["w"].auditor)
    visitor.visit("/en/federation/")
    assert visitor.page.locator("svg").count() > 0
    visitor.close()


def test_the_admin_works_under_its_own_policy(world, browser, live_site):
    visitor = Visitor(browser, live_site.url, world["editor"])
    visitor.visit("/admin/")
    # A public page with Wagtail's user bar, as an editor sees it.
    visitor.visit(world["lesson"].get_url())
    visitor.visit(f"/admin/pages/{world['lesson'].pk}/edit/")
    page = visitor.page
    with page.expect_response(
        lambda r: "/edit/preview/" in r.url and r.request.method == "GET"
    ):
        page.get_by_role("button", name="Toggle preview").click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    [preview] = [f for f in page.frames if "/edit/preview/" in f.url]
    preview.locator("h1").first.wait_for()
    assert "开始直播" in preview.locator("h1").first.inner_text()
    assert preview.evaluate("window.__cspViolations || []") == []
    visitor.assert_clean("the lesson preview")
    visitor.close()
