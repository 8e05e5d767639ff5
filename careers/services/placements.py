"""Placements: a job the platform says a trainee started. It is received as
pending and becomes an outcome only when the trainee's training base confirms
it, through training's own outcome_record (due dates, closed periods and the
audit trail are its rules, not ours)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from careers.models import ApiClient, Placement
from careers.selectors.placements import fitting_follow_up, latest_completed_enrolment
from training.models import Outcome
from training.selectors.followups import follow_up_due_on
from training.services.records import RecordError, outcome_record

START_TOO_FAR = _("The start date cannot be more than a year from today.")
ALREADY_DECIDED = _("This placement has already been decided.")
NO_COMPLETED_SESSION = _(
    "The trainee has not completed a session, so the job cannot be recorded "
    "as an outcome."
)
NO_FOLLOW_UP = _(
    "The job started more than 12 months after the session ended, after the "
    "last follow-up, so it cannot be recorded as an outcome."
)
NOT_DUE_YET = _(
    "The job would be recorded at the %(follow_up)s follow-up, which is due on "
    "%(due)s. You can confirm it from then."
)
MAX_DAYS_AHEAD = 366


class PlacementError(Exception):
    pass


@transaction.atomic
def placement_receive(
    *,
    client: ApiClient,
    user: User,
    reference: str,
    employer: str,
    job_title: str,
    start_date: datetime.date,
) -> tuple[Placement, bool]:
    """A placement from the platform, pending. Idempotent on the client's
    reference: the placement already held under it is returned unchanged
    (the second element says whether this call created it)."""
    existing = Placement.objects.filter(client=client, external_id=reference).first()
    if existing is not None:
        return existing, False
    if start_date > timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD):
        raise PlacementError(START_TOO_FAR)
    placement = Placement(
        client=client,
        external_id=reference,
        user=user,
        employer=employer,
        job_title=job_title,
        start_date=start_date,
        received_at=timezone.now(),
    )
    placement.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError:
        # The same reference posted twice at once: the other one won.
        return Placement.objects.get(client=client, external_id=reference), False
    return placement, True


def _locked(placement: Placement) -> Placement:
    return (
        Placement.objects.select_for_update(of=("self",))
        .select_related("user", "client")
        .get(pk=placement.pk)
    )


@transaction.atomic
def placement_confirm(*, placement: Placement, actor: User) -> Placement:
    """The base confirms the job: an employed outcome for the trainee's most
    recent completed session, at the first follow-up the job had started by,
    recorded today (outcome_record audits it, refuses it before the
    follow-up is due and respects closed periods). Idempotent."""
    placement = _locked(placement)
    if placement.status == Placement.Status.CONFIRMED:
        return placement
    if placement.status != Placement.Status.PENDING:
        raise PlacementError(ALREADY_DECIDED)
    enrolment = latest_completed_enrolment(placement.user_id)
    if enrolment is None:
        raise PlacementError(NO_COMPLETED_SESSION)
    follow_up = fitting_follow_up(enrolment.session, placement.start_date)
    if follow_up is None:
        raise PlacementError(NO_FOLLOW_UP)
    today = timezone.localdate()
    due = follow_up_due_on(enrolment.session, follow_up)
    if due > today:
        raise PlacementError(
            NOT_DUE_YET
            % {
                "follow_up": Outcome.FollowUp(follow_up).label,
                "due": date_format(due, "DATE_FORMAT"),
            }
        )
    try:
        outcome = outcome_record(
            enrolment=enrolment,
            follow_up=follow_up,
            status=Outcome.Status.EMPLOYED,
            recorded_on=today,
            actor=actor,
            notes=(
                f"{placement.job_title} · {placement.employer} · "
                f"{placement.start_date.isoformat()} ({placement.client})"
            ),
        )
    except RecordError as error:
        raise PlacementError(str(error)) from error
    placement.status = Placement.Status.CONFIRMED
    placement.outcome = outcome
    placement.decided_by = actor
    placement.decided_at = timezone.now()
    placement.save(update_fields=["status", "outcome", "decided_by", "decided_at"])
    return placement


@transaction.atomic
def placement_reject(*, placement: Placement, actor: User) -> Placement:
    """The base does not confirm the job (not theirs, or not true): nothing
    is recorded as an outcome. Idempotent; a confirmed placement stays
    confirmed (its outcome is changed on the follow-ups page)."""
    placement = _locked(placement)
    if placement.status == Placement.Status.REJECTED:
        return placement
    if placement.status != Placement.Status.PENDING:
        raise PlacementError(ALREADY_DECIDED)
    placement.status = Placement.Status.REJECTED
    placement.decided_by = actor
    placement.decided_at = timezone.now()
    placement.save(update_fields=["status", "decided_by", "decided_at"])
    return placement
