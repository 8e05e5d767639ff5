"""The dashboard as tables and charts: raw figures from selectors.dashboard,
labelled, suppressed (federation.suppression) and ready to render or export.
The same Table objects feed the page, the charts and the CSV/XLSX exports,
so they can never disagree."""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.models import TrainingBase
from courses.models import CoursePage, DeliveryMode, SkillArea
from federation.selectors import dashboard as figures
from federation.selectors.dashboard import CATEGORY_CHOICES, KEYS, RATES, Filters
from federation.suppression import FEWER_THAN, Cell, Rate, cell, suppress_table
from training.models import TrainingSession

SESSIONS_PER_PAGE = 25

# (key, heading); rate keys come from figures.RATES.
COLUMNS = [
    ("sessions", gettext_lazy("Sessions held")),
    ("trainees", gettext_lazy("Trainees")),
    ("enrolments", gettext_lazy("Enrolments")),
    ("completions", gettext_lazy("Completions")),
    ("completion_rate", gettext_lazy("Completion rate")),
    ("certification_rate", gettext_lazy("Certification rate")),
    ("employment_3", gettext_lazy("In work at 3 months")),
    ("employment_6", gettext_lazy("In work at 6 months")),
    ("employment_12", gettext_lazy("In work at 12 months")),
    ("businesses", gettext_lazy("New businesses")),
]
RATE_PARTS = {name: (numerator, denominator) for name, numerator, denominator in RATES}


@dataclass
class Row:
    key: object
    label: str
    cells: dict[str, Cell]
    link: str = ""
    extra: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)

    def value(self, column: str) -> Cell | Rate:
        if column in RATE_PARTS:
            numerator, denominator = RATE_PARTS[column]
            return Rate(self.cells[numerator], self.cells[denominator])
        return self.cells[column]

    def values(self, columns: list[str] | None = None) -> list[Cell | Rate]:
        return [self.value(column) for column in columns or self.columns]

    def labelled(self) -> list[tuple[str, Cell | Rate]]:
        return [(str(label), self.value(column)) for column, label in COLUMNS]


@dataclass
class Bar:
    text: str
    percent: float | None  # bar length, 0–100; None when suppressed


@dataclass
class Chart:
    slug: str
    title: str
    summary: str
    bars: list[Bar]

    @property
    def height_em(self) -> float:
        return round(len(self.bars) * 3.2 + 0.4, 1)

    def rows(self) -> list[dict]:
        """Where each label and bar goes, in em from the top."""
        return [
            {
                "bar": bar,
                "text_y": round(index * 3.2 + 1.1, 1),
                "bar_y": round(index * 3.2 + 1.5, 1),
            }
            for index, bar in enumerate(self.bars)
        ]


@dataclass
class Table:
    slug: str
    title: str
    group_heading: str
    columns: list[str]
    rows: list[Row]
    total: Row | None = None
    extra_headings: list[str] = field(default_factory=list)
    chart: Chart | None = None
    note: str = ""

    def __post_init__(self) -> None:
        for row in [*self.rows, *([self.total] if self.total else [])]:
            row.columns = self.columns

    @property
    def headings(self) -> list[str]:
        labels = dict(COLUMNS)
        return [
            self.group_heading,
            *self.extra_headings,
            *(str(labels[c]) for c in self.columns),
        ]

    def export_rows(self) -> list[list]:
        """Plain values for CSV/XLSX: numbers where shown, the words
        "fewer than 5" where suppressed."""
        out = []
        for row in [*self.rows, *([self.total] if self.total else [])]:
            out.append(
                [row.label, *row.extra, *(_plain(v) for v in row.values(self.columns))]
            )
        return out


def _plain(value: Cell | Rate):
    if isinstance(value, Cell):
        return str(FEWER_THAN) if value.suppressed else value.raw
    if value.suppressed:
        return str(FEWER_THAN)
    return "" if value.percent is None else str(value)


# Labels --------------------------------------------------------------------------


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


# Building tables -----------------------------------------------------------------


