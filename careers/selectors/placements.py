"""Placements the job platform reported, as the trainee's training base sees
them: which session each would be recorded against (the trainee's most recent
completed one) and at which follow-up.

A placement belongs to the base of the trainee's most recent completed
enrolment (latest session end): that base follows the trainee up, so it
confirms the job as an outcome."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from accounts.models import User
from careers.models import ApiClient, Placement
from careers.permissions import placement_base_ids
from training.models import Enrolment, Outcome, TrainingSession
from training.selectors.followups import FOLLOW_UPS, follow_up_due_on

DECIDED_SHOWN = 20


def fitting_follow_up(
    session: TrainingSession, start_date: datetime.date
) -> int | None:
    """The first follow-up at which the trainee was already in the job: the
    earliest one due on or after the start date. None when the job started
    after the last follow-up."""
    for months in FOLLOW_UPS:
        if start_date <= follow_up_due_on(session, months):
            return months
    return None


def latest_completed_enrolment(user_id: int) -> Enrolment | None:
    return (
        _completed(user_id).select_related("session__base", "session__course").first()
    )


def _completed(user_id) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(
        trainee_id=user_id, status=Enrolment.Status.COMPLETED
    ).order_by("-session__ends_on", "-pk")


@dataclass
class PlacementRow:
    """A placement and what confirming it would record."""

    placement: Placement
    enrolment: Enrolment | None
    today: datetime.date

    @property
    def follow_up(self) -> int | None:
        if self.enrolment is None:
            return None
        return fitting_follow_up(self.enrolment.session, self.placement.start_date)

    @property
    def follow_up_label(self) -> str:
        return str(Outcome.FollowUp(self.follow_up).label) if self.follow_up else ""

    @property
    def due_on(self) -> datetime.date | None:
        if self.follow_up is None:
            return None
        return follow_up_due_on(self.enrolment.session, self.follow_up)

    @property
    def can_confirm(self) -> bool:
        return self.due_on is not None and self.due_on <= self.today


def _with_base(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    latest = _completed(OuterRef("user_id"))
    return placements.annotate(
        enrolment_pk=Subquery(latest.values("pk")[:1]),
        base_pk=Subquery(latest.values("session__base_id")[:1]),
    )


def _rows(placements: list[Placement], today: datetime.date) -> list[PlacementRow]:
    enrolments = Enrolment.objects.select_related(
        "session__base", "session__course"
    ).in_bulk([p.enrolment_pk for p in placements if p.enrolment_pk])
    return [
        PlacementRow(placement, enrolments.get(placement.enrolment_pk), today)
        for placement in placements
    ]


def placements_for_staff(
    user: User, *, today: datetime.date, pending: bool = True
) -> list[PlacementRow]:
    """Pending placements (oldest first) or the latest decided ones (newest
    first, DECIDED_SHOWN at most) at the bases where the person is an
    instructor or manager; every base for federation admins. Two queries."""
    bases = placement_base_ids(user)
    placements = _with_base(
        Placement.objects.select_related("user", "client", "decided_by")
    )
    if bases is not None:
        placements = placements.filter(base_pk__in=bases)
    if pending:
        placements = placements.filter(status=Placement.Status.PENDING).order_by(
            "received_at", "pk"
        )
    else:
        placements = placements.exclude(status=Placement.Status.PENDING).order_by(
            "-decided_at", "-pk"
        )[:DECIDED_SHOWN]
    return _rows(list(placements), today)


def placement_for_staff(
    user: User, pk: int, *, today: datetime.date
) -> PlacementRow | None:
    """One placement, if the person may decide it (None otherwise)."""
    bases = placement_base_ids(user)
    placements = _with_base(Placement.objects.select_related("user", "client"))
    if bases is not None:
        placements = placements.filter(base_pk__in=bases)
    placement = placements.filter(pk=pk).first()
    if placement is None:
        return None
    return _rows([placement], today)[0]


def placement_by_reference(client: ApiClient, reference: str) -> Placement | None:
    return (
        Placement.objects.select_related("user__job_profile")
        .filter(client=client, external_id=reference)
        .first()
    )
