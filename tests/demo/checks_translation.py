"""Issue 14 in the demo: courses translated through wagtail-localize, one
left in Chinese only (mirrored into English as an alias), and records with
both languages. Called once from test_seed (after seed_demo)."""

import re
from collections import defaultdict

from django.db.models import Count
from wagtail.models import Page
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    TemplateSegment,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from accounts.models import TrainingBase
from courses.models import CoursePage, LessonPage
from demo.courses import CHINESE_ONLY
from training.models import Certificate, ReportingPeriod, TrainingSession

HAN = re.compile(r"[\u4e00-\u9fff]")


def _translated(page: Page) -> Page:
    """`page`'s English translation made through wagtail-localize: 100%
    translated from a source that matches the Chinese page today, enabled,
    live and no alias."""
    source = TranslationSource.objects.get_for_instance(page)
    translation = Translation.objects.get(
        source=source, target_locale__language_code="en"
    )
    assert translation.enabled, page.title
    total, done = translation.get_progress()
    assert total > 0 and total == done, (page.title, total, done)
    now = [
        (segment.path, segment.string.data)
        for segment in extract_segments(page.specific)
        if isinstance(segment, StringSegmentValue)
    ]
    extracted = [
        (segment.context.path, segment.string.data)
        for segment in StringSegment.objects.filter(source=source)
        .select_related("context", "string")
        .order_by("order")
    ]
    # The same segments (path and text); compared without their order, which
    # PostgreSQL once returned differently for the same lesson (one CI run of
    # many), while what the check is about is what the source says.
    assert sorted(now) == sorted(extracted), (
        f"{page.title}: the source is up to date",
        sorted(set(now) ^ set(extracted)),
    )
    english = translation.get_target_instance()
    assert english.live and english.alias_of_id is None, page.title
    assert english.locale.language_code == "en"
    assert not HAN.search(english.title), english.title
    return english


def _opens_in_the_translation_editor(client, page: Page) -> None:
    """The English page's edit view is wagtail-localize's translation editor
    (for its base's instructor, who translated it)."""
    client.force_login(page.get_latest_revision().user)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200, page.title
    assert b"js-translation-editor" in response.content, page.title
    client.logout()


SEGMENTS = (StringSegment, TemplateSegment, RelatedObjectSegment, OverridableSegment)


def _rows(source: TranslationSource) -> dict:
    rows = {
        model.__name__: sorted(
            model.objects.filter(source=source).values_list("pk", flat=True)
        )
        for model in SEGMENTS
    }
    rows["contexts"] = sorted(
        TranslationContext.objects.filter(object_id=source.object_id).values_list(
            "pk", "field_path"
        )
    )
    return rows


def _as_wagtail_localize_writes_them() -> None:
    """The seed writes a source's segments in bulk (demo.translation): the
    rows are the ones wagtail-localize's own refresh would write, so a refresh
    finds every one, changes nothing and works out the same field paths.
    Checked on the two sources with the most segments of each page type (a
    refresh of all of them takes most of a minute)."""
    largest = defaultdict(list)  # by page type, the largest last
    for source in TranslationSource.objects.annotate(
        n=Count("stringsegment", distinct=True)
        + Count("overridablesegment", distinct=True)
    ).order_by("n"):
        largest[source.specific_content_type_id].append(source.pk)
    # Courses, lessons, quizzes.
    assert len(largest) >= 3, largest
    sources = [pk for pks in largest.values() for pk in pks[-2:]]
    for source in TranslationSource.objects.filter(pk__in=sources):
        before = _rows(source)
        assert before["StringSegment"] and all(field for _, field in before["contexts"])
        # Worked out again by the refresh, as for a context without one.
        TranslationContext.objects.filter(object_id=source.object_id).update(
            field_path=""
        )
        source.refresh_segments()
        assert _rows(source) == before, source.object_repr


def check_translation(client) -> None:
    _as_wagtail_localize_writes_them()
    courses = CoursePage.objects.filter(
        locale__language_code="zh-hans", alias_of__isnull=True
    ).order_by("path")
    translated = [course for course in courses if course.slug not in CHINESE_ONLY]
    assert len(translated) >= 4
    for course in translated:
        english = _translated(course)
        if course == translated[0]:
            _opens_in_the_translation_editor(client, english)
        # Its lessons and quiz too, under the English course; the inline
        # panels (adaptations, versions) are in English.
        children = course.get_children().specific()
        assert children
        for child in children:
            page = _translated(child)
            assert page.get_parent().pk == english.pk, child.title
            if isinstance(page, LessonPage):
                assert page.versions.exists(), page.title
                for version in page.versions.all():
                    assert not HAN.search(version.note), version.note
        assert all(
            not HAN.search(adaptation.note)
            for adaptation in english.specific.adaptations.all()
        ), course.title

    only = courses.filter(slug__in=CHINESE_ONLY)
    assert only.exists()
    for course in only:
        assert not Translation.objects.filter(
            source__object_id=course.translation_key
        ).exists()
        alias = Page.objects.get(
            translation_key=course.translation_key, locale__language_code="en"
        )
        assert alias.alias_of_id == course.pk and alias.live
        for lesson in course.get_children():
            mirrored = Page.objects.get(
                translation_key=lesson.translation_key, locale__language_code="en"
            )
            assert mirrored.alias_of_id == lesson.pk and mirrored.live
        # Its records still have English names.
        sessions = TrainingSession.objects.filter(course=course)
        assert sessions.exists()
        assert not any(HAN.search(s.name_en) for s in sessions)

    # Records in both languages.
    for base in TrainingBase.objects.all():
        for field in ("name_en", "district_en", "address_en", "transport_notes_en"):
            assert getattr(base, field), (base.name, field)
            assert not HAN.search(getattr(base, field)), (base.name, field)
    for period in ReportingPeriod.objects.all():
        assert period.name_en and not HAN.search(period.name_en), period.name
    for session in TrainingSession.objects.all():
        assert session.name_en and not HAN.search(session.name_en), session.name
        if session.venue:
            assert session.venue_en and not HAN.search(session.venue_en), session.name
    assert TrainingSession.objects.exclude(venue="").exists()
    assert not any(
        HAN.search(title)
        for title in Certificate.objects.values_list("course_title_en", flat=True)
    )