def _rows(
    raw: dict,
    labels: dict,
    total: dict,
    *,
    link=None,
    hidden_columns=(),
) -> tuple[list[Row], Row]:
    keys = sorted(raw, key=lambda key: str(labels.get(key, key)))
    cells, total_cells = suppress_table(
        [raw[key] for key in keys], KEYS, total=total, hidden_columns=hidden_columns
    )
    rows = [
        Row(
            key=key,
            label=str(labels.get(key, key)),
            cells=row_cells,
            link=link(key) if link else "",
        )
        for key, row_cells in zip(keys, cells, strict=True)
    ]
    return rows, Row(key=None, label=_("All"), cells=total_cells)


def _bars(items: list[tuple[str, Cell | Rate]]) -> list[Bar]:
    counts = [v.raw for _l, v in items if isinstance(v, Cell) and not v.suppressed]
    top = max(counts, default=0) or 1
    bars = []
    for label, value in items:
        if value.suppressed:
            percent = None
        elif isinstance(value, Rate):
            percent = value.percent  # None when there is nothing to divide by
        else:
            percent = round(100 * value.raw / top, 1)
        bars.append(
            Bar(
                text=_("%(value)s · %(label)s") % {"value": value, "label": label},
                percent=percent,
            )
        )
    return bars


def _size(value: Cell | Rate):
    if value.suppressed:
        return None
    return value.percent if isinstance(value, Rate) else value.raw


def chart(slug: str, title: str, items: list[tuple[str, Cell | Rate]]) -> Chart:
    """A bar chart of labelled figures, with a summary in words."""
    visible = [(label, v) for label, v in items if _size(v) is not None]
    hidden = len(items) - len(visible)
    rates = any(isinstance(v, Rate) for _l, v in items)
    parts = [
        _("Bars show each percentage out of 100%.")
        if rates
        else _("Bars are drawn to scale against the largest figure.")
    ]
    if visible:
        high = max(visible, key=lambda item: _size(item[1]))
        low = min(visible, key=lambda item: _size(item[1]))
        parts.append(
            _("Highest: %(label)s, %(value)s. Lowest: %(low_label)s, %(low_value)s.")
            % {
                "label": high[0],
                "value": high[1],
                "low_label": low[0],
                "low_value": low[1],
            }
        )
    if hidden:
        parts.append(
            _("%(count)s not drawn: fewer than 5 people or no data.")
            % {"count": hidden}
        )
    parts.append(_("The table gives every figure."))
    return Chart(slug=slug, title=title, summary=" ".join(parts), bars=_bars(items))


def _chart(slug: str, title: str, rows: list[Row], column: str) -> Chart:
    return chart(slug, title, [(row.label, row.value(column)) for row in rows])


@dataclass
class Dashboard:
    filters: Filters
    headline: Row
    tables: list[Table]
    sessions: Table
    sessions_page: object  # a Paginator page of Rows
    computed_at: datetime.datetime | None = None
    employment_chart: Chart | None = None


def _headline(total: dict) -> Row:
    return Row(key=None, label=_("All"), cells=suppress_table([], KEYS, total=total)[1])


