"""Reads for course pages. Each returns everything its template needs with a
fixed number of queries, however many courses or lessons there are.

The pages call these reads from `get_context`, so page classes are looked up
in the app registry here, never imported (that would be an import loop)."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from accounts.models import TrainingBase
from accounts.selectors import access_needs_for
from core.page_cache import cached_fragment
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

    Every live course is listed whatever its language: those under this
    catalogue (translations, and aliases of courses not yet translated) and,
    in case one has no page at all in this language (made by a script, say),
    the course itself from the other language's tree.

    Search uses Wagtail's search backend and, because Chinese has no spaces
    between words for a tokenizer to split on, also a plain substring match
    on titles and summaries."""
    in_catalogue = _course_queryset().filter(
        Q(path__startswith=index.path, depth__gt=index.depth)
        | Q(pk__in=_untranslated_elsewhere(index))
    )
    bases = TrainingBase.objects.filter(pk__in=in_catalogue.values("base_id")).order_by(
        "name"
    )
    form = CatalogueFilterForm(params or None, bases=bases)
    catalogue = Catalogue(form=form)
    if form.is_bound and not form.is_valid():
        catalogue.filtered = True
        return catalogue

    courses = in_catalogue.select_related("locale", "alias_of__locale")
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
        found = _search_pks(query)
        courses = courses.filter(pk__in=found)
        ranked = {pk: rank for rank, pk in enumerate(found)}
        results = sorted(courses.order_by("title"), key=lambda c: ranked[c.pk])
    else:
        results = list(courses.order_by("title"))
    for course in results:
        course.content_lang = content_language(course)
    catalogue.courses = results
    catalogue.total = len(results)
    catalogue.filtered = bool(query) or any(
        data.get(name) for name in ("category", "skill", "base", "mode")
    )
    return catalogue


def _untranslated_elsewhere(index: Page) -> QuerySet:
    """Live courses (not aliases) in another language with no page of any
    kind, translation or alias, in this catalogue's language: a subquery."""
    has_page_here = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=index.locale_id
    )
    return (
        _page_class("CoursePage")
        .objects.live()
        .public()
        .filter(alias_of__isnull=True)
        .exclude(locale_id=index.locale_id)
        .exclude(Exists(has_page_here))
        .values("pk")
    )


def _search_pks(query: str) -> list[int]:
    """Courses matching the query, best first, in any language (the caller
    keeps those in its catalogue)."""
    scope = _page_class("CoursePage").objects.live()
    ranked = [page.pk for page in scope.search(query)]
    substring = scope.filter(
        Q(title__icontains=query) | Q(summary__icontains=query)
    ).values_list("pk", flat=True)
    return ranked + [pk for pk in substring if pk not in ranked]


def courses_in(section: Page) -> list[Page]:
    """A base section's courses, each with `.content_lang` (its language)."""
    courses = list(
        _course_queryset()
        .child_of(section)
        .select_related("locale", "alias_of__locale")
        .order_by("title")
    )
    for course in courses:
        course.content_lang = content_language(course)
    return courses


def _public_children_of(queryset: QuerySet, parent: Page) -> QuerySet:
    """Wagtail's `.public()` for the children of one page, in the same query:
    no view restriction on the parent, its ancestors or the child itself
    (`.public()` reads every restriction first, a query of its own)."""
    step = Page.steplen
    above = [parent.path[:end] for end in range(step, len(parent.path) + 1, step)]
    restricted = PageViewRestriction.objects.filter(
        Q(page__path__in=above) | Q(page_id=OuterRef("pk"))
    )
    return queryset.child_of(parent).exclude(Exists(restricted))


def lessons_of(course: Page) -> QuerySet:
    return _public_children_of(
        _page_class("LessonPage").objects.live(), course
    ).order_by("path")


def quizzes_of(course: Page) -> list[Page]:
    """The course's published quizzes, in tree order (one query)."""
    return list(
        _page_class("QuizPage").objects.child_of(course).live().order_by("path")
    )


def course_detail(course: Page) -> dict:
    # The facts list reads them again: once each.
    prefetch_related_objects([course], "adaptations", "skills")
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


@dataclass(frozen=True)
class LessonLink:
    pk: int
    title: str
    url: str


def _lesson_outline(lesson: Page, course: Page, request: HttpRequest) -> dict:
    """What a lesson page shows the same to everyone: its versions (kind →
    note, and whether the version has content of its own) and the course's
    lessons in order, as links. Two queries."""
    versions = {
        version.kind: (version.note, bool(version.body))
        for version in lesson.versions.all()
    }
    siblings = [
        LessonLink(pk=sibling.pk, title=sibling.title, url=sibling.get_url(request))
        for sibling in lessons_of(course).only(
            "id", "title", "path", "url_path", "depth"
        )
    ]
    return {"versions": versions, "siblings": siblings}


