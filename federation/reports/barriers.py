"""Barrier reports on the dashboard: counts by status and by age, labelled."""

from django.utils.translation import gettext_lazy

from federation.models import BarrierReport
from federation.selectors.barriers import kept_barrier_summary

AGE_LABELS = {
    "under_7_days": gettext_lazy("Under 7 days"),
    "7_to_30_days": gettext_lazy("7 to 30 days"),
    "over_30_days": gettext_lazy("Over 30 days"),
}


def barrier_summary_labelled() -> dict:
    """Counts of reports (not people, so nothing to suppress): one query,
    or none while the kept summary holds (kept_barrier_summary)."""
    summary = kept_barrier_summary()
    return {
        "total": summary["total"],
        "open": summary["open"],
        "by_status": [
            (label, summary["by_status"][value])
            for value, label in BarrierReport.Status.choices
        ],
        "by_age": [
            (AGE_LABELS[key], count) for key, count in summary["open_by_age"].items()
        ],
    }
