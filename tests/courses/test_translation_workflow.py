"""Translating courses with wagtail-localize, as our instructors do it: a base's
authors translate their base's pages only (submit, the translation editor, PO
download and upload, sync); a translation failing a publish check is not
published (by the service call or the editor's Publish) and the author is told
which block and why; the sync after the source changes; and an admin that
speaks only the user's language, choosers included."""

import re

import polib
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from courses import checks
from courses.models import LessonPage
from courses.services import authoring_groups_sync_all, mirror_untranslated
from courses.services.translation_checks import NOT_PUBLISHED, publish_problems
from tests.factories import courses as tree
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory
from tests.shared_data import fresh, shared_data

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LANGUAGE_NAMES = {name for _code, name in settings.LANGUAGES}
GOOD_LINK = '<p>读一读<a href="https://example.org/safety">直播间安全指南</a>。</p>'


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English (they ship in Chinese too)."""
    with translation.override("en"):
        yield


def _lesson_with_link(course_page):
    page = tree.lesson(course_page, title="第一课")
    page = LessonPage.objects.get(pk=page.pk)
    page.body = [
        ("heading", {"text": "安全", "level": "h2"}),
        ("text", RichText(GOOD_LINK)),
    ]
    page.save_revision().publish()
    return LessonPage.objects.get(pk=page.pk)


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    # Built once for the module; each test gets its own copy. The on-commit
    # callbacks publishing queues are never run here (as in a test's own
    # transaction) and are dropped with the module's transaction.
    with shared_data(django_db_blocker):
        yield _build_world()


@pytest.fixture
def world(_world, db):
    return fresh(_world)


def _build_world():
    base_a, base_b = TrainingBaseFactory(), TrainingBaseFactory()
    section_a = tree.base_section(base_a)
    section_b = tree.base_section(base_b)
    tree.base_section(base_a, "en")
    tree.base_section(base_b, "en")
    course_a = tree.course(section_a, title="电商直播入门", slug="a")
    lesson_a = _lesson_with_link(course_a)
    course_b = tree.course(section_b, title="面点制作", slug="b")
    for page in (course_a, course_b):
        mirror_untranslated(page)
    instructor_a = StaffRoleFactory(base=base_a).user
    _admin_language(instructor_a, "en")
    authoring_groups_sync_all()
    return {
        "course_a": course_a,
        "lesson_a": lesson_a,
        "course_b": course_b,
        "instructor_a": instructor_a,
        "en": tree.en_locale(),
    }


def _in_english(page):
    return Page.objects.get(
        translation_key=page.translation_key, locale__language_code="en"
    )


def _submit(client, page, en, *, expect=302):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [en.pk]})
    assert response.status_code == expect, response.content[:2000]
    return response


def _translation_of(page, en) -> Translation:
    source = TranslationSource.objects.get(object_id=page.translation_key)
    return Translation.objects.get(source=source, target_locale=en)


def _translate_all(client, tr: Translation, render) -> None:
    """Every segment through the editor's own API, as the React editor does."""
    for segment in StringSegment.objects.filter(source=tr.source).select_related(
        "string"
    ):
        url = reverse(
            "wagtail_localize:edit_string_translation", args=[tr.pk, segment.pk]
        )
        response = client.put(
            url,
            f"value={_quote(render(segment.string.data))}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)


def _english_text(data: str) -> str:
    if "<a " in data:
        return data.replace("读一读", "Read the ").replace(
            "直播间安全指南", "live-room safety guide"
        )
    return f"EN {data}"


# 1. Who may translate what ---------------------------------------------------


def test_an_instructor_translates_their_base_course_and_its_lesson(
    client, world, django_capture_on_commit_callbacks
):
    en = world["en"]
    client.force_login(world["instructor_a"])
    alias = _in_english(world["course_a"])
    assert alias.alias_of_id == world["course_a"].pk

    with django_capture_on_commit_callbacks(execute=True):
        _submit(client, world["course_a"], en)
        _submit(client, world["lesson_a"], en)

    course_en = _in_english(world["course_a"])
    assert course_en.pk == alias.pk  # the alias became the translation, in place
    assert course_en.alias_of_id is None
    lesson_en = _in_english(world["lesson_a"])
    assert lesson_en.alias_of_id is None
    assert lesson_en.get_parent().pk == course_en.pk

    tr = _translation_of(world["lesson_a"], en)
    with django_capture_on_commit_callbacks(execute=True):
        _translate_all(client, tr, _english_text)
        edit = reverse("wagtailadmin_pages:edit", args=[lesson_en.pk])
        response = client.post(edit, {"action": "publish"}, follow=True)
    assert response.status_code == 200
    lesson_en = LessonPage.objects.get(pk=lesson_en.pk)
    assert lesson_en.live
    assert lesson_en.title == "EN 第一课"
    assert "live-room safety guide" in lesson_en.body[1].value.source


def _refused(response) -> bool:
    """Wagtail answers a refused admin view by sending the user to the
    dashboard with a message (a 302), API views with a 403."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def test_an_instructor_cannot_translate_another_base_course(client, world):
    en = world["en"]
    client.force_login(world["instructor_a"])
    course_b = world["course_b"]
    submit = reverse("wagtail_localize:submit_page_translation", args=[course_b.pk])
    assert _refused(client.get(submit))
    assert _refused(client.post(submit, {"locales": [en.pk]}))
    assert _in_english(course_b).alias_of_id == course_b.pk  # untouched

    # Base B's translation, started by someone allowed, stays out of reach.
    tr = TranslationSource.get_or_create_from_instance(course_b)[0]
    tr = Translation.objects.create(source=tr, target_locale=en)
    tr.save_target(publish=False)
    target = _in_english(course_b)
    segment = StringSegment.objects.filter(source=tr.source).first()
    refused = [
        ("get", reverse("wagtailadmin_pages:edit", args=[target.pk]), {}),
        (
            "post",
            reverse("wagtailadmin_pages:edit", args=[target.pk]),
            {"action": "publish"},
        ),
        ("get", reverse("wagtail_localize:download_pofile", args=[tr.pk]), {}),
        ("post", reverse("wagtail_localize:upload_pofile", args=[tr.pk]), {}),
        (
            "get",
            reverse("wagtail_localize:update_translations", args=[tr.source.pk]),
            {},
        ),
        (
            "post",
            reverse("wagtail_localize:update_translations", args=[tr.source.pk]),
            {"publish_translations": "on"},
        ),
        ("post", reverse("wagtail_localize:stop_translation", args=[tr.pk]), {}),
    ]
    for method, url, data in refused:
        response = getattr(client, method)(url, data)
        assert _refused(response), (url, response.status_code)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[tr.pk, segment.pk]),
        "value=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 403
    assert not StringTranslation.objects.filter(translation_of=segment.string).exists()


def test_the_translate_button_shows_on_own_pages_only(client, world):
    client.force_login(world["instructor_a"])
    own = client.get(reverse("wagtailadmin_pages:edit", args=[world["course_a"].pk]))
    submit_a = reverse(
        "wagtail_localize:submit_page_translation", args=[world["course_a"].pk]
    )
    assert submit_a in own.content.decode()
    other = client.get(reverse("wagtailadmin_pages:edit", args=[world["course_b"].pk]))
    assert _refused(other)


# 2. Publish-blocking checks on the translation --------------------------------


def _started_translation(world, django_capture_on_commit_callbacks, client):
    client.force_login(world["instructor_a"])
    with django_capture_on_commit_callbacks(execute=True):
        _submit(client, world["course_a"], world["en"])
        _submit(client, world["lesson_a"], world["en"])
    return _translation_of(world["lesson_a"], world["en"])


def _vague(data: str) -> str:
    if "<a " in data:
        return re.sub(r"(<a [^>]*>)[^<]*(</a>)", r"Read more: \1click here\2", data)
    return f"EN {data}"


def test_the_service_refuses_to_publish_a_translation_failing_a_check(
    client, world, django_capture_on_commit_callbacks
):
    tr = _started_translation(world, django_capture_on_commit_callbacks, client)
    _translate_all(client, tr, _vague)
    lesson_en = LessonPage.objects.get(pk=_in_english(world["lesson_a"]).pk)
    live_revision = lesson_en.live_revision_id

    # (The client's requests left their language active.)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            tr.source.create_or_update_translation(
                world["en"], publish=True, fallback=True
            )
        message = str(checks.VAGUE_LINK_TEXT % {"text": "click here"})
    assert any(message in str(m) for m in refused.value.messages)
    assert any("Lesson content › 2. Text" in str(m) for m in refused.value.messages)
    lesson_en = LessonPage.objects.get(pk=lesson_en.pk)
    assert lesson_en.live_revision_id == live_revision
    assert "click here" not in lesson_en.body[1].value.source
    # The segment carries the message in the translation editor.
    marked = StringTranslation.objects.get(
        locale=world["en"], translation_of__data__contains="<a "
    )
    assert marked.has_error and marked.get_error() == message

    # A draft still saves.
    tr.source.create_or_update_translation(world["en"], publish=False, fallback=True)
    draft = LessonPage.objects.get(pk=lesson_en.pk)
    assert draft.latest_revision_id != draft.live_revision_id
    assert draft.get_latest_revision_as_object().title == "EN 第一课"


def test_the_editor_publish_is_refused_and_names_the_block(
    client, world, django_capture_on_commit_callbacks
):
    tr = _started_translation(world, django_capture_on_commit_callbacks, client)
    _translate_all(client, tr, _vague)
    lesson_en = _in_english(world["lesson_a"])
    edit = reverse("wagtailadmin_pages:edit", args=[lesson_en.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"action": "publish"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    title = Page.objects.get(pk=lesson_en.pk).get_admin_display_title()
    # Read in English whatever language the last request left active.
    with translation.override("en"):
        refused = str(NOT_PUBLISHED % {"language": "English", "title": title})
    assert escape(refused) in page
    assert "Lesson content › 2. Text" in page
    assert "does not say where the link goes" in page
    assert (
        "click here" not in LessonPage.objects.get(pk=lesson_en.pk).body[1].value.source
    )

    # Fixed, it publishes.
    _translate_all(client, tr, _english_text)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {"action": "publish"})
    assert (
        "live-room safety guide"
        in LessonPage.objects.get(pk=lesson_en.pk).body[1].value.source
    )
    assert publish_problems(LessonPage.objects.get(pk=lesson_en.pk)) == []


def test_the_editor_messages_follow_the_admin_language(
    client, world, django_capture_on_commit_callbacks
):
    tr = _started_translation(world, django_capture_on_commit_callbacks, client)
    _translate_all(client, tr, _vague)
    profile = UserProfile.get_for_user(world["instructor_a"])
    profile.preferred_language = "zh-hans"
    profile.save()
    lesson_en = _in_english(world["lesson_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[lesson_en.pk]),
            {"action": "publish"},
            follow=True,
        )
    with translation.override("zh-hans"):
        message = str(checks.VAGUE_LINK_TEXT % {"text": "click here"})
    assert message in response.content.decode()


# 3. Needs updating: sync after the source changes ------------------------------


def test_an_instructor_syncs_translations_after_the_source_changes(
    client, world, django_capture_on_commit_callbacks
):
    tr = _started_translation(world, django_capture_on_commit_callbacks, client)
    _translate_all(client, tr, _english_text)
    lesson_en = _in_english(world["lesson_a"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtailadmin_pages:edit", args=[lesson_en.pk]),
            {"action": "publish"},
        )

    source_page = LessonPage.objects.get(pk=world["lesson_a"].pk)
    source_page.body.append(("text", RichText("<p>新增一段。</p>")))
    source_page.save_revision().publish()

    source_edit = client.get(reverse("wagtailadmin_pages:edit", args=[source_page.pk]))
    sync = reverse("wagtail_localize:update_translations", args=[tr.source.pk])
    assert sync in source_edit.content.decode()
    assert client.get(sync).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sync, {"publish_translations": "on"})
    assert response.status_code == 302
    lesson_en = LessonPage.objects.get(pk=lesson_en.pk)
    assert "新增一段" in lesson_en.body[2].value.source  # shown, untranslated yet
    assert "live-room safety guide" in lesson_en.body[1].value.source  # kept
    segments = StringSegment.objects.filter(source=tr.source)
    untranslated = segments.annotate_translation(world["en"]).filter(
        translation__isnull=True
    )
    assert untranslated.count() == 1  # the editor shows the new one to translate


def test_adaptations_and_lesson_versions_are_translated_and_kept_through_a_sync(
    client, world, django_capture_on_commit_callbacks
):
    """Inline parts (a course's adaptations, a lesson's adapted versions) are
    translated segment by segment like the page, and a sync after the source
    changes keeps their English instead of copying the Chinese back."""
    en = world["en"]
    lesson = tree.lesson(world["course_a"], title="第二课", versions=("easy_read",))
    mirror_untranslated(lesson)
    client.force_login(world["instructor_a"])
    with django_capture_on_commit_callbacks(execute=True):
        _submit(client, world["course_a"], en)
        _submit(client, lesson, en)
    for page in (world["course_a"], lesson):
        tr = _translation_of(page, en)
        paths = set(
            StringSegment.objects.filter(source=tr.source).values_list(
                "context__path", flat=True
            )
        )
        inline = "adaptations." if page.pk == world["course_a"].pk else "versions."
        assert any(path.startswith(inline) for path in paths), paths
        _translate_all(client, tr, _english_text)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("wagtailadmin_pages:edit", args=[_in_english(page).pk]),
                {"action": "publish"},
            )

    def english_parts():
        course_en = _in_english(world["course_a"]).specific
        lesson_en = _in_english(lesson).specific
        version = lesson_en.versions.get()
        return (
            course_en.adaptations.get().note,
            version.body[0].value.source,
            version.locale.language_code,
        )

    note, body, locale = english_parts()
    assert note.startswith("EN "), note
    assert "EN " in body, body
    assert locale == "en"

    source = LessonPage.objects.get(pk=lesson.pk)
    source.body.append(("text", RichText("<p>新增一段。</p>")))
    source.save_revision().publish()
    sync = reverse(
        "wagtail_localize:update_translations",
        args=[_translation_of(lesson, en).source.pk],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sync, {"publish_translations": "on"})
    assert response.status_code == 302
    assert english_parts() == (note, body, "en")


def test_the_captions_language_is_the_translators_to_set():
    """A video's captions language is offered beside its captions file as a
    value to override, and a translation keeps the one set."""
    from wagtail_localize.segments import OverridableSegmentValue

    from courses.blocks.media import CaptionsLanguageBlock

    block = CaptionsLanguageBlock(choices=[("zh-Hans", "中文"), ("en", "English")])
    segments = block.get_translatable_segments("zh-Hans")
    assert segments == [OverridableSegmentValue("", "zh-Hans")]
    restored = block.restore_translated_segments(
        "zh-Hans", [OverridableSegmentValue("", "en")]
    )
    assert restored == "en"
    assert block.restore_translated_segments("zh-Hans", []) == "zh-Hans"


# 4. PO export and import -----------------------------------------------------


def test_po_download_and_upload(client, world, django_capture_on_commit_callbacks):
    tr = _started_translation(world, django_capture_on_commit_callbacks, client)
    response = client.get(reverse("wagtail_localize:download_pofile", args=[tr.pk]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    assert len(po) == StringSegment.objects.filter(source=tr.source).count()
    for entry in po:
        entry.msgstr = _english_text(entry.msgid)
    upload = SimpleUploadedFile(
        "lesson-en.po", str(po).encode(), "text/x-gettext-translation"
    )
    edit = reverse("wagtailadmin_pages:edit", args=[_in_english(world["lesson_a"]).pk])
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[tr.pk]),
        {"file": upload, "next": edit},
    )
    assert response.status_code == 302 and response["Location"] == edit
    translated = StringSegment.objects.filter(source=tr.source).annotate_translation(
        world["en"]
    )
    assert not translated.filter(translation__isnull=True).exists()
    assert StringTranslation.objects.filter(
        locale=world["en"], data="EN 第一课"
    ).exists()


@pytest.mark.parametrize(
    "upload",
    [
        None,
        b"",
        b"not a po file",
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\n"\n',
        b"\xff\xfe\x00",
    ],
)
def test_a_bad_po_upload_is_refused_with_a_message(
    client, world, django_capture_on_commit_callbacks, upload
):
    tr = _started_translation(world, django_capture_on_commit_callbacks, client)
    edit = reverse("wagtailadmin_pages:edit", args=[_in_english(world["lesson_a"]).pk])
    data = {"next": edit}
    if upload is not None:
        data["file"] = SimpleUploadedFile("x.po", upload)
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[tr.pk]), data
    )
    assert response.status_code == 302 and response["Location"] == edit
    assert not StringTranslation.objects.filter(locale=world["en"]).exists()


# The translate and sync pages' queries do not grow with the course ----------


def test_translate_and_sync_pages_query_counts_are_constant(
    client, world, django_capture_on_commit_callbacks
):
    tr = _started_translation(world, django_capture_on_commit_callbacks, client)
    course = world["course_a"]
    urls = [
        reverse("wagtail_localize:submit_page_translation", args=[course.pk]),
        reverse("wagtail_localize:update_translations", args=[tr.source.pk]),
    ]
    counts = []
    for size in (1, 4):
        for number in range(LessonPage.objects.child_of(course).count(), size):
            tree.lesson(course, title=f"第 {number + 1} 课")
        found = []
        for url in urls:
            client.get(url)  # warm caches
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            found.append(len(queries))
        counts.append(found)
    assert counts[0] == counts[1], counts


# 5. The admin speaks the user's language only ---------------------------------


def _chooser_urls(world) -> list[str]:
    return [
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtaildocs_chooser:choose_results"),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailimages_chooser:choose_results"),
        reverse("wagtailadmin_choose_page"),
        reverse(
            "wagtailadmin_choose_page_child", args=[world["course_a"].get_parent().pk]
        ),
        reverse("wagtailadmin_home"),
    ]


def _admin_language(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def _visible_text(html: str) -> str:
    """The response with page titles (content, in their own language) and
    script blocks left out."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return html


@pytest.mark.parametrize("accept", ["zh-hans", "en"])
def test_the_english_admin_choosers_have_no_chinese(client, world, accept):
    user = world["instructor_a"]
    _admin_language(user, "en")
    client.force_login(user)
    client.cookies.load({"django_language": "zh-hans"})
    # Content: page titles, people's names, the site's name.
    content_titles = {p.title for p in Page.objects.all()} | {
        user.name,
        settings.WAGTAIL_SITE_NAME,
    }
    for url in _chooser_urls(world):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200, url
        text = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            import json

            text = json.loads(text).get("html", "")
        text = _visible_text(text)
        # Content, and each language's name in that language (the locale
        # filter), as language pickers should.
        for title in content_titles | LANGUAGE_NAMES:
            text = text.replace(title, "")
        found = HAN.findall(text)
        assert not found, (url, re.findall(r".{0,60}[\u4e00-\u9fff]+.{0,60}", text)[:5])


def test_the_chinese_admin_choosers_have_no_english_labels(client, world):
    user = world["instructor_a"]
    _admin_language(user, "zh-hans")
    client.force_login(user)
    client.cookies.load({"django_language": "en"})
    for url in _chooser_urls(world):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        text = response.content.decode()
        for name in LANGUAGE_NAMES:
            text = text.replace(name, "")
        for english in ("Search", "Upload", "Choose a document", "Choose an image"):
            assert f">{english}<" not in text, (url, english)


def test_publish_problems_name_nested_blocks():
    """Heading order (a stream's own check), an easy-read sentence (a list
    item in a struct) and a link: each named by where it sits."""
    page = LessonPage(
        title="第一课",
        body=[
            ("heading", {"text": "安全", "level": "h2"}),
            ("heading", {"text": "细节", "level": "h4"}),
            (
                "easy_read",
                {
                    "title": "",
                    "sentences": [
                        {"text": "好。", "picture": None},
                        {"text": "这" * 40, "picture": None},
                    ],
                },
            ),
            ("text", RichText('<p><a href="https://example.org">点击这里</a></p>')),
        ],
    )
    found = {(p.where, p.path.split(".")[0]) for p in publish_problems(page)}
    wheres = " | ".join(sorted(w for w, _path in found))
    assert "Lesson content › 3. Easy read › Sentences › 2 › Sentence" in wheres
    assert "Lesson content › 4. Text" in wheres
    assert {path for _w, path in found} == {"body"}

    # The stream's own check runs once its blocks pass.
    del page.body[2:]
    (problem,) = publish_problems(page)
    assert problem.where == "Lesson content › 2. Heading › Level"
    # (Block ids once saved; this page is not, so the position.)
    assert problem.path == "body.1.level"
