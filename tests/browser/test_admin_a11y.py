"""The Wagtail admin pages instructors and federation admins use, in Chromium:
zero axe violations (WCAG 2.0/2.1/2.2 A and AA) in both languages. The admin
follows each user's Wagtail profile language, so one browser context per role
walks every page twice, switching the profile in between. Every violation on
every page is collected before failing, so one run lists them all."""

import datetime
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from PIL import Image as PILImage
from playwright.sync_api import expect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

from accounts.models import StaffRole
from careers.models import ApiClient, BusinessCheck, IncubatedBusiness, Sector
from courses.blocks import LessonBlocks, VideoBlock
from courses.models import LessonPage
from courses.services import base_group_name
from federation.models import BarrierReport
from tests.browser.conftest import axe_violations, goto_settled, signed_in_context
from tests.factories import courses as course_factories
from tests.factories import quizzes as quiz_factories
from tests.factories.accounts import (
    StaffRoleFactory,
    TrainingBaseFactory,
    UserFactory,
)

LANGUAGES = ["zh-hans", "en"]
# Without motion, axe never measures contrast halfway through a fade-in (the
# admin's tab panels animate in).
CONTEXT = {"viewport": {"width": 1280, "height": 900}, "reduced_motion": "reduce"}


def _axe_violations(page) -> list[dict]:
    return axe_violations(page)


def _set_admin_language(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])


def _walk(page, base_url: str, user, paths: list[str]) -> None:
    """Every path in each language; fails listing every violation found."""
    found = {}
    paths = list(dict.fromkeys(paths))
    for language in LANGUAGES:
        _set_admin_language(user, language)
        for path in paths:
            # Forms build their widgets (editors, sticky footers) as they
            # load and ping their editing session: wait for what they fetch.
            # The dashboard and listings are complete when loaded.
            listing = path.count("/") <= 3
            response = (
                page.goto(base_url + path, wait_until="load")
                if listing
                else goto_settled(page, base_url + path)
            )
            assert response.status == 200, f"{path}: {response.status}"
            assert page.locator("html").get_attribute("lang") == language, path
            violations = _axe_violations(page)
            if violations:
                found[f"{language} {path}"] = violations
    assert not found, "axe violations in the admin:\n" + json.dumps(
        found, indent=2, ensure_ascii=False
    )


EDITORS = "[data-draftail-editor-wrapper] [role=textbox]"
ALL_NAMED = """(selector) => [...document.querySelectorAll(selector)]
    .every((box) => box.hasAttribute('aria-labelledby'))"""
EDITOR_NAMES = """(selector) => [...document.querySelectorAll(selector)].map((box) => (box.getAttribute('aria-labelledby') || '').split(' ')
    .map((id) => (document.getElementById(id)?.textContent || '').trim())
    .join(' '))"""


# Resolves once the page's scroll position and every Draftail "Insert a
# block" button have stayed in place for five animation frames running.
SETTLED = """() => new Promise((resolve) => {
    const where = () => JSON.stringify([window.scrollY, ...[...document
        .querySelectorAll('.Draftail-BlockToolbar__trigger')]
        .map((button) => Object.values(button.getBoundingClientRect().toJSON()))]);
    let last = where(), still = 0;
    const frame = () => {
        const now = where();
        still = now === last ? still + 1 : 0;
        last = now;
        if (still >= 5) resolve(true); else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
})"""


def _image(collection: Collection) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 10), "#0b4f9c").save(buffer, "PNG")
    return Image.objects.create(
        title="直播间布置",
        file=ImageFile(buffer, name="room.png"),
        collection=collection,
    )