def _version_body(lesson: Page, kind: str, own_body: bool):
    if not own_body:
        return lesson.body
    return lesson.versions.get(kind=kind).body


def lesson_detail(lesson: Page, request: HttpRequest) -> dict:
    """The version to show first, links to every version, and where the
    lesson sits in its course. The outline is kept with the page's live
    revision (core.page_cache.cached_fragment) and the body is read only
    when the rendered body is not kept (courses_tags.lesson_content)."""
    # Plain pages (the page shows their titles and links), known to the
    # lesson when it was found by its address (home.models.HomePage.route).
    course = lesson.get_parent()
    catalogue = course.get_parent().get_parent() if course is not None else None
    if getattr(request, "is_preview", False) or not lesson.live_revision_id:
        outline = _lesson_outline(lesson, course, request)
    else:
        outline = cached_fragment(
            ":".join(
                str(part)
                for part in (
                    "lesson-outline",
                    request.get_host(),
                    lesson.pk,
                    lesson.live_revision_id,
                    get_language(),
                )
            ),
            lambda: _lesson_outline(lesson, course, request),
        )
    versions = outline["versions"]
    siblings = outline["siblings"]
    available = [LessonVersionKind.STANDARD.value] + [
        kind for kind in LessonVersionKind.values if kind in versions
    ]
    preferred = preferred_lesson_versions(request)
    shown = next(
        (kind for kind in preferred if kind in available),
        LessonVersionKind.STANDARD.value,
    )
    note, own_body = versions.get(shown, ("", False))

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
    position = next(
        (index for index, sibling in enumerate(siblings) if sibling.pk == lesson.pk),
        None,
    )
    return {
        "course": course,
        "catalogue": catalogue,
        "shown_version": shown,
        "shown_version_label": LessonVersionKind(shown).label,
        "version_note": note,
        "version_body": SimpleLazyObject(
            lambda: _version_body(lesson, shown, own_body)
        ),
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


# Content language ------------------------------------------------------------

# Said on the catalogue next to a course not (yet) in the visitor's language,
# in the visitor's language, keyed by the language the course is in.
ONLY_IN = {
    "zh-hans": _("Chinese only"),
    "en": _("English only"),
}
# Said near the title of a page shown in the other language, keyed by (kind
# of page, language of the visitor).
NOT_YET_TRANSLATED = {
    ("coursepage", "en"): _(
        "This course is not yet translated into English; it is shown in Chinese."
    ),
    ("coursepage", "zh-hans"): _(
        "This course is not yet translated into Chinese; it is shown in English."
    ),
    ("lessonpage", "en"): _(
        "This lesson is not yet translated into English; it is shown in Chinese."
    ),
    ("lessonpage", "zh-hans"): _(
        "This lesson is not yet translated into Chinese; it is shown in English."
    ),
    ("quizpage", "en"): _(
        "This quiz is not yet translated into English; it is shown in Chinese."
    ),
    ("quizpage", "zh-hans"): _(
        "This quiz is not yet translated into Chinese; it is shown in English."
    ),
}
# BCP 47 tags for `lang` attributes, by Wagtail locale code.
LANG_TAG = {"zh-hans": "zh-Hans", "en": "en"}


def _language_of_locale(locale) -> str:
    return (locale.language_code or "").lower()


@dataclass(frozen=True)
class ContentLanguage:
    """The language a page's content is written in, against the visitor's.

    An alias (a course mirrored into the other language's tree until someone
    translates it) shows its original's content, in its original's
    language."""

    code: str
    visitor: str
    kind: str = ""

    @property
    def differs(self) -> bool:
        return bool(self.code) and not self.visitor.startswith(self.code[:2])

    @property
    def tag(self) -> str:
        return LANG_TAG.get(self.code, self.code)

    @property
    def attr(self) -> str:
        """` lang="…"` for an element holding the content, when the content
        is not in the visitor's language; otherwise nothing."""
        if not self.differs:
            return ""
        return format_html(' lang="{}"', self.tag)

    @property
    def only_label(self) -> str:
        return str(ONLY_IN.get(self.code, "")) if self.differs else ""

    @property
    def note(self) -> str:
        if not self.differs:
            return ""
        visitor = "en" if self.visitor.startswith("en") else "zh-hans"
        return str(NOT_YET_TRANSLATED.get((self.kind, visitor), ""))


def content_language(page: Page, visitor: str | None = None) -> ContentLanguage:
    """The language of `page`'s content. No query when `locale` and
    `alias_of__locale` were selected with the page."""
    source = page.alias_of if page.alias_of_id else page
    return ContentLanguage(
        code=_language_of_locale(source.locale),
        visitor=(visitor or get_language() or "zh-hans").lower(),
        kind=page._meta.model_name,
    )
