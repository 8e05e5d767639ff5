"""Disclosure control: the one place that decides how every count of people
or places leaves the database for a page, a chart or a file.

The method is rounding to base 5 with small-cell suppression, as in the UK
Higher Education Statistics Agency's rounding methodology (HESA, "Rounding
and suppression to anonymise statistics") and UK ONS / NHS Digital guidance
on publishing tables from small populations:

1. 0 is shown as 0: it describes nobody.
2. A count from 1 to 4 is shown as "fewer than 5".
3. Every other count is rounded to the nearest multiple of 5 (half up:
   5–7 → 5, 8–12 → 10, 13–17 → 15) and marked "rounded".
4. Totals are rounded on their own, like any other count, so the rows of a
   table need not add up to its total.
5. Sessions are not people: their count is exact.
6. A rate is worked out from the published (rounded) numerator and
   denominator, never from the raw counts (a percentage of raw counts would
   let the raw counts be worked out again), and shown as "N% (x of y)" with
   the published x and y. No rate is shown (NO_RATE) when either part is
   "fewer than 5" or the denominator is 0.

Why this survives comparing tables: every published count is 0, a multiple
of 5 or "fewer than 5", so no sum or difference of published figures, from
whatever pages, filters or files, can equal a count of 1 to 4. Nothing is
hidden only to protect another cell, so every label is true of its own cell.
The rule depends on the count alone, so the same query always publishes
the same figures.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

BASE = 5
THRESHOLD = 5
FEWER_THAN = _("fewer than 5")
ROUNDED = _("rounded")
NO_RATE = "–"
METHOD = _(
    "Counts of people and places are rounded to the nearest 5; counts of 1 to "
    "4 are shown as “fewer than 5”; 0 is shown as 0. Totals are rounded on "
    "their own, so rows may not add up to them. Rates are worked out from the "
    "rounded figures shown. “–”: no rate (nothing to divide by, or a part is "
    "fewer than 5). Sessions are counted exactly."
)

METHOD_SOURCE = _(
    "Rounding to base 5 with small-cell suppression, as in the UK Higher "
    "Education Statistics Agency (HESA) rounding methodology and UK ONS / NHS "
    "Digital guidance on publishing small counts."
)
PEOPLE_OR_PLACES = _(
    "Places (one per person per session): enrolments, completions, "
    "certificates and the rates made of them. People (each person once): "
    "trainees; in work at 3, 6 and 12 months and new businesses count each "
    "person once per course, by their latest outcome at that follow-up, among "
    "those who completed and whose follow-up is due (new businesses: the same "
    "people as in work at 3 months). Staff places are never counted."
)


def publish(raw: int | None) -> int | None:
    """The published value of a count of people or places: 0, a multiple of
    5, or None for "fewer than 5"."""
    raw = raw or 0
    if raw == 0:
        return 0
    if raw < THRESHOLD:
        return None
    return (raw + BASE // 2) // BASE * BASE


@dataclass(slots=True)
class Cell:
    """A count as published. `raw` stays inside the server (never shown);
    `exact` counts are not people (sessions) and are shown as they are."""

    raw: int
    exact: bool = False

    @property
    def value(self) -> int | None:
        """The published number, None for "fewer than 5"."""
        return self.raw if self.exact else publish(self.raw)

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def rounded(self) -> bool:
        return not self.exact and bool(self.value)

    def __str__(self) -> str:
        value = self.value
        return str(FEWER_THAN) if value is None else str(value)


def cell(raw: int | None, *, exact: bool = False) -> Cell:
    """One count, published."""
    return Cell(raw or 0, exact=exact)


def cells(row: dict[str, int], keys, *, exact=("sessions",)) -> dict[str, Cell]:
    """A row of raw counts as published cells; keys in `exact` count
    things, not people (sessions)."""
    return {key: cell(row.get(key, 0), exact=key in exact) for key in keys}


@dataclass
class Rate:
    """numerator of denominator, from their published values."""

    numerator: Cell
    denominator: Cell

    @property
    def percent(self) -> int | None:
        """Half up, from the published numbers; None when there is no rate."""
        top, bottom = self.numerator.value, self.denominator.value
        if top is None or not bottom:
            return None
        return (200 * top + bottom) // (2 * bottom)

    @property
    def suppressed(self) -> bool:
        """No rate is shown (either part fewer than 5, or nothing to
        divide by)."""
        return self.percent is None

    def __str__(self) -> str:
        if self.percent is None:
            return NO_RATE
        return _("%(percent)s%% (%(numerator)s of %(denominator)s)") % {
            "percent": self.percent,
            "numerator": self.numerator.value,
            "denominator": self.denominator.value,
        }
