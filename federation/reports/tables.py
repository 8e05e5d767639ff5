"""Tables of figures: rows labelled and suppressed (federation.suppression),
with their headings and the plain values the CSV/XLSX exports write. The
same Table objects feed the page, the charts and the exports, so they can
never disagree."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.reports.charts import Chart, chart
from federation.selectors.dashboard import KEYS, RATES
from federation.suppression import FEWER_THAN, Cell, Rate, suppress_table

# (key, heading); rate keys come from selectors.dashboard.RATES.
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


def table_rows(
    raw: dict,
    labels: dict,
    total: dict,
    *,
    link: Callable[[object], str] | None = None,
    hidden_columns=(),
) -> tuple[list[Row], Row]:
    """One row per key of `raw` (raw figures), sorted by label, suppressed
    against `total`; and the row of the total."""
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


def headline_row(total: dict) -> Row:
    """The total on its own, suppressed."""
    return Row(key=None, label=_("All"), cells=suppress_table([], KEYS, total=total)[1])


def column_chart(slug: str, title: str, rows: list[Row], column: str) -> Chart:
    """A bar chart of one column of a table."""
    return chart(slug, title, [(row.label, row.value(column)) for row in rows])
