"""Enrolment: who gets a place, the waiting list, and status changes."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from training.models import Enrolment, TrainingSession
from training.services.audit import audit_record
from training.services.periods import PeriodLocked, period_lock_check

Status = Enrolment.Status

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.APPLIED: {Status.ENROLLED, Status.WAITLISTED, Status.WITHDRAWN},
    Status.WAITLISTED: {Status.OFFERED, Status.ENROLLED, Status.WITHDRAWN},
    Status.OFFERED: {Status.ENROLLED, Status.WITHDRAWN},
    Status.ENROLLED: {Status.COMPLETED, Status.WITHDRAWN, Status.NOT_COMPLETED},
    Status.COMPLETED: set(),
    Status.WITHDRAWN: set(),
    Status.NOT_COMPLETED: set(),
}

ENROLMENT_CLOSED = _("Enrolment for this session is closed.")
SESSION_OVER = _("This session has finished or was cancelled.")
TRANSITION_REFUSED = _("An enrolment cannot go from “%(old)s” to “%(new)s”.")


class EnrolmentError(Exception):
    pass


class EnrolmentLocked(EnrolmentError, PeriodLocked):
    """The session starts in a closed reporting period."""


def _check_period(session: TrainingSession) -> None:
    period_lock_check(session=session, error=EnrolmentLocked)


def seats_taken(session: TrainingSession) -> int:
    return session.enrolments.filter(status__in=Enrolment.SEAT_HOLDING).count()


def session_lock_for_enrolment(session: TrainingSession) -> TrainingSession:
    """Lock the session row so that concurrent enrolments queue for its seats
    (PostgreSQL row lock; SQLite serialises writers anyway)."""
    return TrainingSession.objects.select_for_update().get(pk=session.pk)


def _seat_or_waitlist(session: TrainingSession) -> str:
    return (
        Status.ENROLLED
        if seats_taken(session) < session.capacity
        else Status.WAITLISTED
    )


def enrolment_create(
    *, trainee: User, session: TrainingSession, actor: User
) -> Enrolment:
    """Enrol a trainee, or put them on the waiting list when the session is
    full. Idempotent: asking twice returns the same enrolment. `actor` is the
    trainee themself or a staff member enrolling on their behalf."""
    try:
        with transaction.atomic():
            session = session_lock_for_enrolment(session)
            existing = Enrolment.objects.filter(
                trainee=trainee, session=session
            ).first()
            if existing is not None:
                return existing
            _check_period(session)
            if session.status in (
                TrainingSession.Status.FINISHED,
                TrainingSession.Status.CANCELLED,
            ):
                raise EnrolmentError(SESSION_OVER)
            assisted = actor.pk != trainee.pk
            if not session.enrolment_open and not assisted:
                raise EnrolmentError(ENROLMENT_CLOSED)
            if session.approval_required and not assisted:
                status = Status.APPLIED
            else:
                status = _seat_or_waitlist(session)
            enrolment = Enrolment(
                trainee=trainee,
                session=session,
                status=status,
                enrolled_by=actor if assisted else None,
                status_changed_at=timezone.now(),
            )
            enrolment.full_clean()
            enrolment.save()
            audit_record(
                actor=actor,
                action="enrolment.create",
                obj=enrolment,
                enrolment=enrolment,
                changes={"status": [None, status], "assisted": [None, assisted]},
            )
            return enrolment
    except IntegrityError:
        # A concurrent identical request won the race: return its enrolment.
        return Enrolment.objects.get(trainee=trainee, session=session)


def enrolment_status_change(
    *, enrolment: Enrolment, status: str, actor: User | None, **fields
) -> Enrolment:
    """Move an enrolment to another status if the table above allows it,
    setting `fields` with it, and audit the change. Call inside the lock."""
    old, new = enrolment.status, status
    if new not in ALLOWED_TRANSITIONS[old]:
        raise EnrolmentError(
            TRANSITION_REFUSED % {"old": Status(old).label, "new": Status(new).label}
        )
    enrolment.status = new
    enrolment.status_changed_at = timezone.now()
    for field, value in fields.items():
        setattr(enrolment, field, value)
    enrolment.save()
    changes = {"status": [old, new]} | {f: [None, str(v)] for f, v in fields.items()}
    audit_record(
        actor=actor,
        action="enrolment.status",
        obj=enrolment,
        enrolment=enrolment,
        changes=changes,
    )
    return enrolment


def _fresh(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_related("session").get(pk=enrolment.pk)


@transaction.atomic
def enrolment_accept(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """An instructor accepts an application: a place if there is one."""
    session = session_lock_for_enrolment(enrolment.session)
    enrolment = _fresh(enrolment)
    _check_period(session)
    return enrolment_status_change(
        enrolment=enrolment, status=_seat_or_waitlist(session), actor=actor
    )


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """Withdraw; a freed seat is offered to the first on the waiting list."""
    session = session_lock_for_enrolment(enrolment.session)
    enrolment = _fresh(enrolment)
    if enrolment.status == Status.WITHDRAWN:
        return enrolment
    _check_period(session)
    held_seat = enrolment.status in Enrolment.SEAT_HOLDING
    enrolment_status_change(enrolment=enrolment, status=Status.WITHDRAWN, actor=actor)
    if held_seat:
        waitlist_offer_next(session=session, actor=actor)
    return enrolment


def waitlist_offer_next(
    *, session: TrainingSession, actor: User | None
) -> Enrolment | None:
    """Offer a free seat to whoever has waited longest. Call inside the lock."""
    if seats_taken(session) >= session.capacity:
        return None
    first = (
        session.enrolments.filter(status=Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    return enrolment_status_change(enrolment=first, status=Status.OFFERED, actor=actor)


@transaction.atomic
def enrolment_offer_respond(
    *, enrolment: Enrolment, accept: bool, actor: User
) -> Enrolment:
    session = session_lock_for_enrolment(enrolment.session)
    enrolment = _fresh(enrolment)
    _check_period(session)
    if accept:
        return enrolment_status_change(
            enrolment=enrolment, status=Status.ENROLLED, actor=actor
        )
    enrolment_status_change(enrolment=enrolment, status=Status.WITHDRAWN, actor=actor)
    waitlist_offer_next(session=session, actor=actor)
    return enrolment


@transaction.atomic
def enrolment_close(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """At the end of a session, an enrolment that did not finish the course."""
    enrolment = _fresh(enrolment)
    _check_period(enrolment.session)
    return enrolment_status_change(
        enrolment=enrolment,
        status=Status.NOT_COMPLETED,
        actor=actor,
        final_result=Enrolment.Result.NOT_PASSED,
    )