def _document(collection: Collection) -> Document:
    document = Document(title="课程讲义", collection=collection)
    document.file.save("handout.txt", ContentFile(b"handout"), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _add_media_blocks(lesson: LessonPage, document: Document) -> None:
    """A video and an audio block: rich-text transcripts inside StructBlocks."""
    lesson = LessonPage.objects.get(pk=lesson.pk)
    media = {"title": "开始直播", "transcript": RichText("<p>文字稿。</p>")}
    lesson.body.append(
        (
            "video",
            {
                **media,
                "video": document,
                "captions": document,
                "captions_language": "zh-Hans",
                "audio_description": None,
                "sign_language_video": None,
            },
        )
    )
    lesson.body.append(("audio", {**media, "audio": document}))
    lesson.save_revision().publish()


@pytest.fixture
def admin_world(live_site):
    base = TrainingBaseFactory()
    instructor = StaffRoleFactory(role=StaffRole.Role.INSTRUCTOR, base=base).user
    section = course_factories.base_section(base)
    course = course_factories.course(section, title="电商直播入门")
    lesson = course_factories.lesson(
        course, title="布置直播间", versions=("easy_read",)
    )
    quiz = quiz_factories.quiz(
        course, title="第一单元测验", questions=quiz_factories.standard_questions(2)
    )
    collection = Collection.objects.get(
        name=base.name, depth=2
    )  # the base's own collection, made with its authoring group
    assert instructor.groups.filter(name=base_group_name(base)).exists()
    image = _image(collection)
    document = _document(collection)
    _add_media_blocks(lesson, document)
    report = BarrierReport.objects.create(
        what_happened="视频没有字幕。", base=base, page_url=lesson.full_url or ""
    )
    return {
        "url": live_site.url,
        "base": base,
        "instructor": instructor,
        "section": section,
        "course": course,
        "lesson": lesson,
        "quiz": quiz,
        "image": image,
        "document": document,
        "report": report,
    }


def test_instructor_admin_pages_have_no_axe_violations(admin_world, browser):
    w = admin_world
    course = w["course"].pk
    context = signed_in_context(browser, w["instructor"], w["url"], **CONTEXT)
    page = context.new_page()
    page.set_default_timeout(20_000)
    _walk(
        page,
        w["url"],
        w["instructor"],
        [
            "/admin/",
            "/admin/pages/",
            f"/admin/pages/{w['section'].pk}/",
            f"/admin/pages/{course}/",
            f"/admin/pages/add/courses/lessonpage/{course}/",
            f"/admin/pages/{w['lesson'].pk}/edit/",
            f"/admin/pages/add/courses/quizpage/{course}/",
            f"/admin/pages/{w['quiz'].pk}/edit/",
            "/admin/images/",
            "/admin/images/add/",
            f"/admin/images/{w['image'].pk}/",
            "/admin/documents/",
            "/admin/documents/add/",
            f"/admin/documents/edit/{w['document'].pk}/",
            "/admin/barrier_reports/",
            f"/admin/barrier_reports/edit/{w['report'].pk}/",
            *_own_viewset_pages(w["instructor"]),
        ],
    )

    # Every rich-text editor is named after its block or field (our script,
    # until wagtail/wagtail#14205 is fixed), also one inserted after loading.
    _set_admin_language(w["instructor"], "en")
    page.goto(f"{w['url']}/admin/pages/{w['lesson'].pk}/edit/")
    with translation.override("en"):
        text = str(LessonBlocks().child_blocks["text"].label)
        transcript = str(VideoBlock().child_blocks["transcript"].label)
    editors = page.locator(EDITORS)
    # The lesson body's text, the video's and the audio's transcripts, the
    # easy-read version's text.
    expect(editors).to_have_count(4)
    page.wait_for_function(ALL_NAMED, arg=EDITORS)
    assert page.evaluate(EDITOR_NAMES, EDITORS) == [text, transcript, transcript, text]
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name=text, exact=True).click()
    expect(editors).to_have_count(5)
    page.wait_for_function(ALL_NAMED, arg=EDITORS)
    names = page.evaluate(EDITOR_NAMES, EDITORS)
    assert sorted(names) == sorted([text, transcript, transcript, text, text])
    page.mouse.move(0, 0)
    page.wait_for_load_state("networkidle")
    # Draftail places the focused editor's "Insert a block" button on its
    # block in an animation frame after the editor settles: check the page
    # once nothing on it has moved for a few frames (checked as it then is).
    page.wait_for_function(SETTLED)
    assert not _axe_violations(page)
    context.close()


def _viewset_url(viewset, name: str, *args) -> list[str]:
    try:
        return [reverse(viewset.get_url_name(name), args=args)]
    except NoReverseMatch:  # a view this viewset does not have
        return []


def _own_viewset_pages(user) -> list[str]:
    """Listing, add form and the first object's edit form of every admin
    viewset the project registers (not Wagtail's own), as far as `user` may
    use them: new ones (API clients, incubated businesses) are walked as soon
    as they are registered."""
    from wagtail.admin.viewsets import viewsets

    paths = []
    for viewset in viewsets.viewsets:
        if type(viewset).__module__.startswith("wagtail.") or not hasattr(
            viewset, "model"
        ):
            continue
        policy = viewset.permission_policy
        if not policy.user_has_any_permission(user, ["view", "change", "delete"]):
            continue
        paths += _viewset_url(viewset, "index")
        if policy.user_has_permission(user, "add"):
            paths += _viewset_url(viewset, "add")
        instance = viewset.model._default_manager.order_by("pk").first()
        if instance is not None and policy.user_has_permission_for_instance(
            user, "change", instance
        ):
            paths += _viewset_url(viewset, "edit", instance.pk)
    return paths


def test_federation_admin_pages_have_no_axe_violations(admin_world, browser):
    w = admin_world
    admin = UserFactory(is_superuser=True, is_staff=True, name="联合会管理员")
    StaffRoleFactory(user=admin, role=StaffRole.Role.FEDERATION_ADMIN, base=None)
    # Records for the "Work and businesses" admin, so its edit forms are walked
    # once their viewsets are registered.
    today = timezone.localdate()
    business = IncubatedBusiness.objects.create(
        name="星光电商工作室",
        name_en="Starlight E-commerce Studio",
        base=w["base"],
        registered_on=today - datetime.timedelta(days=400),
        sector=Sector.values[0],
        jobs_created=3,
        jobs_for_disabled=2,
    )
    business.founders.add(w["instructor"])
    BusinessCheck.objects.create(
        business=business,
        months=BusinessCheck.Months.values[0],
        checked_on=today - datetime.timedelta(days=200),
        operating=True,
        recorded_by=admin,
    )
    ApiClient.objects.create(
        name="残联就业平台",
        token_prefix="abcd1234",
        token_hash="0" * 64,
        created_by=admin,
        created_at=timezone.now(),
    )
    context = signed_in_context(browser, admin, w["url"], **CONTEXT)
    page = context.new_page()
    page.set_default_timeout(20_000)
    _walk(page, w["url"], admin, ["/admin/", *_own_viewset_pages(admin)])
    context.close()
