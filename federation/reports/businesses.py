"""The dashboard's table of incubated businesses: raw figures from
federation.selectors.businesses, each count published on its own by
federation.suppression (the same rounding and small-cell rule as every
other figure), rates worked out from the published parts."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.reports.tables import Row, Table
from federation.selectors.businesses import KEYS
from federation.suppression import Cell, Rate, cells

BUSINESS_COLUMNS = [
    ("started", gettext_lazy("Businesses started")),
    ("due_12", gettext_lazy("Old enough for the 12-month check")),
    ("operating_12_rate", gettext_lazy("Still operating at 12 months")),
    ("due_24", gettext_lazy("Old enough for the 24-month check")),
    ("operating_24_rate", gettext_lazy("Still operating at 24 months")),
    ("jobs_created", gettext_lazy("Jobs created")),
    ("jobs_for_disabled", gettext_lazy("Of which for disabled people")),
]
BUSINESS_RATES = {
    "operating_12_rate": ("operating_12", "due_12"),
    "operating_24_rate": ("operating_24", "due_24"),
}


@dataclass
class BusinessRow(Row):
    def value(self, column: str) -> Cell | Rate:
        if column in BUSINESS_RATES:
            numerator, denominator = BUSINESS_RATES[column]
            return Rate(self.cells[numerator], self.cells[denominator])
        return self.cells[column]

    def labelled(self) -> list[tuple[str, Cell | Rate]]:
        return [(str(label), self.value(c)) for c, label in BUSINESS_COLUMNS]


@dataclass
class BusinessTable(Table):
    empty_message: str = ""

    @property
    def headings(self) -> list[str]:
        labels = dict(BUSINESS_COLUMNS)
        return [self.group_heading, *(str(labels[c]) for c in self.columns)]


def businesses_table(raw: dict, base_labels: dict, *, ignored: bool) -> BusinessTable:
    """By incubation base, and the total, each count published on its own."""
    by_base = raw["by_base"]
    keys = sorted(by_base, key=lambda key: str(base_labels.get(key, key)))
    rows = [
        BusinessRow(
            key=key,
            label=str(base_labels.get(key, key)),
            cells=cells(by_base[key], KEYS, exact=()),
        )
        for key in keys
    ]
    note = _(
        "Businesses registered in the chosen period at the chosen base, as "
        "recorded by the incubation base. Still operating at 12 (24) months: "
        "of the businesses registered at least 12 (24) months ago, those whose "
        "12-month (24-month) check found them still operating; a check not yet "
        "recorded counts as not operating. Jobs: as last recorded for each "
        "business."
    )
    note += " " + _(
        "The course, skill area, delivery mode, session and disability "
        "category filters do not apply to businesses: these figures ignore them."
    )
    if ignored:
        note += " " + _("Some of the filters chosen above are not applied here.")
    return BusinessTable(
        slug="businesses",
        title=_("Incubated businesses"),
        group_heading=_("Incubation base"),
        columns=[c for c, _l in BUSINESS_COLUMNS],
        rows=rows,
        total=BusinessRow(
            key=None, label=_("All"), cells=cells(raw["total"], KEYS, exact=())
        ),
        note=note,
        empty_message=_("No businesses were registered in this period at this base."),
    )
