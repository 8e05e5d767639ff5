"""Reads for the federation audit trail viewer: every base's change log,
filtered. One query for the page of entries, one for the count."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import TrainingBase
from training.models import AuditEntry, TrainingSession


def audit_entries(
    *,
    base: TrainingBase | None = None,
    session: TrainingSession | None = None,
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    person: str = "",
) -> QuerySet[AuditEntry]:
    """Entries newest first. `person` matches the trainee's or the actor's
    name or email (part of it); only federation admins may pass it."""
    entries = AuditEntry.objects.select_related("actor", "trainee", "base", "session")
    if base is not None:
        entries = entries.filter(base=base)
    if session is not None:
        entries = entries.filter(session=session)
    if action:
        entries = entries.filter(action=action)
    if date_from is not None:
        entries = entries.filter(at__gte=_start_of(date_from))
    if date_to is not None:
        entries = entries.filter(at__lt=_start_of(date_to + datetime.timedelta(1)))
    if person:
        entries = entries.filter(
            Q(trainee__name__icontains=person)
            | Q(trainee__email__icontains=person)
            | Q(actor__name__icontains=person)
            | Q(actor__email__icontains=person)
        )
    return entries.order_by("-at", "-pk")


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight in the site's time zone, so the index on `at` is used."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def bases_for_filter() -> QuerySet[TrainingBase]:
    return TrainingBase.objects.order_by("name")


def sessions_for_filter(
    *, base_id: int | None, session_id: int | None
) -> QuerySet[TrainingSession]:
    """The chosen base's sessions, newest first; with no base chosen, only the
    session asked for (if any), so the list stays short."""
    sessions = TrainingSession.objects.order_by("-starts_on", "name")
    if base_id:
        return sessions.filter(base_id=base_id)
    return sessions.filter(pk=session_id or 0)
