"""Small-cell suppression: no figure that federation reports show or export
may let anyone single out fewer than five people.

The rules, in the order they are applied to a table:

1. Primary: a count from 1 to 4 is shown as "fewer than 5". When a row's
   population (its enrolments) is 1 to 4, every count in the row is hidden.
2. Complementary: where a table has a total, a column with hidden cells must
   not let the total minus the shown cells give them away. So while a column
   has exactly one hidden cell, or hidden cells that add up to fewer than 5,
   the smallest shown non-zero cell is hidden too; if there is none left, the
   total is hidden.
3. Rates are shown only when both their numerator and denominator are.

Zero is shown: it describes nobody.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
FEWER_THAN = _("fewer than 5")


@dataclass(slots=True)
class Cell:
    """A count as shown: `value` is None when it is suppressed."""

    raw: int
    suppressed: bool = False

    @property
    def value(self) -> int | None:
        return None if self.suppressed else self.raw

    def __str__(self) -> str:
        return str(FEWER_THAN) if self.suppressed else str(self.raw)


def cell(raw: int | None) -> Cell:
    """One count on its own (no table around it): primary suppression only."""
    raw = raw or 0
    return Cell(raw, suppressed=0 < raw < THRESHOLD)


def _small(value: int) -> bool:
    return 0 < value < THRESHOLD


def suppress_table(
    rows: Sequence[dict[str, int]],
    keys: Iterable[str],
    *,
    population: str = "enrolments",
    total: dict[str, int] | None = None,
    hidden_columns: Iterable[str] = (),
    exempt: Iterable[str] = ("sessions",),
) -> tuple[list[dict[str, Cell]], dict[str, Cell] | None]:
    """Turn rows of raw counts into rows of Cells, with primary and
    complementary suppression. `total` is the table's total row as shown (the
    headline figures), or None when the table has no total. Columns in
    `hidden_columns` are suppressed in every row (used when a parent table
    hid the figure these rows add up to). Columns in `exempt` count things,
    not people (sessions), and are never suppressed."""
    exempt = set(exempt)
    keys = list(keys)
    hidden_columns = set(hidden_columns)
    out: list[dict[str, Cell]] = []
    for row in rows:
        whole_row = _small(row.get(population, 0))
        out.append(
            {
                key: Cell(
                    row.get(key, 0),
                    suppressed=key not in exempt
                    and (whole_row or key in hidden_columns or _small(row.get(key, 0))),
                )
                for key in keys
            }
        )
    total_cells = None
    if total is not None:
        total_cells = {
            key: Cell(total.get(key, 0)) if key in exempt else cell(total.get(key, 0))
            for key in keys
        }
    for key in keys:
        if key not in exempt:
            _complement(out, key, total_cells)
    return out, total_cells


def _complement(rows: list[dict[str, Cell]], key: str, total) -> None:
    if total is None or total[key].suppressed:
        return
    while True:
        hidden = [row[key] for row in rows if row[key].suppressed]
        if not hidden:
            return
        if len(hidden) >= 2 and sum(c.raw for c in hidden) >= THRESHOLD:
            return
        shown = [row[key] for row in rows if not row[key].suppressed and row[key].raw]
        if not shown:
            if sum(c.raw for c in hidden):
                total[key].suppressed = True
            return
        min(shown, key=lambda c: c.raw).suppressed = True


@dataclass
class Rate:
    """numerator of denominator, with the percentage, or suppressed."""

    numerator: Cell
    denominator: Cell

    @property
    def suppressed(self) -> bool:
        return self.numerator.suppressed or self.denominator.suppressed

    @property
    def percent(self) -> int | None:
        if self.suppressed or not self.denominator.raw:
            return None
        return round(100 * self.numerator.raw / self.denominator.raw)

    def __str__(self) -> str:
        if self.suppressed:
            return str(FEWER_THAN)
        if self.percent is None:
            return "–"
        return _("%(percent)s%% (%(numerator)s of %(denominator)s)") % {
            "percent": self.percent,
            "numerator": self.numerator.raw,
            "denominator": self.denominator.raw,
        }
