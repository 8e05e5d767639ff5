"""Tables of figures: rows labelled and published (federation.suppression),
with their headings and the plain values the CSV/XLSX exports write. The
same Table objects feed the page, the charts and the exports, so they can
never disagree."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.reports.charts import Chart, chart
from federation.selectors.counting import KEYS, RATES
from federation.suppression import FEWER_THAN, NO_RATE, Cell, Rate, cells

# (key, heading); rate keys come from selectors.counting.RATES.
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
        """Plain values for CSV/XLSX, the same as the page: published
        numbers, the words "fewer than 5", rates as "N% (x of y)" or "–"."""
        out = []
        for row in [*self.rows, *([self.total] if self.total else [])]:
            out.append(
                [row.label, *row.extra, *(_plain(v) for v in row.values(self.columns))]
            )
        return out


def _plain(value: Cell | Rate):
    if isinstance(value, Cell):
        return str(FEWER_THAN) if value.suppressed else value.value
    return NO_RATE if value.percent is None else str(value)


def table_rows(
    raw: dict,
    labels: dict,
    total: dict,
    *,
    link: Callable[[object], str] | None = None,
) -> tuple[list[Row], Row]:
    """One row per key of `raw` (raw figures), sorted by label, each cell
    published on its own; and the row of the total, published on its own."""
    keys = sorted(raw, key=lambda key: str(labels.get(key, key)))
    rows = [
        Row(
            key=key,
            label=str(labels.get(key, key)),
            cells=cells(raw[key], KEYS),
            link=link(key) if link else "",
        )
        for key in keys
    ]
    return rows, headline_row(total)


def headline_row(total: dict) -> Row:
    """The total on its own, published."""
    return Row(key=None, label=_("All"), cells=cells(total, KEYS))


def column_chart(slug: str, title: str, rows: list[Row], column: str) -> Chart:
    """A bar chart of one column of a table."""
    return chart(slug, title, [(row.label, row.value(column)) for row in rows])
