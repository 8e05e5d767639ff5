"""What the dashboard's filters offer: training bases and courses by name,
and the latest reporting periods as date shortcuts."""

from django.db.models import QuerySet
from django.utils.translation import get_language

from accounts.models import TrainingBase
from core.page_cache import cached_fragment
from courses.models import CoursePage
from training.models import ReportingPeriod

PERIOD_LINKS = 12
# The kept periods' own generation token: every save or delete of a
# reporting period replaces it (FederationConfig.ready).
PERIODS_GENERATION_KEY = "federation:periods:generation"
# Beyond the token, a day at most (a write that sent no signal).
PERIODS_TIMEOUT = 24 * 60 * 60


def base_choices() -> list[tuple[int, str]]:
    return [
        (base.pk, base.display_name) for base in TrainingBase.objects.order_by("name")
    ]


def course_choices() -> list[tuple[int, str]]:
    """Courses in the default language, titled in the current one. Two queries."""
    courses = list(
        CoursePage.objects.filter(locale__language_code="zh-hans")
        .order_by("title")
        .values_list("pk", "title", "translation_key")
    )
    translated = {}
    if get_language() == "en":
        translated = dict(
            CoursePage.objects.filter(
                locale__language_code="en",
                translation_key__in=[key for _pk, _title, key in courses],
            ).values_list("translation_key", "title")
        )
    return [(pk, translated.get(key, title)) for pk, title, key in courses]


def filter_choices() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(base_choices(), course_choices()) in the current language, kept in
    the shared cache until a base or a page changes (a kept fragment of the
    public pages: bases and pages replace its generation token): every view
    of the dashboard offers them, and they change only when a base or a
    course does."""
    return cached_fragment(
        f"federation:filter-choices:{get_language()}",
        lambda: (base_choices(), course_choices()),
    )


def recent_periods() -> QuerySet[ReportingPeriod]:
    """The latest reporting periods, newest first."""
    return ReportingPeriod.objects.order_by("-starts_on")[:PERIOD_LINKS]


def kept_recent_periods() -> list[ReportingPeriod]:
    """recent_periods() from the shared cache, until a reporting period is
    created, renamed, closed, reopened or deleted: every view of the
    dashboard offers them as shortcuts. Their names are chosen by language
    when shown, so one list serves both."""
    return cached_fragment(
        "federation:recent-periods",
        lambda: list(recent_periods()),
        PERIODS_TIMEOUT,
        token=PERIODS_GENERATION_KEY,
    )
