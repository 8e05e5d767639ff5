"""Reads for setting up sessions."""

from django.db.models import Prefetch, QuerySet

from accounts.models import TrainingBase, User
from training.models import Meeting, TrainingSession
from training.permissions import session_manager_base_ids


def bases_managed(user: User) -> QuerySet[TrainingBase]:
    """Bases where the person may create sessions."""
    ids = session_manager_base_ids(user)
    bases = TrainingBase.objects.order_by("name")
    return bases if ids is None else bases.filter(pk__in=ids)


def session_for_setup(pk: int) -> TrainingSession | None:
    """A session with what its form shows: base, course, instructors, meetings."""
    return (
        TrainingSession.objects.select_related("base", "course")
        .prefetch_related(
            "instructors",
            Prefetch("meetings", queryset=Meeting.objects.order_by("day", "starts_at")),
        )
        .filter(pk=pk)
        .first()
    )