def build(
    filters: Filters,
    *,
    page_number=1,
    today: datetime.date | None = None,
    course_labels: dict | None = None,
    base_labels: dict | None = None,
    drill_link=None,
) -> Dashboard:
    """Every table of the dashboard for `filters`. A fixed number of queries
    (about 20) whatever the data size."""
    computed = figures.compute_cached(filters, today=today)
    total = computed.total
    headline = _headline(total)
    base_labels = base_labels if base_labels is not None else dict(base_choices())
    course_labels = (
        course_labels if course_labels is not None else dict(course_choices())
    )

    base_rows, base_total = _rows(
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
    tables[0].chart = _chart(
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
        rows, table_total = _rows(computed.groups[group], labels, total)
        table = Table(
            slug=slug,
            title=title,
            group_heading=heading,
            columns=[c for c, _l in COLUMNS],
            rows=rows,
            total=table_total,
        )
        if chart_spec:
            table.chart = _chart(slug, chart_spec[1], rows, chart_spec[0])
        tables.append(table)

    tables.append(category_table(filters, total, raw=computed.categories))

    sessions, sessions_page = sessions_table(
        computed,
        base_rows=base_rows,
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
    return Dashboard(
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
    base_rows: list[Row],
    base_labels: dict,
    course_labels: dict,
    page_number=None,
) -> tuple[Table, object]:
    """Sessions held, newest first, with their figures: one page of them
    (`page_number`), or all of them (None, for exports). Suppression is
    worked out within each base against the base's row, and a figure hidden
    in the base's row is hidden for all of its sessions, so adding up a
    base's sessions never reveals what the base table hides. Only the bases
    with a session on the page are worked out."""
    raw = computed.groups["session"]
    info = computed.sessions
    order = sorted(raw, key=lambda pk: (info[pk]["starts_on"], pk), reverse=True)
    page = None
    wanted = order
    if page_number is not None:
        page = Paginator(order, SESSIONS_PER_PAGE).get_page(page_number)
        wanted = list(page.object_list)
    needed = {info[pk]["base_id"] for pk in wanted}
    by_base: dict[int, list[int]] = {}
    for pk in raw:
        if info[pk]["base_id"] in needed:
            by_base.setdefault(info[pk]["base_id"], []).append(pk)
    base_cells = {row.key: row.cells for row in base_rows}
    cells_by_session: dict[int, dict] = {}
    for base_id, pks in by_base.items():
        parent = base_cells.get(base_id, {})
        hidden = [key for key, c in parent.items() if c.suppressed]
        base_raw = {key: c.raw for key, c in parent.items()}
        cells, _total = suppress_table(
            [raw[pk] for pk in pks], KEYS, total=base_raw, hidden_columns=hidden
        )
        cells_by_session.update(zip(pks, cells, strict=True))
    session_url = reverse("federation:session", args=[0])  # once, not per row
    rows = [
        Row(
            key=pk,
            label=info[pk]["name"],
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


def category_table(
    filters: Filters,
    total: dict,
    *,
    today: datetime.date | None = None,
    raw: dict | None = None,
) -> Table:
    """By disability category. Categories overlap, so the rows are suppressed
    against the total as if they did not (the cautious choice)."""
    if raw is None:
        raw = figures.by_category(filters, today=today)
    cells, total_cells = suppress_table(
        [raw[key] for key, _label in CATEGORY_CHOICES], KEYS, total=total
    )
    rows = [
        Row(key=key, label=str(label), cells=row_cells)
        for (key, label), row_cells in zip(CATEGORY_CHOICES, cells, strict=True)
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
    table.chart = _chart(
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


@dataclass
class SessionFigures:
    headline: Row
    statuses: list[tuple[str, Cell]]
    outcomes: list[dict]
    outcome_headings: list[str]
    categories: Table


def _suppressed_counts(counts: list[int], total: int) -> list[Cell]:
    cells, _total = suppress_table(
        [{"count": n} for n in counts],
        ["count"],
        population="count",
        total={"count": total},
    )
    return [row["count"] for row in cells]


def session_figures(
    session: TrainingSession,
    filters: Filters,
    total: dict,
    *,
    today: datetime.date | None = None,
) -> SessionFigures:
    """One session: headline, every enrolment status, outcomes at each
    follow-up, and disability categories; all suppressed. Five queries."""
    from training.models import Enrolment, Outcome

    statuses = figures.enrolment_statuses(filters)
    status_cells = _suppressed_counts(
        [statuses.get(value, 0) for value, _l in Enrolment.Status.choices],
        sum(statuses.values()),
    )
    outcome_counts = figures.outcome_statuses(filters)
    outcomes = []
    for n in figures.FOLLOW_UPS:
        due = total.get(f"due_{n}", 0)
        counts = [
            outcome_counts.get((n, value), 0) for value, _l in Outcome.Status.choices
        ]
        counts.append(max(due - sum(counts), 0))
        outcomes.append(
            {
                "label": str(dict(Outcome.FollowUp.choices)[n]),
                "due": cell(due),
                "cells": _suppressed_counts(counts, due),
            }
        )
    return SessionFigures(
        headline=_headline(total),
        statuses=[
            (str(label), c)
            for (_value, label), c in zip(
                Enrolment.Status.choices, status_cells, strict=True
            )
        ],
        outcomes=outcomes,
        outcome_headings=[
            *(str(label) for _value, label in Outcome.Status.choices),
            _("No outcome recorded"),
        ],
        categories=category_table(filters, total, today=today),
    )
