"""Reads about barrier reports: the dashboard summary and the lists staff
manage in the Wagtail admin."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import StaffRole, User
from accounts.permissions import base_ids_with_role, is_federation_admin
from core.page_cache import cached_fragment
from federation.models import BarrierReport

Status = BarrierReport.Status
OPEN = (Status.NEW, Status.IN_PROGRESS)
# (key, youngest age in days, oldest age in days or None)
AGE_BANDS = (
    ("under_7_days", 0, 7),
    ("7_to_30_days", 7, 30),
    ("over_30_days", 30, None),
)


def barrier_summary(*, now: datetime.datetime | None = None) -> dict:
    """Counts of barrier reports, computed by the database in one query.

    Returns::

        {
            "total": 12,
            "open": 5,  # new + in progress
            "by_status": {"new": 3, "in_progress": 2, "fixed": 6, "wont_fix": 1},
            "open_by_age": {"under_7_days": 2, "7_to_30_days": 1, "over_30_days": 2},
        }

    Every status and age band is present (0 when none). Age is counted from
    `created_at`: under 7 days, 7 to 30 days, over 30 days.
    """
    now = now or timezone.now()
    aggregates = {
        "total": Count("pk"),
        **{
            f"status_{value}": Count("pk", filter=Q(status=value))
            for value in Status.values
        },
    }
    open_q = Q(status__in=OPEN)
    for key, youngest, oldest in AGE_BANDS:
        band = open_q & Q(created_at__lte=now - datetime.timedelta(days=youngest))
        if oldest is not None:
            band &= Q(created_at__gt=now - datetime.timedelta(days=oldest))
        aggregates[f"age_{key}"] = Count("pk", filter=band)
    row = BarrierReport.objects.aggregate(**aggregates)
    by_status = {value: row[f"status_{value}"] or 0 for value in Status.values}
    return {
        "total": row["total"] or 0,
        "open": sum(by_status[value] for value in OPEN),
        "by_status": by_status,
        "open_by_age": {key: row[f"age_{key}"] or 0 for key, _, _ in AGE_BANDS},
    }


# The dashboard shows the summary on every view: kept in the shared cache
# under a generation token of its own, which every barrier report saved or
# deleted replaces (FederationConfig.ready), and counted as of the end of the
# current minute, so a report's age band is at most a minute early.
SUMMARY_GENERATION_KEY = "federation:barrier-summary:generation"


def kept_barrier_summary() -> dict:
    """barrier_summary() from the shared cache: counted once a minute, and
    again after any change to a barrier report."""
    until = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(
        minutes=1
    )
    return cached_fragment(
        f"barrier-summary:{until.isoformat()}",
        lambda: barrier_summary(now=until),
        2 * 60,
        token=SUMMARY_GENERATION_KEY,
    )


def barrier_reports_for(user: User) -> QuerySet[BarrierReport]:
    """Every report for federation admins; the reports about their own bases
    for instructors and managers; nothing for anyone else."""
    reports = BarrierReport.objects.select_related("base", "reporter")
    if is_federation_admin(user):
        return reports
    bases = base_ids_with_role(user, *StaffRole.BASE_ROLES)
    return reports.filter(base_id__in=bases) if bases else reports.none()
