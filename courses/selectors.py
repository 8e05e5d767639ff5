"""Reads for course pages. Each returns everything its template needs with a
fixed number of queries, however many courses or lessons there are.

The pages call these reads from `get_context`, so page classes are looked up
in the app registry here, never imported (that would be an import loop)."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from wagtail.models import Page

from accounts.models import TrainingBase
from accounts.selectors import access_needs_for
from courses.forms import CatalogueFilterForm
from courses.versions import (
    VERSION_COOKIE,
    VERSION_FOR_NEED,
    LessonVersionKind,
    described_video_first,
)


def _page_class(name: str) -> type[Page]:
    """A `courses` page class by model name, such as "CoursePage"."""
    return apps.get_model("courses", name)


def _course_queryset() -> QuerySet:
    return (
        _page_class("CoursePage")
        .objects.live()
        .public()
        .select_related("base")
        .prefetch_related("adaptations", "skills")
    )


@dataclass
class Catalogue:
    form: CatalogueFilterForm
    courses: list[Page] = field(default_factory=list)
    total: int = 0
    filtered: bool = False


def course_catalogue(index: Page, params: Mapping) -> Catalogue:
    """The catalogue's courses after the GET filters and search.

    Search uses Wagtail's search backend and, because Chinese has no spaces
    between words for a tokenizer to split on, also a plain substring match
    on titles and summaries."""
    in_catalogue = _course_queryset().descendant_of(index)
    bases = TrainingBase.objects.filter(pk__in=in_catalogue.values("base_id")).order_by(
        "name"
    )
    form = CatalogueFilterForm(params or None, bases=bases)
    catalogue = Catalogue(form=form)
    if form.is_bound and not form.is_valid():
        catalogue.filtered = True
        return catalogue

    courses = in_catalogue
    data = form.cleaned_data if form.is_bound else {}
    if data.get("category"):
        courses = courses.filter(adaptations__category=data["category"])
    if data.get("skill"):
        courses = courses.filter(skill_area=data["skill"])
    if data.get("base"):
        courses = courses.filter(base=data["base"])
    if data.get("mode"):
        courses = courses.filter(delivery_mode=data["mode"])
    query = (data.get("q") or "").strip()
    if query:
        found = _search_pks(index, query)
        courses = courses.filter(pk__in=found)
        ranked = {pk: rank for rank, pk in enumerate(found)}
        results = sorted(courses.order_by("title"), key=lambda c: ranked[c.pk])
    else:
        results = list(courses.order_by("title"))
    catalogue.courses = results
    catalogue.total = len(results)
    catalogue.filtered = bool(query) or any(
        data.get(name) for name in ("category", "skill", "base", "mode")
    )
    return catalogue


def _search_pks(index: Page, query: str) -> list[int]:
    scope = _page_class("CoursePage").objects.live().descendant_of(index)
    ranked = [page.pk for page in scope.search(query)]
    substring = scope.filter(
        Q(title__icontains=query) | Q(summary__icontains=query)
    ).values_list("pk", flat=True)
    return ranked + [pk for pk in substring if pk not in ranked]


def courses_in(section: Page) -> list[Page]:
    return list(_course_queryset().child_of(section).order_by("title"))


def lessons_of(course: Page) -> QuerySet:
    return (
        _page_class("LessonPage")
        .objects.live()
        .public()
        .child_of(course)
        .order_by("path")
    )


def quizzes_of(course: Page) -> list[Page]:
    """The course's published quizzes, in tree order (one query)."""
    return list(
        _page_class("QuizPage").objects.child_of(course).live().order_by("path")
    )


def course_detail(course: Page) -> dict:
    return {
        "lessons": list(lessons_of(course)),
        "adaptations": list(course.adaptations.all()),
    }


def preferred_lesson_versions(request: HttpRequest) -> list[str]:
    """The lesson versions this viewer wants, best first, ending with the
    standard one. An explicit choice (?version= or the cookie it sets) wins;
    otherwise the person's display preference and recorded functional needs."""
    wanted: list[str] = []
    for choice in (request.GET.get("version"), request.COOKIES.get(VERSION_COOKIE)):
        if choice in LessonVersionKind.values:
            wanted.append(choice)
            break
    display = getattr(request, "display", None)
    if getattr(display, "easy_read_first", False):
        wanted.append(LessonVersionKind.EASY_READ)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        needs = access_needs_for(user)
        if needs is not None:
            wanted += [
                VERSION_FOR_NEED[need]
                for need in needs.needs
                if need in VERSION_FOR_NEED
            ]
    wanted.append(LessonVersionKind.STANDARD)
    return list(dict.fromkeys(str(kind) for kind in wanted))


def preferred_lesson_version(request: HttpRequest) -> str:
    return preferred_lesson_versions(request)[0]


@dataclass(frozen=True)
class VersionLink:
    kind: str
    label: str
    url: str
    current: bool


def lesson_detail(lesson: Page, request: HttpRequest) -> dict:
    """The version to show first, links to every version, and where the
    lesson sits in its course."""
    versions = {v.kind: v for v in lesson.versions.all()}
    available = [LessonVersionKind.STANDARD.value] + [
        kind for kind in LessonVersionKind.values if kind in versions
    ]
    preferred = preferred_lesson_versions(request)
    shown = next(
        (kind for kind in preferred if kind in available),
        LessonVersionKind.STANDARD.value,
    )
    version = versions.get(shown)
    body = version.body if version is not None and version.body else lesson.body

    page_url = lesson.get_url(request)
    links = [
        VersionLink(
            kind=kind,
            label=LessonVersionKind(kind).label,
            url=f"{page_url}?version={kind}",
            current=kind == shown,
        )
        for kind in available
    ]
    course = lesson.get_parent().specific
    siblings = list(lessons_of(course).only("id", "title", "path", "url_path", "depth"))
    position = next(
        (index for index, sibling in enumerate(siblings) if sibling.pk == lesson.pk),
        None,
    )
    return {
        "course": course,
        "shown_version": shown,
        "shown_version_label": LessonVersionKind(shown).label,
        "version_note": version.note if version is not None else "",
        "version_body": body,
        "version_links": links,
        "large_print": shown == LessonVersionKind.LARGE_PRINT,
        "lesson_number": position + 1 if position is not None else None,
        "lesson_count": len(siblings),
        "previous_lesson": siblings[position - 1] if position else None,
        "next_lesson": (
            siblings[position + 1]
            if position is not None and position + 1 < len(siblings)
            else None
        ),
        "transcripts_open": shown == LessonVersionKind.AUDIO_FIRST,
        "described_video_first": described_video_first(preferred),
    }
