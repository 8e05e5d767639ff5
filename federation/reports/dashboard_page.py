"""A page of the dashboard (or a base's drill-down, or an export): the
filter form, the filters in words and as a query string, the tables, and
what an export says about itself. Built in one place for every view."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from courses.models import DeliveryMode, SkillArea
from federation.forms.dashboard import DashboardFilterForm
from federation.reports.dashboard import Dashboard, build
from federation.reports.tables import Table
from federation.selectors.counting import CATEGORY_CHOICES, Filters
from federation.selectors.filter_choices import filter_choices
from federation.suppression import METHOD, METHOD_SOURCE, PEOPLE_OR_PLACES


def describe(filters: Filters, base_labels: dict, course_labels: dict) -> str:
    """The filters in words, for the page and the exports."""
    parts = []
    if filters.date_from or filters.date_to:
        parts.append(
            _("sessions starting from %(start)s to %(end)s")
            % {
                "start": date_format(filters.date_from, "DATE_FORMAT")
                if filters.date_from
                else _("the beginning"),
                "end": date_format(filters.date_to, "DATE_FORMAT")
                if filters.date_to
                else _("today"),
            }
        )
    if filters.base:
        parts.append(str(base_labels.get(filters.base, filters.base)))
    if filters.course:
        parts.append(str(course_labels.get(filters.course, filters.course)))
    if filters.skill_area:
        parts.append(str(dict(SkillArea.choices).get(filters.skill_area, "")))
    if filters.delivery_mode:
        parts.append(str(dict(DeliveryMode.choices).get(filters.delivery_mode, "")))
    if filters.category:
        parts.append(str(dict(CATEGORY_CHOICES).get(filters.category, "")))
    if filters.session:
        parts.append(_("session %(id)s") % {"id": filters.session})
    if not parts:
        return _("All sessions at all bases, all time")
    return "; ".join(parts)


@dataclass
class DashboardPage:
    """What the dashboard, a base's drill-down and the exports show: the
    filter form, the filters it gives, the tables, and the filters in words
    and as a query string for links."""

    form: DashboardFilterForm
    filters: Filters
    data: Dashboard
    description: str
    query: str


def dashboard_page(
    params: QueryDict,
    *,
    base: int | None = None,
    page_number=1,
    drill_link: Callable[[object], str] | None = None,
) -> DashboardPage:
    """The dashboard for the query string `params`; `base` fixes the
    training base (a base's drill-down); `page_number` None gives every
    session (exports)."""
    bases, courses = filter_choices()
    form = DashboardFilterForm(params, bases=bases, courses=courses)
    form.is_valid()
    filters = form.filters()
    if base is not None:
        filters = replace(filters, base=base)
    base_labels, course_labels = dict(bases), dict(courses)
    data = build(
        filters,
        page_number=page_number,
        base_labels=base_labels,
        course_labels=course_labels,
        drill_link=drill_link,
    )
    return DashboardPage(
        form=form,
        filters=filters,
        data=data,
        description=describe(filters, base_labels, course_labels),
        query=urlencode(filters.as_dict()),
    )


def export_metadata(
    page: DashboardPage, table: Table, *, user: User, now: datetime.datetime
) -> list[tuple[str, str]]:
    """The "About this export" lines written above (CSV) or beside (XLSX)
    an exported table."""
    return [
        (_("Report"), _("Federation dashboard: %(table)s") % {"table": table.title}),
        (_("Filters"), page.description),
        (_("Exported at"), date_format(now, "DATETIME_FORMAT")),
        (
            _("Figures calculated at"),
            date_format(timezone.localtime(page.data.computed_at), "DATETIME_FORMAT"),
        ),
        (_("Exported by"), user.name or user.email),
        (
            _("Data source"),
            _(
                "Training records of all bases in this system, as of the time of export."
            ),
        ),
        (_("Privacy"), str(METHOD)),
        (_("People or places"), str(PEOPLE_OR_PLACES)),
        (_("Method source"), str(METHOD_SOURCE)),
    ]
