"""Reads about incubated businesses: the ones a member of staff may see,
their checks that are due, people to add as founders, and the counts the
federation dashboard publishes (raw here; federation.suppression rounds)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum

from accounts.models import TrainingBase, User
from careers.models import BusinessCheck, IncubatedBusiness
from core.dates import add_months
from training.models import AuditEntry

CHECK_MONTHS = [choice.value for choice in BusinessCheck.Months]


def incubation_bases(base_ids: set[int] | None) -> QuerySet[TrainingBase]:
    """Incubation bases among `base_ids` (None: all of them)."""
    bases = TrainingBase.objects.filter(incubation=True)
    if base_ids is not None:
        bases = bases.filter(pk__in=base_ids)
    return bases.order_by("name")


def businesses_at(base_ids: set[int] | None) -> QuerySet[IncubatedBusiness]:
    """Businesses at the incubation bases `base_ids` (None: every base), with
    their base, founders and checks in three queries."""
    businesses = IncubatedBusiness.objects.select_related("base").prefetch_related(
        Prefetch("founders", queryset=User.objects.order_by("name", "email")),
        Prefetch("checks", queryset=BusinessCheck.objects.order_by("months")),
    )
    if base_ids is not None:
        businesses = businesses.filter(base_id__in=base_ids)
    return businesses.order_by("-registered_on", "name", "pk")


def business_get(base_ids: set[int] | None, pk: int) -> IncubatedBusiness | None:
    return businesses_at(base_ids).filter(pk=pk).first()


@dataclass(frozen=True)
class DueCheck:
    business: IncubatedBusiness
    months: int
    due_on: datetime.date
    overdue: bool


def due_checks(
    businesses, today: datetime.date, *, overdue_after_days: int = 30
) -> list[DueCheck]:
    """Checks whose date has come (6, 12, 24 months after registration) and
    that are not recorded yet, for businesses not closed before the check was
    due; a check more than `overdue_after_days` late is overdue. Reads the
    prefetched checks: no query per business."""
    due = []
    for business in businesses:
        recorded = {check.months for check in business.checks.all()}
        for months in CHECK_MONTHS:
            due_on = add_months(business.registered_on, months)
            if months in recorded or due_on > today:
                continue
            if business.closed_on and business.closed_on < due_on:
                continue
            overdue = (today - due_on).days > overdue_after_days
            due.append(DueCheck(business, months, due_on, overdue))
    return sorted(due, key=lambda d: (d.due_on, d.business.pk))


def checks_to_record(business: IncubatedBusiness) -> list[int]:
    """Check months not yet recorded for `business`."""
    recorded = {check.months for check in business.checks.all()}
    return [months for months in CHECK_MONTHS if months not in recorded]


def person_find(query: str) -> User | None:
    """One active person by their exact email address or exact phone number:
    no listing, no partial match."""
    query = (query or "").strip()
    if not query:
        return None
    condition = Q(email__iexact=query) if "@" in query else Q(phone=query)
    found = list(User.objects.filter(condition, is_active=True)[:2])
    return found[0] if len(found) == 1 else None


def business_history(business: IncubatedBusiness, limit: int = 50) -> list:
    """Changes to `business` and its checks, newest first."""
    return list(
        AuditEntry.objects.filter(
            object_type="incubatedbusiness", object_id=business.pk
        )
        .select_related("actor")
        .order_by("-at", "-pk")[:limit]
    )


def businesses_of(person: User) -> QuerySet[IncubatedBusiness]:
    """The businesses `person` is behind, for their personal data."""
    return (
        IncubatedBusiness.objects.filter(founders=person)
        .select_related("base")
        .prefetch_related("checks")
        .order_by("registered_on", "pk")
    )


# Federation figures ---------------------------------------------------------------

FIGURE_KEYS = [
    "started",
    "due_12",
    "operating_12",
    "due_24",
    "operating_24",
    "jobs_created",
    "jobs_for_disabled",
]


def figures_by_base(
    *,
    today: datetime.date,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    base_id: int | None = None,
) -> dict[int, dict[str, int]]:
    """Raw counts per base, in one grouped query, of businesses registered
    from `date_from` to `date_to`: started; old enough for the 12- and
    24-month check (registered at least that long before `today`), and of
    those, the ones whose check found them still operating; jobs created and
    of which for disabled people (as last recorded on each business)."""
    businesses = IncubatedBusiness.objects.all()
    if date_from:
        businesses = businesses.filter(registered_on__gte=date_from)
    if date_to:
        businesses = businesses.filter(registered_on__lte=date_to)
    if base_id:
        businesses = businesses.filter(base_id=base_id)
    measures = {"started": Count("pk")}
    aliases = {}
    for months in (12, 24):
        old_enough = Q(registered_on__lte=add_months(today, -months))
        aliases[f"ok_{months}"] = Exists(
            BusinessCheck.objects.filter(
                business=OuterRef("pk"), months=months, operating=True
            )
        )
        measures[f"due_{months}"] = Count("pk", filter=old_enough)
        measures[f"operating_{months}"] = Count(
            "pk", filter=old_enough & Q(**{f"ok_{months}": True})
        )
    measures["jobs_created"] = Sum("jobs_created")
    measures["jobs_for_disabled"] = Sum("jobs_for_disabled")
    rows = businesses.alias(**aliases).values("base_id").order_by().annotate(**measures)
    return {
        row.pop("base_id"): {key: row[key] or 0 for key in FIGURE_KEYS} for row in rows
    }
