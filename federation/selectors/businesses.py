"""Incubated businesses for the federation dashboard: raw counts per base
from careers (one grouped query), within the dashboard's period and base
filters. The course, skill area, delivery mode, session and disability
category filters choose sessions or people and do not apply to businesses
(the page says so)."""

import datetime

from careers.selectors.businesses import FIGURE_KEYS, figures_by_base

KEYS = FIGURE_KEYS


def business_figures(filters, today: datetime.date) -> dict:
    """{"by_base": {base id: raw counts}, "total": raw counts} for
    businesses registered in the filters' period, at the filters' base."""
    by_base = figures_by_base(
        today=today,
        date_from=filters.date_from,
        date_to=filters.date_to,
        base_id=filters.base,
    )
    total = {key: sum(row[key] for row in by_base.values()) for key in KEYS}
    return {"by_base": by_base, "total": total}


def ignored_filters(filters) -> bool:
    """True when a filter that does not apply to businesses is in use."""
    return bool(
        filters.course
        or filters.skill_area
        or filters.delivery_mode
        or filters.category
        or filters.session
    )
