"""The dashboard's tables and charts: raw figures from selectors.dashboard,
labelled and published (federation.suppression), ready to render or export."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils.translation import gettext as _

from core.language import record_text
from courses.models import DeliveryMode, SkillArea
from federation.reports.businesses import businesses_table
from federation.reports.charts import Chart, chart
from federation.reports.tables import (
    COLUMNS,
    Row,
    Table,
    column_chart,
    headline_row,
    table_rows,
)
from federation.selectors import businesses as business_selectors
from federation.selectors import dashboard as figures
from federation.selectors.counting import CATEGORY_CHOICES, KEYS, Filters
from federation.selectors.filter_choices import base_choices, course_choices
from federation.suppression import cells

SESSIONS_PER_PAGE = 25


@dataclass
class Dashboard:
    filters: Filters
    headline: Row
    tables: list[Table]
    sessions: Table
    sessions_page: Page | None  # a Paginator page of Rows
    computed_at: datetime.datetime | None = None
    employment_chart: Chart | None = None
    businesses: Table | None = None


def build(
    filters: Filters,
    *,
    page_number=1,
    today: datetime.date | None = None,
    course_labels: dict | None = None,
    base_labels: dict | None = None,
    drill_link: Callable[[object], str] | None = None,
) -> Dashboard:
    """Every table of the dashboard for `filters`. A fixed number of queries
    (about 20) whatever the data size."""
    computed = figures.compute_cached(filters, today=today)
    total = computed.total
    headline = headline_row(total)
    base_labels = base_labels if base_labels is not None else dict(base_choices())
    course_labels = (
        course_labels if course_labels is not None else dict(course_choices())
    )

    base_rows, base_total = table_rows(
        computed.groups["base"],
        base_labels,
        total,
        link=drill_link,
    )
    tables = [
        Table(
            slug="bases",
            title=_("By training base"),
            group_heading=_("Training base"),
            columns=[c for c, _l in COLUMNS],
            rows=base_rows,
            total=base_total,
        )
    ]
    tables[0].chart = column_chart(
        "bases", _("Completion rate by training base"), base_rows, "completion_rate"
    )
    for slug, title, heading, group, labels, chart_spec in (
        ("courses", _("By course"), _("Course"), "course", course_labels, None),
        (
            "skill-areas",
            _("By skill area"),
            _("Skill area"),
            "skill_area",
            dict(SkillArea.choices),
            ("employment_6", _("In work at 6 months by skill area")),
        ),
        (
            "delivery-modes",
            _("By delivery mode"),
            _("Delivery mode"),
            "delivery_mode",
            dict(DeliveryMode.choices),
            ("completion_rate", _("Completion rate by delivery mode")),
        ),
    ):
        rows, table_total = table_rows(computed.groups[group], labels, total)
        table = Table(
            slug=slug,
            title=title,
            group_heading=heading,
            columns=[c for c, _l in COLUMNS],
            rows=rows,
            total=table_total,
        )
        if chart_spec:
            table.chart = column_chart(slug, chart_spec[1], rows, chart_spec[0])
        tables.append(table)

    tables.append(category_table(total, computed.categories))

    sessions, sessions_page = sessions_table(
        computed,
        base_labels=base_labels,
        course_labels=course_labels,
        page_number=page_number,
    )
    employment_chart = chart(
        "employment",
        _("In work at 3, 6 and 12 months after training"),
        [
            (str(label), headline.value(f"employment_{n}"))
            for n, label in zip(
                figures.FOLLOW_UPS,
                (_("3 months"), _("6 months"), _("12 months")),
                strict=True,
            )
        ],
    )
    businesses = (
        businesses_table(
            computed.businesses,
            base_labels,
            ignored=business_selectors.ignored_filters(filters),
        )
        if computed.businesses is not None
        else None
    )
    return Dashboard(
        businesses=businesses,
        computed_at=computed.computed_at,
        employment_chart=employment_chart,
        filters=filters,
        headline=headline,
        tables=tables,
        sessions=sessions,
        sessions_page=sessions_page,
    )


def sessions_table(
    computed: figures.FigureSet,
    *,
    base_labels: dict,
    course_labels: dict,
    page_number=None,
) -> tuple[Table, Page | None]:
    """Sessions held, newest first, with their figures: one page of them
    (`page_number`), or all of them (None, for exports). Each figure is
    published on its own, like every other figure."""
    raw = computed.groups["session"]
    info = computed.sessions
    order = sorted(raw, key=lambda pk: (info[pk]["starts_on"], pk), reverse=True)
    page = None
    wanted = order
    if page_number is not None:
        page = Paginator(order, SESSIONS_PER_PAGE).get_page(page_number)
        wanted = list(page.object_list)
    cells_by_session = {pk: cells(raw[pk], KEYS) for pk in wanted}
    session_url = reverse("federation:session", args=[0])  # once, not per row
    rows = [
        Row(
            key=pk,
            label=record_text(info[pk]["name"], info[pk].get("name_en", "")),
            cells=cells_by_session[pk],
            link=session_url.replace("/0/", f"/{pk}/"),
            extra=[
                str(base_labels.get(info[pk]["base_id"], "")),
                str(course_labels.get(info[pk]["course_id"], "")),
                # Dates stay dates: the page formats them, spreadsheets get
                # real dates.
                info[pk]["starts_on"],
                info[pk]["ends_on"],
            ],
        )
        for pk in wanted
    ]
    if page is not None:
        page.object_list = rows
    table = Table(
        slug="sessions",
        title=_("Sessions"),
        group_heading=_("Session"),
        extra_headings=[_("Training base"), _("Course"), _("Starts"), _("Ends")],
        columns=[c for c, _l in COLUMNS if c != "sessions"],
        rows=rows,
    )
    return table, page


def category_table(total: dict, raw: dict) -> Table:
    """By disability category, from figures.by_category (`raw`), each
    figure published on its own."""
    total_cells = cells(total, KEYS)
    cell_rows = [cells(raw[key], KEYS) for key, _label in CATEGORY_CHOICES]
    rows = [
        Row(key=key, label=str(label), cells=row_cells)
        for (key, label), row_cells in zip(CATEGORY_CHOICES, cell_rows, strict=True)
    ]
    table = Table(
        slug="disability-categories",
        title=_("By disability category"),
        group_heading=_("Disability category"),
        columns=[c for c, _l in COLUMNS if c != "sessions"],
        rows=rows,
        total=Row(key=None, label=_("All"), cells=total_cells),
        note=_(
            "A person may be in more than one category, so the rows can add up "
            "to more than the total."
        ),
    )
    table.chart = column_chart(
        "disability-categories",
        _("Enrolments by disability category"),
        rows,
        "enrolments",
    )
    return table


def headline_table(data: Dashboard) -> Table:
    return Table(
        slug="headline",
        title=_("Headline figures"),
        group_heading=_("Scope"),
        columns=[c for c, _l in COLUMNS],
        rows=[data.headline],
    )


def export_table(data: Dashboard, slug: str) -> Table | None:
    """The table an export link names, or None if there is no such table."""
    chosen = headline_table(data) if slug == "headline" else None
    for candidate in [*data.tables, data.sessions, data.businesses]:
        if candidate is not None and candidate.slug == slug:
            chosen = candidate
    return chosen
