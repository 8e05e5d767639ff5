"""Course page trees for tests, built under the seeded home pages."""

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Locale
from wagtail.rich_text import RichText

from courses.models import (
    CourseAdaptation,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonVersion,
    TrainingBasePage,
)
from home.models import HomePage
from tests.factories.accounts import TrainingBaseFactory


def _publish(page):
    page.save_revision().publish()
    return page.__class__.objects.get(pk=page.pk)


def catalogue(language: str = "zh-hans") -> CourseIndexPage:
    home = HomePage.objects.get(locale__language_code=language)
    existing = CourseIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return _publish(
        home.add_child(
            instance=CourseIndexPage(title="课程", slug="courses", locale=home.locale)
        )
    )


def base_section(base=None, language: str = "zh-hans") -> TrainingBasePage:
    base = base or TrainingBaseFactory()
    index = catalogue(language)
    existing = TrainingBasePage.objects.child_of(index).filter(base=base).first()
    if existing:
        return existing
    index = CourseIndexPage.objects.get(pk=index.pk)
    return _publish(
        index.add_child(
            instance=TrainingBasePage(
                title=base.name, slug=f"base-{base.pk}", base=base, locale=index.locale
            )
        )
    )


def course(
    section: TrainingBasePage,
    *,
    title: str = "电商直播入门",
    slug: str | None = None,
    skill_area: str = "livestream_ecommerce",
    delivery_mode: str = "online",
    categories=("visual",),
    summary: str = "学习直播带货。",
) -> CoursePage:
    section = TrainingBasePage.objects.get(pk=section.pk)
    page = section.add_child(
        instance=CoursePage(
            title=title,
            slug=slug or f"course-{CoursePage.objects.count() + 1}",
            locale=section.locale,
            base=section.base,
            summary=summary,
            skill_area=skill_area,
            delivery_mode=delivery_mode,
            estimated_hours=10,
            outcomes=[("outcome", "布置直播间")],
            adaptations=[
                CourseAdaptation(category=c, note="有字幕和手语。") for c in categories
            ],
        )
    )
    return _publish(page)


def lesson(
    course_page: CoursePage, *, title: str = "第一课", versions=()
) -> LessonPage:
    parent = CoursePage.objects.get(pk=course_page.pk)
    page = parent.add_child(
        instance=LessonPage(
            title=title,
            slug=f"lesson-{LessonPage.objects.count() + 1}",
            locale=parent.locale,
            summary="本课摘要。",
            body=[
                ("heading", {"text": "标准版", "level": "h2"}),
                ("text", RichText("<p>标准版内容。</p>")),
            ],
            versions=[
                LessonVersion(
                    kind=kind,
                    body=[("text", RichText(f"<p>{kind} 版本内容。</p>"))],
                )
                for kind in versions
            ],
        )
    )
    return _publish(page)


def en_locale() -> Locale:
    return Locale.objects.get(language_code="en")


def document(name: str, content: bytes = b"WEBVTT\n") -> Document:
    """A media document (a video, an audio file, captions) named `name`."""
    found = Document(title=name)
    found.file.save(name, ContentFile(content), save=False)
    found._set_document_file_metadata()
    found.save()
    return found
